package scalecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import scalecheck.check.CheckResult;
import scalecheck.check.RunRecord;
import scalecheck.check.Verdict;
import scalecheck.check.VerifyOutcome;
import scalecheck.theory.Rational;

/**
 * Every reference slope a report figure draws is the one the results predict: the coordinate check
 * draws each result's own exponent; slopes against kappa = alpha n^x are p / e, e the exponent of the
 * check's symbol in kappa (1 for alpha, x for the width: if Q = f(alpha n^x) and Q ~ n^p at fixed alpha,
 * then Q ~ kappa^(p/x)); alpha* is recognised by its measure, not its id.
 */
class ReferenceSlopesTest {

  private static CheckResult fit(String id, String vary, String measure, String predicted, String expect) {
    CheckResult c = Fixtures.check(id, "test/" + id, vary, measure, predicted, -0.4, 0.02, Verdict.PASS,
        Fixtures.pointsFrom(-0.4, 0.05, new Random(id.hashCode())), List.of(), false);
    return new CheckResult(c.id(), c.law(), c.vary(), c.measure(), c.norm(), c.predicted(), c.fitted(), c.ciLow(),
        c.ciHigh(), c.stdErr(), c.r2(), c.tolerance(), expect, c.verdict(), c.reason(), c.points(), c.localSlopes(),
        c.runs(), c.excluded(), c.competing(), c.negativeControl(), c.fixed());
  }

  /** Deep-net runs over (n, alpha, seed) that store alpha and n only, not kappa. */
  private static List<RunRecord> runs() {
    List<RunRecord> out = new ArrayList<>();
    for (RunRecord r : Fixtures.outcome(3, false).runs()) {
      if (r.params().containsKey("kappa") && r.status() == scalecheck.sim.RunStatus.OK) {
        Map<String, Double> p = new LinkedHashMap<>(r.params());
        p.remove("kappa");
        out.add(new RunRecord(r.check(), r.key(), p, r.spec(), r.result()));
      }
    }
    assertFalse(out.isEmpty());
    return out;
  }

  private static Drawn draw(ReportPart.Figures part, List<CheckResult> checks, List<RunRecord> runs) {
    Drawn out = new Drawn();
    part.drawReport(ReportData.of(new VerifyOutcome(checks, runs, null)), out);
    return out;
  }

  /** Log-log slope of each series of a dataset whose name starts with {@code prefix}, by name. */
  private static Map<String, Double> slopes(JFreeChart chart, String prefix) {
    XYPlot p = chart.getXYPlot();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int k = 0; k < p.getDatasetCount(); k++) {
      XYDataset d = p.getDataset(k);
      for (int s = 0; d != null && s < d.getSeriesCount(); s++) {
        String name = String.valueOf(d.getSeriesKey(s));
        if (!name.startsWith(prefix)) continue;
        int last = d.getItemCount(s) - 1;
        out.put(name, Math.log(d.getYValue(s, last) / d.getYValue(s, 0)) / Math.log(d.getXValue(s, last) / d.getXValue(s, 0)));
      }
    }
    return out;
  }

  @Test
  void coordinateCheckDrawsEachResultsOwnPredictedSlope() {
    List<CheckResult> checks = List.of(fit("mup_l1", "n", "dz.l1", "0", "exponent"),
        fit("ntk_l1", "n", "dz.l1", "-1/2", "exponent"), fit("sp_l2", "n", "dz.l2", "1", "above"),
        fit("dz_mean", "n", "dz.mean", "-1/2", "exponent"));
    Drawn out = draw(new CoordinateCheckFigure(), checks, List.of());
    assertEquals(1, out.figures().size());
    Figure f = out.figures().get(0);
    assertEquals("coordinate-check", f.file());
    assertEquals(2, f.panels().size(), "one panel per measured layer; dz.mean is no layer");
    Map<String, Double> l1 = slopes(f.panels().get(0), "predicted");
    assertEquals(2, l1.size(), l1.toString());
    assertEquals(0.0, l1.get("predicted 0 (mup_l1)"), 1e-12);
    assertEquals(-0.5, l1.get("predicted -1/2 (ntk_l1)"), 1e-12);
    assertEquals(1.0, slopes(f.panels().get(1), "predicted").get("predicted > 1 (sp_l2)"), 1e-12);
    assertTrue(f.caption().contains("ntk_l1 (law test/ntk_l1): -1/2"), f.caption());
  }

  @Test
  void noLayerResultNoCoordinateCheck() {
    Drawn out = draw(new CoordinateCheckFigure(), List.of(fit("dz_mean", "n", "dz.mean", "-1/2", "exponent")),
        runs());
    assertTrue(out.figures().isEmpty());
    assertTrue(out.skipped().get(0).startsWith("coordinate check:"), out.skipped().toString());
  }

  @Test
  void kappaIsAlphaTimesTheWidthToTheDerivedExponent() {
    RunRecord r = runs().get(5);
    double a = r.params().get("alpha"), n = r.params().get("n");
    Kappa half = Kappa.of(List.of(Fixtures.collapse("c", "1/2", false)));
    assertEquals(a * Math.sqrt(n), half.of(r), 1e-12 * a * Math.sqrt(n));
    assertEquals(a, half.alpha(r), 0);
    assertEquals("kappa = alpha sqrt(n)", half.axis());
    Kappa quarter = Kappa.of(List.of(Fixtures.collapse("wrong", "1", true), Fixtures.collapse("c", "1/4", false)));
    assertEquals(Rational.of(1, 4), quarter.x(), "a negative control does not define the variable");
    assertEquals(a * Math.pow(n, 0.25), quarter.of(r), 1e-12 * a * Math.pow(n, 0.25));
    assertNull(Kappa.of(List.of()).of(r), "no collapse result and no stored kappa: unknown");
  }

  @Test
  void slopesAgainstKappaAreThePredictedExponentOverTheExponentInKappa() {
    CheckResult kernelN = fit("kernel_n", "n", KappaCollapseFigure.KERNEL, "-1/2", "exponent");
    for (String[] c : new String[][] {{"1/2", "-1.0"}, {"1/4", "-2.0"}}) {
      List<CheckResult> checks = List.of(Fixtures.collapse("collapse", c[0], false), kernelN);
      Drawn out = draw(new KappaCollapseFigure(), checks, runs());
      assertFalse(out.figures().isEmpty(), out.skipped().toString());
      Map<String, Double> s = slopes(out.figures().get(0).panels().get(0), "predicted");
      assertEquals(1, s.size(), s.toString());
      assertEquals(Double.parseDouble(c[1]), s.values().iterator().next(), 1e-12, c[0]);
    }
    // a prediction in alpha needs no x: the exponent of alpha in kappa is 1
    List<CheckResult> inAlpha = List.of(Fixtures.collapse("collapse", "1/4", false),
        fit("t1_alpha", "alpha", T1KappaFigure.KERNEL, "3/2", "exponent"));
    Drawn t1 = draw(new T1KappaFigure(), inAlpha, runs());
    Map<String, Double> s = slopes(t1.figures().get(0).panels().get(1), "predicted");
    assertEquals(1.5, s.get("predicted t1 ~ kappa^3/2"), 1e-12);
    assertTrue(slopes(t1.figures().get(0).panels().get(0), "predicted").isEmpty(), "nothing predicts t1.loss_half");
  }

  @Test
  void boundsAndNegativeControlsDrawNoSlopeAgainstKappa() {
    CheckResult bound = fit("kernel_bound", "n", KappaCollapseFigure.KERNEL, "-1/2", "below");
    CheckResult c = fit("kernel_control", "n", KappaCollapseFigure.KERNEL, "-1/2", "exponent");
    CheckResult control = new CheckResult(c.id(), c.law(), c.vary(), c.measure(), c.norm(), c.predicted(), c.fitted(),
        c.ciLow(), c.ciHigh(), c.stdErr(), c.r2(), c.tolerance(), c.expect(), c.verdict(), c.reason(), c.points(),
        c.localSlopes(), c.runs(), c.excluded(), c.competing(), true, c.fixed());
    Drawn out = draw(new KappaCollapseFigure(), List.of(Fixtures.collapse("collapse", "1/2", false), bound, control),
        runs());
    assertTrue(slopes(out.figures().get(0).panels().get(0), "predicted").isEmpty());
    assertTrue(out.figures().get(0).caption().contains("no reference slope is drawn"));
  }

  @Test
  void alphaStarIsRecognisedByItsMeasure() {
    CheckResult star = fit("crossover", "n", "alpha_star", "-1/2", "exponent");
    CheckResult named = fit("alpha_star_like", "n", "dz.mean", "-1/2", "exponent");
    List<CheckResult> collapse = List.of(Fixtures.collapse("collapse", "1/2", false));
    List<CheckResult> withStar = new ArrayList<>(collapse);
    withStar.add(star);
    Drawn drawn = draw(new PhaseDiagramFigure(), withStar, runs());
    assertEquals(-0.5, slopes(drawn.figures().get(0).panels().get(0), "predicted alpha*").values().iterator().next(),
        1e-12);
    assertTrue(drawn.figures().get(0).caption().contains("measured by check crossover"));
    List<CheckResult> withName = new ArrayList<>(collapse);
    withName.add(named);
    Drawn none = draw(new PhaseDiagramFigure(), withName, runs());
    assertTrue(none.skipped().contains("phase diagram: alpha* lines not drawn, no alpha_star check in this report"));
  }

  @Test
  void powersAreWrittenAsCaptionsShowThem() {
    assertEquals("1/sqrt(n)", Exponents.power("n", Rational.of(-1, 2)));
    assertEquals("sqrt(n)", Exponents.power("n", Rational.of(1, 2)));
    assertEquals("1/kappa", Exponents.power("kappa", Rational.of(-1)));
    assertEquals("kappa", Exponents.power("kappa", Rational.ONE));
    assertEquals("1", Exponents.power("m", Rational.ZERO));
    assertEquals("m^-3/4", Exponents.power("m", Rational.of(-3, 4)));
    assertEquals(Rational.of(-2), Exponents.divide(Rational.of(-1, 2), Rational.of(1, 4)));
    assertNull(Exponents.divide(Rational.ONE, Rational.ZERO));
  }
}
