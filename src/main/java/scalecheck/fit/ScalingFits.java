package scalecheck.fit;

import org.apache.commons.math3.distribution.FDistribution;

/**
 * The plain and the corrected fit of one series, and the rule that picks the one to judge.
 *
 * <p>{@link Selection#ALWAYS}: the corrected fit is judged wherever the design affords it (at least
 * parameters + 1 points and a converged fit); {@link Selection#F_TEST}: only when the nested F test
 * rejects b = 0 at the 5% level. The F statistic is (RSS_plain - RSS_corrected) / (q s^2), q the number
 * of extra parameters, with s^2 the mean variance of the log seed means estimated from the seed
 * scatter (delta method) on sum (seeds_i - 1) degrees of freedom; with one value per point it is
 * s^2 = RSS_corrected / (points - parameters). Pre-test selection is known to spoil the coverage of
 * the interval that follows it (Leeb and Poetscher 2005): the calibration study (`scalecheck
 * calibrate`) measures both rules, and the default is {@link Selection#ALWAYS}.
 *
 * <p>Lack of fit: with seed-level variance, F = (RSS_corrected / (points - parameters)) / s^2 on
 * (points - parameters, sum (seeds_i - 1)) degrees of freedom; p below {@link
 * ScalingFit#LACK_OF_FIT_LEVEL} means the widths are not described by one leading correction (for
 * example a correction with another omega, or a crossover inside the sweep), and the judge says
 * INCONCLUSIVE rather than trust an extrapolation.
 */
public final class ScalingFits {
  private ScalingFits() {}

  /** Mean squares of log values at or below this are rounding, not data (log residuals near 1e-9). */
  private static final double ROUNDING = 1e-18;

  /** How the judged fit is chosen. */
  public enum Selection { ALWAYS, F_TEST }

  /**
   * @param correction the correction term (NONE: the plain fit only)
   * @throws IllegalArgumentException for bad input as {@link PowerLaws#fit}
   */
  public static ScalingFit fit(double[] x, double[][] perSeed, double confidence, Correction correction,
      Selection rule) {
    PowerLaws.checkConfidence(confidence);
    SeedTable t = SeedTable.of(x, perSeed, 2);
    PowerLawFit plain = PowerLaws.fit(t, confidence);
    if (correction.kind() == Correction.Kind.NONE) {
      return new ScalingFit(plain, null, correction, rule, false, Double.NaN, Double.NaN, "", Double.NaN);
    }
    int need = FiniteSize.minPoints(correction);
    if (t.points() < need) {
      return new ScalingFit(plain, null, correction, rule, false, Double.NaN, Double.NaN, "the correction needs at least "
          + need + " points, got " + t.points(), Double.NaN);
    }
    CorrectedFit c = FiniteSize.fit(t, correction, confidence);
    if (c == null) {
      return new ScalingFit(plain, null, correction, rule, false, Double.NaN, Double.NaN,
          "the corrected fit did not converge", Double.NaN);
    }
    double rssPlain = 0;
    for (double r : plain.residuals()) rssPlain += r * r;
    int extra = correction.parameters() - 2;
    double s2;
    int dfDen;
    double[] v = t.logMeanVariances();
    boolean seedVar = t.minSeeds >= 2;
    if (seedVar) {
      double m = 0;
      for (double q : v) m += q / v.length;
      s2 = m;
      dfDen = t.pooledDf();
    } else {
      dfDen = t.points() - correction.parameters();
      s2 = c.rss() / dfDen;
    }
    double f = Math.max(0, rssPlain - c.rss()) / extra / s2;
    double pValue = s2 > 0 && dfDen > 0 ? 1 - new FDistribution(null, extra, dfDen).cumulativeProbability(f) : Double.NaN;
    boolean judged = rule == Selection.ALWAYS || (Double.isFinite(pValue) && pValue < 0.05);
    double lof = Double.NaN;
    int dfLof = t.points() - correction.parameters();
    if (seedVar && dfLof > 0) {
      double ms = c.rss() / dfLof;
      // residuals at rounding level (exact data) fit; otherwise compare with the seed scatter
      if (ms <= ROUNDING) {
        lof = 1;
      } else if (s2 <= ROUNDING) {
        lof = 0;
      } else {
        lof = 1 - new FDistribution(null, dfLof, Math.max(1, dfDen)).cumulativeProbability(ms / s2);
      }
    }
    return new ScalingFit(plain, c, correction, rule, judged, f, pValue, "", lof);
  }
}
