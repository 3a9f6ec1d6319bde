package scalecheck.report;

import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import scalecheck.check.CheckResult;
import scalecheck.check.FitPoint;
import scalecheck.check.Measures;
import scalecheck.check.RunRecord;
import scalecheck.theory.Rational;

/**
 * The (n, alpha) phase diagram of Geiger et al. (2020): each setting coloured lazy or feature by its
 * seed-averaged kernel change against the level that defines alpha*, with the alpha*(n) the first
 * result measuring {@link Measures#ALPHA_STAR} found, its fit and its predicted slope (both the
 * result's own).
 */
final class PhaseDiagramFigure extends ReportPart.Figures {
  PhaseDiagramFigure() {
    super("phase diagram", Section.PHASE);
  }

  /** The first result that measures alpha*, or null. */
  static CheckResult star(List<CheckResult> checks) {
    return checks.stream().filter(c -> Measures.ALPHA_STAR.equals(c.measure())).findFirst().orElse(null);
  }

  /**
   * The kernel-change level that defines alpha*: from the check's settings ("level") when recorded,
   * else read off the bisection runs (median kernel change of the run closest to alpha* at each n),
   * else 1.
   */
  static double starLevel(CheckResult star, List<RunRecord> pool, Kappa kappa) {
    if (star == null) return 1.0;
    if (star.fixed() != null) {
      for (String k : List.of("level", "c", "threshold")) {
        Object v = star.fixed().get(k);
        Double d = v instanceof Number num ? Double.valueOf(num.doubleValue()) : Fmt.rational(v == null ? null : v.toString());
        if (Runs.positive(d)) return d;
      }
    }
    List<Double> near = new ArrayList<>();
    if (star.points() != null) {
      for (FitPoint fp : star.points()) {
        if (!(fp.x() > 0 && fp.mean() > 0)) continue;
        RunRecord best = null;
        double dist = Double.POSITIVE_INFINITY;
        for (RunRecord r : pool) {
          if (!star.id().equals(r.check()) || Runs.width(r) == null || Runs.width(r) != fp.x()) continue;
          double d = Math.abs(Math.log(kappa.alpha(r) / fp.mean()));
          if (d < dist) {
            dist = d;
            best = r;
          }
        }
        if (best != null) near.add(Runs.probe(best, KappaCollapseFigure.KERNEL));
      }
    }
    if (near.isEmpty()) return 1.0;
    Collections.sort(near);
    return near.get(near.size() / 2);
  }

  @Override
  void drawReport(ReportData d, Drawn out) {
    Kappa kappa = d.kappa();
    CheckResult star = star(d.checks());
    List<RunRecord> pool = d.deep().stream().filter(r -> Runs.width(r) != null && Runs.positive(kappa.alpha(r))
        && Runs.positive(Runs.probe(r, KappaCollapseFigure.KERNEL))).toList();
    if (star != null) {
      List<RunRecord> own = pool.stream().filter(r -> star.id().equals(r.check())).toList();
      if (Runs.distinct(own, Runs::width) >= 2) pool = own;
    }
    if (pool.isEmpty() || Runs.distinct(pool, Runs::width) < 2) {
      out.skip("phase diagram: no runs with kernel.change at two or more widths n and a known alpha");
      return;
    }
    double level = starLevel(star, pool, kappa);
    Map<List<Double>, double[]> cell = new LinkedHashMap<>();
    for (RunRecord r : pool) {
      double[] a = cell.computeIfAbsent(List.of(Runs.width(r), Runs.round(kappa.alpha(r))), k -> new double[2]);
      a[0] += Runs.probe(r, KappaCollapseFigure.KERNEL);
      a[1]++;
    }
    XYSeries lazy = new XYSeries("lazy: kernel change < " + Fmt.num(level), false, true);
    XYSeries feat = new XYSeries("feature: kernel change >= " + Fmt.num(level), false, true);
    double n0 = Double.POSITIVE_INFINITY, n1 = 0;
    for (Map.Entry<List<Double>, double[]> e : cell.entrySet()) {
      double n = e.getKey().get(0), a = e.getKey().get(1), kc = e.getValue()[0] / e.getValue()[1];
      (kc < level ? lazy : feat).add(n, a);
      n0 = Math.min(n0, n);
      n1 = Math.max(n1, n);
    }
    XYPlot p = Charts.plot(Charts.logAxis("width n"), Charts.logAxis("alpha"));
    Charts.add(p, Charts.collection(lazy, feat), Charts.points(List.of(Charts.BLUE, Charts.ORANGE), Charts.square(11)));
    Rational pr = star == null ? null : Exponents.predicted(star);
    String starText = "";
    if (star != null && star.points() != null && !star.points().isEmpty()) {
      starText = drawStar(p, star, pr, kappa, n0, n1);
    } else {
      out.skip("phase diagram: alpha* lines not drawn, no alpha_star check in this report");
    }
    JFreeChart chart = Charts.chart("Lazy and feature regions in the (n, alpha) plane", null, p, true);
    String cap = "Each square is one (n, alpha) setting; its colour says whether the seed-averaged relative kernel "
        + "change after training stayed below the level " + Fmt.num(level) + " (blue, lazy: the tangent kernel "
        + "barely moved) or reached it (orange, feature learning)." + theory(star, pr, kappa) + starText;
    out.add(new Figure(section(), "phase-diagram", "Phase diagram in (n, alpha)", cap, List.of(chart), Figure.WIDTH,
        Figure.HEIGHT, null));
  }

  /** " Theory: the boundary is alpha* ~ 1/sqrt(n), i.e. kappa = alpha sqrt(n) of order one (...)." from the results. */
  private static String theory(CheckResult star, Rational pr, Kappa kappa) {
    String order = kappa.x() == null ? "" : "kappa = " + kappa.text() + " of order one";
    if (pr == null) return order.isEmpty() ? "" : " Theory: the boundary is " + order + " (Geiger et al. 2020).";
    return " Theory: the boundary is alpha* ~ " + Exponents.power(star.vary(), pr)
        + (onKappa(pr, kappa) ? ", i.e. " + order : "") + " (Geiger et al. 2020).";
  }

  /** Whether alpha* ~ n^p is kappa* of order one (p = -x). */
  private static boolean onKappa(Rational pr, Kappa kappa) {
    return pr != null && kappa.x() != null && pr.equals(kappa.x().neg());
  }

  private static String drawStar(XYPlot p, CheckResult star, Rational pr, Kappa kappa, double n0, double n1) {
    XYSeries sp = new XYSeries("measured alpha*(n)", false, true);
    List<double[]> pts = new ArrayList<>();
    for (FitPoint fp : star.points()) {
      if (fp.x() > 0 && fp.mean() > 0) {
        sp.add(fp.x(), fp.mean());
        pts.add(new double[] {fp.x(), fp.mean()});
      }
    }
    double[] c = Runs.centroid(pts);
    XYSeriesCollection lines = new XYSeriesCollection();
    List<Paint> lp = new ArrayList<>();
    List<java.awt.BasicStroke> strokes = new ArrayList<>();
    if (c != null && star.fitted() != null) {
      lines.addSeries(Charts.powerLine("fitted alpha* ~ n^" + Fmt.num(star.fitted()), c[0], c[1], star.fitted(), n0, n1));
      lp.add(Color.BLACK);
      strokes.add(Charts.stroke(2.2f, false));
    }
    if (c != null && pr != null) {
      lines.addSeries(Charts.powerLine("predicted alpha* ~ n^" + Exponents.exact(star), c[0], c[1], pr.doubleValue(),
          n0, n1));
      lp.add(Charts.RED);
      strokes.add(Charts.stroke(2.2f, true));
    }
    Charts.add(p, lines, Charts.lines(lp, strokes));
    Charts.add(p, Charts.collection(sp), Charts.points(List.of(Color.BLACK), Charts.circle(12)));
    return " Black dots: alpha*(n) measured by check " + star.id() + " (bisection of log alpha for the level); "
        + "solid black: its fit, slope " + Fmt.num(star.fitted()) + "; red dashed: the predicted alpha* ~ n^"
        + Exponents.exact(star) + (onKappa(pr, kappa) ? " (kappa* = alpha* " + Exponents.power(kappa.width(), kappa.x())
        + " of order one)" : " (law " + star.law() + ")") + ", through the same centre.";
  }
}
