package scalecheck.fit;

import java.util.function.DoubleUnaryOperator;

/**
 * Threshold crossings of sampled curves and of monotone functions.
 *
 * <p>{@link #firstCrossing} gives the threshold times of theory/README.md section 3 (t1 as the first time the
 * relative kernel change reaches c, or the training loss falls to half its initial value; Geiger et
 * al. 2020). {@link #bisect} finds alpha* by bisection in log(alpha) for a fixed level of the
 * seed-averaged kernel change.
 */
public final class Crossings {
  private Crossings() {}

  /**
   * The first time a sampled curve reaches {@code level}.
   *
   * <p>The direction is set by the first sample: if v[0] &lt; level the curve must rise to the level,
   * if v[0] &gt; level it must fall to it, and if v[0] == level the answer is t[0]. The first i with
   * v[i] on the level or past it gives the crossing by linear interpolation of (u, v) between samples
   * i-1 and i, where u = t, or u = log t when {@code logTime} (then a segment starting at t &lt;= 0 is
   * interpolated linearly in t, since log 0 is undefined). The result is exact whenever v is linear
   * in u on that segment.
   *
   * @param t sample times, finite and strictly increasing
   * @param v values at those times; a NaN ends the search (a run that diverged crossed nothing after)
   * @return the crossing time, or NaN if the curve never reaches the level
   * @throws IllegalArgumentException for mismatched or empty arrays, a non-finite or non-increasing
   *     t, a NaN level, or a NaN v[0]
   */
  public static double firstCrossing(double[] t, double[] v, double level, boolean logTime) {
    if (t == null || v == null || t.length != v.length || t.length == 0) {
      throw new IllegalArgumentException("firstCrossing: t and v must be non-empty and of equal length");
    }
    if (Double.isNaN(level)) throw new IllegalArgumentException("firstCrossing: level is NaN");
    for (int i = 0; i < t.length; i++) {
      if (!Double.isFinite(t[i]) || (i > 0 && !(t[i] > t[i - 1]))) {
        throw new IllegalArgumentException("firstCrossing: t must be finite and strictly increasing (t["
            + i + "] = " + t[i] + ")");
      }
    }
    if (logTime && t[t.length - 1] <= 0) {
      throw new IllegalArgumentException("firstCrossing: logTime needs t > 0 (last t = " + t[t.length - 1] + ")");
    }
    if (Double.isNaN(v[0])) throw new IllegalArgumentException("firstCrossing: v[0] is NaN");
    if (v[0] == level) return t[0];
    boolean up = v[0] < level;
    for (int i = 1; i < t.length; i++) {
      double vi = v[i];
      if (Double.isNaN(vi)) return Double.NaN;
      if (up ? vi >= level : vi <= level) {
        if (vi == level) return t[i];
        double v0 = v[i - 1];
        double frac = (level - v0) / (vi - v0);
        if (logTime && t[i - 1] > 0) {
          double u0 = Math.log(t[i - 1]);
          double u1 = Math.log(t[i]);
          return Math.exp(u0 + frac * (u1 - u0));
        }
        return t[i - 1] + frac * (t[i] - t[i - 1]);
      }
    }
    return Double.NaN;
  }

  /** The outcome of {@link #bisect}: the root estimate, the final bracket, and the evaluations used. */
  public record Bisection(double x, double lo, double hi, int evaluations, boolean converged) {}

  /**
   * Bisection in log x for f(x) = level on [lo, hi] with f monotone (either direction); the estimate
   * is the geometric midpoint of the final bracket. See {@link #bisect} for the rules.
   *
   * @return x with f(x) = level, within relative tolerance {@code relTol} (unless maxIter ran out)
   */
  public static double bisectLog(DoubleUnaryOperator f, double lo, double hi, double level, double relTol, int maxIter) {
    return bisect(f, lo, hi, level, relTol, maxIter).x();
  }

  /**
   * Bisection in log x. f is evaluated at lo and hi first; the level must be bracketed, (f(lo) -
   * level)(f(hi) - level) &lt;= 0. An endpoint where f equals the level exactly is returned at once.
   * Otherwise the bracket is halved in log x, at the geometric midpoint sqrt(lo hi), until log(hi/lo)
   * &lt;= relTol (so the estimate is within a factor exp(relTol / 2) of the root) or f has been
   * evaluated {@code maxIter} times in all (the two endpoints included), which suits an f that is a
   * batch of training runs. A midpoint where f is NaN is an error.
   *
   * @throws IllegalArgumentException if 0 &lt; lo &lt; hi fails, relTol &lt;= 0, maxIter &lt; 2, f is NaN at
   *     an evaluated point, or the level is not bracketed (the message gives f(lo) and f(hi))
   */
  public static Bisection bisect(DoubleUnaryOperator f, double lo, double hi, double level, double relTol, int maxIter) {
    if (!(lo > 0) || !(hi > lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException("bisectLog: need 0 < lo < hi < infinity, got [" + lo + ", " + hi + "]");
    }
    if (!(relTol > 0)) throw new IllegalArgumentException("bisectLog: relTol must be > 0, got " + relTol);
    if (maxIter < 2) throw new IllegalArgumentException("bisectLog: maxIter must be >= 2, got " + maxIter);
    if (Double.isNaN(level)) throw new IllegalArgumentException("bisectLog: level is NaN");
    double flo = eval(f, lo) - level;
    double fhi = eval(f, hi) - level;
    int evals = 2;
    if (flo == 0) return new Bisection(lo, lo, lo, evals, true);
    if (fhi == 0) return new Bisection(hi, hi, hi, evals, true);
    if (Math.signum(flo) == Math.signum(fhi)) {
      throw new IllegalArgumentException("bisectLog: level " + level + " is not bracketed: f(" + lo + ") = "
          + (flo + level) + ", f(" + hi + ") = " + (fhi + level));
    }
    double a = Math.log(lo);
    double b = Math.log(hi);
    boolean loBelow = flo < 0;
    while (b - a > relTol && evals < maxIter) {
      double m = 0.5 * (a + b);
      if (m <= a || m >= b) break; // the bracket is as narrow as doubles allow
      double fm = eval(f, Math.exp(m)) - level;
      evals++;
      if (fm == 0) {
        double xm = Math.exp(m);
        return new Bisection(xm, xm, xm, evals, true);
      }
      if ((fm < 0) == loBelow) a = m; else b = m;
    }
    boolean converged = b - a <= relTol || 0.5 * (a + b) <= a || 0.5 * (a + b) >= b;
    return new Bisection(Math.exp(0.5 * (a + b)), Math.exp(a), Math.exp(b), evals, converged);
  }

  private static double eval(DoubleUnaryOperator f, double x) {
    double y = f.applyAsDouble(x);
    if (Double.isNaN(y)) throw new IllegalArgumentException("bisectLog: f(" + x + ") is NaN");
    return y;
  }
}
