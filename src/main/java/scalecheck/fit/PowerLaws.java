package scalecheck.fit;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Log-log fits of a swept quantity, with a delete-one-seed jackknife interval (t on seeds - 1 df).
 *
 * <p>For points x_i (&gt; 0) with per-seed measurements Q_is, the fitted line is the OLS regression
 * of log(m_i) on log(x_i), where m_i is the mean of the non-excluded Q_is (seeds are averaged before
 * logs, theory/README.md section 3). The interval on the slope is {@link SeedJackknife}: the slope refitted
 * with each seed index left out at every point, se from the spread of those S slopes, and
 * slope +- t_{S-1} se. It needs every point to have at least two valid seeds (so that every replicate
 * fits the same points); otherwise (one measurement per point, as for alpha*, or a point left with a
 * single seed) the interval is the OLS t-interval slope +- t_{points-2} stdErr from the scatter about
 * the line (NaN bounds when points = 2). The package documentation gives the coverage study.
 */
public final class PowerLaws {
  private PowerLaws() {}

  /**
   * Fits log(seed mean) against log(x).
   *
   * @param x swept values, each finite and &gt; 0, all distinct (any order; the result is sorted)
   * @param perSeed {@code perSeed[i][s]}: the measurement at {@code x[i]} for seed s; NaN marks an
   *     excluded run (for example a diverged one), any other value must be finite and &gt; 0; rows may
   *     differ in length
   * @param confidence the interval's level, in (0, 1)
   * @throws IllegalArgumentException with the offending index for fewer than 2 points, mismatched
   *     lengths, non-positive or non-finite values, duplicate x, or a point whose runs are all NaN
   */
  public static PowerLawFit fit(double[] x, double[][] perSeed, double confidence) {
    checkConfidence(confidence);
    return fit(SeedTable.of(x, perSeed, 2), confidence);
  }

  static void checkConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("fit: confidence must be in (0, 1), got " + confidence);
    }
  }

  /**
   * The OLS line ly = intercept + slope lx: its standard error sqrt(SSR / (n - 2) / Sxx) (NaN for two
   * points), R^2 = 1 - SSR / SST (1 when SST = 0), and the residuals.
   */
  record Line(double slope, double intercept, double stdErr, double r2, double[] residuals, double lxBar,
      double sxx) {}

  static Line ols(double[] lx, double[] ly) {
    int n = lx.length;
    double lxBar = average(lx);
    double sxx = 0;
    for (int k = 0; k < n; k++) sxx += (lx[k] - lxBar) * (lx[k] - lxBar);
    double slope = slope(lx, lxBar, sxx, ly);
    double intercept = average(ly) - slope * lxBar;
    double[] res = new double[n];
    double ssr = 0;
    double lyBar = average(ly);
    double sst = 0;
    for (int k = 0; k < n; k++) {
      res[k] = ly[k] - (intercept + slope * lx[k]);
      ssr += res[k] * res[k];
      sst += (ly[k] - lyBar) * (ly[k] - lyBar);
    }
    double stdErr = n > 2 ? Math.sqrt(ssr / (n - 2) / sxx) : Double.NaN;
    double r2 = sst == 0 ? 1.0 : 1 - ssr / sst;
    return new Line(slope, intercept, stdErr, r2, res, lxBar, sxx);
  }

  static PowerLawFit fit(SeedTable t, double confidence) {
    int n = t.points();
    double[] lx = t.lx;
    double[] ly = t.logMeans(-1);
    Line line = ols(lx, ly);
    double slope = line.slope();
    double intercept = line.intercept();
    double[] res = line.residuals();
    double stdErr = line.stdErr();
    double r2 = line.r2();
    double[] local = localSlopes(lx, ly);

    double lo;
    double hi;
    double se;
    int df;
    if (t.jackknifeable()) {
      SeedJackknife.Interval iv = SeedJackknife.interval(slope, t.seeds,
          s -> slope(lx, line.lxBar(), line.sxx(), t.logMeans(s)), confidence);
      lo = iv.low();
      hi = iv.high();
      se = iv.stdErr();
      df = iv.df();
    } else if (n > 2) {
      double q = new TDistribution(null, n - 2).inverseCumulativeProbability((1 + confidence) / 2);
      lo = slope - q * stdErr;
      hi = slope + q * stdErr;
      se = stdErr;
      df = n - 2;
    } else {
      lo = Double.NaN;
      hi = Double.NaN;
      se = Double.NaN;
      df = 0;
    }
    return new PowerLawFit(slope, intercept, stdErr, r2, lo, hi, t.x.clone(), t.means(), res, local, n, t.minSeeds,
        confidence, se, df, t.jackknifeable() ? PowerLawFit.SEED_JACKKNIFE : PowerLawFit.RESIDUAL_T);
  }

  static double[] localSlopes(double[] lx, double[] ly) {
    double[] local = new double[lx.length - 1];
    for (int k = 0; k + 1 < lx.length; k++) local[k] = (ly[k + 1] - ly[k]) / (lx[k + 1] - lx[k]);
    return local;
  }

  /** sum (lx - lxBar) ly / Sxx: the OLS slope of ly on lx. */
  static double slope(double[] lx, double lxBar, double sxx, double[] ly) {
    double sxy = 0;
    for (int k = 0; k < lx.length; k++) sxy += (lx[k] - lxBar) * ly[k];
    return sxy / sxx;
  }

  private static double average(double[] v) {
    double s = 0;
    for (double q : v) s += q;
    return s / v.length;
  }
}
