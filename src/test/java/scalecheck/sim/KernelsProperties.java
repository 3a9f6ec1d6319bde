package scalecheck.sim;

import scalecheck.sim.data.Datasets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scalecheck.PropertyRuns.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The chunked pointwise passes against plain per-element loops, and the exponential, softplus and
 * sigmoid kernels against the high-precision {@link KernelReference} within the bounds {@link
 * Kernels} states (measured by {@code bench/kernel-accuracy.sh} over 10^8 inputs each).
 */
class KernelsProperties {

  /** Whether e^-|b| is below the normal range (b &lt; about -708), where the tail bounds apply. */
  private static boolean tail(double b) {
    return KernelReference.expMinusAbs(b, 0).normal().k() < Double.MIN_EXPONENT;
  }

  /** Asserts h and dphi at z against the exact values at b = fl(beta z) within the stated bounds. */
  private static void assertWithinBounds(double z, double beta, double c, double h, double dphi) {
    double b = z * beta;
    KernelReference.Scaled e = KernelReference.expMinusAbs(b, 0);
    double uh = KernelReference.ulps(h, KernelReference.softplus(b, 0, e, beta, c));
    double ud = KernelReference.ulps(dphi, KernelReference.sigmoid(b, 0, e, c));
    boolean t = tail(b);
    double bh = t ? Kernels.SOFTPLUS_TAIL_MAX_ULPS : Kernels.SOFTPLUS_MAX_ULPS;
    double bd = t ? Kernels.SIGMOID_TAIL_MAX_ULPS : Kernels.SIGMOID_MAX_ULPS;
    String at = "(z = " + z + ", beta = " + beta + ", c = " + c + ")";
    assertTrue(uh <= bh, () -> "phi" + at + " = " + h + ": " + uh + " ulps from the exact value, bound " + bh);
    assertTrue(ud <= bd, () -> "phi'" + at + " = " + dphi + ": " + ud + " ulps from the exact value, bound " + bd);
  }

  @Test
  void exponentialMeetsItsMeasuredBoundDownToTheSubnormals() {
    qt(1000).forAll(doubles().between(-746, 0)).checkAssert(x -> {
      double u = KernelReference.ulps(Kernels.expNonPositive(x), KernelReference.exp(x, 0));
      assertTrue(u <= Kernels.EXP_MAX_ULPS, () -> "exp(" + x + ") = " + Kernels.expNonPositive(x) + ": " + u + " ulps");
    });
    qt(1000).forAll(doubles().between(-1e-3, 0)).checkAssert(x ->
        assertTrue(KernelReference.ulps(Kernels.expNonPositive(x), KernelReference.exp(x, 0)) <= Kernels.EXP_MAX_ULPS,
            "exp(" + x + ")"));
    qt(300).forAll(doubles().between(-746, -700)).checkAssert(x ->
        assertTrue(KernelReference.ulps(Kernels.expNonPositive(x), KernelReference.exp(x, 0)) <= Kernels.EXP_MAX_ULPS,
            "exp(" + x + ") (subnormal result)"));
    assertEquals(1.0, Kernels.expNonPositive(0.0));
    assertEquals(1.0, Kernels.expNonPositive(-0.0));
    assertEquals(0.0, Kernels.expNonPositive(-746.0));
    assertEquals(0.0, Kernels.expNonPositive(Double.NEGATIVE_INFINITY));
    assertEquals(Double.MIN_VALUE, Kernels.expNonPositive(-745.0));
    assertTrue(Double.isNaN(Kernels.expNonPositive(Double.NaN)));
  }

  /**
   * The case that failed the earlier property (seed 680525406341, checked against Math.log1p and
   * Math.exp, which have errors of their own): the kernel is within its stated bound of the exact
   * value there, on the vector path and the scalar tail.
   */
  @Test
  void theSoftplusCaseOfSeed680525406341IsWithinTheStatedBound() {
    double z = -1.0602713133147617;
    // the issue printed beta as 5.852; the neighbourhood covers the digits it did not print
    for (double beta = 5.8515; beta < 5.8525; beta += 1e-5) {
      Activation act = new Activation("softplus", beta, true);
      double[] zs = new double[67], h = new double[67], d = new double[67];
      java.util.Arrays.fill(zs, z);
      int done = VectorKernels.softplus(zs, h, d, zs.length, beta, act.scale);
      Kernels.softplus(zs, h, d, done, zs.length, beta, act.scale);
      assertWithinBounds(z, beta, act.scale, h[0], d[0]);
      assertWithinBounds(z, beta, act.scale, h[66], d[66]);
    }
  }

  private static final double[] SPECIAL = {0.0, -0.0, 1e-300, -1e-300, Double.MIN_VALUE, 1e-17, -1e-17, 0.3, -0.3,
      0.88, -0.88, 0.8813735870195429, -0.8813735870195429, 1, -1, 36, -36, 40, -40, 700, -700, 745, -745, 746,
      -746, 800, -800, 1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NaN};

  @Test
  void vectorAndScalarSoftplusAgreeToTheBit() {
    assertTrue(Kernels.VECTOR, "the tests run with --add-modules jdk.incubator.vector (surefire argLine)");
    qt(1000).forAll(integers().between(1, 300), doubles().between(0.05, 30), doubles().between(0.01, 300), longs().all())
        .checkAssert((m, beta, spread, seed) -> {
          SplittableRandom r = new SplittableRandom(seed);
          double[] z = new double[m];
          for (int i = 0; i < m; i++) {
            z[i] = r.nextInt(8) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : spread * Datasets.gaussian(r);
          }
          double[] hv = new double[m], dv = new double[m], hs = new double[m], ds = new double[m];
          int done = VectorKernels.softplus(z, hv, dv, m, beta, 1.3);
          Kernels.softplus(z, hv, dv, done, m, beta, 1.3);
          Kernels.softplus(z, hs, ds, 0, m, beta, 1.3);
          for (int i = 0; i < m; i++) {
            // Double.equals: equal bits, every NaN equal to every NaN
            assertEquals(Double.valueOf(hs[i]), Double.valueOf(hv[i]), "h at z = " + z[i]);
            assertEquals(Double.valueOf(ds[i]), Double.valueOf(dv[i]), "dphi at z = " + z[i]);
          }
        });
  }

  /**
   * Arguments b = beta z over the edges of the pass: the floor -746 of the exponential and the
   * subnormal e below -708, 2000 consecutive doubles either side of +-0.8813735870195429 (where e
   * crosses sqrt 2 - 1 and the log1p reduction switches), zeros of both signs, subnormals, the identity
   * and zero regimes, overflow, infinities and NaN; each as z = b / beta.
   */
  private static double[] edgeArguments(SplittableRandom r) {
    java.util.List<Double> b = new java.util.ArrayList<>();
    for (double x : SPECIAL) b.add(x);
    for (double x : new double[] {-746, -745, -745.1332191019412, -745.1332191019411, -708, -708.3964185322641,
        -709.782712893384, 709.782712893384, -37, 37, 1e-8, -1e-8, Double.MIN_NORMAL, -Double.MIN_NORMAL}) {
      addNeighbours(b, x, 50);
    }
    for (double x0 : new double[] {0.8813735870195429, -0.8813735870195429}) addNeighbours(b, x0, 2000);
    for (int i = 0; i < 3000; i++) {
      b.add(-800 + 100 * r.nextDouble());
      b.add(-40 + 80 * r.nextDouble());
      b.add(-2 + 4 * r.nextDouble());
      b.add((r.nextBoolean() ? 1 : -1) * Math.scalb(1 + r.nextDouble(), r.nextInt(-1074, 1024)));
      b.add(Double.longBitsToDouble(r.nextLong()));
    }
    return b.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** x and the {@code count - 1} consecutive doubles on either side of it (x itself twice). */
  private static void addNeighbours(java.util.List<Double> b, double x, int count) {
    double u = x, d = x;
    for (int i = 0; i < count; i++) {
      b.add(u);
      b.add(d);
      u = Math.nextUp(u);
      d = Math.nextDown(d);
    }
  }

  @Test
  void vectorAndScalarSoftplusAgreeToTheBitAtTheEdges() {
    assertTrue(Kernels.VECTOR, "the tests run with --add-modules jdk.incubator.vector (surefire argLine)");
    double[] args = edgeArguments(new SplittableRandom(20261208));
    boolean below = false, above = false;
    double x = 0.8813735870195429;
    for (int i = 0; i < 1000; i++) x = Math.nextDown(x);
    for (int i = 0; i < 2000; i++, x = Math.nextUp(x)) {
      double e = Kernels.expNonPositive(-x);
      below |= e <= Kernels.SQRT2_M1;
      above |= e > Kernels.SQRT2_M1;
    }
    assertTrue(below && above, "the scan around 0.8813735870195429 crosses the switch of the log1p reduction");
    int m = args.length;
    for (double beta : new double[] {1.0, 0.05, 0.7, 1.7, 30}) {
      for (double c : new double[] {1.0, 1.3}) {
        double[] z = new double[m];
        for (int i = 0; i < m; i++) z[i] = beta == 1.0 ? args[i] : args[i] / beta;
        double[] hv = new double[m], dv = new double[m], hs = new double[m], ds = new double[m];
        int done = VectorKernels.softplus(z, hv, dv, m, beta, c);
        assertTrue(done > m - 8, "the vector loop covers the array");
        Kernels.softplus(z, hv, dv, done, m, beta, c);
        Kernels.softplus(z, hs, ds, 0, m, beta, c);
        // the engine's entry point: chunked copies of a range of off-heap buffers
        DoubleBuffer zb = Blas.alloc(m), hb = Blas.alloc(m), db = Blas.alloc(m);
        zb.put(0, z);
        Kernels.softplus(zb, hb, db, 3, m - 1, beta, c);
        for (int i = 0; i < m; i++) {
          String at = " at z = " + z[i] + ", beta = " + beta + ", c = " + c;
          // Double.equals: equal bits, every NaN equal to every NaN
          assertEquals(Double.valueOf(hs[i]), Double.valueOf(hv[i]), () -> "h" + at);
          assertEquals(Double.valueOf(ds[i]), Double.valueOf(dv[i]), () -> "dphi" + at);
          boolean in = i >= 3 && i < m - 1;
          assertEquals(Double.valueOf(in ? hs[i] : 0.0), Double.valueOf(hb.get(i)), () -> "h from the buffers" + at);
          assertEquals(Double.valueOf(in ? ds[i] : 0.0), Double.valueOf(db.get(i)), () -> "dphi from the buffers" + at);
        }
      }
    }
  }

  @Test
  void softplusMeetsItsBoundsAtTheEdges() {
    int m = SPECIAL.length;
    for (double beta : new double[] {1.0, 0.05, 30}) {
      for (double c : new double[] {1.0, 1.3}) {
        double[] z = SPECIAL.clone(), h = new double[m], d = new double[m];
        Kernels.softplus(z, h, d, 0, m, beta, c);
        for (int i = 0; i < m; i++) {
          double x = z[i];
          if (Double.isNaN(x)) {
            assertTrue(Double.isNaN(h[i]) && Double.isNaN(d[i]), "softplus(NaN)");
          } else if (Double.isInfinite(x * beta)) {
            assertEquals(x > 0 ? Double.POSITIVE_INFINITY : 0.0, h[i], "softplus(" + x + ")");
            assertEquals(x > 0 ? c : 0.0, d[i], "sigmoid(" + x + ")");
          } else {
            assertWithinBounds(x, beta, c, h[i], d[i]);
          }
        }
      }
    }
  }

  /** Gaussian entries of spread s in a fresh buffer of len doubles. */
  private static DoubleBuffer gaussian(int len, double s, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    DoubleBuffer b = Blas.alloc(len);
    for (int i = 0; i < len; i++) b.put(i, s * Datasets.gaussian(r));
    return b;
  }

  @Test
  void softplusMeetsItsBoundsOnAnyRange() {
    // ranges across chunk boundaries; slopes that push beta z past +-40 (the identity / zero regime)
    qt(1000).forAll(integers().between(0, 3000), integers().between(0, 3000), doubles().between(0.05, 30),
        longs().all()).checkAssert((a, b, beta, seed) -> {
          int from = Math.min(a, b), to = Math.max(a, b), len = 3100;
          Activation act = new Activation("softplus", beta, true);
          DoubleBuffer z = gaussian(len, 3, seed), h = Blas.alloc(len), d = Blas.alloc(len);
          h.put(from == 0 ? len - 1 : 0, 7.0);
          Kernels.softplus(z, h, d, from, to, beta, act.scale);
          for (int i = 0; i < len; i++) {
            if (i >= from && i < to) {
              assertWithinBounds(z.get(i), beta, act.scale, h.get(i), d.get(i));
            } else {
              assertEquals(i == (from == 0 ? len - 1 : 0) ? 7.0 : 0.0, h.get(i), "written outside the range at " + i);
              assertEquals(0.0, d.get(i));
            }
          }
        });
  }

  @Test
  void mulAxpyAndSumsEqualPlainLoops() {
    qt(1000).forAll(integers().between(0, 5000), longs().all()).checkAssert((len, seed) -> {
      DoubleBuffer a = gaussian(len, 1, seed), m = gaussian(len, 2, seed + 1), y = Blas.alloc(len);
      double sq = 0, dsq = 0;
      double[] prod = new double[len], ax = new double[len];
      for (int i = 0; i < len; i++) {
        sq += a.get(i) * a.get(i);
        double v = a.get(i) - m.get(i);
        dsq += v * v;
        prod[i] = a.get(i) * m.get(i);
        ax[i] = a.get(i) - 0.3 * m.get(i);
      }
      assertEquals(sq, Kernels.sumSq(a, len));
      assertEquals(dsq, Kernels.diffSq(a, m, len));
      double[] both = {Double.NaN, Double.NaN};
      Kernels.sumSqAndDiffSq(a, m, len, both);
      assertEquals(sq, both[0]);
      assertEquals(dsq, both[1]);
      Kernels.axpyTo(a, 0.3, m, y, len);
      for (int i = 0; i < len; i++) assertEquals(ax[i], y.get(i));
      int from = len / 3;
      Kernels.mulInPlace(a, m, from, len);
      for (int i = from; i < len; i++) assertEquals(prod[i], a.get(i));
      if (from > 0) assertEquals(gaussian(len, 1, seed).get(0), a.get(0));
    });
  }

  @Test
  void matrixVectorAndGramPassesEqualPlainLoops() {
    qt(1000).forAll(integers().between(1, 40), integers().between(1, 1500), longs().all()).checkAssert((m, k, seed) -> {
      DoubleBuffer a = gaussian(m * k, 1, seed), x = gaussian(k, 1, seed + 1), xm = gaussian(m, 1, seed + 2);
      DoubleBuffer y = gaussian(m, 1, seed + 3), y0 = gaussian(m, 1, seed + 3), yt = Blas.alloc(k);
      Kernels.matVec(m, k, 0.7, a, x, 0.5, y);
      for (int i = 0; i < m; i++) {
        double acc = 0;
        for (int j = 0; j < k; j++) acc += a.get(i * k + j) * x.get(j);
        assertEquals(0.5 * y0.get(i) + 0.7 * acc, y.get(i));
      }
      Kernels.matTVec(m, k, 1.3, a, xm, yt);
      for (int j = 0; j < k; j++) {
        double acc = 0;
        for (int i = 0; i < m; i++) acc += xm.get(i) * a.get(i * k + j);
        assertEquals(1.3 * acc, yt.get(j));
      }
      DoubleBuffer out = Blas.alloc(m * k), out1 = Blas.alloc(m * k), dp = gaussian(m * k, 1, seed + 4);
      Kernels.scaledRows(m, k, 0.9, xm, x, dp, out);
      Kernels.scaledRows(m, k, 0.9, null, x, dp, out1);
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < k; j++) {
          assertEquals(0.9 * xm.get(i) * x.get(j) * dp.get(i * k + j), out.get(i * k + j));
          assertEquals(0.9 * x.get(j) * dp.get(i * k + j), out1.get(i * k + j));
        }
      }
    });
    qt(1000).forAll(integers().between(1, 60), longs().all()).checkAssert((b, seed) -> {
      DoubleBuffer g = gaussian(b * b, 1, seed), t1 = gaussian(b * b, 1, seed + 1), t2 = gaussian(b * b, 1, seed + 2);
      DoubleBuffer g0 = gaussian(b * b, 1, seed);
      Kernels.addProductUpper(b, g, t1, t2);
      Kernels.symmetrise(b, g);
      for (int i = 0; i < b; i++) {
        for (int j = 0; j < b; j++) {
          int u = Math.min(i, j) * b + Math.max(i, j);
          assertEquals(g0.get(u) + t1.get(u) * t2.get(u), g.get(i * b + j), "entry " + i + ", " + j);
        }
      }
    });
  }
}
