package scalecheck.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.junit.jupiter.api.Test;

/** Data collapse on synthetic curves whose scaling variable is known. */
class CollapseTest {
  /** A crossover: flat for u &lt;&lt; 1, falling as u^-1 for u &gt;&gt; 1 (kernel-change-like). */
  static double crossover(double u) {
    return 1 / (1 + u);
  }

  /** Curves Q(n, a) = f(n, a) (1 + noise N(0,1)) at 4 widths, 9 values of a, {@code seeds} seeds. */
  static List<Collapse.Curve> curves(DoubleBinaryOperator f, double noise, int seeds, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Collapse.Curve> out = new ArrayList<>();
    for (double n : new double[] {64, 128, 256, 512}) {
      double[] a = new double[9];
      double[][] q = new double[9][seeds];
      for (int k = 0; k < 9; k++) {
        a[k] = 0.01 * Math.pow(2, k);
        for (int s = 0; s < seeds; s++) q[k][s] = f.applyAsDouble(n, a[k]) * Math.exp(noise * rnd.nextGaussian());
      }
      out.add(new Collapse.Curve(n, a, q));
    }
    return out;
  }

  @Test
  void recoversHalfForAFunctionOfAlphaSqrtN() {
    var c = curves((n, a) -> crossover(a * Math.sqrt(n)), 0.05, 4, 7);
    CollapseFit f = Collapse.fit(c, Collapse.Options.defaults());
    assertEquals(0.5, f.x(), 0.03, "x = " + f.x());
    assertTrue(f.ciLow() <= 0.5 && 0.5 <= f.ciHigh(), "[" + f.ciLow() + ", " + f.ciHigh() + "]");
    assertTrue(f.ciHigh() - f.ciLow() < 0.15, "interval too wide: [" + f.ciLow() + ", " + f.ciHigh() + "]");
    assertFalse(f.atEdge());
    // against alpha alone the curves do not superpose: S(0) is far above S at the best x
    assertTrue(f.qualityUnscaled() > 20 * f.quality(), f.qualityUnscaled() + " vs " + f.quality());
  }

  @Test
  void recoversOneForAFunctionOfAlphaN() {
    var c = curves((n, a) -> crossover(a * n / 8), 0.05, 4, 8);
    CollapseFit f = Collapse.fit(c, Collapse.Options.defaults());
    assertEquals(1.0, f.x(), 0.03, "x = " + f.x());
  }

  @Test
  void theWrongVariableIsOutsideTheInterval() {
    var c = curves((n, a) -> crossover(a * Math.sqrt(n)), 0.05, 4, 9);
    CollapseFit f = Collapse.fit(c, Collapse.Options.defaults());
    assertTrue(f.ciHigh() < 0.9, "x = 1 (alpha n) must lie outside the interval, got [" + f.ciLow() + ", "
        + f.ciHigh() + "]");
    Collapse.Options o = Collapse.Options.defaults();
    assertTrue(Collapse.quality(c, 1.0, o) > 10 * Collapse.quality(c, 0.5, o));
  }

  @Test
  void noiselessCollapseHasZeroQualityAtTheTrueExponent() {
    var c = curves((n, a) -> crossover(a * Math.pow(n, 0.25)), 0, 1, 1);
    Collapse.Options o = Collapse.Options.defaults().withBootstrap(0, 1);
    // linear interpolation of a smooth curve leaves a small residual; far below the floor-scaled 1
    assertTrue(Collapse.quality(c, 0.25, o) < 0.5, "S = " + Collapse.quality(c, 0.25, o));
    CollapseFit f = Collapse.fit(c, o);
    assertEquals(0.25, f.x(), 0.02);
    assertTrue(Double.isNaN(f.ciLow()), "no interval without resamples");
  }

  @Test
  void quantityThatDoesNotDependOnWidthGivesZero() {
    var c = curves((n, a) -> crossover(10 * a), 0.03, 3, 3);
    assertEquals(0.0, Collapse.fit(c, Collapse.Options.defaults()).x(), 0.03);
  }

  @Test
  void sameSeedSameInterval() {
    var c = curves((n, a) -> crossover(a * Math.sqrt(n)), 0.1, 3, 4);
    assertEquals(Collapse.fit(c, Collapse.Options.defaults()), Collapse.fit(c, Collapse.Options.defaults()));
  }

  @Test
  void badInputIsRefused() {
    var one = List.of(new Collapse.Curve(64, new double[] {1, 2}, new double[][] {{1}, {2}}));
    assertThrows(IllegalArgumentException.class, () -> Collapse.fit(one, Collapse.Options.defaults()));
    var neg = List.of(new Collapse.Curve(64, new double[] {1, 2}, new double[][] {{1}, {-2}}),
        new Collapse.Curve(128, new double[] {1, 2}, new double[][] {{1}, {2}}));
    assertThrows(IllegalArgumentException.class, () -> Collapse.fit(neg, Collapse.Options.defaults()));
  }
}
