package scalecheck.report;

import java.awt.Paint;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import scalecheck.check.CheckResult;
import scalecheck.check.FitPoint;
import scalecheck.check.Measures;
import scalecheck.theory.Rational;

/**
 * The per-layer coordinate check in the style of muP (Yang et al., "Tensor Programs V", 2022): every
 * result that measures one layer's change (a per-layer probe such as {@code dz.l1}) against the width,
 * one panel per measured probe and one line per result (its seed means, the points it fitted), each
 * with the slope its own law predicts as a dashed line of the same colour through the line's centre.
 */
final class CoordinateCheckFigure extends ReportPart.Figures {
  CoordinateCheckFigure() {
    super("coordinate check", Section.COORD);
  }

  /** A per-layer probe name: family, ".l" and the layer, e.g. dz.l1 or dW.l2. */
  private static final Pattern LAYER = Pattern.compile("[A-Za-z]+\\.l[0-9]+");

  /** Whether {@code c} measures one layer: an engine probe recorded per layer, at two or more widths. */
  static boolean isLayerCheck(CheckResult c) {
    String m = c.measure();
    return m != null && Measures.isProbe(m) && LAYER.matcher(m).matches() && !ReportData.isCollapse(c)
        && c.vary() != null && c.points() != null && c.points().stream().filter(p -> p.x() > 0 && p.mean() > 0).count() >= 2;
  }

  @Override
  void drawReport(ReportData d, Drawn out) {
    Map<String, List<Integer>> byProbe = new TreeMap<>(RunsCsv.NATURAL);
    for (int i = 0; i < d.checks().size(); i++) {
      if (isLayerCheck(d.checks().get(i))) byProbe.computeIfAbsent(d.checks().get(i).measure(), k -> new ArrayList<>()).add(i);
    }
    if (byProbe.isEmpty()) {
      out.skip("coordinate check: no check measures a per-layer probe (dz.l<k>, dW.l<k>) at two or more widths");
      return;
    }
    List<JFreeChart> panels = new ArrayList<>();
    StringBuilder lines = new StringBuilder();
    for (Map.Entry<String, List<Integer>> e : byProbe.entrySet()) {
      panels.add(panel(d, e.getKey(), e.getValue()));
      for (int i : e.getValue()) {
        CheckResult c = d.checks().get(i);
        lines.append(lines.length() == 0 ? "" : "; ").append(d.labels().get(i)).append(" (law ").append(c.law())
            .append("): ").append(SummaryMd.predictedText(c));
      }
    }
    CheckResult first = d.checks().get(byProbe.values().iterator().next().get(0));
    String cap = "Coordinate check in the style of muP: the change of " + String.join(", ", byProbe.keySet())
        + " (" + first.norm() + ") against width " + first.vary() + ", log-log, one panel per layer and one line per "
        + "check (its seed means, the points it fitted), each with the slope its own law predicts as a dashed line "
        + "of the same colour through the line's centre (a bound, < or >, where the check expects one). Predicted "
        + "slopes: " + lines + ". A line parallel to its dashed line scales as predicted; a flat line means the layer "
        + "keeps moving by O(1) as the width grows (feature learning).";
    out.add(new Figure(section(), "coordinate-check", "Coordinate check", cap, panels,
        panels.size() == 1 ? Figure.WIDTH : Math.max(Figure.WIDE, 750 * panels.size()), Figure.HEIGHT, null));
  }

  private static JFreeChart panel(ReportData d, String probe, List<Integer> idx) {
    XYSeriesCollection data = new XYSeriesCollection(), refs = new XYSeriesCollection();
    List<Paint> paints = new ArrayList<>(), refPaints = new ArrayList<>();
    int colour = 0;
    String vary = d.checks().get(idx.get(0)).vary();
    for (int i : idx) {
      CheckResult c = d.checks().get(i);
      Paint paint = Charts.palette(colour++);
      Map<Double, Double> pts = new LinkedHashMap<>();
      for (FitPoint p : c.points()) if (p.x() > 0 && p.mean() > 0 && Double.isFinite(p.mean())) pts.put(p.x(), p.mean());
      XYSeries s = new XYSeries(d.labels().get(i), false, true);
      pts.forEach(s::add);
      data.addSeries(s);
      paints.add(paint);
      Rational pred = Exponents.predicted(c);
      if (pred == null) continue;
      List<double[]> all = pts.entrySet().stream().map(x -> new double[] {x.getKey(), x.getValue()}).toList();
      double[] cen = Runs.centroid(all);
      double x0 = all.stream().mapToDouble(q -> q[0]).min().orElseThrow();
      double x1 = all.stream().mapToDouble(q -> q[0]).max().orElseThrow();
      refs.addSeries(Charts.powerLine("predicted " + SummaryMd.predictedText(c) + " (" + d.labels().get(i) + ")",
          cen[0], cen[1], pred.doubleValue(), x0, x1));
      refPaints.add(paint);
    }
    XYPlot p = Charts.plot(Charts.logAxis("width " + vary), Charts.logAxis(probe));
    List<Stroke> dashed = new ArrayList<>();
    for (int k = 0; k < refPaints.size(); k++) dashed.add(Charts.stroke(1.6f, true));
    Charts.add(p, refs, Charts.lines(refPaints, dashed));
    Charts.add(p, data, Charts.linesAndPoints(paints, Charts.circle(8)));
    return Charts.chart(probe + " against width", null, p, true);
  }
}
