package scalecheck.report;

import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import scalecheck.check.CheckResult;
import scalecheck.check.CollapseCheck;

/**
 * The before/after figure of a collapse check: the seed-averaged quantity Q against alpha (left, one
 * curve per width: before rescaling), against alpha n^x at the fitted x (middle) and at the x the
 * theory derives (right; 1/2 for kappa = alpha sqrt(n), Geiger et al., J. Stat. Mech. 2020). Both
 * exponents are read from the check's result, never typed here. The curves are the ones the fit used
 * ({@link CollapseCheck#CURVES} in the result's {@code fixed} settings).
 */
final class CollapseFigure {
  private CollapseFigure() {}

  /** Whether {@code c} is the result of a collapse check. */
  static boolean applies(CheckResult c) {
    return c.fixed() != null && c.fixed().get(CollapseCheck.CURVES) instanceof Map;
  }

  static void add(CheckResult c, String file, String label, List<Figure> figs, List<String> skipped) {
    Map<Double, List<double[]>> curves = curves(c.fixed().get(CollapseCheck.CURVES));
    if (curves.size() < 2) {
      skipped.add("collapse figure of check " + label + ": fewer than 2 widths with measured points");
      return;
    }
    Double derived = Fmt.value(c.predicted());
    String sym = String.valueOf(c.fixed().getOrDefault(CollapseCheck.VARIABLE, "alpha n^x")).split(" ")[0];
    String q = c.measure() == null ? "Q" : c.measure();
    List<JFreeChart> panels = new ArrayList<>();
    panels.add(panel(curves, 0, "before: against " + sym, sym, q));
    if (c.fitted() != null) {
      panels.add(panel(curves, c.fitted(), "fitted x = " + Fmt.num(c.fitted()), sym + " n^" + Fmt.num(c.fitted()), q));
    }
    if (derived != null) {
      panels.add(panel(curves, derived, "derived x = " + c.predicted() + " (" + c.law() + ")",
          sym + " n^" + c.predicted(), q));
    }
    String title = "Collapse " + label + ": " + q + " against " + sym + " n^x";
    String cap = "Check " + label + ": seed-averaged " + q + (c.norm() == null ? "" : " (" + c.norm() + ")")
        + ", one curve per width n, against " + sym + " alone (left), against " + sym + " n^x at the fitted x = "
        + Fmt.num(c.fitted()) + ", interval " + SummaryMd.interval(c) + " (middle), and at the x the theory derives from "
        + c.law() + ", " + c.predicted() + " (right). Curves that superpose on the right are the collapse the "
        + "sources claim; the fit finds x by minimising the Houdayer-Hartmann collapse quality. "
        + (c.negativeControl() ? "Negative control: the derived x is deliberately wrong and the check must FAIL. " : "")
        + "Verdict " + c.verdict() + ": " + (c.reason() == null ? "" : c.reason());
    figs.add(new Figure(Plots.S_COLLAPSE, "collapse-fit-" + file, title, cap, panels,
        panels.size() * 520, Plots.HEIGHT, null));
  }

  private static JFreeChart panel(Map<Double, List<double[]>> curves, double x, String title, String xlabel, String q) {
    XYSeriesCollection d = new XYSeriesCollection();
    List<Paint> paints = new ArrayList<>();
    int i = 0;
    for (Map.Entry<Double, List<double[]>> e : curves.entrySet()) {
      XYSeries s = new XYSeries("n = " + Plots.fmtKey(e.getKey()), false, true);
      double scale = Math.pow(e.getKey(), x);
      for (double[] p : e.getValue()) if (p[0] > 0 && p[1] > 0) s.add(p[0] * scale, p[1]);
      d.addSeries(s);
      paints.add(Charts.palette(i++));
    }
    XYPlot p = Charts.plot(Charts.logAxis(xlabel), Charts.logAxis(q));
    Charts.add(p, d, Charts.linesAndPoints(paints, Charts.circle(8)));
    return Charts.chart(title, null, p, true);
  }

  /** Width -> [a, mean] points, from the result as written or as read back from report.json. */
  static Map<Double, List<double[]>> curves(Object raw) {
    Map<Double, List<double[]>> out = new TreeMap<>();
    if (!(raw instanceof Map<?, ?> m)) return out;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      double n;
      try {
        n = Double.parseDouble(String.valueOf(e.getKey()));
      } catch (NumberFormatException ex) {
        continue;
      }
      List<double[]> pts = new ArrayList<>();
      if (e.getValue() instanceof List<?> l) {
        for (Object o : l) {
          double[] pt = point(o);
          if (pt != null) pts.add(pt);
        }
      }
      if (!pts.isEmpty()) out.put(n, pts);
    }
    return out;
  }

  private static double[] point(Object o) {
    if (o instanceof double[] a && a.length == 2) return a;
    if (o instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
      return new double[] {a.doubleValue(), b.doubleValue()};
    }
    return null;
  }
}
