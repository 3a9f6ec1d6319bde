package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import scalecheck.report.ReportWriter;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunSpec;
import scalecheck.sim.RunStatus;
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;

/** Staged sweeps on engines with known answers: growth until decisive, budgets that run out, reuse of runs. */
class StagedSweepTest {
  private static final Path DIR = Path.of("target", "check-tests", "staged");

  /**
   * dW.hidden = 0.7 / (n alpha) times exp(sigma Z), Z standard normal drawn from the run's seed and
   * width; the run's recorded wall time is {@code wall(spec)}; every execution is counted by key.
   */
  static final class Engine implements RunExecutor {
    final double sigma;
    final ToDoubleFunction<RunSpec> wall;
    final Map<String, Integer> executed = new ConcurrentHashMap<>();

    Engine(double sigma, ToDoubleFunction<RunSpec> wall) {
      this.sigma = sigma;
      this.wall = wall;
    }

    @Override
    public RunResult run(RunSpec spec) {
      executed.merge(RunKey.of(spec), 1, Integer::sum);
      double n = spec.model().width();
      SplittableRandom r = new SplittableRandom(spec.seed() * 31 + spec.model().width());
      double v = 0.7 / (n * spec.model().alpha()) * Math.exp(sigma * r.nextGaussian());
      return new RunResult(RunStatus.OK, "", 10, 1.0, wall.applyAsDouble(spec), Map.of("dW.hidden", v), Map.of());
    }

    int total() {
      return executed.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  private static String check(String id, String widths, int seeds, String budget, String extra) {
    return Fixtures.dwCheck(id, "t/dW", "").replace("[64, 128, 256, 512, 1024]", widths)
        .replace("seeds: 4", "seeds: " + seeds) + "budget: " + budget + "\n"
        // the engine's law is an exact power law: the plain fit is the right model (no finite-width term)
        + (extra.contains("fit: {") ? extra.replace("fit: {", "fit: {correction: none, ") : extra + "fit: {correction: none}\n");
  }

  private static Verifier.Result verify(String name, String yaml, RunExecutor ex, Path out) {
    Path f = Fixtures.write(DIR.resolve(name), name + ".yaml", yaml);
    return Fixtures.verify(List.of(f), ex, out, 1, false, 11);
  }

  private static Path fresh(String name) {
    return DIR.resolve(name).resolve("out-" + System.nanoTime());
  }

  /**
   * Seed noise for the checks that must decide at stage 2 (3 seeds, n = 64..512, each look at
   * 1 - 0.05/3): PASS needs the whole interval inside -1 +- 0.1. The slope's standard error is
   * sigma / sqrt(S Sxx) with S = 3 seeds and Sxx = 5 (ln 2)^2 = 2.40 (four doublings), 0.37 sigma, and
   * the jackknife half-width t_{2, 0.9917} = 7.65 times that, 2.85 sigma = 0.014 here: inside the band
   * unless the three-seed estimate of the spread came out seven times too large (chi-square on 2 df:
   * probability below 1e-10). The local slopes scatter by sigma sqrt(2/3) / ln 2 = 0.006, far below
   * the tolerance, so they show no drift.
   */
  private static final double DECISIVE_SIGMA = 0.005;

  @Test
  void undecidedCheckGrowsWiderUntilDecisive() {
    // three widths but four points needed: stage 1 cannot decide, the next width decides
    String y = check("grow", "[64, 128, 256]", 3, "{seeds: 3, size: 1024}", "fit: {min_points: 4}\n");
    CheckResult r = Fixtures.only(verify("grow", y, new Engine(DECISIVE_SIGMA, s -> 1), fresh("grow")));
    assertEquals(Verdict.PASS, r.verdict(), r.reason());
    StagedSweep.StageLog log = r.stages();
    assertNotNull(log);
    assertEquals(3, log.planned(), "1 + two doublings of n up to 1024");
    assertEquals(2, log.ran());
    assertEquals("INCONCLUSIVE", log.stages().get(0).verdict());
    assertEquals("n + 512", log.stages().get(1).grew());
    assertEquals(4, log.stages().get(1).points());
    assertEquals(3, log.stages().get(1).newRuns());
    assertEquals("decisive at stage 2 of 3", log.stopped());
    assertEquals(4, r.points().size());
    assertEquals(12, r.runs());
    assertTrue(r.reason().contains("staged sweep: 2 of 3 planned stages") && r.reason().contains("stopped: decisive"),
        r.reason());
  }

  @Test
  void wideIntervalAddsSeedsFirstAndEachLookUsesTheSplitLevel() {
    // Each look at 1 - 0.05/6; sigma 0.1. Stage 1 (2 seeds, n = 64..256, Sxx = 2 (ln 2)^2 = 0.96): the
    // slope's standard error is sigma / sqrt(2 Sxx) = 0.072 and t_{1, 0.9958} = 76.4, a half-width of
    // about 5.5, far wider than the band (half-width > tolerance): seeds first. At 8 seeds it is still
    // t_7 3.64 x 0.1 / sqrt(8 x 0.96) = 0.13; at 16 seeds 0.077, and with n up to 1024 too
    // (Sxx = 10 (ln 2)^2 = 4.8) t_15 3.04 x 0.1 / sqrt(16 x 4.8) = 0.035 while the slope's error has
    // standard deviation 0.011: the whole interval lies inside -1 +- 0.1 before the budget is spent.
    // Widths are added once the interval is narrower than the band, at 16 seeds, where the local slopes
    // scatter by sigma sqrt(2/16) / ln 2 = 0.05, too little to drift monotonically by more than 0.1.
    String y = check("seeds", "[64, 128, 256]", 2, "{seeds: 16, size: 1024}", "");
    CheckResult r = Fixtures.only(verify("seeds", y, new Engine(0.1, s -> 1), fresh("seeds")));
    StagedSweep.StageLog log = r.stages();
    assertEquals(6, log.planned(), "1 + seeds 2 -> 4 -> 8 -> 16 + n 512, 1024");
    assertEquals(1 - 0.05 / 6, log.lookConfidence(), 1e-12);
    assertTrue(log.ran() >= 2, log.toString());
    assertEquals("seeds 2 -> 4", log.stages().get(1).grew(), log.toString());
    assertTrue(log.rule().startsWith("Bonferroni: the error rate 5% split over the 6 planned looks, each judged at 99.167%"),
        log.rule());
    // the reported interval is at the per-look level
    assertTrue(r.reason().contains("(99% CI ["), r.reason());
    assertEquals(Verdict.PASS, r.verdict(), r.reason());
  }

  @Test
  void budgetThatRunsOutIsInconclusiveWithTheReason() {
    // sigma 0.5: even the last stage (4 seeds, n = 64..512, Sxx = 5 (ln 2)^2 = 2.4) has the half-width
    // t_{3, 0.9917} 4.86 x 0.5 / sqrt(4 x 2.4) = 0.78, far wider than the band, and the slope's error
    // (standard deviation 0.16) cannot carry the whole interval outside it: neither PASS nor FAIL
    String y = check("spent", "[64, 128, 256]", 2, "{seeds: 4, size: 512}", "");
    Engine e = new Engine(0.5, s -> 1);
    CheckResult r = Fixtures.only(verify("spent", y, e, fresh("spent")));
    assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.reason());
    StagedSweep.StageLog log = r.stages();
    assertEquals(3, log.planned());
    assertEquals(3, log.ran(), log.toString());
    assertEquals("budget spent without a decisive verdict after stage 3 of 3 (seeds 4 of 4, n up to 512 of 512)",
        log.stopped());
    assertTrue(r.reason().endsWith("stopped: " + log.stopped()), r.reason());
    assertEquals(16, e.total(), "4 seeds x 4 widths, each run once");
  }

  @Test
  void wallTimeBudgetStopsBeforeAStageThatWouldPassIt() {
    // runs take n / 64 s: stage 1 (2 seeds x 64, 128, 256) records 14 s; 14 more would pass 20 s
    String y = check("wall", "[64, 128, 256]", 2, "{seeds: 8, size: 1024, wall_seconds: 20}", "");
    Engine e = new Engine(2.0, s -> s.model().width() / 64.0);
    CheckResult r = Fixtures.only(verify("wall", y, e, fresh("wall")));
    assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.reason());
    StagedSweep.StageLog log = r.stages();
    assertEquals(1, log.ran());
    assertEquals(14.0, log.stages().get(0).wallSeconds(), 1e-12);
    assertTrue(log.stopped().startsWith("wall-time budget: the next stage (more seeds, 6 runs, about 14 s) would take"
        + " the runs past 20 s (14 s used)"), log.stopped());
    assertEquals(6, e.total());
  }

  @Test
  void aWiderStageIsEstimatedFromTheCostGrowth() {
    // min_points 4 forces a width; runs cost (n / 64)^2 s: 1 + 4 + 16 = 21 s, n = 512 about 64 s per run
    String y = check("wallwide", "[64, 128, 256]", 1, "{seeds: 1, size: 1024, wall_seconds: 80}",
        "fit: {min_points: 4, bootstrap: 0}\n");
    Engine e = new Engine(0.0, s -> Math.pow(s.model().width() / 64.0, 2));
    CheckResult r = Fixtures.only(verify("wallwide", y, e, fresh("wallwide")));
    assertEquals(1, r.stages().ran(), r.stages().toString());
    assertTrue(r.stages().stopped().startsWith("wall-time budget: the next stage (a wider sweep, 1 runs, about 64 s)"),
        r.stages().stopped());
  }

  @Test
  void aStageRunsOnlyItsNewRunsAndARerunRunsNone() {
    String y = check("reuse", "[64, 128, 256]", 2, "{seeds: 16, size: 1024}", "");
    Path out = fresh("reuse");
    // at 4 seeds the half-width is still t_{3, 0.9958} 6.23 x 0.2 / sqrt(4 x 2 (ln 2)^2) = 0.64, wider than
    // the band: at least three stages, each adding runs
    Engine first = new Engine(0.2, s -> 1);
    CheckResult r = Fixtures.only(verify("reuse", y, first, out));
    assertTrue(r.stages().ran() >= 3, r.stages().toString());
    assertTrue(first.executed.values().stream().allMatch(c -> c == 1), "no run executed twice: " + first.executed);
    int newRuns = r.stages().stages().stream().mapToInt(StagedSweep.Stage::newRuns).sum();
    assertEquals(r.runs(), newRuns);
    assertEquals(r.runs(), first.total());
    Engine again = new Engine(0.2, s -> 1);
    CheckResult r2 = Fixtures.only(verify("reuse", y, again, out));
    assertEquals(0, again.total(), "every run is found in results.jsonl");
    assertEquals(r.verdict(), r2.verdict());
    assertEquals(r.stages(), r2.stages());
    assertEquals(r.reason(), r2.reason());
  }

  @Test
  void seriesAreStagedTogether() {
    String y = "id: rd\nlaw: t/rd\nvary: m\nmodel: {depth: 1, param: kappa}\ndata: {d: 3, train: 8, test: 4}\n"
        + "dynamics: {}\nsweep:\n  m: [100, 200]\n  g: [1/4, 1/2]\n  seeds: 2\n"
        + "measure: rd.final\ntolerance: 0.05\nbudget: {size: 800}\n"
        // exact power laws (no noise): the plain fit is the right model; the default finite-width
        // correction in m would need four widths and so hide the point of this test (three suffice)
        + "fit: {correction: none}\n";
    Path f = Fixtures.write(DIR.resolve("series"), "rd.yaml", y);
    Verifier.Result res = Fixtures.verify(List.of(f), Fixtures.powerLaws(0), fresh("series"), 1, false, 3);
    assertEquals(2, res.checks().size());
    for (CheckResult r : res.checks()) {
      assertEquals(Verdict.PASS, r.verdict(), r.reason());
      assertEquals(3, r.points().size(), "two points are too few: one width added for both series");
      assertEquals(2, r.stages().ran());
    }
  }

  @Test
  void reportSaysHowManyStagesRanAndWhyItStopped() throws IOException {
    String y = check("rep", "[64, 128, 256]", 3, "{seeds: 3, size: 1024}", "fit: {min_points: 4}\n");
    Path plain = Fixtures.write(DIR.resolve("rep"), "plain.yaml", Fixtures.dwCheck("plain", "t/dW", ""));
    Path staged = Fixtures.write(DIR.resolve("rep"), "rep.yaml", y);
    Path out = fresh("rep");
    Verifier.Result res = Fixtures.verify(List.of(plain, staged), new Engine(DECISIVE_SIGMA, s -> 1), out, 1, false, 11);
    assertNull(res.checks().get(0).stages());
    ReportWriter.write(new VerifyOutcome(res.checks(), res.runs(), null), out);
    String md = Files.readString(out.resolve("summary.md"));
    assertTrue(md.contains("- staged sweep: 2 of 3 planned stages; stopped: decisive at stage 2 of 3; Bonferroni"), md);
    assertTrue(md.contains("  - stage 2 (n + 512): 3 seeds, 4 values of n up to 512, 12 runs (3 new)"), md);
    String json = Files.readString(out.resolve("report.json"));
    assertTrue(json.contains("\"stopped\" : \"decisive at stage 2 of 3\""), json);
    assertEquals(1, json.split("\"stages\" : \\{", -1).length - 1, "only the staged check has stages");
    String html = Files.readString(out.resolve("index.html"));
    assertTrue(html.contains("staged sweep: 2 of 3 planned stages"), "the verdict table gives the reason");
  }

  // ---- bad budgets: file:line: field, and the check is refused (exit 2) ----

  private static SpecException error(String yaml) {
    CheckParser parser = new CheckParser(Fixtures.laws());
    return assertThrows(SpecException.class, () -> parser.parse(YNode.parse("c.yaml", yaml), Path.of("c.yaml"), false));
  }

  private static void assertAt(SpecException e, int line, String field, String words) {
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().startsWith("c.yaml:" + line + ": " + field + ": "), e.getMessage());
    assertTrue(e.problem().contains(words), e.getMessage());
  }

  @Test
  void badBudgetFieldsNameFileLineAndField() {
    String base = Fixtures.dwCheck("b", "t/dW", "");
    assertAt(error(base + "budget: {seeds: 2}\n"), 12, "budget.seeds", "must be >= sweep.seeds (4), got 2");
    assertAt(error(base + "budget: {seeds: many}\n"), 12, "budget.seeds", "whole number");
    assertAt(error(base + "budget: {size: 1500}\n"), 12, "budget.size",
        "leaves no room to double the largest swept n (1.02e+03): give at least 2.05e+03");
    assertAt(error(base + "budget: {size: 2048.5}\n"), 12, "budget.size", "whole number");
    assertAt(error(base + "budget: {wall_seconds: -3, seeds: 8}\n"), 12, "budget.wall_seconds", "must be > 0");
    assertAt(error(base + "budget: {seeds: 8, sizes: 4096}\n"), 12, "budget.sizes", "unknown field");
    assertAt(error(base + "budget:\n  wall_seconds: 60\n"), 12, "budget", "allows no stage beyond the sweep");
    assertAt(error(base + "budget: {}\n"), 12, "budget", "give at least one of");
    assertAt(error(base + "fast:\n  budget: {seeds: 8}\n"), 13, "fast.budget", "needs a budget: section");
    String alpha = base.replace("vary: n", "vary: alpha").replace("  seeds: 4", "  alpha: [1, 2]\n  seeds: 4");
    assertAt(error(alpha.replace("tolerance: 0.1", "tolerance: 0.1\nbudget: {size: 3}")), 13, "budget.size",
        "give at least 4");
  }

  @Test
  void aBadBudgetMakesTheVerificationExitTwo() {
    Path f = Fixtures.write(DIR.resolve("bad"), "bad.yaml", Fixtures.dwCheck("bad", "t/dW", "budget: {seeds: 1}\n"));
    Verifier.Result res = Fixtures.verify(List.of(f), Fixtures.powerLaws(0), fresh("bad"), 1, false, 1);
    assertEquals(List.of(f + ":12: budget.seeds: must be >= sweep.seeds (4), got 1"), res.badInput());
    assertEquals(2, Verifier.exitCode(res.checks(), !res.badInput().isEmpty()));
  }

  @Test
  void plannedStagesCountSeedDoublingsAndWidthDoublings() {
    CheckParser parser = new CheckParser(Fixtures.laws());
    CheckSpec c = parser.parse(YNode.parse("c.yaml", check("k", "[64, 128, 256]", 3, "{seeds: 20, size: 2048}", "")),
        Path.of("c.yaml"), false);
    // seeds 3 -> 6 -> 12 -> 20 (three), n 512, 1024, 2048 (three)
    assertEquals(7, StagedSweep.plannedStages(c));
    assertEquals(new CheckSpec.Budget(20, 2048, Double.POSITIVE_INFINITY), c.budget());
    assertEquals(1 - 0.05 / 7, StagedSweep.lookConfidence(0.95, 7, true), 1e-15);
    assertEquals(0.95, StagedSweep.lookConfidence(0.95, 7, false));
  }
}
