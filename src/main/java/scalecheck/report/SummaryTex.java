package scalecheck.report;

import java.util.List;
import scalecheck.check.CheckResult;
import scalecheck.check.Verdict;
import scalecheck.check.VerifyOutcome;
import scalecheck.theory.Rational;

/**
 * {@code summary.tex}: the verdicts as a booktabs table for a paper (law, varied symbol, predicted
 * exponent as an exact fraction, fitted exponent with its interval, verdict), in a complete LaTeX
 * document that compiles on its own with pdflatex; the {@code table} environment between the marked
 * lines can be pasted into a paper that loads {@code booktabs}. Every text that comes from a file is
 * escaped for LaTeX.
 */
public final class SummaryTex extends ReportPart.Output {
  SummaryTex() {
    super("summary.tex");
  }


  @Override
  String render(ReportPart.Report report) {
    return render(report.data().outcome());
  }

  /** The document. */
  public static String render(VerifyOutcome o) {
    List<CheckResult> checks = o.checks() == null ? List.of() : o.checks();
    StringBuilder b = new StringBuilder();
    b.append("% scalecheck summary table; needs \\usepackage{booktabs}\n");
    if (o.provenance() != null) {
      b.append("% ").append(oneLine(o.provenance().command())).append('\n');
      b.append("% scalecheck ").append(oneLine(o.provenance().scalecheckVersion()))
          .append(o.provenance().gitCommit() == null ? "" : ", commit " + o.provenance().gitCommit()).append('\n');
    }
    b.append("\\documentclass{article}\n\\usepackage{booktabs}\n\\begin{document}\n");
    b.append("% --- table: from here ---\n");
    b.append("\\begin{table}[ht]\n\\centering\n\\small\n");
    b.append("\\caption{Scaling laws checked by scalecheck: exponent predicted by the theory (exact) and "
        + "fitted on log-log axes, with its confidence interval.}\n");
    b.append("\\begin{tabular}{lllllll}\n\\toprule\n");
    b.append("Check & Law & In & Predicted & Fitted & Interval & Verdict \\\\\n\\midrule\n");
    for (CheckResult c : checks) {
      b.append("\\texttt{").append(escape(c.id())).append("} & ");
      b.append(c.law() == null ? "--" : "\\texttt{" + escape(c.law()) + "}").append(" & ");
      b.append(c.vary() == null ? "--" : symbol(c.vary())).append(" & ");
      b.append(exact(Exponents.predicted(c))).append(" & ");
      b.append(c.fitted() == null ? "--" : "$" + Fmt.num(c.fitted()) + "$").append(" & ");
      b.append(c.ciLow() == null || c.ciHigh() == null ? "--"
          : "$[" + Fmt.num(c.ciLow()) + ", " + Fmt.num(c.ciHigh()) + "]$").append(" & ");
      b.append(verdict(c)).append(" \\\\\n");
    }
    b.append("\\bottomrule\n\\end{tabular}\n\\end{table}\n");
    b.append("% --- table: to here ---\n");
    b.append("\\end{document}\n");
    return b.toString();
  }

  private static String verdict(CheckResult c) {
    Verdict v = c.verdict();
    if (v == null) return "--";
    if (c.negativeControl()) return v.name() + " (control, must FAIL)";
    return v.name();
  }

  /** -1/2 as $-\frac{1}{2}$, 0 as $0$, none as --. */
  static String exact(Rational r) {
    if (r == null) return "--";
    if (r.den() == 1) return "$" + r.num() + "$";
    return "$" + (r.num() < 0 ? "-" : "") + "\\frac{" + Math.abs(r.num()) + "}{" + r.den() + "}$";
  }

  private static String symbol(String s) {
    return switch (s) {
      case "alpha", "kappa" -> "$\\" + s + "$";
      default -> s.matches("[A-Za-z]") ? "$" + s + "$" : "\\texttt{" + escape(s) + "}";
    };
  }

  /** LaTeX text escaping of the ten special characters. */
  static String escape(String s) {
    return Fmt.escape(s, ch -> switch (ch) {
      case '\\' -> "\\textbackslash{}";
      case '{', '}', '$', '&', '#', '_', '%' -> "\\" + (char) ch;
      case '^' -> "\\textasciicircum{}";
      case '~' -> "\\textasciitilde{}";
      case '\n', '\r' -> " ";
      default -> null;
    });
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }
}
