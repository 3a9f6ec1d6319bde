package scalecheck.sim;

import java.nio.DoubleBuffer;

/**
 * Pointwise passes of the engine over off-heap buffers. Each pass copies a chunk into heap scratch
 * arrays (bulk copies), works on the arrays in short loops of plain arithmetic that the JIT can
 * compile to vector instructions (the exponential stays a scalar intrinsic call), and copies the
 * results back; none allocates after the first call on a thread. Sums run in index order, so that
 * results do not depend on chunking or on the thread count.
 */
final class Kernels {
  private Kernels() {}

  static final int CHUNK = 1024;

  private static final ThreadLocal<double[][]> SCRATCH = ThreadLocal.withInitial(() -> new double[4][CHUNK]);
  /** Row-length scratch (grows to the longest row seen on the thread). */
  private static final ThreadLocal<double[][]> ROWS = ThreadLocal.withInitial(() -> new double[3][0]);

  private static double[][] rows(int len) {
    double[][] r = ROWS.get();
    if (r[0].length < len) {
      for (int i = 0; i < r.length; i++) r[i] = new double[len];
    }
    return r;
  }

  /**
   * log(1 + e) for 0 &lt;= e &lt;= 1 as 2 atanh(s), s = e / (2 + e) &lt;= 1/3, by its series
   * 2 s sum_k s^(2k) / (2k+1) to k = 17 (truncation below 1e-18 relative; Estrin's scheme); a few
   * ulps from {@link Math#log1p}, without a call, so that loops over it vectorise.
   */
  static double log1pUnit(double e) {
    double s = e / (2 + e);
    double q = s * s, q2 = q * q, q4 = q2 * q2, q8 = q4 * q4, q16 = q8 * q8;
    double a = (1 + q * (1.0 / 3)) + (1.0 / 5 + q * (1.0 / 7)) * q2;
    double b = (1.0 / 9 + q * (1.0 / 11)) + (1.0 / 13 + q * (1.0 / 15)) * q2;
    double c = (1.0 / 17 + q * (1.0 / 19)) + (1.0 / 21 + q * (1.0 / 23)) * q2;
    double d = (1.0 / 25 + q * (1.0 / 27)) + (1.0 / 29 + q * (1.0 / 31)) * q2;
    double f = 1.0 / 33 + q * (1.0 / 35);
    double p = ((a + b * q4) + (c + d * q4) * q8) + f * q16;
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
      // the exponential is a call (an intrinsic); the rest vectorises
      for (int i = 0; i < m; i++) ex[i] = Math.exp(-Math.abs(bx[i]));
      for (int i = 0; i < m; i++) {
        double e = ex[i], b = bx[i];
        // w = 1 for b > 0, 0 for b <= 0 (at b = 0 both branches give 1/2)
        double w = Math.min(1.0, Math.max(0.0, b * 0x1p1000));
        hv[i] = c * (Math.max(b, 0) + log1pUnit(e)) / beta;
        dv[i] = c * ((w + (1 - w) * e) / (1 + e));
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

  /**
   * y = s A x + beta y (A m x k row-major), each row summed in column order, so that results do not
   * depend on the BLAS thread count. Modifies y.
   */
  static void matVec(int m, int k, double s, DoubleBuffer a, DoubleBuffer x, double beta, DoubleBuffer y) {
    double[][] r = rows(k);
    double[] xv = r[0], row = r[1];
    x.get(0, xv, 0, k);
    for (int i = 0; i < m; i++) {
      a.get(i * k, row, 0, k);
      double acc = 0;
      for (int j = 0; j < k; j++) acc += row[j] * xv[j];
      y.put(i, (beta == 0 ? 0 : beta * y.get(i)) + s * acc);
    }
  }

  /** y = s A^T x (A m x k row-major), each entry summed in row order. Modifies y. */
  static void matTVec(int m, int k, double s, DoubleBuffer a, DoubleBuffer x, DoubleBuffer y) {
    double[][] r = rows(k);
    double[] acc = r[0], row = r[1];
    java.util.Arrays.fill(acc, 0, k, 0.0);
    for (int i = 0; i < m; i++) {
      double xi = x.get(i);
      a.get(i * k, row, 0, k);
      for (int j = 0; j < k; j++) acc[j] += xi * row[j];
    }
    for (int j = 0; j < k; j++) acc[j] *= s;
    y.put(0, acc, 0, k);
  }

  /** out[p, j] = (s g[p]) a[j] m[p, j] for p &lt; rows, j &lt; k (row-major); g == null means g = 1. Modifies out. */
  static void scaledRows(int rowsN, int k, double s, DoubleBuffer g, DoubleBuffer a, DoubleBuffer m, DoubleBuffer out) {
    double[][] r = rows(k);
    double[] av = r[0], mv = r[1], ov = r[2];
    a.get(0, av, 0, k);
    for (int p = 0; p < rowsN; p++) {
      double gp = g == null ? s : s * g.get(p);
      m.get(p * k, mv, 0, k);
      for (int j = 0; j < k; j++) ov[j] = gp * av[j] * mv[j];
      out.put(p * k, ov, 0, k);
    }
  }

  /** Upper triangle of the b x b matrix: gram += t1 o t2 (entrywise). Modifies gram. */
  static void addProductUpper(int b, DoubleBuffer gram, DoubleBuffer t1, DoubleBuffer t2) {
    double[][] r = rows(b);
    double[] gv = r[0], av = r[1], bv = r[2];
    for (int i = 0; i < b; i++) {
      int o = i * b + i, len = b - i;
      gram.get(o, gv, 0, len);
      t1.get(o, av, 0, len);
      t2.get(o, bv, 0, len);
      for (int j = 0; j < len; j++) gv[j] += av[j] * bv[j];
      gram.put(o, gv, 0, len);
    }
  }

  /** Copies the upper triangle of the b x b matrix to its lower triangle. Modifies gram. */
  static void symmetrise(int b, DoubleBuffer gram) {
    double[] col = rows(b)[0];
    for (int i = 1; i < b; i++) {
      for (int j = 0; j < i; j++) col[j] = gram.get(j * b + i);
      gram.put(i * b, col, 0, i);
    }
  }
}
