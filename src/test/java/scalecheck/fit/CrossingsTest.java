package scalecheck.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scalecheck.fit.PowerLawsTest.assertMessage;

import org.junit.jupiter.api.Test;

class CrossingsTest {

  @Test
  void lossHalvingTimeOnAHandWorkedCurve() {
    double[] t = {0, 1, 2, 4, 8};
    double[] loss = {1.0, 0.9, 0.7, 0.4, 0.1};
    // falls to 0.5 between t = 2 (0.7) and t = 4 (0.4): 2 + 2 * (0.2 / 0.3) = 10/3
    assertEquals(10.0 / 3, Crossings.firstCrossing(t, loss, 0.5, false), 1e-15);
    // in log time: exp(ln 2 + (2/3) ln 2) = 2^(5/3)
    assertEquals(Math.pow(2, 5.0 / 3), Crossings.firstCrossing(t, loss, 0.5, true), 1e-14);
    // the first segment starts at t = 0, so log time falls back to linear there: 0.95 at t = 0.5
    assertEquals(0.5, Crossings.firstCrossing(t, loss, 0.95, true), 1e-15);
  }

  @Test
  void firstOfSeveralCrossingsIsReturned() {
    double[] t = {1, 2, 3, 4, 5};
    double[] v = {0, 2, 0, 2, 0};
    assertEquals(1.5, Crossings.firstCrossing(t, v, 1, false), 0);
  }

  @Test
  void neverCrossingOrDivergingGivesNaN() {
    double[] t = {1, 2, 3};
    assertTrue(Double.isNaN(Crossings.firstCrossing(t, new double[] {0, 0.5, 0.9}, 1, false)));
    assertTrue(Double.isNaN(Crossings.firstCrossing(t, new double[] {0, Double.NaN, 5}, 1, false)));
    assertEquals(1, Crossings.firstCrossing(t, new double[] {1, 0.5, 0.9}, 1, false), 0);
  }

  @Test
  void badInputsAreRejected() {
    assertMessage("strictly increasing", () -> Crossings.firstCrossing(new double[] {1, 1}, new double[] {0, 1}, 0.5, false));
    assertMessage("equal length", () -> Crossings.firstCrossing(new double[] {1, 2}, new double[] {0}, 0.5, false));
    assertMessage("not bracketed", () -> Crossings.bisectLog(x -> x, 1, 2, 5, 1e-9, 50));
    assertMessage("0 < lo < hi", () -> Crossings.bisectLog(x -> x, 0, 2, 1, 1e-9, 50));
    assertMessage("is NaN", () -> Crossings.bisectLog(x -> x > 1.2 ? Double.NaN : x, 1, 2, 1.5, 1e-9, 50));
  }

  @Test
  void exactEndpointIsReturnedWithoutBisecting() {
    Crossings.Bisection r = Crossings.bisect(x -> x, 1, 8, 8, 1e-9, 50);
    assertEquals(8, r.x(), 0);
    assertEquals(2, r.evaluations());
  }
}
