package scalecheck.fit;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Log-log fits of a swept quantity with a bootstrap interval over seeds.
 *
 * <p>For points x_i (&gt; 0) with per-seed measurements Q_is, the fitted line is the OLS regression
 * of log(m_i) on log(x_i), where m_i is the mean of the non-excluded Q_is (seeds are averaged before
 * logs, theory/README.md section 3). The interval on the slope is the percentile bootstrap over seeds
 * (Efron and Tibshirani 1993, ch. 13): each of the B resamples draws, independently for every point,
 * as many seed indices as that point has valid seeds, with replacement, averages them, and refits
 * the slope; the interval is the ((1 - c)/2, (1 + c)/2) quantiles of the B slopes (linear
 * interpolation between order statistics). The resamples are a pure function of {@code bootSeed}.
 * When {@code bootstrap} is 0, or no point has two valid seeds (so resampling cannot vary), the
 * interval is instead the OLS t-interval slope +- t_{c, points-2} stdErr (NaN bounds when points = 2).
 *
 * <p>A percentile bootstrap with few seeds is too narrow by about a factor sqrt((s - 1)/s) and
 * under-covers; use 8 or more seeds where the interval's nominal level matters.
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
   * @param bootstrap number of bootstrap resamples B (0 for the OLS t-interval)
   * @param bootSeed seed of the resampling
   * @throws IllegalArgumentException with the offending index for fewer than 2 points, mismatched
   *     lengths, non-positive or non-finite values, duplicate x, or a point whose runs are all NaN
   */
  public static PowerLawFit fit(double[] x, double[][] perSeed, double confidence, int bootstrap, long bootSeed) {
    if (x == null || perSeed == null) throw new IllegalArgumentException("fit: x and perSeed must not be null");
    if (x.length != perSeed.length) {
      throw new IllegalArgumentException("fit: " + x.length + " x values but " + perSeed.length + " rows of measurements");
    }
    if (x.length < 2) throw new IllegalArgumentException("fit: need at least 2 points, got " + x.length);
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("fit: confidence must be in (0, 1), got " + confidence);
    }
    if (bootstrap < 0) throw new IllegalArgumentException("fit: bootstrap must be >= 0, got " + bootstrap);
    int n = x.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (!(x[i] > 0) || Double.isInfinite(x[i])) {
        throw new IllegalArgumentException("fit: x[" + i + "] = " + x[i] + " must be finite and > 0");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    double[] xs = new double[n];
    double[][] valid = new double[n][];
    int minSeeds = Integer.MAX_VALUE;
    int maxSeeds = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      xs[k] = x[i];
      if (k > 0 && xs[k] == xs[k - 1]) {
        throw new IllegalArgumentException("fit: x value " + xs[k] + " appears twice");
      }
      double[] row = perSeed[i];
      if (row == null) throw new IllegalArgumentException("fit: perSeed[" + i + "] is null");
      double[] v = new double[row.length];
      int c = 0;
      for (int s = 0; s < row.length; s++) {
        double q = row[s];
        if (Double.isNaN(q)) continue;
        if (!(q > 0) || Double.isInfinite(q)) {
          throw new IllegalArgumentException("fit: perSeed[" + i + "][" + s + "] = " + q
              + " at x = " + x[i] + " must be > 0 and finite (NaN excludes a run)");
        }
        v[c++] = q;
      }
      if (c == 0) {
        throw new IllegalArgumentException("fit: every run at x = " + x[i] + " (perSeed[" + i + "]) is excluded (NaN)");
      }
      valid[k] = Arrays.copyOf(v, c);
      minSeeds = Math.min(minSeeds, c);
      maxSeeds = Math.max(maxSeeds, c);
    }

    double[] lx = new double[n];
    double[] mean = new double[n];
    double[] ly = new double[n];
    for (int k = 0; k < n; k++) {
      lx[k] = Math.log(xs[k]);
      mean[k] = average(valid[k]);
      ly[k] = Math.log(mean[k]);
    }
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
    double[] local = new double[n - 1];
    for (int k = 0; k + 1 < n; k++) local[k] = (ly[k + 1] - ly[k]) / (lx[k + 1] - lx[k]);

    double lo;
    double hi;
    if (bootstrap > 0 && maxSeeds > 1) {
      double[] slopes = new double[bootstrap];
      double[] bly = new double[n];
      SplittableRandom rnd = new SplittableRandom(bootSeed);
      for (int b = 0; b < bootstrap; b++) {
        for (int k = 0; k < n; k++) {
          double[] v = valid[k];
          double s = 0;
          for (int j = 0; j < v.length; j++) s += v[rnd.nextInt(v.length)];
          bly[k] = Math.log(s / v.length);
        }
        slopes[b] = slope(lx, lxBar, sxx, bly);
      }
      Arrays.sort(slopes);
      lo = quantile(slopes, (1 - confidence) / 2);
      hi = quantile(slopes, (1 + confidence) / 2);
    } else if (n > 2) {
      double t = new TDistribution(null, n - 2).inverseCumulativeProbability((1 + confidence) / 2);
      lo = slope - t * stdErr;
      hi = slope + t * stdErr;
    } else {
      lo = Double.NaN;
      hi = Double.NaN;
    }
    return new PowerLawFit(slope, intercept, stdErr, r2, lo, hi, xs, mean, res, local, n, minSeeds, confidence);
  }

  private static double slope(double[] lx, double lxBar, double sxx, double[] ly) {
    double sxy = 0;
    for (int k = 0; k < lx.length; k++) sxy += (lx[k] - lxBar) * ly[k];
    return sxy / sxx;
  }

  private static double average(double[] v) {
    double s = 0;
    for (double q : v) s += q;
    return s / v.length;
  }

  /** Quantile of sorted {@code v} at level p, linear interpolation between order statistics (type 7). */
  static double quantile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int i = (int) Math.floor(h);
    if (i >= sorted.length - 1) return sorted[sorted.length - 1];
    return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
  }
}
