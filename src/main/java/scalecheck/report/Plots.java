package scalecheck.report;

import java.awt.Color;
import java.awt.Paint;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import scalecheck.check.CheckResult;
import scalecheck.check.Competitor;
import scalecheck.check.FitPoint;
import scalecheck.check.RunRecord;
import scalecheck.check.VerifyOutcome;
import scalecheck.sim.RunStatus;

/**
 * Builds every figure of a report from a {@link VerifyOutcome}. A figure whose data are absent is not
 * drawn; a sentence saying so goes to the skipped list instead (never an exception).
 *
 * <p>Figures: per check, the log-log fit (Geiger et al. 2020, arXiv:1906.08034); the kappa collapse
 * of kernel change and test error (kappa = alpha sqrt n); the (n, alpha) phase diagram with the alpha*
 * line; t1 against kappa and learning curves; the per-layer coordinate check (in the style of muP);
 * the 2D teacher-student module of Chizat, Oyallon and Bach (2019).
 */
final class Plots {
  static final int WIDTH = 900;
  static final int WIDE = 1500;
  static final int HEIGHT = 580;

  static final String S_CHECKS = "Checks";
  static final String S_COLLAPSE = "Collapse in kappa = alpha sqrt(n)";
  static final String S_PHASE = "Phase diagram";
  static final String S_TIME = "Characteristic time";
  static final String S_COORD = "Coordinate check";
  static final String S_2D = "2D teacher-student module";

  private Plots() {}

  record Result(List<Figure> figures, List<String> skipped) {}

  static Result build(VerifyOutcome o) {
    List<Figure> figs = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<CheckResult> checks = o.checks() == null ? List.of() : o.checks();
    List<RunRecord> runs = ok(o.runs() == null ? List.of() : o.runs());
    List<String> files = checkFiles(checks);
    List<String> labels = checkLabels(checks);
    for (int i = 0; i < checks.size(); i++) {
      CheckResult c = checks.get(i);
      String file = files.get(i), label = labels.get(i);
      if (CollapseFigure.applies(c)) { // a collapse check: before/after figure instead of a log-log fit
        guard("collapse figure of check " + label, skipped, () -> CollapseFigure.add(c, file, label, figs, skipped));
        continue;
      }
      guard("fit plot of check " + label, skipped, () -> checkFigure(c, file, label, figs, skipped));
      guard("local-slope plot of check " + label, skipped, () -> {
        Figure f = LocalSlopesFigure.of(c, file, label);
        if (f != null) figs.add(f);
      });
    }
    // the Geiger figures use the deep-net runs; the 2D mean-field student has no kappa = alpha sqrt(n)
    List<RunRecord> deep = runs.stream().filter(r -> series(r, "traj.w") == null).toList();
    guard("collapse plot", skipped, () -> collapse(deep, figs, skipped));
    guard("phase diagram", skipped, () -> phase(checks, deep, figs, skipped));
    guard("t1 against kappa", skipped, () -> t1(deep, figs, skipped));
    guard("learning curves", skipped, () -> learning(deep, figs, skipped));
    guard("coordinate check", skipped, () -> coord(deep, figs, skipped));
    guard("2D teacher-student module", skipped, () -> twoD(runs, figs, skipped));
    return new Result(figs, skipped);
  }

  private static void guard(String what, List<String> skipped, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      skipped.add(what + ": not drawn (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
  }

  // ---------------------------------------------------------------- run helpers

  static List<RunRecord> ok(List<RunRecord> runs) {
    List<RunRecord> out = new ArrayList<>();
    for (RunRecord r : runs) if (r.status() == null || r.status() == RunStatus.OK) out.add(r);
    return out;
  }

  static Double param(RunRecord r, String k) {
    return r.params() == null ? null : r.params().get(k);
  }

  static Double probe(RunRecord r, String k) {
    Double v = r.probes() == null ? null : r.probes().get(k);
    return v == null || !Double.isFinite(v) ? null : v;
  }

  static double[] series(RunRecord r, String k) {
    return r.series() == null ? null : r.series().get(k);
  }

  /** Width of the run: n (deep nets) or m (two-layer Luo/Li nets). */
  static Double width(RunRecord r) {
    Double n = param(r, "n");
    return n != null ? n : param(r, "m");
  }

  /** kappa = alpha sqrt(n), from the stored parameter or computed from alpha and n. */
  static Double kappa(RunRecord r) {
    Double k = param(r, "kappa");
    if (k != null) return k;
    Double a = param(r, "alpha");
    Double n = width(r);
    return a != null && n != null ? a * Math.sqrt(n) : null;
  }

  static Double alpha(RunRecord r) {
    Double a = param(r, "alpha");
    if (a != null) return a;
    Double k = param(r, "kappa");
    Double n = width(r);
    return k != null && n != null ? k / Math.sqrt(n) : null;
  }

  static boolean positive(Double v) {
    return v != null && Double.isFinite(v) && v > 0;
  }

  static Map<String, List<RunRecord>> byCheck(List<RunRecord> runs) {
    Map<String, List<RunRecord>> m = new LinkedHashMap<>();
    for (RunRecord r : runs) m.computeIfAbsent(String.valueOf(r.check()), k -> new ArrayList<>()).add(r);
    return m;
  }

  static long distinct(Collection<RunRecord> runs, Function<RunRecord, Double> f) {
    return runs.stream().map(f).filter(v -> v != null).distinct().count();
  }

  /** Seed means of y grouped by x, ordered by x. */
  static TreeMap<Double, Double> means(List<RunRecord> runs, Function<RunRecord, Double> fx,
      Function<RunRecord, Double> fy) {
    TreeMap<Double, double[]> acc = new TreeMap<>();
    for (RunRecord r : runs) {
      Double x = fx.apply(r), y = fy.apply(r);
      if (!positive(x) || !positive(y)) continue;
      double[] a = acc.computeIfAbsent(x, k -> new double[2]);
      a[0] += y;
      a[1]++;
    }
    TreeMap<Double, Double> out = new TreeMap<>();
    acc.forEach((x, a) -> out.put(x, a[0] / a[1]));
    return out;
  }

  /** Rounds to 6 significant digits so that computed kappa values from equal inputs group together. */
  static Double round(Double v) {
    if (v == null || v == 0 || !Double.isFinite(v)) return v;
    double scale = Math.pow(10, 5 - Math.floor(Math.log10(Math.abs(v))));
    return Math.round(v * scale) / scale;
  }

  static String fmtKey(double v) {
    // widths and other whole-number settings read as written (1024, not 1.02e+03)
    if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
    return Fmt.num(v);
  }

  /** Centroid (geometric means) of positive points. */
  static double[] centroid(Collection<double[]> pts) {
    double sx = 0, sy = 0;
    int k = 0;
    for (double[] p : pts) {
      if (p[0] > 0 && p[1] > 0) {
        sx += Math.log(p[0]);
        sy += Math.log(p[1]);
        k++;
      }
    }
    return k == 0 ? null : new double[] {Math.exp(sx / k), Math.exp(sy / k)};
  }

  // ---------------------------------------------------------------- per check

  /** File stem of each check's figure, unique even when one check id has several series. */
  static List<String> checkFiles(List<CheckResult> checks) {
    Map<String, Integer> seen = new java.util.HashMap<>();
    List<String> out = new ArrayList<>();
    for (CheckResult c : checks) {
      String base = "check-" + Fmt.slug(c.id());
      int k = seen.merge(base, 1, Integer::sum);
      out.add(k == 1 ? base : base + "-" + k);
    }
    return out;
  }

  /** Check id, followed by the settings that tell its series apart when one id has several results. */
  static List<String> checkLabels(List<CheckResult> checks) {
    List<String> out = new ArrayList<>();
    for (CheckResult c : checks) {
      List<CheckResult> same = checks.stream().filter(o -> java.util.Objects.equals(o.id(), c.id())).toList();
      if (same.size() < 2 || c.fixed() == null) {
        out.add(c.id());
        continue;
      }
      StringBuilder b = new StringBuilder();
      for (Map.Entry<String, Object> e : c.fixed().entrySet()) {
        boolean differs = same.stream().anyMatch(o -> o.fixed() == null
            || !java.util.Objects.equals(o.fixed().get(e.getKey()), e.getValue()));
        if (differs) b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(" = ").append(e.getValue());
      }
      out.add(b.length() == 0 ? c.id() : c.id() + " (" + b + ")");
    }
    return out;
  }

  static void checkFigure(CheckResult c, String file, String label, List<Figure> figs, List<String> skipped) {
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
          for (Double v : p.perSeed()) if (p.x() > 0 && positive(v)) seeds.add(p.x(), v);
        }
      }
    }
    if (means.size() < 1) {
      skipped.add("fit plot of check " + label + ": no positive measured points to draw on log-log axes");
      return;
    }
    double x0 = means.stream().mapToDouble(p -> p[0]).min().orElseThrow();
    double x1 = means.stream().mapToDouble(p -> p[0]).max().orElseThrow();
    if (x1 == x0) {
      x0 /= 1.5;
      x1 *= 1.5;
    }
    double[] cen = centroid(means);
    String vary = c.vary() == null ? "x" : c.vary();
    XYPlot p = Charts.plot(Charts.logAxis(vary), Charts.logAxis(c.measure() == null ? "measured"
        : c.measure() + (c.norm() == null ? "" : "  [" + shortNorm(c.norm()) + "]")));
    Double pred = Fmt.value(c.predicted());
    // interval band: slopes ciLow..ciHigh pivoting at the centroid (the OLS line passes through it)
    if (c.ciLow() != null && c.ciHigh() != null && Double.isFinite(c.ciLow())
        && Double.isFinite(c.ciHigh())) {
      YIntervalSeries band = new YIntervalSeries("interval [" + Fmt.num(c.ciLow()) + ", "
          + Fmt.num(c.ciHigh()) + "]");
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
      DeviationRenderer dr = new DeviationRenderer(false, false);
      dr.setSeriesFillPaint(0, new Color(0x1f, 0x77, 0xb4));
      dr.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
      dr.setAlpha(0.18f);
      Charts.add(p, bc, dr);
    }
    XYSeriesCollection lines = new XYSeriesCollection();
    List<Paint> paints = new ArrayList<>();
    List<Boolean> dashed = new ArrayList<>();
    if (c.fitted() != null && Double.isFinite(c.fitted())) {
      lines.addSeries(Charts.powerLine("fitted slope " + Fmt.num(c.fitted()), cen[0], cen[1], c.fitted(), x0, x1));
      paints.add(Charts.BLUE);
      dashed.add(false);
    }
    if (pred != null) {
      lines.addSeries(Charts.powerLine("predicted slope " + SummaryMd.predictedText(c) + " (" + c.law() + ")",
          cen[0], cen[1], pred, x0, x1));
      paints.add(Charts.RED);
      dashed.add(true);
    }
    int ci = 0;
    if (c.competing() != null) {
      for (Competitor k : c.competing()) {
        Double kp = Fmt.value(k.predicted());
        if (kp == null) continue;
        lines.addSeries(Charts.powerLine("competing " + k.predicted() + " (" + k.law() + ", " + k.verdict() + ")",
            cen[0], cen[1], kp, x0, x1));
        paints.add(ci++ == 0 ? Charts.GREEN : Charts.PURPLE);
        dashed.add(null);
      }
    }
    XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < paints.size(); i++) {
      lr.setSeriesPaint(i, paints.get(i));
      Boolean d = dashed.get(i);
      lr.setSeriesStroke(i, d == null ? Charts.dotted(2.6f) : Charts.stroke(2.2f, d));
    }
    Charts.add(p, lines, lr);
    Charts.add(p, Charts.collection(seeds), Charts.points(List.of(new Color(0x88, 0x88, 0x88, 0xaa)), Charts.circle(6)));
    Charts.add(p, Charts.collection(mean), Charts.points(List.of(Color.BLACK), Charts.circle(10)));
    String title = label + ": fitted " + Fmt.num(c.fitted()) + " vs predicted " + SummaryMd.predictedText(c);
    String sub = (c.verdict() == null ? "-" : c.verdict().name()) + "   interval " + SummaryMd.interval(c)
        + "   tolerance " + Fmt.num(c.tolerance()) + (c.r2() == null ? "" : "   R^2 " + Fmt.num(c.r2()))
        + (c.negativeControl() ? "   (negative control: must FAIL)" : "");
    JFreeChart chart = Charts.chart(title, sub, p, true);
    StringBuilder cap = new StringBuilder();
    cap.append("Measured ").append(c.measure()).append(c.norm() == null ? "" : " (" + c.norm() + ")")
        .append(" against ").append(vary).append(" on log-log axes");
    if (c.fixed() != null && !c.fixed().isEmpty()) cap.append(", with ").append(SummaryMd.fixedText(c.fixed()));
    cap.append(". Grey dots: one value per seed; black: seed means (").append(c.runs()).append(" runs, ")
        .append(c.excluded()).append(" excluded). Blue: least-squares fit of log mean against log ")
        .append(vary).append(", slope ").append(Fmt.num(c.fitted())).append(", with its interval ")
        .append(SummaryMd.interval(c)).append(" as the shaded band. ");
    if (pred != null) {
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
    figs.add(new Figure(S_CHECKS, file, title, cap.toString(), List.of(chart),
        WIDTH, HEIGHT, null));
  }

  private static String shortNorm(String norm) {
    return norm.length() > 40 ? norm.substring(0, 37) + "..." : norm;
  }

  // ---------------------------------------------------------------- collapse

  static void collapse(List<RunRecord> runs, List<Figure> figs, List<String> skipped) {
    List<Map.Entry<String, List<RunRecord>>> cands = new ArrayList<>();
    for (Map.Entry<String, List<RunRecord>> e : byCheck(runs).entrySet()) {
      List<RunRecord> rs = e.getValue().stream()
          .filter(r -> positive(probe(r, "kernel.change")) && positive(kappa(r)) && width(r) != null).toList();
      if (distinct(rs, Plots::width) >= 2 && distinct(rs, r -> round(kappa(r))) >= 3) {
        cands.add(Map.entry(e.getKey(), rs));
      }
    }
    if (cands.isEmpty()) {
      skipped.add("collapse plot: no check has kernel.change at two or more widths and three or more kappa values");
      return;
    }
    cands.sort(Comparator.comparingInt((Map.Entry<String, List<RunRecord>> e) -> e.getValue().size()).reversed());
    for (Map.Entry<String, List<RunRecord>> e : cands.subList(0, Math.min(2, cands.size()))) {
      List<RunRecord> rs = e.getValue();
      JFreeChart left = byWidthChart("kernel change against kappa", rs, "kernel.change",
          "kernel change ||Theta(T)-Theta(0)||_F / ||Theta(0)||_F", -1.0, "naive 1/kappa");
      List<JFreeChart> panels = new ArrayList<>(List.of(left));
      boolean err = rs.stream().anyMatch(r -> positive(probe(r, "err.test")));
      if (err) {
        panels.add(byWidthChart("test error against kappa", rs, "err.test", "test error", null, null));
      }
      String cap = "Check " + e.getKey() + ": seed-averaged relative kernel change after training"
          + (err ? " (left) and test error (right)" : "") + " against kappa = alpha sqrt(n), one curve per width n. "
          + "Geiger et al. (2020) predict that these curves collapse onto one: the training regime depends on n and "
          + "alpha only through kappa, lazy for kappa >> 1 and feature learning for kappa << 1. The dashed line has "
          + "slope -1, the naive lazy-side prediction kernel change ~ 1/kappa; if the kernel change falls like 1/n at "
          + "fixed kappa instead (Dyer and Gur-Ari 2020), the curves separate by width on the lazy side.";
      figs.add(new Figure(S_COLLAPSE, "collapse-" + Fmt.slug(e.getKey()), "Collapse in kappa: " + e.getKey(),
          cap, panels, panels.size() == 1 ? WIDTH : WIDE, HEIGHT, null));
    }
  }

  /** Log-log chart of a probe against kappa with one seed-averaged line per width. */
  private static JFreeChart byWidthChart(String title, List<RunRecord> rs, String probeName, String ylabel,
      Double refSlope, String refName) {
    TreeMap<Double, List<RunRecord>> byN = new TreeMap<>();
    for (RunRecord r : rs) if (width(r) != null) byN.computeIfAbsent(width(r), k -> new ArrayList<>()).add(r);
    XYSeriesCollection d = new XYSeriesCollection();
    List<Paint> paints = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    int i = 0;
    double x0 = Double.POSITIVE_INFINITY, x1 = 0;
    for (Map.Entry<Double, List<RunRecord>> e : byN.entrySet()) {
      TreeMap<Double, Double> m = means(e.getValue(), r -> round(kappa(r)), r -> probe(r, probeName));
      if (m.isEmpty()) continue;
      XYSeries s = new XYSeries("n = " + fmtKey(e.getKey()), false, true);
      m.forEach((x, y) -> {
        s.add(x, y);
        all.add(new double[] {x, y});
      });
      x0 = Math.min(x0, m.firstKey());
      x1 = Math.max(x1, m.lastKey());
      d.addSeries(s);
      paints.add(Charts.palette(i++));
    }
    XYPlot p = Charts.plot(Charts.logAxis("kappa = alpha sqrt(n)"), Charts.logAxis(ylabel));
    if (refSlope != null && !all.isEmpty()) {
      double[] c = centroid(all);
      Charts.add(p, Charts.collection(Charts.powerLine(refName, c[0], c[1], refSlope, x0, x1)),
          Charts.lines(List.of(Color.BLACK), Charts.stroke(1.6f, true)));
    }
    Charts.add(p, d, Charts.linesAndPoints(paints, Charts.circle(8)));
    return Charts.chart(title, null, p, true);
  }

  // ---------------------------------------------------------------- phase diagram

  static boolean isAlphaStar(CheckResult c) {
    String s = (c.id() + " " + c.law() + " " + c.measure()).toLowerCase();
    return s.contains("alpha_star") || s.contains("alpha*") || s.contains("alphastar");
  }

  /**
   * The kernel-change level that defines alpha*: from the check's settings ("level") when recorded,
   * else read off the bisection runs (median kernel change of the run closest to alpha* at each n),
   * else 1.
   */
  static double starLevel(CheckResult star, List<RunRecord> pool) {
    if (star == null) return 1.0;
    if (star.fixed() != null) {
      for (String k : List.of("level", "c", "threshold")) {
        Object v = star.fixed().get(k);
        Double d = v instanceof Number num ? Double.valueOf(num.doubleValue()) : Fmt.rational(v == null ? null : v.toString());
        if (positive(d)) return d;
      }
    }
    List<Double> near = new ArrayList<>();
    if (star.points() != null) {
      for (FitPoint fp : star.points()) {
        if (!(fp.x() > 0 && fp.mean() > 0)) continue;
        RunRecord best = null;
        double dist = Double.POSITIVE_INFINITY;
        for (RunRecord r : pool) {
          if (!star.id().equals(r.check()) || width(r) == null || width(r) != fp.x()) continue;
          double d = Math.abs(Math.log(alpha(r) / fp.mean()));
          if (d < dist) {
            dist = d;
            best = r;
          }
        }
        if (best != null) near.add(probe(best, "kernel.change"));
      }
    }
    if (near.isEmpty()) return 1.0;
    java.util.Collections.sort(near);
    return near.get(near.size() / 2);
  }

  static void phase(List<CheckResult> checks, List<RunRecord> runs, List<Figure> figs, List<String> skipped) {
    CheckResult star = checks.stream().filter(Plots::isAlphaStar).findFirst().orElse(null);
    List<RunRecord> pool = runs.stream()
        .filter(r -> width(r) != null && positive(alpha(r)) && positive(probe(r, "kernel.change"))).toList();
    if (star != null) {
      List<RunRecord> own = pool.stream().filter(r -> star.id().equals(r.check())).toList();
      if (distinct(own, Plots::width) >= 2) pool = own;
    }
    if (pool.isEmpty() || distinct(pool, Plots::width) < 2) {
      skipped.add("phase diagram: no runs with kernel.change at two or more widths n and a known alpha");
      return;
    }
    double level = starLevel(star, pool);
    Map<List<Double>, double[]> cell = new LinkedHashMap<>();
    for (RunRecord r : pool) {
      double[] a = cell.computeIfAbsent(List.of(width(r), round(alpha(r))), k -> new double[2]);
      a[0] += probe(r, "kernel.change");
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
    Charts.add(p, Charts.collection(lazy, feat),
        Charts.points(List.of(Charts.BLUE, Charts.ORANGE), Charts.square(11)));
    String starText = "";
    if (star != null && star.points() != null && !star.points().isEmpty()) {
      XYSeries sp = new XYSeries("measured alpha*(n)", false, true);
      List<double[]> pts = new ArrayList<>();
      for (FitPoint fp : star.points()) {
        if (fp.x() > 0 && fp.mean() > 0) {
          sp.add(fp.x(), fp.mean());
          pts.add(new double[] {fp.x(), fp.mean()});
        }
      }
      double[] c = centroid(pts);
      XYSeriesCollection lines = new XYSeriesCollection();
      List<Paint> lp = new ArrayList<>();
      List<Boolean> dash = new ArrayList<>();
      if (c != null && star.fitted() != null) {
        lines.addSeries(Charts.powerLine("fitted alpha* ~ n^" + Fmt.num(star.fitted()), c[0], c[1], star.fitted(), n0, n1));
        lp.add(Color.BLACK);
        dash.add(false);
      }
      Double pr = Fmt.value(star.predicted());
      if (c != null && pr != null) {
        lines.addSeries(Charts.powerLine("predicted alpha* ~ n^" + star.predicted(), c[0], c[1], pr, n0, n1));
        lp.add(Charts.RED);
        dash.add(true);
      }
      XYLineAndShapeRenderer lr = new XYLineAndShapeRenderer(true, false);
      for (int i = 0; i < lp.size(); i++) {
        lr.setSeriesPaint(i, lp.get(i));
        lr.setSeriesStroke(i, Charts.stroke(2.2f, dash.get(i)));
      }
      Charts.add(p, lines, lr);
      XYLineAndShapeRenderer sr = Charts.points(List.of(Color.BLACK), new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
      Charts.add(p, Charts.collection(sp), sr);
      starText = " Black dots: alpha*(n) measured by check " + star.id() + " (bisection of log alpha for the level); "
          + "solid black: its fit, slope " + Fmt.num(star.fitted()) + "; red dashed: the predicted alpha* ~ n^"
          + star.predicted() + " (kappa* = alpha* sqrt(n) of order one), through the same centre.";
    } else {
      skipped.add("phase diagram: alpha* lines not drawn, no alpha_star check in this report");
    }
    JFreeChart chart = Charts.chart("Lazy and feature regions in the (n, alpha) plane", null, p, true);
    String cap = "Each square is one (n, alpha) setting; its colour says whether the seed-averaged relative kernel "
        + "change after training stayed below the level " + Fmt.num(level) + " (blue, lazy: the tangent kernel "
        + "barely moved) or reached it (orange, feature learning). Theory: the boundary is alpha* ~ 1/sqrt(n), "
        + "i.e. kappa = alpha sqrt(n) of order one (Geiger et al. 2020)." + starText;
    figs.add(new Figure(S_PHASE, "phase-diagram", "Phase diagram in (n, alpha)", cap, List.of(chart), WIDTH,
        HEIGHT, null));
  }

  // ---------------------------------------------------------------- t1 and learning curves

  static void t1(List<RunRecord> runs, List<Figure> figs, List<String> skipped) {
    List<JFreeChart> panels = new ArrayList<>();
    for (String probeName : List.of("t1.loss_half", "t1.kernel")) {
      List<RunRecord> rs = runs.stream().filter(r -> positive(probe(r, probeName)) && positive(kappa(r))
          && width(r) != null).toList();
      if (distinct(rs, r -> round(kappa(r))) < 2) continue;
      String label = probeName.equals("t1.loss_half") ? "t1: loss at half its initial value"
          : "t1: kernel change reaches its level";
      panels.add(byWidthChart(label, rs, probeName, probeName, 1.0, "predicted t1 ~ kappa"));
    }
    if (panels.isEmpty()) {
      skipped.add("t1 against kappa: no runs with probe t1.loss_half or t1.kernel at two or more kappa values");
      return;
    }
    String cap = "Time t1 at which the dynamics leaves the tangent space, against kappa = alpha sqrt(n), seed means, "
        + "one curve per width. Two definitions are recorded: the first time the training loss falls to half its "
        + "initial value, and the first time the relative kernel change reaches a fixed level. Theory: t1 ~ sqrt(n) "
        + "alpha = kappa (dashed, slope 1), measured on the feature side where the run lasts beyond t1 "
        + "(Geiger et al. 2020).";
    figs.add(new Figure(S_TIME, "t1-kappa", "t1 against kappa", cap, panels,
        panels.size() == 1 ? WIDTH : WIDE, HEIGHT, null));
  }

  static void learning(List<RunRecord> runs, List<Figure> figs, List<String> skipped) {
    List<RunRecord> withCurve = runs.stream().filter(r -> series(r, "loss.t") != null && series(r, "loss.v") != null
        && series(r, "traj.w") == null && positive(kappa(r))).toList();
    Map<String, List<RunRecord>> bc = byCheck(withCurve);
    String best = null;
    for (Map.Entry<String, List<RunRecord>> e : bc.entrySet()) {
      if (distinct(e.getValue(), r -> round(kappa(r))) >= 2
          && (best == null || e.getValue().size() > bc.get(best).size())) best = e.getKey();
    }
    if (best == null) {
      skipped.add("learning curves: no check stores loss.t/loss.v series at two or more kappa values");
      return;
    }
    List<RunRecord> rs = bc.get(best);
    // one width (the most frequent), one seed (the smallest) per kappa
    Map<Double, Long> count = new TreeMap<>();
    for (RunRecord r : rs) count.merge(width(r) == null ? -1.0 : width(r), 1L, Long::sum);
    double n = count.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    TreeMap<Double, RunRecord> perKappa = new TreeMap<>();
    for (RunRecord r : rs) {
      double w = width(r) == null ? -1.0 : width(r);
      if (w != n) continue;
      Double k = round(kappa(r));
      RunRecord prev = perKappa.get(k);
      double s = param(r, "seed") == null ? 0 : param(r, "seed");
      if (prev == null || s < (param(prev, "seed") == null ? 0 : param(prev, "seed"))) perKappa.put(k, r);
    }
    List<RunRecord> chosen = new ArrayList<>(perKappa.values());
    while (chosen.size() > 7) {
      List<RunRecord> thin = new ArrayList<>();
      for (int i = 0; i < chosen.size(); i += 2) thin.add(chosen.get(i));
      if (!thin.contains(chosen.get(chosen.size() - 1))) thin.add(chosen.get(chosen.size() - 1));
      if (thin.size() >= chosen.size()) break;
      chosen = thin;
    }
    XYSeriesCollection raw = new XYSeriesCollection(), scaled = new XYSeriesCollection();
    XYSeries marks = new XYSeries("t1 (loss at half)", false, true);
    List<Paint> paints = new ArrayList<>();
    int i = 0;
    for (RunRecord r : chosen) {
      double k = kappa(r);
      double[] t = series(r, "loss.t"), v = series(r, "loss.v");
      XYSeries a = new XYSeries("kappa = " + Fmt.num(k), false, true);
      XYSeries b = new XYSeries("kappa = " + Fmt.num(k), false, true);
      for (int j = 0; j < Math.min(t.length, v.length); j++) {
        if (t[j] > 0 && v[j] > 0 && Double.isFinite(v[j])) {
          a.add(t[j], v[j]);
          b.add(t[j] / k, v[j]);
        }
      }
      if (a.getItemCount() == 0) continue;
      Double t1 = probe(r, "t1.loss_half");
      if (positive(t1)) {
        double y = interpolate(t, v, t1);
        if (y > 0) marks.add(t1.doubleValue(), y);
      }
      raw.addSeries(a);
      scaled.addSeries(b);
      paints.add(Charts.palette(i++));
    }
    if (raw.getSeriesCount() == 0) {
      skipped.add("learning curves: the stored curves have no positive times and losses");
      return;
    }
    XYPlot left = Charts.plot(Charts.logAxis("time t"), Charts.logAxis("training loss"));
    Charts.add(left, raw, Charts.lines(paints, Charts.stroke(2f, false)));
    if (marks.getItemCount() > 0) {
      Charts.add(left, Charts.collection(marks), Charts.points(List.of(Color.BLACK), Charts.circle(9)));
    }
    XYPlot right = Charts.plot(Charts.logAxis("t / kappa"), Charts.logAxis("training loss"));
    Charts.add(right, scaled, Charts.lines(paints, Charts.stroke(2f, false)));
    String cap = "Training loss against time for check " + best + " at width n = " + Fmt.num(n)
        + ", one seed per kappa = alpha sqrt(n). Left: against t, with the time t1 at which the loss reaches half its "
        + "initial value marked by black dots. Right: the same curves against t / kappa. Theory: on the feature side "
        + "the characteristic time is t1 ~ kappa, so the right-hand curves should line up there; on the lazy side "
        + "training ends in time O(1), independent of kappa (Geiger et al. 2020).";
    figs.add(new Figure(S_TIME, "learning-curves", "Learning curves", cap, List.of(
        Charts.chart("loss against t", null, left, true), Charts.chart("loss against t / kappa", null, right, true)),
        WIDE, HEIGHT, null));
  }

  static double interpolate(double[] t, double[] v, double x) {
    for (int j = 1; j < Math.min(t.length, v.length); j++) {
      if (t[j] >= x && t[j - 1] <= x) {
        double f = t[j] == t[j - 1] ? 0 : (x - t[j - 1]) / (t[j] - t[j - 1]);
        return v[j - 1] + f * (v[j] - v[j - 1]);
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- coordinate check

  static List<Integer> layers(List<RunRecord> rs, String prefix) {
    java.util.TreeSet<Integer> ls = new java.util.TreeSet<>();
    for (RunRecord r : rs) {
      if (r.probes() == null) continue;
      for (String k : r.probes().keySet()) {
        if (k.startsWith(prefix) && k.substring(prefix.length()).matches("\\d+")) {
          ls.add(Integer.parseInt(k.substring(prefix.length())));
        }
      }
    }
    return new ArrayList<>(ls);
  }

  static void coord(List<RunRecord> runs, List<Figure> figs, List<String> skipped) {
    String best = null;
    List<RunRecord> bestRuns = null;
    for (Map.Entry<String, List<RunRecord>> e : byCheck(runs).entrySet()) {
      List<RunRecord> rs = e.getValue().stream().filter(r -> width(r) != null && !layers(List.of(r), "dz.l").isEmpty()).toList();
      if (rs.isEmpty()) continue;
      // hold alpha fixed at its most frequent value
      Map<Double, Long> ac = new TreeMap<>();
      for (RunRecord r : rs) ac.merge(alpha(r) == null ? -1.0 : round(alpha(r)), 1L, Long::sum);
      double a = ac.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      List<RunRecord> fixedA = rs.stream().filter(r -> (alpha(r) == null ? -1.0 : round(alpha(r))) == a).toList();
      if (distinct(fixedA, Plots::width) >= 2 && (bestRuns == null || fixedA.size() > bestRuns.size())) {
        best = e.getKey();
        bestRuns = fixedA;
      }
    }
    if (best == null) {
      skipped.add("coordinate check: no check records per-layer dz.l<k> probes at two or more widths");
      return;
    }
    List<RunRecord> rs = bestRuns;
    Double a = alpha(rs.get(0));
    List<JFreeChart> panels = new ArrayList<>();
    panels.add(layerChart("activation change per layer", rs, "dz.l", "dz.l<k>: RMS of z^l(T) - z^l(0)", -0.5,
        "1/sqrt(n)"));
    boolean dw = !layers(rs, "dW.l").isEmpty();
    if (dw) {
      panels.add(layerChart("weight change per layer", rs, "dW.l", "dW.l<k>: RMS entry of W^l(T) - W^l(0)", -1.0,
          "1/n (hidden layers)"));
    }
    String cap = "Coordinate check for check " + best + (a == null ? "" : " at alpha = " + Fmt.num(a))
        + ": seed-averaged change of each layer's pre-activations (RMS over neurons and training inputs)"
        + (dw ? " and of each weight matrix (RMS over entries, right)" : "")
        + " against width n, one line per layer, log-log, in the style of the muP coordinate check. Theory in the "
        + "lazy regime: dz ~ 1/(alpha sqrt n) in every layer (dashed, slope -1/2); hidden weight matrices move by "
        + "1/(alpha n), the first and last by 1/(alpha sqrt n). Lines that are parallel to the dashed one scale as "
        + "predicted; a flat line means the layer keeps moving by O(1) as the width grows (feature learning).";
    figs.add(new Figure(S_COORD, "coordinate-check", "Coordinate check", cap, panels,
        panels.size() == 1 ? WIDTH : WIDE, HEIGHT, null));
  }

  private static JFreeChart layerChart(String title, List<RunRecord> rs, String prefix, String ylabel,
      double refSlope, String refName) {
    XYSeriesCollection d = new XYSeriesCollection();
    List<Paint> paints = new ArrayList<>();
    List<double[]> all = new ArrayList<>();
    int i = 0;
    for (int l : layers(rs, prefix)) {
      String name = prefix + l;
      TreeMap<Double, Double> m = means(rs, Plots::width, r -> probe(r, name));
      if (m.isEmpty()) continue;
      XYSeries s = new XYSeries("layer " + l, false, true);
      m.forEach((x, y) -> {
        s.add(x, y);
        all.add(new double[] {x, y});
      });
      d.addSeries(s);
      paints.add(Charts.palette(i++));
    }
    XYPlot p = Charts.plot(Charts.logAxis("width n"), Charts.logAxis(ylabel));
    if (!all.isEmpty()) {
      double[] c = centroid(all);
      double x0 = all.stream().mapToDouble(q -> q[0]).min().orElseThrow();
      double x1 = all.stream().mapToDouble(q -> q[0]).max().orElseThrow();
      Charts.add(p, Charts.collection(Charts.powerLine("slope of " + refName, c[0], c[1], refSlope, x0, x1)),
          Charts.lines(List.of(Color.BLACK), Charts.stroke(1.6f, true)));
    }
    Charts.add(p, d, Charts.linesAndPoints(paints, Charts.circle(8)));
    return Charts.chart(title, null, p, true);
  }

  // ---------------------------------------------------------------- 2D teacher-student

  static void twoD(List<RunRecord> runs, List<Figure> figs, List<String> skipped) {
    TreeMap<Double, RunRecord> perAlpha = new TreeMap<>();
    for (RunRecord r : runs) {
      if (series(r, "traj.w") == null || series(r, "traj.t") == null || param(r, "alpha") == null) continue;
      double a = param(r, "alpha");
      RunRecord prev = perAlpha.get(a);
      ToDoubleFunction<RunRecord> seed = x -> param(x, "seed") == null ? 0 : param(x, "seed");
      if (prev == null || seed.applyAsDouble(r) < seed.applyAsDouble(prev)) perAlpha.put(a, r);
    }
    if (perAlpha.isEmpty()) {
      skipped.add("2D teacher-student module: no run stores the series traj.t and traj.w with a parameter alpha");
      return;
    }
    boolean anyTeacher = false;
    for (Map.Entry<Double, RunRecord> e : perAlpha.entrySet()) {
      RunRecord r = e.getValue();
      double alpha = e.getKey();
      double[] tt = series(r, "traj.t"), tw = series(r, "traj.w"), ta = series(r, "traj.a");
      int cp = tt.length;
      if (cp == 0 || tw.length % (2 * cp) != 0) {
        skipped.add("2D module at alpha = " + Fmt.num(alpha) + ": traj.w does not hold checkpoints x n x 2 values");
        continue;
      }
      Double dim = param(r, "d");
      if (dim != null && dim != 2) {
        skipped.add("2D module at alpha = " + Fmt.num(alpha) + ": inputs have d = " + Fmt.num(dim) + ", not 2");
        continue;
      }
      int n = tw.length / (2 * cp);
      boolean haveA = ta != null && ta.length == (long) cp * n;
      double[] teacher = series(r, "teacher.w");
      anyTeacher |= teacher != null;
      String regime = Fmt.regime(alpha);
      List<JFreeChart> panels = new ArrayList<>();
      double[] lt = series(r, "loss.t"), lv = series(r, "loss.v");
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
      double aspect = (WIDE / 2.0 - 85) / (HEIGHT - 140);
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
        XYLineAndShapeRenderer rr = Charts.lines(java.util.Collections.nCopies(rays.getSeriesCount(), Color.BLACK),
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
            new java.awt.geom.Line2D.Double(-8, 0, 8, 0), Charts.stroke(1.8f, true), Color.BLACK));
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
      figs.add(new Figure(S_2D, "teacher-student-alpha-" + Fmt.slug(Fmt.num(alpha)),
          "alpha = " + Fmt.num(alpha) + " (" + regime + ")", cap, panels,
          panels.size() == 1 ? WIDTH : WIDE, HEIGHT, "alpha = " + Fmt.num(alpha) + " (" + regime + ")"));
    }
    if (!anyTeacher) {
      skipped.add("2D teacher-student module: teacher directions not drawn, the runs store no teacher.w series");
    }
  }
}
