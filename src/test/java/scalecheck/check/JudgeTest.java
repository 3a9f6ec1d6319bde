package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import scalecheck.check.Judge.FitSummary;
import scalecheck.check.Judge.Judgement;

/** The verdict rules on hand-made fits: PASS needs the whole interval inside the band. */
class JudgeTest {
  private static Judgement judge(double slope, double lo, double hi) {
    FitSummary f = FitSummary.plain(slope, lo, hi, 0.01, 0.99, new double[] {slope, slope}, 5, 0.95);
    return Judge.judge(f, -0.5, "-1/2", 0.1, "exponent", CheckSpec.FitOptions.defaults(), 40, 0, "");
  }

  @Test
  void passNeedsTheIntervalInsideTheBand() {
    assertEquals(Verdict.PASS, judge(-0.5, -0.58, -0.42).verdict());
    assertEquals(Verdict.PASS, judge(-0.45, -0.6, -0.4).verdict());
    // the estimate is inside but the interval reaches out: not a PASS
    assertEquals(Verdict.INCONCLUSIVE, judge(-0.5, -0.65, -0.35).verdict());
    assertEquals(Verdict.INCONCLUSIVE, judge(-0.55, -0.62, -0.48).verdict());
    assertTrue(judge(-0.5, -0.65, -0.35).reason().contains("wider than the band"));
  }

  @Test
  void failNeedsTheIntervalOutsideTheBand() {
    assertEquals(Verdict.FAIL, judge(-0.75, -0.8, -0.7).verdict());
    assertEquals(Verdict.FAIL, judge(-0.2, -0.3, -0.1).verdict());
    assertEquals(Verdict.INCONCLUSIVE, judge(-0.7, -0.8, -0.55).verdict());
  }

  @Test
  void simpleExponentsInsideAnInterval() {
    assertEquals("-3/4, -2/3", Judge.simpleExponentsInside(-0.82, -0.64, 6));
    assertEquals("-1, -3/4", Judge.simpleExponentsInside(-1.05, -0.72, 6));
    assertEquals("0", Judge.simpleExponentsInside(-0.1, 0.1, 6));
    assertEquals("", Judge.simpleExponentsInside(-0.6, -0.55, 6));
    assertEquals("1/3", Judge.simpleExponentsInside(0.3, 0.34, 6));
    assertEquals("", Judge.simpleExponentsInside(Double.NaN, 1, 6));
  }
}
