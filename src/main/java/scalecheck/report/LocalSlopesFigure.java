package scalecheck.report;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import scalecheck.check.CheckResult;
import scalecheck.check.FitPoint;

/**
 * The finite-size extrapolation of one check: local slopes between neighbouring widths against
 * u = x^(-omega) (x at the geometric midpoint of the pair), with the corrected fit's local slope
 * p - omega b u as a line down to u = 0 (x -&gt; infinity), where it meets the asymptotic exponent p
 * (drawn with its interval), and the predicted exponent as a dashed horizontal line. For
 * log y = a + p log x + b x^(-omega) the local slope is exactly linear in u, so the plot shows
 * how far the data are from the limit and how the limit is reached (finite-size scaling, e.g.
 * Binder 1981; Geiger et al. 2020 for the width dependence).
 */
final class LocalSlopesFigure {
  private LocalSlopesFigure() {}

  /** The figure, or null when the check has no corrected fit or fewer than two local slopes. */
  static Figure of(CheckResult c, String file, String label) {
    CheckResult.Extrapolation e = c.extrapolation();
    if (e == null || e.extrapolated() == null || e.omega() == null || e.b() == null || c.points() == null
        || c.points().size() < 3) {
      return null;
    }
    double omega = e.omega();
    double p = e.extrapolated();
    double b = e.b();
    List<FitPoint> pts = c.points();
    String vary = c.vary() == null ? "x" : c.vary();
    XYSeries local = new XYSeries("local slopes (neighbouring " + vary + ")", false, true);
    double uMax = 0;
    for (int k = 0; k + 1 < pts.size(); k++) {
      FitPoint a = pts.get(k);
      FitPoint z = pts.get(k + 1);
      if (!(a.mean() > 0 && z.mean() > 0 && a.x() > 0 && z.x() > a.x())) continue;
      double s = (Math.log(z.mean()) - Math.log(a.mean())) / (Math.log(z.x()) - Math.log(a.x()));
      double u = Math.pow(Math.sqrt(a.x() * z.x()), -omega);
      local.add(u, s);
      uMax = Math.max(uMax, u);
    }
    if (local.getItemCount() < 2) return null;
    XYSeries model = new XYSeries("corrected fit: " + Fmt.num(p) + " - " + Fmt.num(omega) + " b u, b = " + Fmt.num(b),
        false, true);
    int steps = 20;
    for (int i = 0; i <= steps; i++) {
      double u = 1.1 * uMax * i / steps;
      model.add(u, p - omega * b * u);
    }
    XYPlot plot = Charts.plot(Charts.linearAxis(vary + "^(-" + Fmt.num(omega) + ")   (" + vary + " -> infinity at 0)"),
        Charts.linearAxis("local slope d log y / d log " + vary));
    XYSeriesCollection lines = new XYSeriesCollection();
    lines.addSeries(model);
    Double pred = Fmt.value(c.predicted());
    if (pred != null) {
      XYSeries pr = new XYSeries("predicted " + c.predicted(), false, true);
      pr.add(0, pred);
      pr.add(1.1 * uMax, pred);
      lines.addSeries(pr);
    }
    XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
    lr.setSeriesPaint(0, Charts.BLUE);
    lr.setSeriesStroke(0, Charts.stroke(2.2f, false));
    lr.setSeriesPaint(1, Charts.RED);
    lr.setSeriesStroke(1, Charts.stroke(2.2f, true));
    Charts.add(plot, lines, lr);
    if (e.extrapolatedLow() != null && e.extrapolatedHigh() != null) {
      XYIntervalSeries lim = new XYIntervalSeries("extrapolated " + Fmt.num(p) + " [" + Fmt.num(e.extrapolatedLow())
          + ", " + Fmt.num(e.extrapolatedHigh()) + "]");
      lim.add(0, 0, 0, p, e.extrapolatedLow(), e.extrapolatedHigh());
      XYIntervalSeriesCollection ic = new XYIntervalSeriesCollection();
      ic.addSeries(lim);
      XYErrorRenderer er = new XYErrorRenderer();
      er.setDrawXError(false);
      er.setSeriesPaint(0, Charts.BLUE);
      er.setSeriesShape(0, Charts.square(10));
      er.setErrorPaint(Charts.BLUE);
      Charts.add(plot, ic, er);
    }
    Charts.add(plot, Charts.collection(local), Charts.points(List.of(Color.BLACK), Charts.circle(10)));
    // room left of u = 0 so that the limit and its interval are not drawn on the axis line
    plot.getDomainAxis().setRange(-0.05 * uMax, 1.12 * uMax);
    String title = label + ": local slopes against " + vary + "^(-" + Fmt.num(omega) + ")";
    String sub = "raw " + Fmt.num(e.raw()) + "   extrapolated " + Fmt.num(p) + "   predicted " + SummaryMd.predictedText(c)
        + "   judged: " + e.judged();
    JFreeChart chart = Charts.chart(title, sub, plot, true);
    String caption = "Finite-size extrapolation of " + label + ". Black dots: local slopes (log y difference over log "
        + vary + " difference between neighbouring widths of the seed means), placed at u = " + vary + "^(-"
        + Fmt.num(omega) + ") of the pair's geometric midpoint; the widest pair is nearest u = 0. Blue line: the local"
        + " slope p - omega b u of the corrected fit y = C " + vary + "^p (1 + b " + vary + "^(-omega)), which reaches"
        + " the asymptotic exponent p = " + Fmt.num(p) + " at u = 0 (" + vary + " -> infinity); the blue square is p"
        + " with its interval" + (e.extrapolatedLow() == null ? "" : " [" + Fmt.num(e.extrapolatedLow()) + ", "
        + Fmt.num(e.extrapolatedHigh()) + "]") + ". Red dashed: the predicted exponent "
        + SummaryMd.predictedText(c) + ". The plain log-log slope over all widths is " + Fmt.num(e.raw())
        + "; the verdict judges the " + e.judged() + " fit.";
    return new Figure(Plots.S_CHECKS, file + "-local-slopes", title, caption, List.of(chart), Plots.WIDTH, Plots.HEIGHT,
        null);
  }
}
