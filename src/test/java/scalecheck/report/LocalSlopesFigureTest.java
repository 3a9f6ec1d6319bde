package scalecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import scalecheck.check.CheckResult;
import scalecheck.check.FitPoint;
import scalecheck.check.Verdict;

/** The finite-size extrapolation figure: local slopes against n^-omega and the corrected line to n -> infinity. */
class LocalSlopesFigureTest {
  /** Seed means of n^-1 exp(6 n^-1/2) at n = 64..1024: local slopes -1 - 3 u exactly (u at the midpoint in log). */
  private static CheckResult result(boolean corrected) {
    List<FitPoint> pts = new ArrayList<>();
    for (double n = 64; n <= 1024; n *= 2) pts.add(new FitPoint(n, Math.exp(-Math.log(n) + 6 / Math.sqrt(n)), List.of()));
    CheckResult r = Fixtures.check("dW_hidden", "geiger/dW_hidden", "n", "dW.hidden", "-1", -1.0, 0.02, Verdict.PASS,
        pts, List.of(), false);
    if (!corrected) return r;
    return r.withExtrapolation(new CheckResult.Extrapolation(-1.2, -1.25, -1.15, -1.0, -1.04, -0.96, 6.0, 0.5, "1/2",
        "corrected", 0.001, "seed jackknife, t on seeds - 1 df", "corrected fit judged"));
  }

  @Test
  void plotsLocalSlopesAgainstUAndTheLineToTheLimit() {
    Figure f = LocalSlopesFigure.of(result(true), "check-dW_hidden", "dW_hidden");
    assertNotNull(f);
    assertEquals("check-dW_hidden-local-slopes", f.file());
    assertTrue(f.caption().contains("u = 0"), f.caption());
    assertTrue(f.caption().contains("-1.04, -0.96"), f.caption());
    XYPlot p = f.panels().get(0).getXYPlot();
    // dataset 0: the corrected line and the prediction; its value at u = 0 is p = -1
    assertEquals(0.0, p.getDataset(0).getXValue(0, 0), 0);
    assertEquals(-1.0, p.getDataset(0).getYValue(0, 0), 1e-12);
    // the last dataset: the four local slopes, each on the line -1 - 3 u up to the midpoint approximation
    var local = p.getDataset(p.getDatasetCount() - 1);
    assertEquals(4, local.getItemCount(0));
    for (int i = 0; i < 4; i++) {
      double u = local.getXValue(0, i);
      assertEquals(-1 - 3 * u, local.getYValue(0, i), 0.01);
    }
    assertTrue(f.png().length > 1000);
  }

  @Test
  void noCorrectedFitNoFigure() {
    assertNull(LocalSlopesFigure.of(result(false), "check-dW_hidden", "dW_hidden"));
  }
}
