package scalecheck.check;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import scalecheck.check.CheckSpec.Budget;
import scalecheck.check.CheckSpec.FitOptions;
import scalecheck.check.CheckSpec.SweepValue;
import scalecheck.check.Planner.PlannedRun;

/**
 * A sweep that grows in stages until its verdict is decisive or its budget is spent (a check with
 * {@code budget: {seeds: S, size: N, wall_seconds: W}}).
 *
 * <p><b>Plan, fixed before any run.</b> The check's own sweep (s_0 seeds, largest varied value x_0) is
 * stage 1. Each later stage either doubles the seeds, s -&gt; min(2s, S), or appends the next doubled
 * value 2 x_max of the varied symbol while 2 x_max &lt;= N. So at most
 * K = 1 + #{seed doublings from s_0 to S} + floor(log2(N / x_0)) stages can run, whatever the data say.
 *
 * <p><b>Which growth.</b> After each stage every series is judged ({@link Judge}). A stage is added
 * only while some series is not decisive (neither PASS nor FAIL): more seeds when an undecided
 * series' interval is missing or wider than the tolerance band, that is its half-width
 * (hi - lo)/2 exceeds tol, otherwise the next width; when the preferred growth is used up, the other
 * one. The split follows the verdict rule: PASS needs the whole interval inside p +- tol, so an
 * interval with half-width above tol can never PASS (and straddles an edge of the band unless it
 * lies wholly outside, a FAIL) until it narrows, and seeds narrow it most directly (the seed
 * jackknife half-width is about t_{S-1} sigma / sqrt(S Sxx) for log-scale seed noise sigma and
 * Sxx = sum (log x_i - mean)^2: doubling S shrinks it by sqrt(2) and the falling t quantile more). An undecided interval no wider than the band either
 * reaches across an edge (the exponent sits near p +- tol) or lies inside while the plain fit's local
 * slopes still drift; a wider sweep narrows the interval too (Sxx grows) and tests the drift at larger
 * widths, which more seeds cannot. It stops when every series is decisive, when both growths are
 * used up, or when the recorded wall times of the check's runs (each run's own time, so the decision
 * is the same when a rerun finds the runs stored) would pass W with the next stage; the next
 * stage's cost is estimated from the runs done (for a new width, from the cost growth between the two
 * largest values).
 *
 * <p><b>Looking more than once.</b> Judging after every stage and stopping at the first decisive
 * verdict would make a FAIL of a true law more likely than the stated 1 - c. Each of the K planned
 * looks is therefore judged at confidence c' = 1 - (1 - c)/K: by Bonferroni's inequality the chance
 * that any look's interval misses the true exponent is at most K (1 - c)/K = 1 - c. This is the
 * simplest of the group-sequential designs (C. Jennison and B. W. Turnbull 2000, "Group Sequential
 * Methods with Applications to Clinical Trials", Chapman and Hall/CRC: repeated confidence intervals
 * and error spending), and the equal-split case of the error-spending approach of Lan and DeMets (1983),
 * "Discrete sequential boundaries for clinical trials", Biometrika 70(3), 659-663. It is conservative
 * (the looks are positively correlated), and it spends on every planned look even when the sweep
 * stops early; in exchange it needs no model of the correlation between looks. The calibration
 * (StagedCalibrationProperties) measures the rates it gives.
 *
 * <p><b>Runs.</b> Seeds keep their indices and values keep their settings, so every run of stage k
 * is a run of stage k + 1: a stage costs only its new runs, and the results store makes a rerun
 * skip them all. With {@code --shard}, a staged check runs its first stage only; the verification of
 * the merged folder grows it.
 */
public final class StagedSweep {
  private StagedSweep() {}

  /**
   * One stage as run.
   *
   * @param grew what this stage added ("start", "seeds 3 -> 6", "n + 2048")
   * @param largest the largest value of the varied symbol in the stage
   * @param newRuns runs this stage added; {@code runs} all runs behind its verdict
   * @param wallSeconds recorded wall time of all runs behind its verdict
   * @param verdict the verdict of each series at this look, joined by ", "
   */
  public record Stage(int stage, String grew, int seeds, double largest, int points, int newRuns, int runs,
      double wallSeconds, String verdict) {}

  /**
   * What a staged sweep did.
   *
   * @param planned K, the stages the budget allows at most (fixed before any run)
   * @param ran stages run
   * @param lookConfidence the confidence each look was judged at, 1 - (1 - c)/K with the split
   * @param rule the error-rate rule, in words
   * @param stopped why it stopped, in words
   */
  public record StageLog(int planned, int ran, double lookConfidence, String rule, String stopped,
      List<Stage> stages) {}

  /** One look: the results of each series and the records of the runs behind them. */
  public record Look(List<CheckResult> results, Map<String, RunRecord> records) {}

  /** Runs (or finds) the runs of a stage's design and judges it. */
  public interface Stager {
    /** @param design the check with this stage's sweep, seeds and per-look confidence */
    Look look(CheckSpec design, int stage);
  }

  /** K: the most stages the check's budget allows. */
  public static int plannedStages(CheckSpec c) {
    Budget b = c.budget();
    if (b == null) return 1;
    int k = 1;
    for (int s = c.seeds(); s < b.seeds(); s = Math.min(2 * s, b.seeds())) k++;
    if (!Double.isNaN(b.size())) {
      for (double x = largest(c.sweep().get(c.vary())) * 2; x <= b.size(); x *= 2) k++;
    }
    return k;
  }

  /** The confidence of each look: 1 - (1 - c)/K (Bonferroni), or c itself without the split. */
  public static double lookConfidence(double confidence, int planned, boolean split) {
    return split ? 1 - (1 - confidence) / planned : confidence;
  }

  /** Runs the staged sweep of {@code c} with the Bonferroni split. */
  public static List<CheckResult> run(CheckSpec c, Stager stager) {
    return run(c, stager, true);
  }

  /**
   * Runs the staged sweep of {@code c}; {@code split = false} judges every look at the nominal level
   * (only to measure what the split buys, see StagedCalibrationProperties).
   */
  static List<CheckResult> run(CheckSpec c, Stager stager, boolean split) {
    Budget b = c.budget();
    if (b == null) throw new IllegalArgumentException("check " + c.id() + " has no budget");
    int planned = plannedStages(c);
    double conf = lookConfidence(c.fit().confidence(), planned, split);
    List<SweepValue> xs = new ArrayList<>(c.sweep().get(c.vary()));
    int seeds = c.seeds();
    List<Stage> stages = new ArrayList<>();
    String grew = "start";
    int runsBefore = 0;
    Look look;
    String stopped;
    while (true) {
      CheckSpec design = design(c, xs, seeds, conf);
      look = stager.look(design, stages.size() + 1);
      int runs = look.records().size();
      double wall = wallOf(look.records());
      stages.add(new Stage(stages.size() + 1, grew, seeds, largest(xs), xs.size(), runs - runsBefore, runs, wall,
          verdicts(look.results())));
      runsBefore = runs;
      if (decisive(look.results())) {
        stopped = "decisive at stage " + stages.size() + " of " + planned;
        break;
      }
      boolean canSeeds = seeds < b.seeds();
      double nextX = largest(xs) * 2;
      boolean canWidth = !Double.isNaN(b.size()) && nextX <= b.size();
      if (!canSeeds && !canWidth) {
        stopped = "budget spent without a decisive verdict after stage " + stages.size() + " of " + planned + " (seeds "
            + seeds + " of " + b.seeds() + (Double.isNaN(b.size()) ? "" : ", " + c.vary() + " up to " + text(c.vary(),
            largest(xs)) + " of " + text(c.vary(), b.size())) + ")";
        break;
      }
      boolean wantSeeds = wide(look.results(), c.tolerance());
      boolean growSeeds = canSeeds && (wantSeeds || !canWidth);
      int newRuns;
      double estimate;
      int series = Math.max(1, look.results().size());
      if (growSeeds) {
        int next = Math.min(2 * seeds, b.seeds());
        newRuns = (next - seeds) * xs.size() * series;
        estimate = runs == 0 ? 0 : wall / runs * newRuns;
      } else {
        newRuns = seeds * series;
        estimate = newRuns * perRunAt(look.records(), c.vary(), xs, nextX);
      }
      if (Double.isFinite(b.wallSeconds()) && wall + estimate > b.wallSeconds()) {
        stopped = String.format(Locale.ROOT, "wall-time budget: the next stage (%s, %d runs, about %.0f s) would take"
            + " the runs past %.0f s (%.0f s used) after stage %d of %d", growSeeds ? "more seeds" : "a wider sweep",
            newRuns, estimate, b.wallSeconds(), wall, stages.size(), planned);
        break;
      }
      if (growSeeds) {
        int next = Math.min(2 * seeds, b.seeds());
        grew = "seeds " + seeds + " -> " + next;
        seeds = next;
      } else {
        xs.add(new SweepValue(text(c.vary(), nextX), nextX));
        grew = c.vary() + " + " + text(c.vary(), nextX);
      }
    }
    String rule = split
        ? String.format(Locale.ROOT, "Bonferroni: the error rate %s%% split over the %d planned looks, each judged at %s%%"
            + " (Jennison and Turnbull 2000; Lan and DeMets 1983)", pct(1 - c.fit().confidence()), planned,
            pct(conf))
        : "no split: every look judged at the nominal " + pct(conf) + "% (uncorrected)";
    StageLog log = new StageLog(planned, stages.size(), conf, rule, stopped, List.copyOf(stages));
    String note = "; staged sweep: " + stages.size() + " of " + planned + " planned stages (" + stages.get(
        stages.size() - 1).seeds() + " seeds, " + c.vary() + " up to " + text(c.vary(), largest(xs)) + ", each look at "
        + pct(conf) + "%), stopped: " + stopped;
    List<CheckResult> out = new ArrayList<>();
    for (CheckResult r : look.results()) out.add(r.withStages(r.reason() + note, log));
    return out;
  }

  /**
   * The Verifier's stage loop: stage 1 is the check's own sweep, already run with every other check
   * ({@code batch}); each later stage runs only its new runs through {@code runner}.
   */
  static List<CheckResult> verify(CheckSpec c, LawSource laws, long seed, Runner runner, Map<String, RunRecord> batch,
      List<RunRecord> used) {
    Map<String, RunRecord> known = new LinkedHashMap<>();
    Stager stager = (design, stage) -> {
      List<PlannedRun> runs = Planner.plan(design, seed);
      List<PlannedRun> fresh = new ArrayList<>();
      Set<String> planned = new LinkedHashSet<>();
      for (PlannedRun r : runs) {
        planned.add(r.key());
        if (known.containsKey(r.key())) continue;
        if (stage == 1 && batch.containsKey(r.key())) known.put(r.key(), batch.get(r.key()));
        else fresh.add(r);
      }
      if (!fresh.isEmpty()) {
        runner.progress().addTotal((int) fresh.stream().map(PlannedRun::key).distinct().count());
        Map<String, RunRecord> got = runner.runAll(fresh);
        known.putAll(got);
        used.addAll(got.values());
      }
      Map<String, RunRecord> mine = new LinkedHashMap<>();
      for (String k : planned) mine.put(k, known.get(k));
      return new Look(Evaluator.evaluate(design, laws, runs, mine, seed), mine);
    };
    return run(c, stager);
  }

  /** The check with another sweep of the varied symbol, seeds and interval level. */
  static CheckSpec design(CheckSpec c, List<SweepValue> xs, int seeds, double confidence) {
    Map<String, List<SweepValue>> sweep = new LinkedHashMap<>(c.sweep());
    sweep.put(c.vary(), List.copyOf(xs));
    FitOptions f = c.fit();
    FitOptions fit = new FitOptions(f.drop(), f.minPoints(), confidence, f.minR2(), f.maxExcluded(),
        f.correction());
    return new CheckSpec(c.file(), c.root(), c.id(), c.title(), c.laws(), c.vary(), c.base(), sweep, seeds,
        c.measure(), c.tolerance(), fit, c.expect(), c.regime(), c.bisect(), c.mustFail(), c.note(), c.origin(),
        c.budget(), c.measurements());
  }

  private static boolean decisive(List<CheckResult> results) {
    if (results.isEmpty()) return false;
    for (CheckResult r : results) if (r.verdict() != Verdict.PASS && r.verdict() != Verdict.FAIL) return false;
    return true;
  }

  /**
   * Some undecided series has no interval, or one wider than the tolerance band: half-width
   * (hi - lo)/2 &gt; tol, so that it cannot lie inside p +- tol (the PASS rule of {@link Judge}) whatever
   * its centre.
   */
  private static boolean wide(List<CheckResult> results, double tol) {
    for (CheckResult r : results) {
      if (r.verdict() == Verdict.PASS || r.verdict() == Verdict.FAIL) continue;
      if (r.ciLow() == null || r.ciHigh() == null || (r.ciHigh() - r.ciLow()) / 2 > tol) return true;
    }
    return false;
  }

  private static String verdicts(List<CheckResult> results) {
    List<String> v = new ArrayList<>();
    for (CheckResult r : results) v.add(String.valueOf(r.verdict()));
    return String.join(", ", v);
  }

  private static double wallOf(Map<String, RunRecord> records) {
    double w = 0;
    for (RunRecord r : records.values()) if (r != null && Double.isFinite(r.wallSeconds())) w += r.wallSeconds();
    return w;
  }

  /**
   * Estimated wall time of one run at {@code next}: the mean at the largest value times the growth
   * between the two largest values, carried on geometrically (at least 1: wider is never cheaper).
   */
  private static double perRunAt(Map<String, RunRecord> records, String vary, List<SweepValue> xs, double next) {
    List<Double> sorted = xs.stream().map(SweepValue::value).sorted().toList();
    double top = sorted.get(sorted.size() - 1);
    double atTop = meanWallAt(records, vary, top);
    if (sorted.size() < 2 || !(atTop > 0)) return Math.max(atTop, 0);
    double below = sorted.get(sorted.size() - 2);
    double atBelow = meanWallAt(records, vary, below);
    double growth = atBelow > 0 ? Math.max(1, atTop / atBelow) : 1;
    return atTop * Math.pow(growth, Math.log(next / top) / Math.log(top / below));
  }

  private static double meanWallAt(Map<String, RunRecord> records, String vary, double x) {
    double sum = 0;
    int n = 0;
    for (RunRecord r : records.values()) {
      if (r == null || r.params() == null) continue;
      Double v = r.params().get(vary);
      if (v != null && v == x && Double.isFinite(r.wallSeconds())) {
        sum += r.wallSeconds();
        n++;
      }
    }
    return n == 0 ? 0 : sum / n;
  }

  private static double largest(List<SweepValue> xs) {
    double m = Double.NEGATIVE_INFINITY;
    for (SweepValue x : xs) m = Math.max(m, x.value());
    return m;
  }

  /** A value as a sweep would write it: whole numbers without a decimal point. */
  static String text(String vary, double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String pct(double p) {
    String s = String.format(Locale.ROOT, "%.3f", 100 * p);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
