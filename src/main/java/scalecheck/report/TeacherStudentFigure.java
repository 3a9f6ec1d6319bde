package scalecheck.report;

import java.awt.Color;
import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import scalecheck.check.RunRecord;

/**
 * The 2D teacher-student module of Chizat, Oyallon and Bach ("On lazy training in differentiable
 * programming", NeurIPS 2019): for each output multiplier alpha, one frame with the training loss and
 * the students' input weights in the plane with their trajectories; the frames form a slider from
 * ultra-rich to lazy.
 */
final class TeacherStudentFigure extends ReportPart.Figures {
  private static final String INTRO = """
      <div class="intro"><p><b>What "lazy" means.</b> Training is lazy when the network's weights, and so the
      features its neurons compute, barely move during training while the loss still goes down: the trained
      network behaves like its linearisation around the initial weights. Training is rich (feature learning)
      when the weights move by order one and the neurons change what they detect.</p>
      <p><b>The gear-ratio picture.</b> The output multiplier alpha works like a gear ratio between the weights and
      the output: with a large alpha, tiny movements of the weights make large changes of the output, so the
      loss can be driven down before anything visibly moves (lazy). With a small alpha, the weights must travel
      far to change the output at all (ultra-rich): they grow and line up with the teacher's directions.</p>
      <p>The student below is f(x) = (alpha/n) sum a<sub>i</sub> ReLU(&lt;w<sub>i</sub>, x&gt;) with
      two-dimensional inputs, so each neuron's input weight w<sub>i</sub> is a point in the plane. Dots are the
      w<sub>i</sub> after training, lines their paths from the grey starting points; <b>red = positive outgoing
      weight a<sub>i</sub>, blue = negative</b>. Move the slider from ultra-rich (alpha = 0.01) to lazy
      (alpha = 100).</p></div>
      """;

  static final Section SECTION = new Section("2D teacher-student module", false, INTRO,
      "<p class=\"skipped\">Not drawn: no run of this report stores the 2D trajectories.</p>\n",
      new Section.Slider("output multiplier: ultra-rich &larr; ", "<span> &rarr; lazy</span>", "alpha = 1 "));

  TeacherStudentFigure() {
    super("2D teacher-student module", SECTION);
  }

  /** Regime name of an output multiplier in this module. */
  static String regime(double alpha) {
    if (alpha <= 0.1) return "ultra-rich";
    if (alpha >= 10) return "lazy";
    return "rich";
  }

  @Override
  void drawReport(ReportData d, Drawn out) {
    TreeMap<Double, RunRecord> perAlpha = new TreeMap<>();
    for (RunRecord r : d.ok()) {
      if (Runs.series(r, "traj.w") == null || Runs.series(r, "traj.t") == null || Runs.param(r, "alpha") == null) continue;
      double a = Runs.param(r, "alpha");
      RunRecord prev = perAlpha.get(a);
      if (prev == null || Runs.seed(r) < Runs.seed(prev)) perAlpha.put(a, r);
    }
    if (perAlpha.isEmpty()) {
      out.skip("2D teacher-student module: no run stores the series traj.t and traj.w with a parameter alpha");
      return;
    }
    boolean anyTeacher = false;
    for (Map.Entry<Double, RunRecord> e : perAlpha.entrySet()) {
      RunRecord r = e.getValue();
      double alpha = e.getKey();
      double[] tt = Runs.series(r, "traj.t"), tw = Runs.series(r, "traj.w"), ta = Runs.series(r, "traj.a");
      int cp = tt.length;
      if (cp == 0 || tw.length % (2 * cp) != 0) {
        out.skip("2D module at alpha = " + Fmt.num(alpha) + ": traj.w does not hold checkpoints x n x 2 values");
        continue;
      }
      Double dim = Runs.param(r, "d");
      if (dim != null && dim != 2) {
        out.skip("2D module at alpha = " + Fmt.num(alpha) + ": inputs have d = " + Fmt.num(dim) + ", not 2");
        continue;
      }
      int n = tw.length / (2 * cp);
      boolean haveA = ta != null && ta.length == (long) cp * n;
      double[] teacher = Runs.series(r, "teacher.w");
      anyTeacher |= teacher != null;
      String regime = regime(alpha);
      List<JFreeChart> panels = new ArrayList<>();
      double[] lt = Runs.series(r, "loss.t"), lv = Runs.series(r, "loss.v");
      if (lt != null && lv != null) {
        XYSeries ls = new XYSeries("loss", false, true);
        for (int j = 0; j < Math.min(lt.length, lv.length); j++) {
          if (lt[j] > 0 && lv[j] > 0 && Double.isFinite(lv[j])) ls.add(lt[j], lv[j]);
        }
        XYPlot lp = Charts.plot(Charts.logAxis("time t (steps x learning rate)"), Charts.logAxis("training loss"));
        Charts.add(lp, Charts.collection(ls), Charts.lines(List.of(Color.BLACK), Charts.stroke(2f, false)));
        panels.add(Charts.chart("loss against time", "alpha = " + Fmt.num(alpha) + " (" + regime + ")", lp, false));
      }
      // weights plane
      double max = 0;
      for (double v : tw) if (Double.isFinite(v)) max = Math.max(max, Math.abs(v));
      double range = max == 0 ? 1 : max * 1.08;
      XYSeriesCollection traj = new XYSeriesCollection();
      XYLineAndShapeRenderer tr = new XYLineAndShapeRenderer(true, false);
      Color redT = new Color(0xd6, 0x27, 0x28, 0x70), blueT = new Color(0x1f, 0x5f, 0xd4, 0x70);
      XYSeries startS = new XYSeries("start", false, true);
      XYSeries pos = new XYSeries("a_i > 0", false, true), neg = new XYSeries("a_i < 0", false, true);
      double moved = 0, base = 0;
      for (int i = 0; i < n; i++) {
        XYSeries s = new XYSeries("w" + i, false, true);
        for (int c = 0; c < cp; c++) s.add(tw[(c * n + i) * 2], tw[(c * n + i) * 2 + 1]);
        double aLast = haveA ? ta[(cp - 1) * n + i] : 1;
        traj.addSeries(s);
        tr.setSeriesPaint(i, aLast >= 0 ? redT : blueT);
        tr.setSeriesStroke(i, Charts.stroke(1.1f, false));
        tr.setSeriesVisibleInLegend(i, false);
        double x0 = tw[i * 2], y0 = tw[i * 2 + 1];
        double xe = tw[((cp - 1) * n + i) * 2], ye = tw[((cp - 1) * n + i) * 2 + 1];
        startS.add(x0, y0);
        (aLast >= 0 ? pos : neg).add(xe, ye);
        moved += (xe - x0) * (xe - x0) + (ye - y0) * (ye - y0);
        base += x0 * x0 + y0 * y0;
      }
      double rd = base == 0 ? Double.NaN : Math.sqrt(moved / base);
      NumberAxis wx = Charts.linearAxis("first coordinate of w_i");
      NumberAxis wy = Charts.linearAxis("second coordinate of w_i");
      // equal scale on both axes: widen x by the (approximate) aspect ratio of the plot area
      double aspect = (Figure.WIDE / 2.0 - 85) / (Figure.HEIGHT - 140);
      wx.setRange(-range * aspect, range * aspect);
      wy.setRange(-range, range);
      XYPlot wp = Charts.plot(wx, wy);
      XYSeriesCollection rays = new XYSeriesCollection();
      if (teacher != null && teacher.length >= 2) {
        for (int k = 0; k + 1 < teacher.length; k += 2) {
          double nx = teacher[k], ny = teacher[k + 1], len = Math.hypot(nx, ny);
          if (len == 0) continue;
          XYSeries s = new XYSeries("teacher " + (k / 2), false, true);
          s.add(0, 0);
          s.add(nx / len * range * 4, ny / len * range * 4);
          rays.addSeries(s);
        }
      }
      if (rays.getSeriesCount() > 0) {
        XYLineAndShapeRenderer rr = Charts.lines(Collections.nCopies(rays.getSeriesCount(), Color.BLACK),
            Charts.stroke(1.8f, true));
        for (int k = 0; k < rays.getSeriesCount(); k++) rr.setSeriesStroke(k, Charts.stroke(1.8f, true));
        Charts.add(wp, rays, rr);
      }
      Charts.add(wp, traj, tr);
      Charts.add(wp, Charts.collection(startS), Charts.points(List.of(new Color(0x70, 0x70, 0x70, 0x90)),
          Charts.circle(3.5)));
      Charts.add(wp, Charts.collection(pos, neg), Charts.points(List.of(Charts.RED, new Color(0x1f, 0x5f, 0xd4)),
          Charts.circle(7)));
      LegendItemCollection li = new LegendItemCollection();
      li.add(new LegendItem("red: outgoing weight a_i > 0", null, null, null, Charts.circle(9), Charts.RED));
      li.add(new LegendItem("blue: a_i < 0", null, null, null, Charts.circle(9), new Color(0x1f, 0x5f, 0xd4)));
      li.add(new LegendItem("grey: start", null, null, null, Charts.circle(5), Color.GRAY));
      if (rays.getSeriesCount() > 0) {
        li.add(new LegendItem("dashed: teacher directions", null, null, null,
            new Line2D.Double(-8, 0, 8, 0), Charts.stroke(1.8f, true), Color.BLACK));
      }
      wp.setFixedLegendItems(li);
      panels.add(Charts.chart("student input weights w_i", "alpha = " + Fmt.num(alpha) + " (" + regime
          + "), relative movement ||w(T)-w(0)|| / ||w(0)|| = " + Fmt.num(rd), wp, true));
      String cap = "Two-layer student f(x) = (alpha/n) sum a_i ReLU(<w_i, x>) with n = " + n
          + " neurons, trained by gradient descent on fresh Gaussian inputs x in R^2 to fit a ReLU teacher "
          + "(Chizat, Oyallon and Bach 2019), alpha = " + Fmt.num(alpha) + ": " + regime + ". "
          + (panels.size() > 1 ? "Left: training loss against time (log-log). Right: " : "")
          + "each student's input weight w_i as a dot at the end of training, with its trajectory from the grey "
          + "start; red = positive outgoing weight a_i, blue = negative"
          + (rays.getSeriesCount() > 0 ? "; dashed rays: the teacher's directions" : "")
          + ". Theory: for large alpha (lazy) the weights barely move while the loss goes down; for alpha of order "
          + "one (rich) they drift towards the teacher directions; for small alpha (ultra-rich) they grow and align "
          + "with the teacher directions. Axis range +-" + Fmt.num(range) + ".";
      out.add(new Figure(SECTION, "teacher-student-alpha-" + Fmt.slug(Fmt.num(alpha)),
          "alpha = " + Fmt.num(alpha) + " (" + regime + ")", cap, panels,
          panels.size() == 1 ? Figure.WIDTH : Figure.WIDE, Figure.HEIGHT, "alpha = " + Fmt.num(alpha) + " (" + regime + ")"));
    }
    if (!anyTeacher) {
      out.skip("2D teacher-student module: teacher directions not drawn, the runs store no teacher.w series");
    }
  }
}
