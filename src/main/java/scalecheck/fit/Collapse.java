package scalecheck.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;
import org.apache.commons.math3.optim.univariate.UnivariatePointValuePair;

/**
 * Data collapse: the exponent x for which curves Q(a) measured at several sizes n superpose when
 * plotted against the scaling variable a n^x (finite-size scaling; for the lazy-feature crossover
 * Geiger, Spigler, Jacot and Wyart, J. Stat. Mech. 2020, claim Q = F(alpha sqrt n), x = 1/2).
 *
 * <p>Quality measure: Houdayer and Hartmann, "Low-temperature behavior of two-dimensional Gaussian
 * Ising spin glasses", Phys. Rev. B 70, 014418 (2004), appendix. Curves are compared on log-log axes:
 * u = ln a + x ln n, y = ln(seed mean of Q), with the error dy = (standard error of the mean) / mean
 * (delta method), floored at {@code floor} so that cells with one seed, or seeds that agree exactly,
 * do not get infinite weight. For every point (u_ik, y_ik) of curve i, the two points of each other
 * curve j that bracket u_ik are collected; a straight line is fitted through them by weighted least
 * squares (weights 1/dy^2), giving the master-curve estimate Y_ik at u_ik and its variance
 * dY_ik^2 = (K_uu - 2 u K_u + u^2 K) / (K K_uu - K_u^2), K = sum w, K_u = sum w u, K_uu = sum w u^2.
 * Then
 * <pre>  S(x) = (1/N) sum over the N points with such neighbours of (y_ik - Y_ik)^2 / (dy_ik^2 + dY_ik^2)</pre>
 * S is about 1 for a collapse within the errors and grows with a bad one. When fewer than
 * {@code minOverlap} of the points have neighbours in another curve, S(x) is +infinity (curves that
 * barely overlap cannot be said to collapse).
 *
 * <p>Minimisation: S(x) changes by jumps where points enter or leave the overlap, so it is first
 * scanned on {@code grid} equally spaced x in [lo, hi], then refined around the best grid point with
 * Commons Math's {@link BrentOptimizer}. The interval is a percentile bootstrap over seeds (Efron and
 * Tibshirani 1993, ch. 13): every (n, a) cell resamples its seeds with replacement, and x is refitted;
 * resamples are a pure function of {@code seed}.
 *
 * <p>Written here because no maintained Java library offers a collapse measure (Commons Math has the
 * optimiser but no finite-size scaling; the physicists' codes, e.g. autoScale or pyfssa, are C and
 * Python scripts).
 */
public final class Collapse {
  private Collapse() {}

  /**
   * The measurements at one size.
   *
   * @param size the size n (&gt; 0)
   * @param a the values of the scaled variable (&gt; 0, distinct)
   * @param perSeed {@code perSeed[k][s]}: Q at {@code a[k]} for seed s; NaN marks an excluded run,
   *     other values must be finite and &gt; 0
   */
  public record Curve(double size, double[] a, double[][] perSeed) {}

  /**
   * Settings of a fit.
   *
   * @param lo smallest x searched
   * @param hi largest x searched
   * @param confidence level of the bootstrap interval
   * @param bootstrap number of resamples (0: no interval)
   * @param seed seed of the resampling
   * @param floor smallest error dy of a log mean
   * @param grid number of grid points of the scan before the Brent refinement
   * @param minOverlap smallest fraction of points with neighbours in another curve
   */
  public record Options(double lo, double hi, double confidence, int bootstrap, long seed, double floor, int grid,
      double minOverlap) {
    /** x in [-1, 2], 95%, 400 resamples, seed 1, floor 0.02, 121 grid points, overlap 0.3. */
    public static Options defaults() {
      return new Options(-1, 2, 0.95, 400, 1, 0.02, 121, 0.3);
    }

    public Options withRange(double l, double h) {
      return new Options(l, h, confidence, bootstrap, seed, floor, grid, minOverlap);
    }

    public Options withBootstrap(int b, long s) {
      return new Options(lo, hi, confidence, b, s, floor, grid, minOverlap);
    }

    public Options withConfidence(double c) {
      return new Options(lo, hi, c, bootstrap, seed, floor, grid, minOverlap);
    }
  }

  /** Seed means on log axes, per curve: ln a, ln mean, squared error. */
  private record Prepared(double[] logSize, double[][] u0, double[][] y, double[][] e2) {}

  /** The best x with its interval; S at any x is {@link #quality}. */
  public static CollapseFit fit(List<Curve> curves, Options o) {
    check(curves, o);
    Prepared p = prepare(curves, o.floor(), null);
    double x = argmin(p, o);
    double s = quality(p, x, o.minOverlap());
    double lo = Double.NaN;
    double hi = Double.NaN;
    int got = 0;
    if (o.bootstrap() > 0) {
      SplittableRandom rnd = new SplittableRandom(o.seed());
      double[] xs = new double[o.bootstrap()];
      for (int b = 0; b < o.bootstrap(); b++) {
        Prepared r = prepare(curves, o.floor(), rnd);
        double xb = argmin(r, o);
        if (Double.isFinite(xb)) xs[got++] = xb;
      }
      if (got >= 20) {
        double[] sorted = Arrays.copyOf(xs, got);
        Arrays.sort(sorted);
        double q = (1 - o.confidence()) / 2;
        lo = quantile(sorted, q);
        hi = quantile(sorted, 1 - q);
      }
    }
    double step = (o.hi() - o.lo()) / (o.grid() - 1);
    boolean edge = Double.isFinite(x) && (x - o.lo() < step || o.hi() - x < step);
    return new CollapseFit(x, lo, hi, s, quality(p, 0, o.minOverlap()), edge, got, o.confidence());
  }

  /** S(x) of the seed means (see the class comment); +infinity when the curves barely overlap. */
  public static double quality(List<Curve> curves, double x, Options o) {
    check(curves, o);
    return quality(prepare(curves, o.floor(), null), x, o.minOverlap());
  }

  private static void check(List<Curve> curves, Options o) {
    if (curves == null || curves.size() < 2) {
      throw new IllegalArgumentException("collapse: need at least 2 sizes, got " + (curves == null ? 0 : curves.size()));
    }
    if (!(o.hi() > o.lo()) || o.grid() < 3 || !(o.floor() > 0)) {
      throw new IllegalArgumentException("collapse: need lo < hi, grid >= 3 and floor > 0");
    }
    for (Curve c : curves) {
      if (!(c.size() > 0)) throw new IllegalArgumentException("collapse: size " + c.size() + " must be > 0");
      if (c.a().length != c.perSeed().length) {
        throw new IllegalArgumentException("collapse: size " + c.size() + ": " + c.a().length + " values but "
            + c.perSeed().length + " rows");
      }
      for (int k = 0; k < c.a().length; k++) {
        if (!(c.a()[k] > 0) || Double.isInfinite(c.a()[k])) {
          throw new IllegalArgumentException("collapse: size " + c.size() + ": a = " + c.a()[k] + " must be finite and > 0");
        }
        for (double v : c.perSeed()[k]) {
          if (!Double.isNaN(v) && !(v > 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException("collapse: size " + c.size() + ", a = " + c.a()[k] + ": value " + v
                + " must be finite and > 0");
          }
        }
      }
    }
  }

  /** Means (seeds resampled with replacement when rnd != null); cells without a valid seed are dropped. */
  private static Prepared prepare(List<Curve> curves, double floor, SplittableRandom rnd) {
    int m = curves.size();
    double[] ls = new double[m];
    double[][] u0 = new double[m][];
    double[][] y = new double[m][];
    double[][] e2 = new double[m][];
    for (int i = 0; i < m; i++) {
      Curve c = curves.get(i);
      ls[i] = Math.log(c.size());
      Integer[] order = new Integer[c.a().length];
      for (int k = 0; k < order.length; k++) order[k] = k;
      Arrays.sort(order, (p, q) -> Double.compare(c.a()[p], c.a()[q]));
      List<double[]> kept = new ArrayList<>();
      for (int k : order) {
        double[] valid = Arrays.stream(c.perSeed()[k]).filter(v -> !Double.isNaN(v)).toArray();
        if (valid.length == 0) continue;
        double[] use = valid;
        if (rnd != null && valid.length > 1) {
          use = new double[valid.length];
          for (int s = 0; s < use.length; s++) use[s] = valid[rnd.nextInt(valid.length)];
        }
        double mean = 0;
        for (double v : use) mean += v;
        mean /= use.length;
        double var = 0;
        for (double v : use) var += (v - mean) * (v - mean);
        double se = use.length > 1 ? Math.sqrt(var / (use.length - 1) / use.length) : 0;
        double dy = Math.max(se / mean, floor);
        kept.add(new double[] {Math.log(c.a()[k]), Math.log(mean), dy * dy});
      }
      u0[i] = kept.stream().mapToDouble(t -> t[0]).toArray();
      y[i] = kept.stream().mapToDouble(t -> t[1]).toArray();
      e2[i] = kept.stream().mapToDouble(t -> t[2]).toArray();
    }
    return new Prepared(ls, u0, y, e2);
  }

  private static double quality(Prepared p, double x, double minOverlap) {
    int m = p.u0().length;
    int total = 0;
    int used = 0;
    double sum = 0;
    for (int i = 0; i < m; i++) {
      double shiftI = x * p.logSize()[i];
      for (int k = 0; k < p.u0()[i].length; k++) {
        total++;
        double u = p.u0()[i][k] + shiftI;
        double kw = 0, ku = 0, kuu = 0, ky = 0, kuy = 0;
        int pts = 0;
        for (int j = 0; j < m; j++) {
          if (j == i) continue;
          double[] uj = p.u0()[j];
          int n = uj.length;
          if (n < 2) continue;
          double shiftJ = x * p.logSize()[j];
          double rel = u - shiftJ;
          if (rel < uj[0] || rel > uj[n - 1]) continue;
          int idx = Arrays.binarySearch(uj, rel);
          int left = idx >= 0 ? Math.min(idx, n - 2) : -idx - 2;
          for (int t = left; t <= left + 1; t++) {
            double w = 1 / p.e2()[j][t];
            double ut = uj[t] + shiftJ;
            kw += w;
            ku += w * ut;
            kuu += w * ut * ut;
            ky += w * p.y()[j][t];
            kuy += w * ut * p.y()[j][t];
            pts++;
          }
        }
        if (pts < 2) continue;
        double det = kw * kuu - ku * ku;
        if (!(det > 1e-12 * kw * kuu)) continue;
        double slope = (kw * kuy - ku * ky) / det;
        double icpt = (kuu * ky - ku * kuy) / det;
        double yHat = icpt + slope * u;
        double var = (kuu - 2 * u * ku + u * u * kw) / det;
        double r = p.y()[i][k] - yHat;
        sum += r * r / (p.e2()[i][k] + Math.max(var, 0));
        used++;
      }
    }
    if (used == 0 || used < minOverlap * total) return Double.POSITIVE_INFINITY;
    return sum / used;
  }

  /** Grid scan, then Brent's method around the best grid point. NaN when no x gives an overlap. */
  private static double argmin(Prepared p, Options o) {
    int g = o.grid();
    double step = (o.hi() - o.lo()) / (g - 1);
    double best = Double.POSITIVE_INFINITY;
    int bi = -1;
    for (int k = 0; k < g; k++) {
      double s = quality(p, o.lo() + k * step, o.minOverlap());
      if (s < best) {
        best = s;
        bi = k;
      }
    }
    if (bi < 0) return Double.NaN;
    double start = o.lo() + bi * step;
    double l = Math.max(o.lo(), start - step);
    double r = Math.min(o.hi(), start + step);
    UnivariatePointValuePair opt = new BrentOptimizer(1e-10, 1e-12).optimize(new MaxEval(200),
        new UnivariateObjectiveFunction(v -> {
          double s = quality(p, v, o.minOverlap());
          return Double.isFinite(s) ? s : Double.MAX_VALUE;
        }), GoalType.MINIMIZE, new SearchInterval(l, r, start));
    return opt.getValue() <= best ? opt.getPoint() : start;
  }

  private static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int i = (int) Math.floor(pos);
    int j = Math.min(i + 1, sorted.length - 1);
    return sorted[i] + (pos - i) * (sorted[j] - sorted[i]);
  }
}
