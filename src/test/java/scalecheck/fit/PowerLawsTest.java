package scalecheck.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PowerLawsTest {
  private static final double E = Math.E;

  /** log x = 0, 1, 2 and log mean = 0, 1, 3: slope 3/2, intercept -1/6, residuals 1/6, -1/3, 1/6. */
  @Test
  void handWorkedThreePointFit() {
    double[] x = {E * E, 1, E}; // unsorted on purpose
    double[][] q = {{Math.exp(3) * 0.5, Math.exp(3) * 1.5}, {1}, {E, Double.NaN}};
    PowerLawFit f = PowerLaws.fit(x, q, 0.9);
    assertEquals(1.5, f.slope(), 1e-14);
    assertEquals(-1.0 / 6, f.intercept(), 1e-14);
    assertArrayEquals(new double[] {1.0 / 6, -1.0 / 3, 1.0 / 6}, f.residuals(), 1e-14);
    assertArrayEquals(new double[] {1, E, E * E}, f.x(), 0);
    assertArrayEquals(new double[] {1, 2}, f.localSlopes(), 1e-14);
    // SSR = 1/6, Sxx = 2, one degree of freedom: stdErr = sqrt(1/12); SST = 14/3: r2 = 27/28
    assertEquals(Math.sqrt(1.0 / 12), f.stdErr(), 1e-14);
    assertEquals(27.0 / 28, f.r2(), 1e-14);
    assertEquals(1, f.seedsUsed());
    assertEquals(3, f.points());
    // a point with a single seed: residual t-interval with 1 df, t_{0.95,1} = 6.313751514675
    assertEquals(1.5 - 6.313751514675 * Math.sqrt(1.0 / 12), f.ciLow(), 1e-9);
    assertEquals(1.5 + 6.313751514675 * Math.sqrt(1.0 / 12), f.ciHigh(), 1e-9);
  }

  @Test
  void twoPointsGiveNoStandardError() {
    PowerLawFit f = PowerLaws.fit(new double[] {1, 4}, new double[][] {{2}, {1}}, 0.9);
    assertEquals(-0.5, f.slope(), 1e-15);
    assertTrue(Double.isNaN(f.stdErr()));
    assertTrue(Double.isNaN(f.ciLow()));
  }

  @Test
  void degenerateInputsAreRejectedWithTheReason() {
    assertMessage("at least 2 points", () -> PowerLaws.fit(new double[] {1}, new double[][] {{1}}, 0.9));
    assertMessage("x[1] = 0.0", () -> PowerLaws.fit(new double[] {1, 0}, new double[][] {{1}, {1}}, 0.9));
    assertMessage("perSeed[1][1] = -2.0", () -> PowerLaws.fit(new double[] {1, 2},
        new double[][] {{1}, {1, -2}}, 0.9));
    assertMessage("perSeed[0][0] = 0.0", () -> PowerLaws.fit(new double[] {1, 2},
        new double[][] {{0}, {1}}, 0.9));
    assertMessage("every run at x = 2.0", () -> PowerLaws.fit(new double[] {1, 2},
        new double[][] {{1}, {Double.NaN, Double.NaN}}, 0.9));
    assertMessage("appears twice", () -> PowerLaws.fit(new double[] {2, 2},
        new double[][] {{1}, {1}}, 0.9));
    assertMessage("confidence", () -> PowerLaws.fit(new double[] {1, 2}, new double[][] {{1}, {1}}, 1.0));
    assertMessage("2 rows", () -> PowerLaws.fit(new double[] {1, 2, 3}, new double[][] {{1}, {1}}, 0.9));
    assertMessage("must be > 0 and finite", () -> PowerLaws.fit(new double[] {1, 2},
        new double[][] {{Double.POSITIVE_INFINITY}, {1}}, 0.9));
  }

  /**
   * Two points, three seeds: the slope is log(mean at e) - log(mean at 1) = ln 2; leaving out each
   * seed gives ln 2.5, ln 2, ln 1.5; se = sqrt((2/3) sum (theta_i - mean)^2); interval ln 2 +- t_{2}
   * se, where for 2 df t_{2, p} = (2p - 1) / sqrt(2 p (1 - p)) in closed form.
   */
  @Test
  void handWorkedSeedJackknife() {
    PowerLawFit f = PowerLaws.fit(new double[] {1, E}, new double[][] {{1, 1, 1}, {1, 2, 3}}, 0.95);
    double[] t = {Math.log(2.5), Math.log(2), Math.log(1.5)};
    double m = (t[0] + t[1] + t[2]) / 3;
    double ss = 0;
    for (double v : t) ss += (v - m) * (v - m);
    double se = Math.sqrt(2.0 / 3 * ss);
    assertEquals(Math.log(2), f.slope(), 1e-14);
    assertEquals(se, f.ciStdErr(), 1e-14);
    assertEquals(2, f.df());
    assertEquals(PowerLawFit.SEED_JACKKNIFE, f.method());
    double q = 0.975;
    double t2 = (2 * q - 1) / Math.sqrt(2 * q * (1 - q));
    assertEquals(Math.log(2) - t2 * se, f.ciLow(), 1e-9);
    assertEquals(Math.log(2) + t2 * se, f.ciHigh(), 1e-9);
  }

  static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(fragment), () -> "message '" + ex.getMessage() + "' lacks '" + fragment + "'");
  }
}
