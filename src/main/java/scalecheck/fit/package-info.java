/**
 * Power-law fits with calibrated confidence intervals, the finite-width-corrected fit, and the
 * crossing-point and bisection helpers used to turn curves into scalar measurements.
 *
 * <h2>The fit</h2>
 * A measured quantity Q(x) ~ C x^p is fitted by ordinary least squares of log(seed mean of Q) on
 * log(x) (seed averages are taken before logs, theory/README.md section 3): the raw exponent
 * ({@link scalecheck.fit.PowerLaws}). Beside it, {@link scalecheck.fit.FiniteSize} fits the leading
 * correction to scaling, y = C x^p (1 + b x^(-omega)) (Wegner 1972; finite-size scaling, Binder 1981),
 * omega = 1/2 by default for a width (the first correction of a 1/sqrt(n) expansion), fixed per check
 * or fitted, with Commons Math's Levenberg-Marquardt optimiser; its p is the exponent extrapolated to
 * x -&gt; infinity. {@link scalecheck.fit.ScalingFits} judges the corrected p wherever the design
 * affords it (at least parameters + 1 widths) and reports the nested F test beside it.
 *
 * <h2>The interval, and why this one</h2>
 * Seeds are the unit of replication: each seed is an independent initialisation whose runs at every
 * width form one replicate of the whole curve. The interval is the delete-one-seed jackknife
 * (Quenouille 1956, Biometrika 43:353; Tukey 1958, Ann. Math. Statist. 29:614; Efron and Tibshirani,
 * <i>An Introduction to the Bootstrap</i>, 1993, ch. 11) of the estimator, whichever it is (plain
 * slope, corrected p, the slope of a spread), with Student's t on seeds - 1 degrees of freedom
 * (Student 1908, Biometrika 6:1): p +- t_{S-1} se_jack ({@link scalecheck.fit.SeedJackknife}). For
 * an estimator that is an average of per-seed values, such as the mean of per-seed log-log slopes,
 * the jackknife standard error is exactly the standard error of that mean and the interval is
 * Student's t interval, exact for Gaussian log noise; the seed-mean estimators used here are smooth
 * functions of seed means, to which it is the first-order generalisation. The t quantile is what
 * holds the level at 3 seeds (4.30 at 95%, against 1.96): the percentile bootstrap over seeds that
 * this replaced resamples the few seeds as if they were the population, and measured 0.785 coverage
 * at 3 seeds and 0.870 at 8 for a nominal 0.90.
 *
 * <p>The corrected fit is fitted in the log as log y = a + p log x + b x^(-omega) (equal to
 * log(1 + b x^(-omega)) to leading order), linear in (a, p, b) when omega is fixed, so that the
 * jackknife sees a well-behaved estimator; fitting log(1 + b x^(-omega)) itself covered 62-84% at 4
 * widths in the same study. Selecting between plain and corrected by a pre-test (F test at 5%)
 * spoils coverage (Leeb and Poetscher 2005, Econometric Theory 21:21): measured 0.01-0.93 where the
 * correction matters, so the corrected fit is always judged where it can be made.
 *
 * <h2>Excluded runs</h2>
 * A NaN marks an excluded run (diverged, hit a limit). Seed means use the remaining seeds at each
 * width. The jackknife needs every width to keep a value whichever seed is left out, so every width
 * needs two valid seeds; otherwise (and with one measurement per width, as for alpha* found by
 * bisection of the seed-averaged curve) the interval is the residual t interval on points -
 * parameters degrees of freedom, which assumes the scatter about the curve is noise.
 *
 * <h2>Shown, not assumed</h2>
 * The coverage and error rates are measured by {@code scalecheck calibrate} (synthetic
 * y = n^p (1 + b n^(-omega)) exp(sigma Z) at 3 to 32 seeds, 4 to 8 widths, several sigma) and, in
 * reduced form, by the test {@code CalibrationTest}.
 *
 * <p>The threshold times t1 and the crossover alpha* of Geiger, Spigler, Jacot and Wyart,
 * "Disentangling feature and lazy training in deep neural networks" (J. Stat. Mech. 2020), are
 * obtained with {@link scalecheck.fit.Crossings}.
 */
package scalecheck.fit;
