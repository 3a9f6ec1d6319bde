package scalecheck.theory;

/**
 * The leading exponent p of a law f in one symbol s, in the sense f ~ c * s^p as s -> infinity with
 * every other symbol held fixed, as an exact {@link Rational}. {@code value == null} means there is no
 * such p (e.g. {@code n*Log(n)} in n, or an exponent that still depends on a free parameter such as
 * {@code -g}); {@link #note()} then says why. A non-null note next to a value records a remark, e.g.
 * that Symja's own limit could not confirm the exponent.
 */
public record Exponent(Rational value, String note) {
  public static Exponent of(Rational value) {
    return new Exponent(value, null);
  }

  public static Exponent notPowerLaw(String why) {
    return new Exponent(null, why);
  }

  public boolean isPowerLaw() {
    return value != null;
  }

  /** The value as {@code "-1/2"}, or {@code "not a power law"}. */
  @Override
  public String toString() {
    return value == null ? "not a power law (" + note + ")" : value.toString();
  }
}
