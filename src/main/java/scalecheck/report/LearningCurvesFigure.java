package scalecheck.report;

import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import scalecheck.check.RunRecord;

/**
 * Learning curves of one check at one width, one seed per kappa, against t (left, t1 marked) and
 * against t / kappa^s (right), s the slope of t1 in kappa the results predict
 * ({@link T1KappaFigure#slope}); without such a prediction only the left panel is drawn.
 */
final class LearningCurvesFigure extends ReportPart.Figures {
  LearningCurvesFigure() {
    super("learning curves", Section.TIME);
  }

  @Override
  void drawReport(ReportData d, Drawn out) {
    Kappa kappa = d.kappa();
    List<RunRecord> withCurve = d.deep().stream().filter(r -> Runs.series(r, "loss.t") != null
        && Runs.series(r, "loss.v") != null && Runs.positive(kappa.of(r))).toList();
    Map<String, List<RunRecord>> bc = Runs.byCheck(withCurve);
    String best = null;
    for (Map.Entry<String, List<RunRecord>> e : bc.entrySet()) {
      if (Runs.distinct(e.getValue(), r -> Runs.round(kappa.of(r))) >= 2
          && (best == null || e.getValue().size() > bc.get(best).size())) best = e.getKey();
    }
    if (best == null) {
      out.skip("learning curves: no check stores loss.t/loss.v series at two or more kappa values");
      return;
    }
    List<RunRecord> rs = bc.get(best);
    // one width (the most frequent), one seed (the smallest) per kappa
    Map<Double, Long> count = new TreeMap<>();
    for (RunRecord r : rs) count.merge(Runs.width(r) == null ? -1.0 : Runs.width(r), 1L, Long::sum);
    double n = count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    TreeMap<Double, RunRecord> perKappa = new TreeMap<>();
    for (RunRecord r : rs) {
      double w = Runs.width(r) == null ? -1.0 : Runs.width(r);
      if (w != n) continue;
      Double k = Runs.round(kappa.of(r));
      RunRecord prev = perKappa.get(k);
      if (prev == null || Runs.seed(r) < Runs.seed(prev)) perKappa.put(k, r);
    }
    List<RunRecord> chosen = thin(new ArrayList<>(perKappa.values()), 7);
    Kappa.Slope s = T1KappaFigure.slope(d);
    String scaled = s == null ? null : "t / " + Exponents.power(Kappa.NAME, s.value());
    XYSeriesCollection raw = new XYSeriesCollection(), rescaled = new XYSeriesCollection();
    XYSeries marks = new XYSeries("t1 (loss at half)", false, true);
    List<Paint> paints = new ArrayList<>();
    int i = 0;
    for (RunRecord r : chosen) {
      double k = kappa.of(r);
      double div = s == null ? 1 : Math.pow(k, s.value().doubleValue());
      double[] t = Runs.series(r, "loss.t"), v = Runs.series(r, "loss.v");
      XYSeries a = new XYSeries("kappa = " + Fmt.num(k), false, true);
      XYSeries b = new XYSeries("kappa = " + Fmt.num(k), false, true);
      for (int j = 0; j < Math.min(t.length, v.length); j++) {
        if (t[j] > 0 && v[j] > 0 && Double.isFinite(v[j])) {
          a.add(t[j], v[j]);
          b.add(t[j] / div, v[j]);
        }
      }
      if (a.getItemCount() == 0) continue;
      Double t1 = Runs.probe(r, T1KappaFigure.LOSS_HALF);
      if (Runs.positive(t1)) {
        double y = Runs.interpolate(t, v, t1);
        if (y > 0) marks.add(t1.doubleValue(), y);
      }
      raw.addSeries(a);
      rescaled.addSeries(b);
      paints.add(Charts.palette(i++));
    }
    if (raw.getSeriesCount() == 0) {
      out.skip("learning curves: the stored curves have no positive times and losses");
      return;
    }
    XYPlot left = Charts.plot(Charts.logAxis("time t"), Charts.logAxis("training loss"));
    Charts.add(left, raw, Charts.lines(paints, Charts.stroke(2f, false)));
    if (marks.getItemCount() > 0) {
      Charts.add(left, Charts.collection(marks), Charts.points(List.of(Color.BLACK), Charts.circle(9)));
    }
    List<JFreeChart> panels = new ArrayList<>(List.of(Charts.chart("loss against t", null, left, true)));
    if (s != null) {
      XYPlot right = Charts.plot(Charts.logAxis(scaled), Charts.logAxis("training loss"));
      Charts.add(right, rescaled, Charts.lines(paints, Charts.stroke(2f, false)));
      panels.add(Charts.chart("loss against " + scaled, null, right, true));
    }
    String cap = "Training loss against time for check " + best + " at width n = " + Fmt.num(n)
        + ", one seed per " + kappa.axis() + ". " + (s == null ? "Against t" : "Left: against t")
        + ", with the time t1 at which the loss reaches half its initial value marked by black dots. "
        + (s == null ? "No result of this report predicts how t1 scales with kappa, so the curves are not rescaled."
            : "Right: the same curves against " + scaled + ". Theory: on the feature side the characteristic time is "
            + "t1 ~ " + Exponents.power(Kappa.NAME, s.value()) + " after " + kappa.origin(s) + ", so the right-hand curves "
            + "should line up there; on the lazy side training ends in time O(1), independent of kappa "
            + "(Geiger et al. 2020).");
    out.add(new Figure(section(), "learning-curves", "Learning curves", cap, panels,
        panels.size() == 1 ? Figure.WIDTH : Figure.WIDE, Figure.HEIGHT, null));
  }

  /** Every other element (keeping the last) until at most {@code max} remain. */
  private static List<RunRecord> thin(List<RunRecord> chosen, int max) {
    while (chosen.size() > max) {
      List<RunRecord> thin = new ArrayList<>();
      for (int i = 0; i < chosen.size(); i += 2) thin.add(chosen.get(i));
      if (!thin.contains(chosen.get(chosen.size() - 1))) thin.add(chosen.get(chosen.size() - 1));
      if (thin.size() >= chosen.size()) break;
      chosen = thin;
    }
    return chosen;
  }
}
