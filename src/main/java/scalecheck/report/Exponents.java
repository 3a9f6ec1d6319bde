package scalecheck.report;

import scalecheck.check.CheckResult;
import scalecheck.check.Competitor;
import scalecheck.theory.Rational;

/**
 * The one place the report reads predicted exponents from the results ({@link CheckResult#predicted()},
 * {@link Competitor#predicted()}), as exact rationals and as their text, and writes powers of a symbol
 * the way captions show them ({@code 1/sqrt(n)}, {@code kappa}, {@code m^-3/4}).
 */
final class Exponents {
  private Exponents() {}

  /** The exponent the theory predicts for the check's symbol {@code vary}, or null when it gives none. */
  static Rational predicted(CheckResult c) {
    return c.predicted();
  }

  /** The exponent of a competing prediction, or null. */
  static Rational predicted(Competitor k) {
    return k.predicted();
  }

  /** The predicted exponent as the theory writes it ("-1/2"), or null. */
  static String exact(CheckResult c) {
    return c.predicted() == null ? null : c.predicted().toString();
  }

  /** The competing prediction as the theory writes it, or null. */
  static String exact(Competitor k) {
    return k.predicted() == null ? null : k.predicted().toString();
  }

  /** a / b, or null when either is null or b is zero. */
  static Rational divide(Rational a, Rational b) {
    if (a == null || b == null || b.isZero()) return null;
    return a.mul(Rational.of(b.den(), b.num()));
  }

  /** {@code symbol^p} as captions write it: 1, symbol, 1/symbol, sqrt(symbol), 1/sqrt(symbol), symbol^p. */
  static String power(String symbol, Rational p) {
    if (p.isZero()) return "1";
    String half = "sqrt(" + symbol + ")";
    if (p.equals(Rational.ONE)) return symbol;
    if (p.equals(Rational.ONE.neg())) return "1/" + symbol;
    if (p.equals(Rational.of(1, 2))) return half;
    if (p.equals(Rational.of(-1, 2))) return "1/" + half;
    return symbol + "^" + p;
  }
}
