package scalecheck.check;

import java.util.List;

/** One abscissa of a fit: the swept value, the seed-averaged measurement, and the per-seed values. */
public record FitPoint(double x, double mean, List<Double> perSeed) {}
