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
    PowerLawFit f = PowerLaws.fit(x, q, 0.9, 0, 0);
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
    // bootstrap 0: t-interval with 1 df, t_{0.95,1} = 6.313751514675
    assertEquals(1.5 - 6.313751514675 * Math.sqrt(1.0 / 12), f.ciLow(), 1e-9);
    assertEquals(1.5 + 6.313751514675 * Math.sqrt(1.0 / 12), f.ciHigh(), 1e-9);
  }

  @Test
  void twoPointsGiveNoStandardError() {
    PowerLawFit f = PowerLaws.fit(new double[] {1, 4}, new double[][] {{2}, {1}}, 0.9, 100, 1);
    assertEquals(-0.5, f.slope(), 1e-15);
    assertTrue(Double.isNaN(f.stdErr()));
    assertTrue(Double.isNaN(f.ciLow()));
  }

  @Test
  void degenerateInputsAreRejectedWithTheReason() {
    assertMessage("at least 2 points", () -> PowerLaws.fit(new double[] {1}, new double[][] {{1}}, 0.9, 10, 1));
    assertMessage("x[1] = 0.0", () -> PowerLaws.fit(new double[] {1, 0}, new double[][] {{1}, {1}}, 0.9, 10, 1));
    assertMessage("perSeed[1][1] = -2.0", () -> PowerLaws.fit(new double[] {1, 2},
        new double[][] {{1}, {1, -2}}, 0.9, 10, 1));
    assertMessage("perSeed[0][0] = 0.0", () -> PowerLaws.fit(new double[] {1, 2},
        new double[][] {{0}, {1}}, 0.9, 10, 1));
    assertMessage("every run at x = 2.0", () -> PowerLaws.fit(new double[] {1, 2},
        new double[][] {{1}, {Double.NaN, Double.NaN}}, 0.9, 10, 1));
    assertMessage("appears twice", () -> PowerLaws.fit(new double[] {2, 2},
        new double[][] {{1}, {1}}, 0.9, 10, 1));
    assertMessage("confidence", () -> PowerLaws.fit(new double[] {1, 2}, new double[][] {{1}, {1}}, 1.0, 10, 1));
    assertMessage("2 rows", () -> PowerLaws.fit(new double[] {1, 2, 3}, new double[][] {{1}, {1}}, 0.9, 10, 1));
    assertMessage("must be > 0 and finite", () -> PowerLaws.fit(new double[] {1, 2},
        new double[][] {{Double.POSITIVE_INFINITY}, {1}}, 0.9, 10, 1));
  }

  @Test
  void quantileInterpolatesBetweenOrderStatistics() {
    double[] v = {0, 10, 20, 30, 40};
    assertEquals(0, PowerLaws.quantile(v, 0), 0);
    assertEquals(5, PowerLaws.quantile(v, 0.125), 1e-12);
    assertEquals(40, PowerLaws.quantile(v, 1), 0);
  }

  static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(fragment), () -> "message '" + ex.getMessage() + "' lacks '" + fragment + "'");
  }
}
