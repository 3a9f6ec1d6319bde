package scalecheck.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import scalecheck.check.Planner.PlannedRun;
import scalecheck.sim.RunSpec;
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;

/**
 * A whole verification: validate every check before any run, plan and run all their simulations
 * together (shared runs once), then fit and judge each check. A check that fails validation does not
 * stop the others: it is reported as INCONCLUSIVE with its {@code file:line} error as the reason, and
 * {@link Result#badInput()} lists it so the command exits 2.
 */
public final class Verifier {
  private final LawSource laws;
  private final RunExecutor executor;
  private final SweepPart shard;

  public Verifier(LawSource laws, RunExecutor executor) {
    this(laws, executor, SweepPart.WHOLE);
  }

  private Verifier(LawSource laws, RunExecutor executor, SweepPart shard) {
    this.laws = laws;
    this.executor = executor;
    this.shard = shard;
  }

  /**
   * How to verify.
   *
   * @param seed verification seed (initialisations, data, bootstrap)
   * @param threads concurrent runs
   * @param maxMemory bytes the JVM may use ({@code Runtime.maxMemory()})
   */
  public record Options(boolean fast, long seed, int threads, long maxMemory) {}

  /** Results of every check, the runs behind them, and the input errors (file:line messages). */
  public record Result(List<CheckResult> checks, List<RunRecord> runs, List<String> badInput) {}

  /** Validated checks, the errors of the others, and the warnings of all (file:line messages). */
  public record Prepared(List<CheckSpec> checks, List<CheckResult> rejected, List<String> errors,
      List<String> warnings) {}

  /** Parses and validates every file, including the engine's own validation of each run's settings. */
  public Prepared prepare(List<Path> files, Options opt) {
    CheckParser parser = new CheckParser(laws);
    List<CheckSpec> ok = new ArrayList<>();
    List<CheckResult> rejected = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    Map<String, Path> ids = new LinkedHashMap<>();
    for (Path f : files) {
      String id = f.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      try {
        YNode root = YNode.parse(f);
        if (root.isMap() && root.get("id") != null && root.get("id").isScalar() && root.get("id").text() != null) {
          id = root.get("id").text();
        }
        CheckSpec c = parser.parse(root, f, opt.fast());
        if (ids.containsKey(c.id())) {
          throw root.get("id").error("id '" + c.id() + "' is already used by " + ids.get(c.id()));
        }
        if (c.measurements() == null) validateRuns(c, opt); // a file's rows were validated as it was read
        if (root.get("fast") != null) {
          // the other variant too (engine ranges only: its memory does not matter for this run)
          validateRuns(parser.parse(root, f, !opt.fast()),
              new Options(!opt.fast(), opt.seed(), opt.threads(), Long.MAX_VALUE));
        }
        ids.put(c.id(), f);
        ok.add(c);
      } catch (SpecException e) {
        errors.add(e.getMessage());
        rejected.add(new CheckResult(id, null, null, null, null, null, null, null, null, null, null, 0, null,
            Verdict.REFUSED, e.getMessage(), List.of(), List.of(), 0, 0, List.of(), false,
            Map.of()));
      }
    }
    return new Prepared(ok, rejected, errors, parser.warnings());
  }

  /** Engine validation of every run a check would make, and the memory limit. */
  void validateRuns(CheckSpec c, Options opt) {
    long worst = 0;
    RunSpec worstSpec = null;
    for (RunSpec s : Planner.validationSpecs(c, opt.seed())) {
      try {
        basicValidate(s);
        executor.validate(s);
      } catch (IllegalArgumentException e) {
        throw blame(c, e.getMessage());
      }
      long b = executor.estimateBytes(s);
      if (b > worst) {
        worst = b;
        worstSpec = s;
      }
    }
    long need = worst * Math.max(1, opt.threads());
    if (worstSpec != null && need > opt.maxMemory()) {
      String where = c.origin().getOrDefault("model.width", "sweep");
      throw new SpecException(c.file(), c.root().lineOf(where), where, String.format(Locale.ROOT,
          "the largest run (width %d, P %d) needs about %s, %d at once need %s, more than the JVM limit %s "
              + "(raise -Xmx through SCALECHECK_JAVA_OPTS, use fewer --threads, or a smaller sweep)",
          worstSpec.model().width(), worstSpec.data().train(), mib(worst), Math.max(1, opt.threads()), mib(need),
          mib(opt.maxMemory())));
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }

  /** Ranges every engine needs, with the engine's message format ({@code field: problem}). */
  static void basicValidate(RunSpec s) {
    var m = s.model();
    var d = s.data();
    if (m.width() < 1) throw new IllegalArgumentException("model.width: must be >= 1, got " + m.width());
    if (m.depth() < 1) throw new IllegalArgumentException("model.depth: must be >= 1, got " + m.depth());
    if (!(m.alpha() > 0) || Double.isInfinite(m.alpha())) {
      throw new IllegalArgumentException("model.alpha: must be > 0 and finite, got " + m.alpha());
    }
    if (!(m.kappa() > 0) || Double.isInfinite(m.kappa())) {
      throw new IllegalArgumentException("model.kappa: must be > 0 and finite, got " + m.kappa());
    }
    if (d.train() < 1) throw new IllegalArgumentException("data.train: must be >= 1, got " + d.train());
    if (d.test() < 0) throw new IllegalArgumentException("data.test: must be >= 0, got " + d.test());
  }

  /** Maps an engine message {@code model.width: ...} to the line of the YAML field that set it. */
  static SpecException blame(CheckSpec c, String message) {
    String msg = message == null ? "invalid settings" : message;
    int colon = msg.indexOf(": ");
    String field = colon > 0 ? msg.substring(0, colon) : null;
    String problem = colon > 0 ? msg.substring(colon + 2) : msg;
    if (field != null && field.matches("[A-Za-z0-9_.\\[\\]]+")) {
      String where = c.origin().get(field);
      if (where == null) {
        String section = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        where = c.root().has(section) ? section : field;
      }
      String shown = where.equals(field) ? field : where + " (" + field + ")";
      return new SpecException(c.file(), c.root().lineOf(where), shown, problem);
    }
    return new SpecException(c.file(), c.root().line(), null, msg);
  }

  /**
   * A copy that runs only the runs (and adaptive units such as one alpha* bisection) that shard
   * {@code s} owns; with a proper shard nothing is judged (the merged results are).
   */
  public Verifier withShard(SweepPart s) {
    return new Verifier(laws, executor, s);
  }

  /** Runs and judges the prepared checks (with a proper shard: only runs its part, judges nothing). */
  public Result run(Prepared prepared, Options opt, Runner runner) {
    if (!shard.isWhole()) return runShard(prepared, opt, runner);
    List<PlannedRun> all = new ArrayList<>();
    Map<String, List<PlannedRun>> byCheck = new LinkedHashMap<>();
    int bisectRuns = 0;
    for (CheckSpec c : prepared.checks()) {
      List<PlannedRun> runs = Planner.plan(c, opt.seed());
      byCheck.put(c.id(), runs);
      all.addAll(runs);
      if (c.bisect() != null) {
        bisectRuns += Planner.seriesCombinations(c.sweep(), c.vary()).size() * c.sweep().get(c.vary()).size()
            * c.seeds() * c.bisect().iterations();
      }
    }
    long unique = all.stream().map(PlannedRun::key).distinct().count();
    runner.progress().addTotal((int) unique + bisectRuns);
    Map<String, RunRecord> records = runner.runAll(all);
    List<CheckResult> results = new ArrayList<>();
    List<RunRecord> used = new ArrayList<>(records.values());
    for (CheckSpec c : prepared.checks()) {
      if (c.bisect() != null) { // alpha* per point, each bisection step a batch of runs
        results.addAll(Evaluator.evaluate(c, laws, new BisectionMeasurements(runner, opt.seed(), shard, used),
            opt.seed()));
      } else if (c.measurements() != null) {
        results.addAll(Evaluator.evaluate(c, laws, new FileMeasurements(c.measurements()), opt.seed()));
      } else if (CollapseCheck.isCollapse(c)) { // collapse check kind: one fit over all widths
        results.add(CollapseCheck.evaluate(c, laws, byCheck.get(c.id()), records, opt.seed()));
      } else if (c.budget() != null) { // staged sweep: grows from the runs above until decisive or out of budget
        results.addAll(StagedSweep.verify(c, laws, opt.seed(), runner, records, used));
      } else {
        results.addAll(Evaluator.evaluate(c, laws, byCheck.get(c.id()), records, opt.seed()));
      }
    }
    runner.progress().finish();
    results.addAll(prepared.rejected());
    Map<String, RunRecord> dedup = new LinkedHashMap<>();
    for (RunRecord r : used) if (r != null) dedup.putIfAbsent(r.key(), r);
    return new Result(results, List.copyOf(dedup.values()), prepared.errors());
  }

  private Result runShard(Prepared prepared, Options opt, Runner runner) {
    List<PlannedRun> mine = new ArrayList<>();
    for (CheckSpec c : prepared.checks()) {
      for (PlannedRun r : Planner.plan(c, opt.seed())) if (shard.owns(r.key())) mine.add(r);
    }
    runner.progress().addTotal((int) mine.stream().map(PlannedRun::key).distinct().count());
    List<RunRecord> used = new ArrayList<>(runner.runAll(mine).values());
    for (CheckSpec c : prepared.checks()) {
      if (c.bisect() != null) new BisectionMeasurements(runner, opt.seed(), shard, used).series(c);
    }
    runner.progress().finish();
    return new Result(List.of(), used, prepared.errors());
  }

  /**
   * Exit code of a set of results: 2 bad input (or a REFUSED check), 1 a FAIL, 3 an INCONCLUSIVE or a
   * FAIL outside the law's assumptions (an expected disagreement, marked in the report), else 0.
   */
  public static int exitCode(List<CheckResult> results, boolean badInput) {
    if (badInput) return 2;
    for (CheckResult r : results) if (r.verdict() == Verdict.REFUSED) return 2;
    boolean fail = false;
    boolean inconclusive = false;
    for (CheckResult r : results) {
      Verdict v = r.verdict();
      if (r.negativeControl()) {
        // a negative control that FAILs is the verifier working; one that PASSes is a failure
        if (v == Verdict.PASS) fail = true;
        else if (v == Verdict.INCONCLUSIVE) inconclusive = true;
      } else if (v == Verdict.FAIL && r.assumptions() != null && !r.assumptions().isEmpty()) {
        // outside the law's assumptions a disagreement is expected: reported, but not a FAIL of the theory
        inconclusive = true;
      } else if (v == Verdict.FAIL) {
        fail = true;
      } else if (v == Verdict.INCONCLUSIVE) {
        inconclusive = true;
      }
    }
    return fail ? 1 : inconclusive ? 3 : 0;
  }
}
