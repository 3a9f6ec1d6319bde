/**
 * Power-law fits with confidence intervals, and the crossing-point and bisection helpers used to
 * turn curves into scalar measurements.
 *
 * <p>A measured quantity Q(x) ~ C x^p is fitted by ordinary least squares of log(seed-mean of Q) on
 * log(x) (seed averages are taken before logs, theory/README.md section 3). The interval on p is a
 * percentile bootstrap over seeds (Efron and Tibshirani, <i>An Introduction to the Bootstrap</i>,
 * 1993, ch. 13); the OLS standard error is reported beside it. The threshold times t1 and the
 * crossover alpha* of Geiger, Spigler, Jacot and Wyart, "Disentangling feature and lazy training in
 * deep neural networks" (J. Stat. Mech. 2020), are obtained with {@link scalecheck.fit.Crossings}.
 */
package scalecheck.fit;
