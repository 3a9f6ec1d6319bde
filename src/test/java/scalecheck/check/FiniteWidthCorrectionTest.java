package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import scalecheck.check.Judge.Judgement;
import scalecheck.fit.Correction;
import scalecheck.fit.ScalingFit;
import scalecheck.fit.ScalingFits;

/**
 * A law n^-1 (1 + 6 n^-1/2) measured at n = 64 to 4096 with 8 seeds and 3% log-normal noise: its local
 * slopes run from about -1.21 to -1.04, so the plain log-log fit (about -1.12) FAILs the predicted -1
 * at tolerance 0.1, while the corrected fit C n^p (1 + b n^-1/2) extrapolates to p = -1 and PASSes.
 */
class FiniteWidthCorrectionTest {
  private static final double[] X = {64, 128, 256, 512, 1024, 2048, 4096};

  private static double[][] data(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] q = new double[X.length][8];
    for (int i = 0; i < X.length; i++) {
      for (int s = 0; s < 8; s++) {
        q[i][s] = Math.pow(X[i], -1) * (1 + 6 / Math.sqrt(X[i])) * Math.exp(0.03 * r.nextGaussian());
      }
    }
    return q;
  }

  private static Judgement judge(ScalingFit f) {
    return Judge.judge(Evaluator.summarize(f), -1, "-1", 0.1, "exponent", CheckSpec.FitOptions.defaults(), 56, 0, "");
  }

  @Test
  void plainFitFailsAndCorrectedFitPasses() {
    for (long seed = 1; seed <= 5; seed++) {
      double[][] q = data(seed);
      ScalingFit plain = ScalingFits.fit(X, q, 0.95, Correction.none(), ScalingFits.Selection.ALWAYS);
      ScalingFit corr = ScalingFits.fit(X, q, 0.95, Correction.fixed(0.5), ScalingFits.Selection.ALWAYS);
      Judgement jp = judge(plain);
      Judgement jc = judge(corr);
      assertEquals(Verdict.FAIL, jp.verdict(), jp.reason());
      assertEquals(Verdict.PASS, jc.verdict(), jc.reason());
      assertTrue(plain.slope() < -1.1, plain.plain().toString());
      assertEquals(-1, corr.extrapolated(), 0.05, jc.reason());
      assertTrue(jc.reason().contains("extrapolated"), jc.reason());
    }
  }

  @Test
  void tooFewWidthsForTheCorrectionAreInconclusiveByRule() {
    double[] x = {64, 128, 256};
    double[][] q = {data(1)[0], data(1)[1], data(1)[2]};
    ScalingFit f = ScalingFits.fit(x, q, 0.95, Correction.fixed(0.5), ScalingFits.Selection.ALWAYS);
    Judgement j = judge(f);
    assertEquals(Verdict.INCONCLUSIVE, j.verdict(), j.reason());
    assertTrue(j.reason().contains("correction cannot be fitted"), j.reason());
  }
}
