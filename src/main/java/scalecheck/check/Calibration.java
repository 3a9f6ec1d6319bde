package scalecheck.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import scalecheck.check.Judge.FitSummary;
import scalecheck.fit.Correction;
import scalecheck.fit.ScalingFit;
import scalecheck.fit.ScalingFits;

/**
 * The coverage study behind the intervals: synthetic measurements with a known exponent,
 * y = C n^p (1 + b n^(-omega)) exp(sigma Z), Z standard normal per run (multiplicative log-normal seed
 * noise), at widths n = 64 * 2^k (k &lt; widths) and a number of seeds, fitted and judged exactly as
 * a check is ({@link ScalingFits}, {@link Judge}).
 *
 * <p>Per cell (seeds x widths x sigma) and replicate it records: whether the nominal interval of the
 * judged (corrected) fit covers p; the same for the F-test selection rule and for the plain fit;
 * the verdict against the true law (predicted p) and against a law wrong by {@code shift} (predicted
 * p + shift), both with tolerance {@code tol}. Replicates are a pure function of the design's seed
 * and the cell, so a cell gives the same numbers whatever else is run.
 */
public final class Calibration {
  private Calibration() {}

  /**
   * The study's settings.
   *
   * @param seeds seed counts to try; {@code widths} width counts; {@code sigmas} noise levels
   * @param excludeRate probability that a run is excluded (NaN), at least one run per width kept
   */
  public record Design(int[] seeds, int[] widths, double[] sigmas, int reps, double p, double b, double omega,
      double tol, double confidence, double shift, double excludeRate, long seed) {
    /** The default study of the `calibrate` command. */
    public static Design defaults() {
      return new Design(new int[] {3, 5, 8, 16, 32}, new int[] {4, 5, 6, 7, 8}, new double[] {0.05, 0.15, 0.3}, 1000,
          -0.5, 2.0, 0.5, 0.1, 0.95, 0.25, 0.0, 20261207L);
    }
  }

  /**
   * One cell's rates (fractions of {@code reps}).
   *
   * @param coverage the judged (always corrected) interval covers p
   * @param coverageFTest the interval chosen by the F-test selection rule covers p
   * @param coveragePlain the plain power-law interval covers p
   * @param failTrue verdict FAIL against the true law
   * @param passTrue verdict PASS against the true law (power)
   * @param passWrong verdict PASS against the law wrong by shift
   * @param failWrong verdict FAIL against the wrong law
   * @param meanHalfWidth mean half-width of the judged interval
   */
  public record Cell(int seeds, int widths, double sigma, int reps, double coverage, double coverageFTest,
      double coveragePlain, double failTrue, double passTrue, double passWrong, double failWrong,
      double meanHalfWidth) {}

  /** Runs every cell, reporting each finished cell to {@code progress}. */
  public static List<Cell> run(Design d, Consumer<Cell> progress) {
    List<Cell> out = new ArrayList<>();
    for (int s : d.seeds()) {
      for (int w : d.widths()) {
        for (double sigma : d.sigmas()) {
          Cell c = cell(d, s, w, sigma);
          out.add(c);
          progress.accept(c);
        }
      }
    }
    return out;
  }

  /** One cell of the study. */
  public static Cell cell(Design d, int seeds, int widths, double sigma) {
    long cellSeed = d.seed() * 1_000_003L + seeds * 10_007L + widths * 101L + Math.round(sigma * 1e6);
    SplittableRandom rnd = new SplittableRandom(cellSeed);
    double[] x = new double[widths];
    for (int k = 0; k < widths; k++) x[k] = 64 * Math.pow(2, k);
    CheckSpec.FitOptions opts = CheckSpec.FitOptions.defaults();
    int cov = 0;
    int covF = 0;
    int covPlain = 0;
    int failTrue = 0;
    int passTrue = 0;
    int passWrong = 0;
    int failWrong = 0;
    double hw = 0;
    int hwCount = 0;
    for (int r = 0; r < d.reps(); r++) {
      double[][] q = sample(d, x, seeds, sigma, rnd);
      ScalingFit f = ScalingFits.fit(x, q, d.confidence(), Correction.fixed(d.omega()), ScalingFits.Selection.ALWAYS);
      if (f.ciLow() <= d.p() && d.p() <= f.ciHigh()) cov++;
      if (f.plain().covers(d.p())) covPlain++;
      boolean fSelects = f.corrected() != null && f.fPValue() < 0.05;
      if (fSelects ? f.ciLow() <= d.p() && d.p() <= f.ciHigh() : f.plain().covers(d.p())) covF++;
      if (Double.isFinite(f.ciLow())) {
        hw += (f.ciHigh() - f.ciLow()) / 2;
        hwCount++;
      }
      FitSummary s = Evaluator.summarize(f);
      int runs = seeds * widths;
      int excluded = 0;
      for (double[] row : q) for (double v : row) if (Double.isNaN(v)) excluded++;
      Verdict vt = Judge.judge(s, d.p(), "p", d.tol(), "exponent", opts, runs, excluded, "").verdict();
      Verdict vw = Judge.judge(s, d.p() + d.shift(), "p'", d.tol(), "exponent", opts, runs, excluded, "").verdict();
      if (vt == Verdict.FAIL) failTrue++;
      if (vt == Verdict.PASS) passTrue++;
      if (vw == Verdict.PASS) passWrong++;
      if (vw == Verdict.FAIL) failWrong++;
    }
    double n = d.reps();
    return new Cell(seeds, widths, sigma, d.reps(), cov / n, covF / n, covPlain / n, failTrue / n, passTrue / n,
        passWrong / n, failWrong / n, hwCount == 0 ? Double.NaN : hw / hwCount);
  }

  /** One synthetic data set: {@code q[k][s]} at width x[k] for seed s. */
  static double[][] sample(Design d, double[] x, int seeds, double sigma, SplittableRandom rnd) {
    double[][] q = new double[x.length][seeds];
    for (int k = 0; k < x.length; k++) {
      double law = Math.pow(x[k], d.p()) * (1 + d.b() * Math.pow(x[k], -d.omega()));
      for (int s = 0; s < seeds; s++) {
        q[k][s] = law * Math.exp(sigma * normal(rnd));
      }
      if (d.excludeRate() > 0) {
        for (int s = 0; s < seeds; s++) if (rnd.nextDouble() < d.excludeRate()) q[k][s] = Double.NaN;
        boolean any = false;
        for (double v : q[k]) any |= !Double.isNaN(v);
        if (!any) q[k][0] = law * Math.exp(sigma * normal(rnd));
      }
    }
    return q;
  }

  static double normal(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The study as a Markdown table, with its settings and the targets. */
  public static String markdown(Design d, List<Cell> cells) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Interval calibration\n\n");
    sb.append(String.format(Locale.ROOT, "Synthetic y = n^p (1 + b n^-omega) exp(sigma Z), p = %s, b = %s, omega = %s,"
        + " widths n = 64 * 2^k, %d replicates per cell, seed %d, run exclusion rate %s. Judged: the corrected fit"
        + " (omega fixed at the true value), nominal %.0f%% seed-jackknife t interval, tolerance %s; wrong law: p + %s.%n%n",
        g(d.p()), g(d.b()), g(d.omega()), d.reps(), d.seed(), g(d.excludeRate()), 100 * d.confidence(), g(d.tol()),
        g(d.shift())));
    sb.append("Targets: coverage 0.93-0.97; true law FAILs <= 0.05; wrong law PASSes <= 0.05 (at 8 seeds).\n\n");
    sb.append("| seeds | widths | sigma | coverage | coverage (F-test selection) | coverage (plain fit) | true law FAIL"
        + " | true law PASS | wrong law PASS | wrong law FAIL | mean half-width |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Cell c : cells) {
      sb.append(String.format(Locale.ROOT, "| %d | %d | %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3g |%n",
          c.seeds(), c.widths(), g(c.sigma()), c.coverage(), c.coverageFTest(), c.coveragePlain(), c.failTrue(),
          c.passTrue(), c.passWrong(), c.failWrong(), c.meanHalfWidth()));
    }
    return sb.toString();
  }

  private static String g(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
