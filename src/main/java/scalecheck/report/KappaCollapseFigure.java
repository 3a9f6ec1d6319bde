package scalecheck.report;

import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import scalecheck.check.RunRecord;

/**
 * The collapse in kappa of Geiger et al. (2020): seed-averaged relative kernel change (and test error)
 * against kappa, one curve per width, for the (at most two) checks with the most such runs. The
 * dashed reference is the slope in kappa the results predict for the kernel change ({@link Kappa#slope}),
 * drawn only when a result predicts one.
 */
final class KappaCollapseFigure extends ReportPart.Figures {
  static final String KERNEL = "kernel.change";
  static final String ERROR = "err.test";

  KappaCollapseFigure() {
    super("collapse plot", Section.COLLAPSE);
  }

  @Override
  void drawReport(ReportData d, Drawn out) {
    Kappa kappa = d.kappa();
    List<Map.Entry<String, List<RunRecord>>> cands = new ArrayList<>();
    for (Map.Entry<String, List<RunRecord>> e : Runs.byCheck(d.deep()).entrySet()) {
      List<RunRecord> rs = e.getValue().stream().filter(r -> Runs.positive(Runs.probe(r, KERNEL))
          && Runs.positive(kappa.of(r)) && Runs.width(r) != null).toList();
      if (Runs.distinct(rs, Runs::width) >= 2 && Runs.distinct(rs, r -> Runs.round(kappa.of(r))) >= 3) {
        cands.add(Map.entry(e.getKey(), rs));
      }
    }
    if (cands.isEmpty()) {
      out.skip("collapse plot: no check has kernel.change at two or more widths and three or more kappa values");
      return;
    }
    Kappa.Slope slope = kappa.slope(d.checks(), KERNEL);
    cands.sort(Comparator.comparingInt((Map.Entry<String, List<RunRecord>> e) -> e.getValue().size()).reversed());
    for (Map.Entry<String, List<RunRecord>> e : cands.subList(0, Math.min(2, cands.size()))) {
      List<RunRecord> rs = e.getValue();
      JFreeChart left = byWidth("kernel change against kappa", rs, kappa, KERNEL,
          "kernel change ||Theta(T)-Theta(0)||_F / ||Theta(0)||_F", slope,
          slope == null ? null : "predicted " + Exponents.power(Kappa.NAME, slope.value()));
      List<JFreeChart> panels = new ArrayList<>(List.of(left));
      boolean err = rs.stream().anyMatch(r -> Runs.positive(Runs.probe(r, ERROR)));
      if (err) panels.add(byWidth("test error against kappa", rs, kappa, ERROR, "test error", null, null));
      String cap = "Check " + e.getKey() + ": seed-averaged relative kernel change after training"
          + (err ? " (left) and test error (right)" : "") + " against " + kappa.axis() + ", one curve per width n. "
          + "Geiger et al. (2020) predict that these curves collapse onto one: the training regime depends on n and "
          + "alpha only through kappa, lazy for kappa >> 1 and feature learning for kappa << 1. "
          + (slope == null ? "No result of this report predicts how the kernel change scales at a fixed width or "
              + "alpha, so no reference slope is drawn."
              : "The dashed line has slope " + slope.value() + ", the lazy-side prediction kernel change ~ "
              + Exponents.power(Kappa.NAME, slope.value()) + " of " + kappa.origin(slope)
              + "; if the kernel change falls like 1/n at fixed kappa instead (Dyer and Gur-Ari 2020), the curves "
              + "separate by width on the lazy side.");
      out.add(new Figure(section(), "collapse-" + Fmt.slug(e.getKey()), "Collapse in kappa: " + e.getKey(),
          cap, panels, panels.size() == 1 ? Figure.WIDTH : Figure.WIDE, Figure.HEIGHT, null));
    }
  }

  /** Log-log chart of a probe against kappa with one seed-averaged line per width, and the slope if any. */
  static JFreeChart byWidth(String title, List<RunRecord> rs, Kappa kappa, String probeName, String ylabel,
      Kappa.Slope ref, String refName) {
    TreeMap<Double, List<RunRecord>> byN = new TreeMap<>();
    for (RunRecord r : rs) if (Runs.width(r) != null) byN.computeIfAbsent(Runs.width(r), k -> new ArrayList<>()).add(r);
    XYSeriesCollection d = new XYSeriesCollection();
    List<Paint> paints = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    int i = 0;
    double x0 = Double.POSITIVE_INFINITY, x1 = 0;
    for (Map.Entry<Double, List<RunRecord>> e : byN.entrySet()) {
      TreeMap<Double, Double> m = Runs.means(e.getValue(), r -> Runs.round(kappa.of(r)), r -> Runs.probe(r, probeName));
      if (m.isEmpty()) continue;
      XYSeries s = new XYSeries("n = " + Runs.fmtKey(e.getKey()), false, true);
      m.forEach((x, y) -> {
        s.add(x, y);
        all.add(new double[] {x, y});
      });
      x0 = Math.min(x0, m.firstKey());
      x1 = Math.max(x1, m.lastKey());
      d.addSeries(s);
      paints.add(Charts.palette(i++));
    }
    XYPlot p = Charts.plot(Charts.logAxis(kappa.axis()), Charts.logAxis(ylabel));
    if (ref != null && !all.isEmpty()) {
      double[] c = Runs.centroid(all);
      Charts.add(p, Charts.collection(Charts.powerLine(refName, c[0], c[1], ref.value().doubleValue(), x0, x1)),
          Charts.lines(List.of(Color.BLACK), Charts.stroke(1.6f, true)));
    }
    Charts.add(p, d, Charts.linesAndPoints(paints, Charts.circle(8)));
    return Charts.chart(title, null, p, true);
  }
}
