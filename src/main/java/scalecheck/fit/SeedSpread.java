package scalecheck.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The spread over initialisations of a network's test outputs, and the log-log fit of how it scales.
 *
 * <p>At one point x with S seeds whose test outputs are o_s(j) (j over P test inputs), the spread is
 * the RMS over inputs of the sample standard deviation over seeds:
 * <pre>
 *   spread = sqrt( (1/P) sum_j (1/(S-1)) sum_s (o_s(j) - mean_s o_s(j))^2 )
 * </pre>
 * (P is the shortest output length; NaN for S &lt; 2). The fit is the OLS line of log(spread) on
 * log(x) ({@link PowerLaws}); its interval is the delete-one-seed jackknife of the slope
 * ({@link SeedJackknife}, t on S - 1 df, S the largest number of seeds at a point), replicate j
 * leaving out the j-th seed at every point that has one. It needs three seeds at every point, so that
 * each replicate still has a spread; otherwise there is no interval ({@link #NO_INTERVAL}).
 */
public final class SeedSpread {
  /** Method of a fit without an interval (fewer than three seeds at some point). */
  public static final String NO_INTERVAL = "none (fewer than three seeds at a point)";

  private SeedSpread() {}

  /** The spread of the outputs of each seed at one point; NaN for fewer than two seeds. */
  public static double of(List<double[]> outputs) {
    int s = outputs.size();
    if (s < 2) return Double.NaN;
    int p = outputs.get(0).length;
    for (double[] o : outputs) p = Math.min(p, o.length);
    double total = 0;
    for (int j = 0; j < p; j++) {
      double mean = 0;
      for (double[] o : outputs) mean += o[j];
      mean /= s;
      double var = 0;
      for (double[] o : outputs) {
        double d = o[j] - mean;
        var += d * d;
      }
      total += var / (s - 1);
    }
    return Math.sqrt(total / p);
  }

  /**
   * Fits log(spread) against log(x).
   *
   * @param x the points, at least two, &gt; 0 and distinct (any order; the fit is sorted)
   * @param outputs per point, the test outputs of each seed; every spread must be &gt; 0
   * @param confidence the interval's level, in (0, 1)
   * @return the fit, its {@code mean} the spreads; {@code ciStdErr} is the jackknife standard error, or
   *     the OLS one (with NaN bounds) when there is no interval
   */
  public static PowerLawFit fit(double[] x, List<List<double[]>> outputs, double confidence) {
    PowerLaws.checkConfidence(confidence);
    if (x.length < 2 || x.length != outputs.size()) {
      throw new IllegalArgumentException("spread fit: need at least 2 points with outputs, got " + x.length + " and "
          + outputs.size());
    }
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
    double[] xs = new double[x.length];
    double[] lx = new double[x.length];
    double[] spread = new double[x.length];
    double[] ly = new double[x.length];
    List<List<double[]>> kept = new ArrayList<>();
    int minSeeds = Integer.MAX_VALUE;
    int maxSeeds = 0;
    for (int k = 0; k < order.length; k++) {
      xs[k] = x[order[k]];
      List<double[]> o = outputs.get(order[k]);
      kept.add(o);
      spread[k] = of(o);
      if (!(xs[k] > 0) || !(spread[k] > 0)) {
        throw new IllegalArgumentException("spread fit: point " + order[k] + " has x = " + xs[k] + ", spread = "
            + spread[k] + " (both must be > 0)");
      }
      lx[k] = Math.log(xs[k]);
      ly[k] = Math.log(spread[k]);
      minSeeds = Math.min(minSeeds, o.size());
      maxSeeds = Math.max(maxSeeds, o.size());
    }
    PowerLaws.Line line = PowerLaws.ols(lx, ly);
    double[] local = PowerLaws.localSlopes(lx, ly);
    if (minSeeds < 3) {
      return new PowerLawFit(line.slope(), line.intercept(), line.stdErr(), line.r2(), Double.NaN, Double.NaN, xs,
          spread, line.residuals(), local, xs.length, minSeeds, confidence, line.stdErr(), 0, NO_INTERVAL);
    }
    double[] jly = new double[lx.length];
    SeedJackknife.Interval iv = SeedJackknife.interval(line.slope(), maxSeeds, j -> {
      for (int k = 0; k < kept.size(); k++) {
        List<double[]> o = new ArrayList<>(kept.get(k));
        if (j < o.size()) o.remove(j);
        double v = of(o);
        if (!(v > 0)) return Double.NaN;
        jly[k] = Math.log(v);
      }
      return PowerLaws.slope(lx, line.lxBar(), line.sxx(), jly);
    }, confidence);
    return new PowerLawFit(line.slope(), line.intercept(), line.stdErr(), line.r2(), iv.low(), iv.high(), xs, spread,
        line.residuals(), local, xs.length, minSeeds, confidence, iv.stdErr(), iv.df(), PowerLawFit.SEED_JACKKNIFE);
  }
}
