package scalecheck.report;

import java.util.List;
import scalecheck.check.CheckResult;
import scalecheck.check.CollapseCheck;
import scalecheck.check.RunRecord;
import scalecheck.theory.Rational;

/**
 * The scaling variable kappa = alpha n^x of Geiger et al. (J. Stat. Mech. 2020, arXiv:1906.08034), as
 * the results of this report define it: x is the exponent the theory derives for the first collapse
 * check that is not a negative control ({@link CollapseCheck#VARIABLE} names its variable, e.g.
 * "alpha n^x"; x = 1/2 for kappa = alpha sqrt(n)). A run's kappa is its stored parameter {@code kappa}
 * when it swept one, else alpha n^x from its parameters; without a collapse result only stored values
 * are known. Nothing here is typed: a quantity predicted to scale as s^p at fixed other symbols scales
 * as kappa^(p / e) on a collapse, e the exponent of s in kappa.
 *
 * @param symbol the rescaled symbol (alpha)
 * @param width the width symbol (n or m)
 * @param x exponent of the width in kappa, or null when no collapse result derives it
 * @param source the collapse result it comes from, or null
 */
record Kappa(String symbol, String width, Rational x, CheckResult source) {
  static final String NAME = "kappa";

  /** The variable the results define (x null when none does). */
  static Kappa of(List<CheckResult> checks) {
    for (CheckResult c : checks) {
      Object v = c.fixed() == null ? null : c.fixed().get(CollapseCheck.VARIABLE);
      Rational x = Exponents.predicted(c);
      if (v instanceof String s && x != null && !c.negativeControl() && c.vary() != null) {
        return new Kappa(s.split(" ")[0], c.vary(), x, c);
      }
    }
    return new Kappa(null, null, null, null);
  }

  /** kappa of a run: the stored parameter, else symbol * width^x; null when neither is known. */
  Double of(RunRecord r) {
    Double k = Runs.param(r, NAME);
    if (k != null) return k;
    if (x == null) return null;
    Double a = Runs.param(r, symbol), n = Runs.param(r, width);
    return a != null && n != null ? a * Math.pow(n, x.doubleValue()) : null;
  }

  /** The rescaled symbol of a run (alpha): the stored parameter, else kappa / width^x. */
  Double alpha(RunRecord r) {
    Double a = Runs.param(r, symbol == null ? "alpha" : symbol);
    if (a != null || x == null) return a;
    Double k = Runs.param(r, NAME), n = Runs.param(r, width);
    return k != null && n != null ? k / Math.pow(n, x.doubleValue()) : null;
  }

  /** Exponent of {@code s} in kappa: 1 for kappa and the rescaled symbol, x for the width, else null. */
  Rational exponentIn(String s) {
    if (NAME.equals(s) || (symbol != null && symbol.equals(s))) return Rational.ONE;
    return width != null && width.equals(s) ? x : null;
  }

  /** "alpha sqrt(n)", or "kappa" when no result defines the variable. */
  String text() {
    return x == null ? NAME : symbol + " " + Exponents.power(width, x);
  }

  /** Axis label: "kappa = alpha sqrt(n)". */
  String axis() {
    return x == null ? NAME : NAME + " = " + text();
  }

  /**
   * A slope in kappa the results predict for {@code measure}: from the first result that measures it, is
   * neither a collapse nor a negative control, predicts an exponent (not a bound) and varies a symbol of
   * kappa. Null when none does.
   */
  Slope slope(List<CheckResult> checks, String measure) {
    for (CheckResult c : checks) {
      if (!measure.equals(c.measure()) || c.negativeControl() || ReportData.isCollapse(c)
          || !"exponent".equals(c.expect())) {
        continue;
      }
      Rational s = Exponents.divide(Exponents.predicted(c), exponentIn(c.vary()));
      if (s != null) return new Slope(s, c);
    }
    return null;
  }

  /** Where a slope comes from: "check t1_alpha (law geiger/t1, exponent 1 in alpha)". */
  String origin(Slope s) {
    CheckResult c = s.from();
    String via = NAME.equals(c.vary()) || source == null ? "" : "; " + axis() + " from check " + source.id();
    return "check " + c.id() + " (law " + c.law() + ", exponent " + Exponents.exact(c) + " in " + c.vary() + via + ")";
  }

  /** A predicted log-log slope against kappa and the result it is derived from. */
  record Slope(Rational value, CheckResult from) {}
}
