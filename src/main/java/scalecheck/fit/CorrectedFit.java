package scalecheck.fit;

/**
 * The finite-size-corrected power law y = C x^p (1 + b x^(-omega)), fitted to the log seed means as
 * log y = a + p log x + b x^(-omega) (the same to leading order) by {@link FiniteSize#fit}.
 *
 * <p>{@code p} is the asymptotic exponent (the slope as x -&gt; infinity); [{@code ciLow},
 * {@code ciHigh}] its {@code confidence} interval by {@code method} (seed jackknife on seeds - 1 df,
 * or residual t on points - parameters df) with standard error {@code stdErr}. {@code rss} is the
 * residual sum of squares of the log means; {@code omegaFitted} is true when omega was a free
 * parameter. The model's local slope at x is p - omega b x^(-omega) ({@link
 * #localSlope}), which tends to p as x^(-omega) -&gt; 0.
 */
public record CorrectedFit(double p, double logC, double b, double omega, boolean omegaFitted, double ciLow,
    double ciHigh, double stdErr, int df, String method, double rss, int points, double confidence) {

  /** d log y / d log x of the fitted model at x. */
  public double localSlope(double x) {
    return p - omega * b * Math.pow(x, -omega);
  }

  /** True when the interval is finite. */
  public boolean hasInterval() {
    return Double.isFinite(ciLow) && Double.isFinite(ciHigh);
  }
}
