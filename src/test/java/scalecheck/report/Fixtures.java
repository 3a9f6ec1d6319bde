package scalecheck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import scalecheck.check.CheckResult;
import scalecheck.check.Competitor;
import scalecheck.check.FitPoint;
import scalecheck.check.Provenance;
import scalecheck.check.RunRecord;
import scalecheck.check.Verdict;
import scalecheck.check.VerifyOutcome;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunStatus;
import scalecheck.theory.Rational;

/** Synthetic verification outcomes with plausible numbers (power laws with seeded scatter). */
final class Fixtures {
  private Fixtures() {}

  static final double[] WIDTHS = {100, 200, 400, 800};
  static final double[] ALPHAS = {0.01, 0.03, 0.1, 0.3, 1, 3, 10};
  static final double[] ALPHAS_2D = {0.01, 0.1, 1, 10, 100};
  static final int SEEDS = 3;

  /** A full outcome: five checks, a sweep over (n, alpha, seed), and 2D trajectories. */
  static VerifyOutcome outcome(long seed, boolean teacher) {
    Random rnd = new Random(seed);
    List<RunRecord> runs = new ArrayList<>();
    for (double n : WIDTHS) {
      for (double a : ALPHAS) {
        for (int s = 0; s < SEEDS; s++) runs.add(deepRun("kernel_change", n, a, s, rnd));
      }
    }
    for (double a : ALPHAS_2D) runs.add(twoDRun(a, 0, teacher, rnd));
    runs.add(new RunRecord("kernel_change", "k-diverged", Map.of("n", 800.0, "alpha", 0.01, "seed", 9.0), null,
        new RunResult(
        RunStatus.DIVERGED, "loss became NaN at step 12, \"exploded\"\nsecond line", 12, 0.5, 0.1,
        Map.of(), Map.of())));
    List<CheckResult> checks = new ArrayList<>();
    checks.add(check("dW_hidden", "geiger/dW_hidden", "n", "dW.hidden", "-1", -0.97, 0.05, Verdict.PASS,
        pointsFrom(-1.0, 0.02, rnd), List.of(), false));
    checks.add(check("kernel_change", "geiger/kernel_change", "n", "kernel.change", "-1/2", -0.78, 0.06,
        Verdict.INCONCLUSIVE, pointsFrom(-0.78, 0.1, rnd),
        List.of(new Competitor("dyer/kernel_change", Rational.of(-1), Verdict.FAIL, "fitted -0.78 outside [-1.1, -0.9]")),
        false));
    checks.add(check("alpha_star", "geiger/alpha_star", "n", "alpha_star", "-1/2", -0.52, 0.04, Verdict.PASS,
        alphaStarPoints(rnd), List.of(), false));
    checks.add(check("t1_alpha", "geiger/t1", "alpha", "t1.loss_half", "1", 0.93, 0.07, Verdict.PASS,
        pointsFrom(1.0, 0.05, rnd), List.of(), false));
    checks.add(check("wrong_law", "negative/dW_hidden_flat", "n", "dW.hidden", "0", -0.98, 0.05, Verdict.FAIL,
        pointsFrom(-1.0, 0.02, rnd), List.of(), true));
    checks.add(collapse("collapse_kernel", "1/2", false));
    for (int l = 1; l <= 2; l++) {
      checks.add(check("coord_l" + l, "schemes/ntk_coord_dz_l" + l, "n", "dz.l" + l, "-1/2", -0.5, 0.03, Verdict.PASS,
          pointsFrom(-0.5, 0.03, rnd), List.of(), false));
    }
    Provenance p = new Provenance("0.1.0", "0123456789abcdef", "17.0.15", "OpenBLAS 0.3.28", 2, 1, seed, true,
        "2026-11-22T18:00:00Z", 123.4, "scalecheck verify checks/ --fast",
        Map.of("checks/kernel.yaml", "ab12", "theory/geiger.yaml", "cd34"));
    return new VerifyOutcome(checks, runs, p);
  }

  /** A lighter outcome (two checks, a few runs) for tests that only need some stored report. */
  static VerifyOutcome small(long seed) {
    VerifyOutcome o = outcome(seed, false);
    return new VerifyOutcome(o.checks().subList(0, 2), o.runs().subList(0, 12), o.provenance());
  }

  static CheckResult check(String id, String law, String vary, String measure, String predicted, double fitted,
      double se, Verdict v, List<FitPoint> pts, List<Competitor> comp, boolean negative) {
    List<Double> local = new ArrayList<>();
    for (int i = 1; i < pts.size(); i++) {
      local.add(Math.log(pts.get(i).mean() / pts.get(i - 1).mean()) / Math.log(pts.get(i).x() / pts.get(i - 1).x()));
    }
    Map<String, Object> fixed = new LinkedHashMap<>();
    fixed.put("alpha", 1.0);
    fixed.put("depth", 3);
    if (id.equals("alpha_star")) fixed.put("level", 1.0);
    return new CheckResult(id, law, vary, measure, "RMS over entries", Rational.parse(predicted), fitted, fitted - 2 * se,
        fitted + 2 * se, se, 0.98, 0.1, "exponent", v, "fitted " + fitted + " vs predicted " + predicted
        + ", the interval decides", pts, local, pts.size() * SEEDS, 1, comp, negative, fixed);
  }

  /**
   * A collapse result for the scaling variable alpha n^x with the derived x {@code predicted}: the
   * curves are kernel change 2 / (1 + alpha sqrt(n)) at the fixture's widths and alphas.
   */
  static CheckResult collapse(String id, String predicted, boolean negative) {
    Map<String, Object> curves = new LinkedHashMap<>();
    for (double n : WIDTHS) {
      List<List<Double>> pts = new ArrayList<>();
      for (double a : ALPHAS) pts.add(List.of(a, 2 / (1 + a * Math.sqrt(n))));
      curves.put(Long.toString((long) n), pts);
    }
    Map<String, Object> fixed = new LinkedHashMap<>();
    fixed.put("depth", 1);
    fixed.put(scalecheck.check.CollapseCheck.VARIABLE, "alpha n^x");
    fixed.put(scalecheck.check.CollapseCheck.CURVES, curves);
    return new CheckResult(id, "geiger/kappa", "n", "kernel.change", "RMS", scalecheck.theory.Rational.parse(predicted), 0.5, 0.45, 0.55, null, null,
        0.1, "exponent", Verdict.PASS, "collapse in alpha n^x", List.of(), List.of(), WIDTHS.length * ALPHAS.length, 0,
        List.of(), negative, fixed);
  }

  static List<FitPoint> pointsFrom(double slope, double scatter, Random rnd) {
    List<FitPoint> pts = new ArrayList<>();
    for (double x : WIDTHS) {
      List<Double> per = new ArrayList<>();
      double sum = 0;
      for (int s = 0; s < SEEDS; s++) {
        double y = 0.3 * Math.pow(x, slope) * Math.exp(scatter * rnd.nextGaussian());
        per.add(y);
        sum += y;
      }
      pts.add(new FitPoint(x, sum / SEEDS, per));
    }
    return pts;
  }

  static List<FitPoint> alphaStarPoints(Random rnd) {
    List<FitPoint> pts = new ArrayList<>();
    for (double n : WIDTHS) {
      double a = 1.0 / Math.sqrt(n) * Math.exp(0.05 * rnd.nextGaussian());
      pts.add(new FitPoint(n, a, List.of(a)));
    }
    return pts;
  }

  static RunRecord deepRun(String check, double n, double a, int s, Random rnd) {
    double kappa = a * Math.sqrt(n);
    double noise = Math.exp(0.1 * rnd.nextGaussian());
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("n", n);
    params.put("alpha", a);
    params.put("kappa", kappa);
    params.put("seed", (double) s);
    Map<String, Double> probes = new LinkedHashMap<>();
    probes.put("kernel.change", 2.0 / (1 + kappa) * noise);
    probes.put("err.test", (0.08 + 0.12 * kappa / (1 + kappa)) * Math.exp(0.05 * rnd.nextGaussian()));
    probes.put("t1.loss_half", (0.3 + kappa) * noise);
    probes.put("t1.kernel", (0.1 + 0.5 * kappa) * noise);
    probes.put("dW.hidden", 1 / (a * n) * noise);
    for (int l = 1; l <= 3; l++) {
      probes.put("dz.l" + l, (0.5 + 0.2 * l) / (a * Math.sqrt(n)) * Math.exp(0.05 * rnd.nextGaussian()));
      probes.put("dW.l" + l, (l == 2 ? 1 / (a * n) : 1 / (a * Math.sqrt(n))) * noise);
    }
    double t1 = 0.3 + kappa;
    double[] t = new double[40], v = new double[40];
    for (int i = 0; i < t.length; i++) {
      t[i] = Math.pow(10, -2 + 5.0 * i / (t.length - 1));
      v[i] = 0.7 / (1 + t[i] / t1) * (1 + 0.02 * rnd.nextGaussian());
    }
    return new RunRecord(check, "k" + n + "-" + a + "-" + s, params, null,
        new RunResult(RunStatus.OK, "", 1000 + rnd.nextInt(500), 10 + t1,
        0.5 + rnd.nextDouble(), probes, Map.of("loss.t", t, "loss.v", v)));
  }

  /** A 2D teacher-student run: w_i drift towards teacher directions, more for small alpha. */
  static RunRecord twoDRun(double alpha, int seed, boolean teacher, Random rnd) {
    int n = 40, cp = 15;
    double[][] dirs = {{1, 0.2}, {-0.5, 1}, {-0.3, -1}};
    double[] t = new double[cp], w = new double[cp * n * 2], a = new double[cp * n];
    double[] x0 = new double[n], y0 = new double[n], a0 = new double[n];
    for (int i = 0; i < n; i++) {
      x0[i] = rnd.nextGaussian();
      y0[i] = rnd.nextGaussian();
      a0[i] = rnd.nextGaussian();
    }
    double move = 1 / (1 + alpha), grow = alpha < 0.05 ? 4 : alpha < 0.5 ? 1.5 : 0;
    for (int c = 0; c < cp; c++) {
      t[c] = c * 10.0;
      double f = (double) c / (cp - 1);
      for (int i = 0; i < n; i++) {
        double[] d = dirs[i % 3];
        double len = Math.hypot(d[0], d[1]);
        double tx = d[0] / len * (1 + grow), ty = d[1] / len * (1 + grow);
        w[(c * n + i) * 2] = x0[i] + move * f * (tx - x0[i]);
        w[(c * n + i) * 2 + 1] = y0[i] + move * f * (ty - y0[i]);
        a[c * n + i] = a0[i] * (1 + move * f);
      }
    }
    double[] lt = new double[cp], lv = new double[cp];
    for (int c = 0; c < cp; c++) {
      lt[c] = t[c];
      lv[c] = 0.5 * Math.exp(-c / (3.0 + 1 / alpha)) + 1e-3;
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("traj.t", t);
    series.put("traj.w", w);
    series.put("traj.a", a);
    series.put("loss.t", lt);
    series.put("loss.v", lv);
    if (teacher) series.put("teacher.w", new double[] {1, 0.2, -0.5, 1, -0.3, -1});
    return new RunRecord("teacher_student_2d", "ts-" + alpha, Map.of("alpha", alpha, "n", (double) n,
        "seed", (double) seed), null,
            new RunResult(RunStatus.OK, null, 300, 140, 0.2, Map.of("loss.train", lv[cp - 1]), series));
  }
}
