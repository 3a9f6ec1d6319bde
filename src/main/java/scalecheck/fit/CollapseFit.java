package scalecheck.fit;

/**
 * The result of {@link Collapse#fit}: the exponent x of the scaling variable a n^x that minimises the
 * Houdayer-Hartmann quality S(x) (Phys. Rev. B 70, 014418, 2004), and its bootstrap interval.
 *
 * @param x the best exponent (NaN when no x in the searched range makes the curves overlap)
 * @param ciLow lower end of the percentile bootstrap interval over seeds (NaN without one)
 * @param ciHigh upper end
 * @param quality S(x) at the best x (about 1: a collapse within the errors)
 * @param qualityUnscaled S(0): the curves against a alone, before rescaling
 * @param atEdge true when the best x lies within one grid step of the searched range's ends
 * @param resamples bootstrap resamples that gave an x
 * @param confidence the interval's level
 */
public record CollapseFit(double x, double ciLow, double ciHigh, double quality, double qualityUnscaled,
    boolean atEdge, int resamples, double confidence) {}
