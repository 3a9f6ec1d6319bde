package scalecheck.theory;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;

/**
 * An exact rational number {@code num/den}, always reduced with {@code den > 0}; the type of every
 * predicted scaling exponent (e.g. {@code -1/2}, never {@code -0.5}). In JSON it is the string
 * {@link #toString} writes ({@code "-1/2"}) and {@link #parse} reads back.
 */
public record Rational(long num, long den) implements Comparable<Rational> {
  public static final Rational ZERO = new Rational(0, 1);
  public static final Rational ONE = new Rational(1, 1);

  /** Canonical form: reduced, positive denominator. */
  public Rational {
    if (den == 0) throw new ArithmeticException("zero denominator");
    if (den < 0) {
      num = Math.negateExact(num);
      den = Math.negateExact(den);
    }
    long g = gcd(Math.abs(num), den);
    if (g > 1) {
      num /= g;
      den /= g;
    }
  }

  public static Rational of(long num, long den) {
    return new Rational(num, den);
  }

  public static Rational of(long whole) {
    return new Rational(whole, 1);
  }

  /** From arbitrary-precision parts; throws ArithmeticException when the reduced value does not fit 64 bits. */
  static Rational of(BigInteger num, BigInteger den) {
    BigInteger g = num.gcd(den);
    if (g.signum() != 0 && !g.equals(BigInteger.ONE)) {
      num = num.divide(g);
      den = den.divide(g);
    }
    return new Rational(num.longValueExact(), den.longValueExact());
  }

  /** Parses {@code "3"}, {@code "-1/2"}, {@code " 2 / 4 "}; throws IllegalArgumentException otherwise. */
  @JsonCreator
  public static Rational parse(String s) {
    if (s == null) throw new IllegalArgumentException("not a rational: null");
    String t = s.trim();
    try {
      int slash = t.indexOf('/');
      if (slash < 0) return of(Long.parseLong(t), 1);
      return of(Long.parseLong(t.substring(0, slash).trim()), Long.parseLong(t.substring(slash + 1).trim()));
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("not an exact rational such as -1/2: '" + s + "'");
    }
  }

  public Rational add(Rational o) {
    return of(Math.addExact(Math.multiplyExact(num, o.den), Math.multiplyExact(o.num, den)),
        Math.multiplyExact(den, o.den));
  }

  public Rational sub(Rational o) {
    return add(o.neg());
  }

  public Rational mul(Rational o) {
    return of(Math.multiplyExact(num, o.num), Math.multiplyExact(den, o.den));
  }

  public Rational neg() {
    return new Rational(Math.negateExact(num), den);
  }

  public int signum() {
    return Long.signum(num);
  }

  public boolean isZero() {
    return num == 0;
  }

  public double doubleValue() {
    return (double) num / den;
  }

  @Override
  public int compareTo(Rational o) {
    return BigInteger.valueOf(num).multiply(BigInteger.valueOf(o.den))
        .compareTo(BigInteger.valueOf(o.num).multiply(BigInteger.valueOf(den)));
  }

  /** {@code "-1/2"}, {@code "0"}, {@code "1"}. */
  @Override
  @JsonValue
  public String toString() {
    return den == 1 ? Long.toString(num) : num + "/" + den;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a == 0 ? 1 : a;
  }
}
