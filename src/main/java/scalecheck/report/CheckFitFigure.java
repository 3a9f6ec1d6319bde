package scalecheck.report;

import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import scalecheck.check.CheckResult;
import scalecheck.check.Competitor;
import scalecheck.check.FitPoint;
import scalecheck.theory.Rational;

/**
 * The log-log fit of one check (Geiger et al. 2020, arXiv:1906.08034): per-seed values and seed means
 * against the varied symbol, the fitted slope with its interval as a band pivoting at the centroid of
 * the means, the predicted slope and any competing prediction, all through that centroid. Every slope
 * drawn is the result's own. Collapse results have their own figure ({@link CollapseFitFigure}).
 */
final class CheckFitFigure extends ReportPart.Figures {
  /** Colour of the per-seed values. */
  private static final Color SEEDS = new Color(0x88, 0x88, 0x88, 0xaa);

  CheckFitFigure() {
    super("fit plot", Section.CHECKS);
  }

  @Override
  void drawCheck(CheckResult c, String file, String label, Drawn out) {
    if (ReportData.isCollapse(c)) return;
    List<double[]> means = new ArrayList<>();
    XYSeries seeds = new XYSeries("per seed", false, true);
    XYSeries mean = new XYSeries("seed mean", false, true);
    int dropped = 0;
    if (c.points() != null) {
      for (FitPoint p : c.points()) {
        if (p.x() > 0 && p.mean() > 0 && Double.isFinite(p.mean())) {
          mean.add(p.x(), p.mean());
          means.add(new double[] {p.x(), p.mean()});
        } else {
          dropped++;
        }
        if (p.perSeed() != null) {
          for (Double v : p.perSeed()) if (p.x() > 0 && Runs.positive(v)) seeds.add(p.x(), v);
        }
      }
    }
    if (means.isEmpty()) {
      out.skip("fit plot of check " + label + ": no positive measured points to draw on log-log axes");
      return;
    }
    double x0 = means.stream().mapToDouble(p -> p[0]).min().orElseThrow();
    double x1 = means.stream().mapToDouble(p -> p[0]).max().orElseThrow();
    if (x1 == x0) {
      x0 /= 1.5;
      x1 *= 1.5;
    }
    double[] cen = Runs.centroid(means);
    String vary = c.vary() == null ? "x" : c.vary();
    XYPlot p = Charts.plot(Charts.logAxis(vary), Charts.logAxis(c.measure() == null ? "measured"
        : c.measure() + (c.norm() == null ? "" : "  [" + shortNorm(c.norm()) + "]")));
    Rational pred = Exponents.predicted(c);
    String predicted = SummaryMd.predictedText(c);
    if (c.ciLow() != null && c.ciHigh() != null && Double.isFinite(c.ciLow()) && Double.isFinite(c.ciHigh())) {
      Charts.add(p, band(c, cen, x0, x1), bandRenderer());
    }
    XYSeriesCollection lines = new XYSeriesCollection();
    List<Paint> paints = new ArrayList<>();
    List<java.awt.BasicStroke> strokes = new ArrayList<>();
    if (c.fitted() != null && Double.isFinite(c.fitted())) {
      lines.addSeries(Charts.powerLine("fitted slope " + Fmt.num(c.fitted()), cen[0], cen[1], c.fitted(), x0, x1));
      paints.add(Charts.BLUE);
      strokes.add(Charts.stroke(2.2f, false));
    }
    if (pred != null) {
      lines.addSeries(Charts.powerLine("predicted slope " + predicted + " (" + c.law() + ")",
          cen[0], cen[1], pred.doubleValue(), x0, x1));
      paints.add(Charts.RED);
      strokes.add(Charts.stroke(2.2f, true));
    }
    int ci = 0;
    if (c.competing() != null) {
      for (Competitor k : c.competing()) {
        Rational kp = Exponents.predicted(k);
        if (kp == null) continue;
        lines.addSeries(Charts.powerLine("competing " + Exponents.exact(k) + " (" + k.law() + ", " + k.verdict() + ")",
            cen[0], cen[1], kp.doubleValue(), x0, x1));
        paints.add(ci++ == 0 ? Charts.GREEN : Charts.PURPLE);
        strokes.add(Charts.dotted(2.6f));
      }
    }
    Charts.add(p, lines, Charts.lines(paints, strokes));
    Charts.add(p, Charts.collection(seeds), Charts.points(List.of(SEEDS), Charts.circle(6)));
    Charts.add(p, Charts.collection(mean), Charts.points(List.of(Color.BLACK), Charts.circle(10)));
    String title = label + ": fitted " + Fmt.num(c.fitted()) + " vs predicted " + predicted;
    String sub = (c.verdict() == null ? "-" : c.verdict().name()) + "   interval " + SummaryMd.interval(c)
        + "   tolerance " + Fmt.num(c.tolerance()) + (c.r2() == null ? "" : "   R^2 " + Fmt.num(c.r2()))
        + (c.negativeControl() ? "   (negative control: must FAIL)" : "");
    JFreeChart chart = Charts.chart(title, sub, p, true);
    out.add(new Figure(section(), file, title, caption(c, vary, pred != null, dropped), List.of(chart),
        Figure.WIDTH, Figure.HEIGHT, null));
  }

  /** Slopes ciLow..ciHigh pivoting at the centroid (the OLS line passes through it), around the fitted one. */
  private static YIntervalSeriesCollection band(CheckResult c, double[] cen, double x0, double x1) {
    YIntervalSeries band = new YIntervalSeries("interval [" + Fmt.num(c.ciLow()) + ", " + Fmt.num(c.ciHigh()) + "]");
    int k = 24;
    for (int i = 0; i <= k; i++) {
      double x = Math.exp(Math.log(x0) + (Math.log(x1) - Math.log(x0)) * i / k);
      double a = cen[1] * Math.pow(x / cen[0], c.ciLow());
      double b = cen[1] * Math.pow(x / cen[0], c.ciHigh());
      double mid = c.fitted() != null ? cen[1] * Math.pow(x / cen[0], c.fitted()) : Math.sqrt(a * b);
      band.add(x, mid, Math.min(a, b), Math.max(a, b));
    }
    YIntervalSeriesCollection bc = new YIntervalSeriesCollection();
    bc.addSeries(band);
    return bc;
  }

  private static DeviationRenderer bandRenderer() {
    DeviationRenderer dr = new DeviationRenderer(false, false);
    dr.setSeriesFillPaint(0, Charts.BLUE);
    dr.setSeriesPaint(0, Charts.BLUE);
    dr.setAlpha(0.18f);
    return dr;
  }

  private static String caption(CheckResult c, String vary, boolean pred, int dropped) {
    StringBuilder cap = new StringBuilder();
    cap.append("Measured ").append(c.measure()).append(c.norm() == null ? "" : " (" + c.norm() + ")")
        .append(" against ").append(vary).append(" on log-log axes");
    if (c.fixed() != null && !c.fixed().isEmpty()) cap.append(", with ").append(SummaryMd.fixedText(c.fixed()));
    cap.append(". Grey dots: one value per seed; black: seed means (").append(c.runs()).append(" runs, ")
        .append(c.excluded()).append(" excluded). Blue: least-squares fit of log mean against log ")
        .append(vary).append(", slope ").append(Fmt.num(c.fitted())).append(", with its interval ")
        .append(SummaryMd.interval(c)).append(" as the shaded band. ");
    if (pred) {
      cap.append("Red dashed: the slope the theory predicts, ").append(SummaryMd.predictedText(c))
          .append(" (law ").append(c.law()).append("), drawn through the centre of the data. ");
    } else {
      cap.append("The law gives no exponent to draw. ");
    }
    if (c.competing() != null && !c.competing().isEmpty()) {
      cap.append("Dotted: competing predictions judged on the same data. ");
    }
    if (c.localSlopes() != null && !c.localSlopes().isEmpty()) {
      cap.append("Local slopes between neighbouring points: ");
      for (int i = 0; i < c.localSlopes().size(); i++) cap.append(i > 0 ? ", " : "").append(Fmt.num(c.localSlopes().get(i)));
      cap.append(". ");
    }
    if (dropped > 0) cap.append(dropped).append(" non-positive point(s) cannot be shown on log axes. ");
    cap.append("Verdict ").append(c.verdict()).append(": ").append(c.reason() == null ? "" : c.reason());
    return cap.toString();
  }

  private static String shortNorm(String norm) {
    return norm.length() > 40 ? norm.substring(0, 37) + "..." : norm;
  }
}
