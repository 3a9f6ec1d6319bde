package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The chunked pointwise passes against plain per-element loops. */
class KernelsProperties {

  private static double ulps(double got, double ref) {
    return ref == got ? 0 : Math.abs(got - ref) / Math.ulp(ref);
  }

  @Test
  void log1pSeriesIsWithinFourUlpsOfLog1p() {
    qt().forAll(doubles().between(0, 1)).checkAssert(e ->
        assertTrue(ulps(Kernels.log1pUnit(e), StrictMath.log1p(e)) <= 4, "e = " + e));
    qt().forAll(integers().between(0, 1074)).checkAssert(k -> {
      double e = Math.scalb(1.0, -k);
      assertTrue(ulps(Kernels.log1pUnit(e), StrictMath.log1p(e)) <= 4, "e = 2^-" + k);
    });
  }

  /** Gaussian entries of spread s in a fresh buffer of len doubles. */
  private static DoubleBuffer gaussian(int len, double s, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    DoubleBuffer b = Blas.alloc(len);
    for (int i = 0; i < len; i++) b.put(i, s * Run.gaussian(r));
    return b;
  }

  @Test
  void softplusMatchesTheActivationOnAnyRange() {
    // ranges across chunk boundaries; slopes that push beta z past +-40 (the identity / zero regime)
    qt().forAll(integers().between(0, 3000), integers().between(0, 3000), doubles().between(0.05, 30),
        longs().all()).checkAssert((a, b, beta, seed) -> {
          int from = Math.min(a, b), to = Math.max(a, b), len = 3100;
          Activation act = new Activation("softplus", beta, true);
          DoubleBuffer z = gaussian(len, 3, seed), h = Blas.alloc(len), d = Blas.alloc(len);
          h.put(from == 0 ? len - 1 : 0, 7.0);
          Kernels.softplus(z, h, d, from, to, beta, act.scale);
          for (int i = 0; i < len; i++) {
            if (i >= from && i < to) {
              double x = z.get(i);
              assertEquals(act.derivative(x), d.get(i), "phi' at " + x);
              assertTrue(ulps(h.get(i), act.value(x)) <= 6, "phi(" + x + ") = " + h.get(i) + " vs " + act.value(x));
            } else {
              assertEquals(i == (from == 0 ? len - 1 : 0) ? 7.0 : 0.0, h.get(i), "written outside the range at " + i);
              assertEquals(0.0, d.get(i));
            }
          }
        });
  }

  @Test
  void mulAxpyAndSumsEqualPlainLoops() {
    qt().forAll(integers().between(0, 5000), longs().all()).checkAssert((len, seed) -> {
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
      Kernels.axpyTo(a, 0.3, m, y, len);
      for (int i = 0; i < len; i++) assertEquals(ax[i], y.get(i));
      int from = len / 3;
      Kernels.mulInPlace(a, m, from, len);
      for (int i = from; i < len; i++) assertEquals(prod[i], a.get(i));
      if (from > 0) assertEquals(gaussian(len, 1, seed).get(0), a.get(0));
    });
  }
}
