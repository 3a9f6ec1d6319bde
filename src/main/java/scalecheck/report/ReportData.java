package scalecheck.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import scalecheck.check.CheckResult;
import scalecheck.check.CollapseCheck;
import scalecheck.check.RunRecord;
import scalecheck.check.VerifyOutcome;

/**
 * What every part of a report is drawn or written from: the verification, its finished runs, each
 * check's file stem and label, and the scaling variable kappa the results define.
 *
 * @param outcome the verification as given
 * @param checks its results (empty when none)
 * @param runs every run (empty when none)
 * @param ok the runs that finished
 * @param files file stem of each check's figures, unique even when one check id has several series
 * @param labels check id, followed by the settings that tell its series apart when one id has several
 * @param kappa the scaling variable of the collapse results
 */
record ReportData(VerifyOutcome outcome, List<CheckResult> checks, List<RunRecord> runs, List<RunRecord> ok,
    List<String> files, List<String> labels, Kappa kappa) {

  static ReportData of(VerifyOutcome o) {
    List<CheckResult> checks = o.checks() == null ? List.of() : o.checks();
    List<RunRecord> runs = o.runs() == null ? List.of() : o.runs();
    return new ReportData(o, checks, runs, Runs.ok(runs), files(checks), labels(checks), Kappa.of(checks));
  }

  /** Whether {@code c} is the result of a collapse check (it holds the curves it superposed). */
  static boolean isCollapse(CheckResult c) {
    return c.fixed() != null && c.fixed().get(CollapseCheck.CURVES) instanceof Map;
  }

  /** The finished runs of deep nets (not the 2D mean-field student, which stores trajectories). */
  List<RunRecord> deep() {
    return ok.stream().filter(r -> Runs.series(r, "traj.w") == null).toList();
  }

  private static List<String> files(List<CheckResult> checks) {
    Map<String, Integer> seen = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (CheckResult c : checks) {
      String base = "check-" + Fmt.slug(c.id());
      int k = seen.merge(base, 1, Integer::sum);
      out.add(k == 1 ? base : base + "-" + k);
    }
    return out;
  }

  private static List<String> labels(List<CheckResult> checks) {
    List<String> out = new ArrayList<>();
    for (CheckResult c : checks) {
      List<CheckResult> same = checks.stream().filter(o -> Objects.equals(o.id(), c.id())).toList();
      if (same.size() < 2 || c.fixed() == null) {
        out.add(c.id());
        continue;
      }
      StringBuilder b = new StringBuilder();
      for (Map.Entry<String, Object> e : c.fixed().entrySet()) {
        boolean differs = same.stream().anyMatch(o -> o.fixed() == null
            || !Objects.equals(o.fixed().get(e.getKey()), e.getValue()));
        if (differs) b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(" = ").append(e.getValue());
      }
      out.add(b.length() == 0 ? c.id() : c.id() + " (" + b + ")");
    }
    return out;
  }
}
