package scalecheck.sim;

import java.nio.DoubleBuffer;

/**
 * Pointwise passes of the engine over off-heap buffers. Each pass copies a chunk into heap scratch
 * arrays (bulk copies), works on the arrays in loops the JIT compiles to vector instructions, and
 * copies the results back; none allocates after the first call on a thread.
 */
final class Kernels {
  private Kernels() {}

  static final int CHUNK = 1024;

  private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][CHUNK]);

  /**
   * log(1 + e) for 0 &lt;= e &lt;= 1 as 2 atanh(s), s = e / (2 + e) &lt;= 1/3, by its series
   * 2 sum_k s^(2k+1) / (2k+1) to k = 17 (truncation below 1e-18 relative); a few ulps from
   * {@link Math#log1p}, without a call, so that loops over it vectorise.
   */
  static double log1pUnit(double e) {
    double s = e / (2 + e);
    double q = s * s;
    double p = 1.0 / 35;
    p = p * q + 1.0 / 33;
    p = p * q + 1.0 / 31;
    p = p * q + 1.0 / 29;
    p = p * q + 1.0 / 27;
    p = p * q + 1.0 / 25;
    p = p * q + 1.0 / 23;
    p = p * q + 1.0 / 21;
    p = p * q + 1.0 / 19;
    p = p * q + 1.0 / 17;
    p = p * q + 1.0 / 15;
    p = p * q + 1.0 / 13;
    p = p * q + 1.0 / 11;
    p = p * q + 1.0 / 9;
    p = p * q + 1.0 / 7;
    p = p * q + 1.0 / 5;
    p = p * q + 1.0 / 3;
    p = p * q + 1.0;
    return 2 * s * p;
  }

  /**
   * h = c softplus_beta(z) = (c / beta) log(1 + e^(beta z)), dphi = c sigmoid(beta z), both from one
   * exponential e = exp(-|beta z|): softplus = max(beta z, 0) + log1p(e), sigmoid = 1 / (1 + e) or
   * e / (1 + e), for indices in [from, to). Modifies h and dphi.
   */
  static void softplus(DoubleBuffer z, DoubleBuffer h, DoubleBuffer dphi, int from, int to, double beta, double c) {
    double[][] s = SCRATCH.get();
    double[] bx = s[0], ex = s[1], hv = s[2], dv = s[3];
    for (int o = from; o < to; o += CHUNK) {
      int m = Math.min(CHUNK, to - o);
      z.get(o, bx, 0, m);
      for (int i = 0; i < m; i++) bx[i] *= beta;
      for (int i = 0; i < m; i++) ex[i] = Math.exp(-Math.abs(bx[i]));
      for (int i = 0; i < m; i++) {
        double e = ex[i], b = bx[i];
        double u = 1 + e;
        hv[i] = c * (Math.max(b, 0) + log1pUnit(e)) / beta;
        dv[i] = c * ((b >= 0 ? 1 : e) / u);
      }
      h.put(o, hv, 0, m);
      dphi.put(o, dv, 0, m);
    }
  }

  /** a[i] *= m[i] for i in [from, to). Modifies a. */
  static void mulInPlace(DoubleBuffer a, DoubleBuffer mul, int from, int to) {
    double[][] s = SCRATCH.get();
    double[] av = s[0], mv = s[1];
    for (int o = from; o < to; o += CHUNK) {
      int k = Math.min(CHUNK, to - o);
      a.get(o, av, 0, k);
      mul.get(o, mv, 0, k);
      for (int i = 0; i < k; i++) av[i] *= mv[i];
      a.put(o, av, 0, k);
    }
  }

  /** sum of a[i]^2, i &lt; len, in index order. */
  static double sumSq(DoubleBuffer a, int len) {
    double[] av = SCRATCH.get()[0];
    double sum = 0;
    for (int o = 0; o < len; o += CHUNK) {
      int k = Math.min(CHUNK, len - o);
      a.get(o, av, 0, k);
      for (int i = 0; i < k; i++) sum += av[i] * av[i];
    }
    return sum;
  }

  /** sum of (a[i] - b[i])^2, i &lt; len, in index order. */
  static double diffSq(DoubleBuffer a, DoubleBuffer b, int len) {
    double[][] s = SCRATCH.get();
    double[] av = s[0], bv = s[1];
    double sum = 0;
    for (int o = 0; o < len; o += CHUNK) {
      int k = Math.min(CHUNK, len - o);
      a.get(o, av, 0, k);
      b.get(o, bv, 0, k);
      for (int i = 0; i < k; i++) {
        double v = av[i] - bv[i];
        sum += v * v;
      }
    }
    return sum;
  }

  /** y[i] = x[i] - a g[i] for i &lt; len. Modifies y. */
  static void axpyTo(DoubleBuffer x, double a, DoubleBuffer g, DoubleBuffer y, int len) {
    double[][] s = SCRATCH.get();
    double[] xv = s[0], gv = s[1];
    for (int o = 0; o < len; o += CHUNK) {
      int k = Math.min(CHUNK, len - o);
      x.get(o, xv, 0, k);
      g.get(o, gv, 0, k);
      for (int i = 0; i < k; i++) xv[i] -= a * gv[i];
      y.put(o, xv, 0, k);
    }
  }
}
