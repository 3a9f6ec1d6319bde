package scalecheck.sim;

import java.nio.DoubleBuffer;

/**
 * Pointwise passes of the engine over off-heap buffers. Each pass copies a chunk into heap scratch
 * arrays (bulk copies), works on the arrays in short loops of plain arithmetic that the JIT can
 * compile to vector instructions (the softplus pass, with its exponential, explicitly through
 * {@link VectorKernels} when the Vector API is present), and copies the results back; none allocates after the first call on a thread. Sums run in index order, so that
 * results do not depend on chunking or on the thread count.
 *
 * <h2>Accuracy (measured)</h2>
 *
 * Largest errors against the exact values (a double-double reference of about 100 bits, {@link
 * KernelReference}), measured by {@code bench/kernel-accuracy.sh} ({@link KernelAccuracy}) over 10^8
 * inputs per kernel, seed 20261129: beta log-uniform in [0.05, 30], c in [0.01, 2], x and beta z over
 * the whole range where the result is not 0, 1 or b (Gaussian z of spread 0.1 to 30, beta z uniform in
 * [-60, 60], log-uniform in magnitude up to 800, and the subnormal tail); zeros, infinities, NaN and
 * overflow are checked exactly by {@code KernelsProperties}:
 *
 * <ul>
 *   <li>{@link #expNonPositive}: {@value #EXP_MAX_ULPS} ulps over [-746, 0], subnormal results
 *       included (measured 2.1682 at x = -25.983912611345094; the earlier "within 2 ulps of
 *       Math.exp" was relative to an approximation with errors of its own).</li>
 *   <li>softplus, h = (c / beta) log(1 + e^b): {@value #SOFTPLUS_MAX_ULPS} ulps while e^-|b| is a normal
 *       double (b &gt;= -708); below, where e^b is subnormal and its absolute rounding is scaled by c /
 *       beta (up to 40 here), {@value #SOFTPLUS_TAIL_MAX_ULPS} ulps of the result.</li>
 *   <li>sigmoid, dphi = c / (1 + e^-b): {@value #SIGMOID_MAX_ULPS} ulps, and {@value
 *       #SIGMOID_TAIL_MAX_ULPS} ulps for b &lt; -708.</li>
 * </ul>
 *
 * These are errors of the kernels for their argument b = beta z as rounded to double (the rounding
 * of that product is the argument's, not the kernel's: measured against the exact product, it adds up
 * to about |b| / 2 ulps in the left tail, 509 ulps at b = -700.7, as for any evaluation in double).
 * {@code KernelsProperties} asserts these bounds against the same reference; the reference is checked
 * against Commons Math's {@code Dfp} by {@code KernelReferenceProperties}.
 */
final class Kernels {
  private Kernels() {}

  /** Measured bound of {@link #expNonPositive}, in ulps of the exact value (see the class Javadoc). */
  static final double EXP_MAX_ULPS = 2.17;
  /** Measured bound of the softplus h for b = beta z &gt;= -708, in ulps of the exact value. */
  static final double SOFTPLUS_MAX_ULPS = 7.95;
  /** Measured bound of the sigmoid dphi for b &gt;= -708, in ulps of the exact value. */
  static final double SIGMOID_MAX_ULPS = 6.15;
  /** Measured bound of h for b &lt; -708 (subnormal e^b, c / beta up to 40), in ulps of the exact value. */
  static final double SOFTPLUS_TAIL_MAX_ULPS = 59;
  /** Measured bound of dphi for b &lt; -708, in ulps of the exact value. */
  static final double SIGMOID_TAIL_MAX_ULPS = 2.94;

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

  /** Whether the pointwise passes run on the Vector API (jdk.incubator.vector in the boot layer). */
  static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  static final double LOG2E = 1.4426950408889634;
  /** ln 2 = LN2_HI + LN2_LO, LN2_HI with 21 trailing zero bits so that k LN2_HI is exact for |k| &lt; 2^21. */
  static final double LN2_HI = 6.93147180369123816490e-01, LN2_LO = 1.90821492927058770002e-10;
  /** 1.5 2^52: adding it rounds to an integer k held in the low bits of the sum. */
  static final double SHIFTER = 0x1.8p52;
  static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
  static final double C2 = 1.0 / 2, C3 = 1.0 / 6, C4 = 1.0 / 24, C5 = 1.0 / 120, C6 = 1.0 / 720, C7 = 1.0 / 5040,
      C8 = 1.0 / 40320, C9 = 1.0 / 362880, C10 = 1.0 / 3628800, C11 = 1.0 / 39916800, C12 = 1.0 / 479001600,
      C13 = 1.0 / 6227020800.0;

  /**
   * e^x for x &lt;= 0 (and NaN for NaN): x = k ln 2 + r with k = round(x / ln 2), |r| &lt;= ln 2 / 2,
   * e^r by its Taylor polynomial to degree 13 (truncation below 4e-18 relative) in Estrin's scheme
   * with fused multiply-adds, then 2^(k + 64) put into the exponent bits and 2^-64 multiplied in,
   * which rounds correctly into the subnormal range. Below -746 the result is 0. Within {@value
   * #EXP_MAX_ULPS} ulps of the exact value (measured, see the class Javadoc); built from +, *, fma, max
   * and bit moves only, in the order {@link VectorKernels}
   * follows, so that the scalar and the vector passes agree to the bit.
   */
  static double expNonPositive(double x) {
    double y = Math.max(x, -746.0);
    double t = Math.fma(y, LOG2E, SHIFTER);
    double k = t - SHIFTER;
    double r = Math.fma(k, -LN2_LO, Math.fma(k, -LN2_HI, y));
    double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
    double lo = Math.fma(Math.fma(r, C7, C6), r2, Math.fma(r, C5, C4));
    double p0 = Math.fma(lo, r4, Math.fma(Math.fma(r, C3, C2), r2, r + 1));
    double hi = Math.fma(Math.fma(r, C13, C12), r4, Math.fma(Math.fma(r, C11, C10), r2, Math.fma(r, C9, C8)));
    double p = Math.fma(hi, r8, p0);
    long bits = Double.doubleToRawLongBits(p) + ((Double.doubleToRawLongBits(t) - SHIFTER_BITS + 64) << 52);
    return Double.longBitsToDouble(bits) * 0x1p-64 + (y - y);
  }

  /** ln 2 and sqrt 2 - 1 (the switch of the log1p reduction), rounded to double. */
  static final double LN2 = 0.6931471805599453, SQRT2_M1 = 0.41421356237309503;
  /** 1 / (2k + 1), the coefficients of 2 atanh(s) / (2 s) in s^2. */
  static final double A3 = 1.0 / 3, A5 = 1.0 / 5, A7 = 1.0 / 7, A9 = 1.0 / 9, A11 = 1.0 / 11, A13 = 1.0 / 13,
      A15 = 1.0 / 15, A17 = 1.0 / 17, A19 = 1.0 / 19, A21 = 1.0 / 21;

  /**
   * h = c softplus_beta(z) = (c / beta) log(1 + e^(beta z)) and dphi = c sigmoid(beta z), both from one
   * exponential e = exp(-|beta z|) and one division, for indices in [from, to):
   * softplus = max(beta z, 0) + log1p(e), sigmoid = 1 / (1 + e) for beta z &gt; 0 and e / (1 + e)
   * otherwise. log1p(e) = 2 atanh(s) with s = e / (2 + e), or, for e &gt; sqrt 2 - 1, ln 2 + 2 atanh(s)
   * with s = (e - 1) / (e + 3), so that |s| &lt;= 0.172 and the series in s^2 stops at s^20 (truncation
   * below 1e-18 relative; Estrin's scheme with fused multiply-adds); u = 1 / ((1 + e)(den)) gives both s = num (1 + e) u and 1 / (1 + e) = den u.
   * Runs on the Vector API when it is present and compiled ({@link VectorWarmUp}), with results identical
   * to the bit to the scalar loop. Modifies h and dphi.
   */
  static void softplus(DoubleBuffer z, DoubleBuffer h, DoubleBuffer dphi, int from, int to, double beta, double c) {
    double[][] s = SCRATCH.get();
    double[] zv = s[0], hv = s[2], dv = s[3];
    for (int o = from; o < to; o += CHUNK) {
      int m = Math.min(CHUNK, to - o);
      z.get(o, zv, 0, m);
      int done = VECTOR && VectorWarmUp.ready() ? VectorKernels.softplus(zv, hv, dv, m, beta, c) : 0;
      softplus(zv, hv, dv, done, m, beta, c);
      h.put(o, hv, 0, m);
      dphi.put(o, dv, 0, m);
    }
  }

  /** The scalar softplus pass on arrays over [from, to) (the definition {@link VectorKernels} follows). */
  static void softplus(double[] z, double[] h, double[] dphi, int from, int to, double beta, double c) {
    double cb = c / beta;
    for (int i = from; i < to; i++) {
      double b = z[i] * beta;
      double e = expNonPositive(-Math.abs(b));
      boolean hi = e > SQRT2_M1;
      double num = hi ? e - 1 : e, den = hi ? e + 3 : e + 2, base = hi ? LN2 : 0;
      double ope = e + 1;
      double u = 1 / (ope * den);
      double sv = num * ope * u;
      double q = sv * sv, q2 = q * q, q4 = q2 * q2, q8 = q4 * q4;
      double s03 = Math.fma(Math.fma(q, A7, A5), q2, Math.fma(q, A3, 1));
      double s47 = Math.fma(Math.fma(q, A15, A13), q2, Math.fma(q, A11, A9));
      double s810 = Math.fma(A21, q2, Math.fma(q, A19, A17));
      double series = Math.fma(s810, q8, Math.fma(s47, q4, s03));
      double l = Math.fma(sv * 2, series, base);
      h[i] = (Math.max(b, 0) + l) * cb;
      dphi[i] = (b > 0 ? 1.0 : e) * (den * u) * c;
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

  /**
   * out[0] = sum of a[i]^2 and out[1] = sum of (a[i] - b[i])^2, i &lt; len: the values of {@link
   * #sumSq}(a, len) and {@link #diffSq}(a, b, len) to the bit (each sum in index order), from one pass.
   * Each sum waits on its previous addition at every term; two independent ones overlap, so this costs
   * little more than one of them. Modifies out.
   */
  static void sumSqAndDiffSq(DoubleBuffer a, DoubleBuffer b, int len, double[] out) {
    double[][] s = SCRATCH.get();
    double[] av = s[0], bv = s[1];
    double sa = 0, sd = 0;
    for (int o = 0; o < len; o += CHUNK) {
      int k = Math.min(CHUNK, len - o);
      a.get(o, av, 0, k);
      b.get(o, bv, 0, k);
      for (int i = 0; i < k; i++) {
        double x = av[i], v = x - bv[i];
        sa += x * x;
        sd += v * v;
      }
    }
    out[0] = sa;
    out[1] = sd;
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
   * depend on the BLAS thread count. Four rows run side by side, each with its own sum in that same
   * order: a single sum waits on its previous addition at every term, four independent ones overlap.
   * Modifies y.
   */
  static void matVec(int m, int k, double s, DoubleBuffer a, DoubleBuffer x, double beta, DoubleBuffer y) {
    double[][] r = rows(4 * k);
    double[] xv = r[0], blk = r[1];
    x.get(0, xv, 0, k);
    int i = 0;
    for (; i + 4 <= m; i += 4) {
      a.get(i * k, blk, 0, 4 * k);
      double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (int j = 0; j < k; j++) {
        double xj = xv[j];
        a0 += blk[j] * xj;
        a1 += blk[k + j] * xj;
        a2 += blk[2 * k + j] * xj;
        a3 += blk[3 * k + j] * xj;
      }
      putRow(y, i, beta, s, a0);
      putRow(y, i + 1, beta, s, a1);
      putRow(y, i + 2, beta, s, a2);
      putRow(y, i + 3, beta, s, a3);
    }
    for (; i < m; i++) {
      a.get(i * k, blk, 0, k);
      double acc = 0;
      for (int j = 0; j < k; j++) acc += blk[j] * xv[j];
      putRow(y, i, beta, s, acc);
    }
  }

  private static void putRow(DoubleBuffer y, int i, double beta, double s, double acc) {
    y.put(i, (beta == 0 ? 0 : beta * y.get(i)) + s * acc);
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
