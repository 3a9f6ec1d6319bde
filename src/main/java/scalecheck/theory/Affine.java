package scalecheck.theory;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An exact exponent c0 + cg * g, affine in the width exponent g of kappa = m^g (Li, Luo, Zhou 2024,
 * arXiv:2404.04859), with rational coefficients: the type of every per-layer exponent of a
 * parameterisation and of everything derived from them.
 *
 * @param c0 the constant part
 * @param cg the coefficient of g
 */
public record Affine(Rational c0, Rational cg) implements Comparable<Affine> {
  public static final Affine ZERO = new Affine(Rational.ZERO, Rational.ZERO);
  private static final Pattern TERM = Pattern.compile("([+-]?)\\s*(?:(\\d+)(?:\\s*/\\s*(\\d+))?\\s*(\\*\\s*g)?|g(?:\\s*/\\s*(\\d+))?)");

  public static Affine of(Rational c) {
    return new Affine(c, Rational.ZERO);
  }

  public static Affine of(long num, long den) {
    return of(Rational.of(num, den));
  }

  /**
   * Parses {@code 1/2}, {@code -1}, {@code g}, {@code -g/2}, {@code 1/2 - g}, {@code 1 + 2*g};
   * throws IllegalArgumentException saying what is wrong otherwise (decimals, other symbols, powers).
   */
  public static Affine parse(String text) {
    String s = text == null ? "" : text.trim();
    if (s.isEmpty()) throw new IllegalArgumentException("empty exponent");
    if (s.matches(".*\\d\\.\\d*.*|.*\\.\\d.*")) {
      throw new IllegalArgumentException("write exact numbers (1/4, not 0.25): '" + s + "'");
    }
    Rational c0 = Rational.ZERO, cg = Rational.ZERO;
    int pos = 0;
    boolean first = true;
    Matcher m = TERM.matcher(s);
    while (pos < s.length()) {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
      if (pos >= s.length()) break;
      if (!m.find(pos) || m.start() != pos || m.end() == pos || (!first && m.group(1).isEmpty())) {
        throw new IllegalArgumentException("'" + s + "' is not an exact rational or affine in g (such as 1/2, -g, 1/2 - g)");
      }
      Rational sign = m.group(1).equals("-") ? Rational.of(-1) : Rational.ONE;
      try {
        if (m.group(2) != null) {
          Rational v = Rational.of(Long.parseLong(m.group(2)), m.group(3) == null ? 1 : Long.parseLong(m.group(3)));
          if (m.group(4) != null) cg = cg.add(sign.mul(v));
          else c0 = c0.add(sign.mul(v));
        } else {
          cg = cg.add(sign.mul(Rational.of(1, m.group(5) == null ? 1 : Long.parseLong(m.group(5)))));
        }
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException("'" + s + "': number out of range or zero denominator");
      }
      pos = m.end();
      first = false;
    }
    return new Affine(c0, cg);
  }

  public Affine add(Affine o) {
    return new Affine(c0.add(o.c0), cg.add(o.cg));
  }

  public Affine sub(Affine o) {
    return new Affine(c0.sub(o.c0), cg.sub(o.cg));
  }

  public Affine neg() {
    return new Affine(c0.neg(), cg.neg());
  }

  public Affine mul(Rational k) {
    return new Affine(c0.mul(k), cg.mul(k));
  }

  public Affine add(Rational k) {
    return new Affine(c0.add(k), cg);
  }

  /** True when the value does not depend on g. */
  public boolean isConstant() {
    return cg.isZero();
  }

  /** The value at g. */
  public Rational at(Rational g) {
    return c0.add(cg.mul(g));
  }

  /** The g at which the value is 0 (only when it depends on g). */
  public Rational root() {
    if (cg.isZero()) throw new ArithmeticException("constant");
    return c0.neg().mul(Rational.of(cg.den(), cg.num()));
  }

  /** Lexicographic (constant, then coefficient of g): a total order for ties, not a comparison of values. */
  @Override
  public int compareTo(Affine o) {
    int c = c0.compareTo(o.c0);
    return c != 0 ? c : cg.compareTo(o.cg);
  }

  /** {@code 1/2}, {@code -g}, {@code 1/2 - g}, {@code 1 + 2*g}: readable by {@link #parse} and by Symja. */
  @Override
  public String toString() {
    if (cg.isZero()) return c0.toString();
    String gTerm;
    Rational a = cg.signum() < 0 ? cg.neg() : cg;
    gTerm = a.equals(Rational.ONE) ? "g" : a + "*g";
    if (c0.isZero()) return (cg.signum() < 0 ? "-" : "") + gTerm;
    return c0 + (cg.signum() < 0 ? " - " : " + ") + gTerm;
  }
}
