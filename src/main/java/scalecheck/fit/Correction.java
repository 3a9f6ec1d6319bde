package scalecheck.fit;

import java.util.Locale;

/**
 * The finite-width correction term of y = C x^p (1 + b x^(-omega)): none, a fixed omega, or omega
 * fitted with the other parameters. omega = 1/2 is the first correction of a 1/sqrt(n) width
 * expansion (the default for width sweeps).
 *
 * @param kind NONE, FIXED or FITTED
 * @param omega the fixed exponent (FIXED), the starting value (FITTED), NaN for NONE
 */
public record Correction(Kind kind, double omega) {
  /** How omega is set. */
  public enum Kind { NONE, FIXED, FITTED }

  public Correction {
    if (kind == Kind.FIXED && !(omega > 0 && omega < 10)) {
      throw new IllegalArgumentException("correction omega must be in (0, 10), got " + omega);
    }
  }

  /** No correction: the plain power law. */
  public static Correction none() {
    return new Correction(Kind.NONE, Double.NaN);
  }

  /** A fixed omega. */
  public static Correction fixed(double omega) {
    return new Correction(Kind.FIXED, omega);
  }

  /** omega fitted (started at 1/2). */
  public static Correction fitted() {
    return new Correction(Kind.FITTED, 0.5);
  }

  /**
   * Parses {@code none}, {@code fit} or a number in (0, 10) (a fraction such as {@code 1/2} is
   * accepted).
   *
   * @throws IllegalArgumentException naming what was expected
   */
  public static Correction parse(String s) {
    String t = s.trim().toLowerCase(Locale.ROOT);
    if (t.equals("none")) return none();
    if (t.equals("fit")) return fitted();
    double v;
    try {
      int slash = t.indexOf('/');
      v = slash < 0 ? Double.parseDouble(t)
          : Double.parseDouble(t.substring(0, slash)) / Double.parseDouble(t.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected none, fit or a number omega > 0, got '" + s + "'");
    }
    if (!(v > 0 && v < 10)) throw new IllegalArgumentException("omega must be in (0, 10), got " + s);
    return fixed(v);
  }

  /** Number of parameters of the corrected model (3 or 4), 2 for NONE. */
  public int parameters() {
    return switch (kind) {
      case NONE -> 2;
      case FIXED -> 3;
      case FITTED -> 4;
    };
  }

  /** As written in a check file. */
  public String text() {
    return switch (kind) {
      case NONE -> "none";
      case FITTED -> "fit";
      case FIXED -> omega == 0.5 ? "1/2" : String.format(Locale.ROOT, "%.4g", omega);
    };
  }
}
