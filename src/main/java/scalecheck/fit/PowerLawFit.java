package scalecheck.fit;

import java.util.Arrays;

/**
 * A fitted power law mean(x) ~ exp(intercept) x^slope, from {@link PowerLaws#fit}.
 *
 * <p>{@code slope} and {@code intercept} are the OLS estimates of log(mean) = intercept + slope
 * log(x); {@code stdErr} is the OLS standard error of the slope, sqrt(SSR / (points - 2) / Sxx) with
 * Sxx = sum (log x_i - mean log x)^2 (NaN when points = 2); {@code r2} = 1 - SSR / SST (1 when SST =
 * 0). [{@code ciLow}, {@code ciHigh}] is the {@code confidence}-level interval on the slope, made by
 * {@code method} ({@link #SEED_JACKKNIFE} or {@link #RESIDUAL_T}, see {@link PowerLaws#fit}) with
 * standard error {@code ciStdErr} and {@code df} degrees of freedom. {@code x}, {@code mean} and {@code residuals} (log(mean)
 * minus the fitted line) are in increasing order of x; {@code localSlopes[i]} = (log mean[i+1] - log
 * mean[i]) / (log x[i+1] - log x[i]), which shows finite-size curvature. {@code seedsUsed} is the
 * smallest number of non-excluded seeds at any point.
 */
public record PowerLawFit(double slope, double intercept, double stdErr, double r2, double ciLow, double ciHigh,
    double[] x, double[] mean, double[] residuals, double[] localSlopes, int points, int seedsUsed,
    double confidence, double ciStdErr, int df, String method) {

  /** Interval from the delete-one-seed jackknife, t on seeds - 1 df. */
  public static final String SEED_JACKKNIFE = "seed jackknife, t on seeds - 1 df";
  /** Interval from the scatter of the points about the fitted curve, t on the residual df. */
  public static final String RESIDUAL_T = "residual t";

  /** True when {@code value} lies in the closed interval [ciLow, ciHigh]. */
  public boolean covers(double value) {
    return value >= ciLow && value <= ciHigh;
  }

  /** Half the interval's width. */
  public double halfWidth() {
    return (ciHigh - ciLow) / 2;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PowerLawFit f
        && Double.compare(slope, f.slope) == 0 && Double.compare(intercept, f.intercept) == 0
        && Double.compare(stdErr, f.stdErr) == 0 && Double.compare(r2, f.r2) == 0
        && Double.compare(ciLow, f.ciLow) == 0 && Double.compare(ciHigh, f.ciHigh) == 0
        && Arrays.equals(x, f.x) && Arrays.equals(mean, f.mean) && Arrays.equals(residuals, f.residuals)
        && Arrays.equals(localSlopes, f.localSlopes) && points == f.points && seedsUsed == f.seedsUsed
        && Double.compare(confidence, f.confidence) == 0 && Double.compare(ciStdErr, f.ciStdErr) == 0
        && df == f.df && method.equals(f.method);
  }

  @Override
  public int hashCode() {
    int h = Double.hashCode(slope);
    h = 31 * h + Double.hashCode(intercept);
    h = 31 * h + Double.hashCode(ciLow);
    h = 31 * h + Double.hashCode(ciHigh);
    h = 31 * h + Arrays.hashCode(mean);
    return 31 * h + points;
  }

  @Override
  public String toString() {
    return String.format("PowerLawFit[slope=%.6g, ci=[%.6g, %.6g] (%.0f%%), stdErr=%.3g, r2=%.5f, points=%d, seeds=%d]",
        slope, ciLow, ciHigh, 100 * confidence, stdErr, r2, points, seedsUsed);
  }
}
