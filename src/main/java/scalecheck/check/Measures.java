package scalecheck.check;

import scalecheck.sim.Probes;

/**
 * The quantities a check can measure, as the check layer asks about them: the registry is
 * {@link Probes} (engine probes, per-layer families, and the derived measurements {@code spread} and
 * {@code alpha_star} that combine runs), with each one's norm, needs and the method that computes it.
 */
public final class Measures {
  private Measures() {}

  /** Derived: std over seeds of alpha (f - f0) per test input, RMS over inputs ({@link Probes#SPREAD}). */
  public static final String SPREAD = Probes.SPREAD.name();
  /** Derived: the alpha at which the seed-averaged kernel change crosses a level, per width ({@link Probes#ALPHA_STAR}). */
  public static final String ALPHA_STAR = Probes.ALPHA_STAR.name();

  /** Whether {@code name} is a value every run records (see {@link Probes#isRunProbe}). */
  public static boolean isProbe(String name) {
    return Probes.isRunProbe(name);
  }

  /** Whether {@code name} is registered: a run's probe or a derived measurement. */
  public static boolean isKnown(String name) {
    return Probes.isKnown(name);
  }

  /** The norm of a measured quantity, in words (theory/README.md section 2: every quantity says its norm). */
  public static String norm(String name) {
    return Probes.norm(name);
  }
}
