package scalecheck.report;

import java.util.List;
import java.util.Map;
import scalecheck.check.CheckResult;
import scalecheck.check.Competitor;
import scalecheck.check.Provenance;
import scalecheck.check.StagedSweep;
import scalecheck.check.VerifyOutcome;

/** {@code summary.md}: the verdict table first, then one short section per check, then provenance. */
final class SummaryMd {
  private SummaryMd() {}

  static String render(VerifyOutcome o, List<String> skipped) {
    StringBuilder b = new StringBuilder();
    List<CheckResult> checks = o.checks() == null ? List.of() : o.checks();
    b.append("# scalecheck report\n\n");
    b.append("| check | law | predicted | raw | extrapolated | judged | interval | verdict |\n");
    b.append("|---|---|---|---|---|---|---|---|\n");
    List<String> labels = Plots.checkLabels(checks);
    for (int i = 0; i < checks.size(); i++) {
      CheckResult c = checks.get(i);
      if (refused(c)) {
        // no verdict: the table shows the error instead of an empty fit
        b.append("| ").append(Fmt.md(labels.get(i))).append(" | ").append(Fmt.md(c.law()))
            .append(" | - | - | - | REFUSED: ").append(Fmt.md(c.reason())).append(" |\n");
        continue;
      }
      b.append("| ").append(Fmt.md(labels.get(i)))
          .append(" | ").append(Fmt.md(c.law()))
          .append(" | ").append(Fmt.md(predictedText(c)))
          .append(" | ").append(Fmt.num(raw(c)))
          .append(" | ").append(Fmt.num(extrapolated(c)))
          .append(" | ").append(Fmt.num(c.fitted()))
          .append(" | ").append(interval(c))
          .append(" | ").append(c.verdict() == null ? "-" : c.verdict().name())
          .append(" |\n");
    }
    b.append('\n');
    for (int i = 0; i < checks.size(); i++) {
      CheckResult c = checks.get(i);
      b.append("## ").append(Fmt.md(labels.get(i))).append(": ")
          .append(c.verdict() == null ? "-" : c.verdict().name()).append("\n\n");
      if (refused(c)) {
        b.append("Refused as bad input, not run and no verdict:\n\n    ").append(nz(c.reason())).append("\n\n");
        continue;
      }
      b.append("- law: `").append(nz(c.law())).append("`, exponent in ").append(nz(c.vary()))
          .append(", expect ").append(nz(c.expect())).append('\n');
      b.append("- measured: `").append(nz(c.measure())).append("`; norm: ").append(nz(c.norm()))
          .append('\n');
      if (c.fixed() != null && !c.fixed().isEmpty()) {
        b.append("- held fixed: ").append(fixedText(c.fixed())).append('\n');
      }
      b.append("- predicted ").append(predictedText(c)).append(", fitted ").append(Fmt.num(c.fitted()));
      if (c.stdErr() != null) b.append(" (s.e. ").append(Fmt.num(c.stdErr())).append(')');
      b.append(", interval ").append(interval(c)).append(", tolerance ").append(Fmt.num(c.tolerance()));
      if (c.r2() != null) b.append(", R^2 ").append(Fmt.num(c.r2()));
      b.append('\n');
      if (c.localSlopes() != null && !c.localSlopes().isEmpty()) {
        b.append("- local slopes: ");
        for (int j = 0; j < c.localSlopes().size(); j++) {
          if (j > 0) b.append(", ");
          b.append(Fmt.num(c.localSlopes().get(j)));
        }
        b.append('\n');
      }
      if (c.extrapolation() != null) {
        CheckResult.Extrapolation e = c.extrapolation();
        b.append("- finite width: raw slope ").append(Fmt.num(e.raw()));
        if (e.extrapolated() != null) {
          b.append(", extrapolated ").append(Fmt.num(e.extrapolated())).append(" (omega ").append(Fmt.num(e.omega()))
              .append(", b ").append(Fmt.num(e.b())).append(')');
        }
        b.append("; judged: ").append(e.judged()).append("; interval by ").append(nz(e.method())).append('\n');
      }
      if (c.assumptions() != null && !c.assumptions().isEmpty()) {
        b.append("- outside the law's assumptions: ").append(String.join(", ", c.assumptions())).append('\n');
      }
      b.append("- runs: ").append(c.runs()).append(" used, ").append(c.excluded()).append(" excluded\n");
      if (c.stages() != null) stagesText(b, c);
      if (c.negativeControl()) {
        b.append("- negative control: this check asserts a wrong law on purpose and must FAIL\n");
      }
      if (c.competing() != null) {
        for (Competitor k : c.competing()) {
          b.append("- competing prediction `").append(nz(k.law())).append("` ")
              .append(k.predicted() == null ? "-" : k.predicted())
              .append(": ").append(k.verdict()).append(" (").append(nz(k.reason())).append(")\n");
        }
      }
      b.append("\n").append(nz(c.reason())).append("\n\n");
    }
    if (skipped != null && !skipped.isEmpty()) {
      b.append("## Plots not drawn\n\n");
      for (String s : skipped) b.append("- ").append(s).append('\n');
      b.append('\n');
    }
    b.append("## Provenance\n\n");
    for (String[] kv : provenanceRows(o.provenance())) {
      b.append("- ").append(kv[0]).append(": ").append(kv[1]).append('\n');
    }
    return b.toString();
  }

  /** A staged sweep: how many stages ran of how many planned, why it stopped, and each stage. */
  private static void stagesText(StringBuilder b, CheckResult c) {
    StagedSweep.StageLog s = c.stages();
    b.append("- staged sweep: ").append(s.ran()).append(" of ").append(s.planned()).append(" planned stages; stopped: ")
        .append(nz(s.stopped())).append("; ").append(nz(s.rule())).append('\n');
    if (s.stages() == null) return;
    for (StagedSweep.Stage st : s.stages()) {
      b.append("  - stage ").append(st.stage()).append(" (").append(nz(st.grew())).append("): ").append(st.seeds())
          .append(" seeds, ").append(st.points()).append(" values of ").append(nz(c.vary())).append(" up to ")
          .append(Fmt.num(st.largest())).append(", ").append(st.runs()).append(" runs (").append(st.newRuns())
          .append(" new), ").append(Fmt.num(st.wallSeconds())).append(" s of runs: ").append(nz(st.verdict()))
          .append('\n');
    }
  }

  /** True when the check was refused as bad input (it has no verdict). */
  static boolean refused(CheckResult c) {
    return c.verdict() == scalecheck.check.Verdict.REFUSED;
  }

  static String predictedText(CheckResult c) {
    if (c.predicted() == null) return "-";
    String e = c.expect();
    if ("below".equals(e)) return "< " + c.predicted();
    if ("above".equals(e)) return "> " + c.predicted();
    return c.predicted().toString();
  }

  /** The plain log-log slope (the judged value when there is no corrected fit). */
  static Double raw(CheckResult c) {
    return c.extrapolation() != null ? Double.valueOf(c.extrapolation().raw()) : c.fitted();
  }

  /** The exponent extrapolated to infinite width, or null. */
  static Double extrapolated(CheckResult c) {
    return c.extrapolation() == null ? null : c.extrapolation().extrapolated();
  }

  static String interval(CheckResult c) {
    if (c.ciLow() == null || c.ciHigh() == null) return "-";
    return "[" + Fmt.num(c.ciLow()) + ", " + Fmt.num(c.ciHigh()) + "]";
  }

  static String fixedText(Map<String, Object> fixed) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Object> e : fixed.entrySet()) {
      if (e.getKey().equals(scalecheck.check.CollapseCheck.CURVES)) continue; // data for the collapse plot
      if (b.length() > 0) b.append(", ");
      Object v = e.getValue();
      b.append(e.getKey()).append(" = ").append(v instanceof Double d ? Fmt.num(d) : String.valueOf(v));
    }
    return b.toString();
  }

  /** Provenance as (label, value) rows, shared by Markdown and HTML. */
  static List<String[]> provenanceRows(Provenance p) {
    if (p == null) return List.<String[]>of(new String[] {"provenance", "not recorded"});
    List<String[]> rows = new java.util.ArrayList<>();
    rows.add(new String[] {"scalecheck version", nz(p.scalecheckVersion())});
    rows.add(new String[] {"git commit", nz(p.gitCommit())});
    rows.add(new String[] {"Java", nz(p.javaVersion())});
    rows.add(new String[] {"BLAS", nz(p.blas())});
    rows.add(new String[] {"threads", p.threads() + " (BLAS threads " + p.blasThreads() + ")"});
    rows.add(new String[] {"seed", Long.toString(p.seed())});
    rows.add(new String[] {"fast mode", Boolean.toString(p.fast())});
    rows.add(new String[] {"started at", nz(p.startedAt())});
    rows.add(new String[] {"wall time", Fmt.num(p.wallSeconds()) + " s"});
    rows.add(new String[] {"command", nz(p.command())});
    if (p.files() != null) {
      for (Map.Entry<String, String> e : new java.util.TreeMap<>(p.files()).entrySet()) {
        rows.add(new String[] {"file " + e.getKey(), "sha256 " + e.getValue()});
      }
    }
    return rows;
  }

  private static String nz(String s) {
    return s == null ? "-" : s;
  }
}
