/**
 * Checks: a check file names a law of a theory file, a sweep of settings and a measured quantity;
 * scalecheck runs the sweep, fits the exponent of the seed-averaged quantity on log-log axes with a
 * delete-one-seed jackknife interval ({@code scalecheck.fit}), and says PASS, FAIL or INCONCLUSIVE
 * with the reason.
 *
 * <p>Flow: {@link scalecheck.check.CheckParser} (validation with file:line) -&gt;
 * {@link scalecheck.check.Planner} (runs, keyed by {@link scalecheck.check.RunKey}) -&gt;
 * {@link scalecheck.check.Runner} (in-process, resumable through {@link scalecheck.check.ResultStore})
 * -&gt; {@link scalecheck.check.Evaluator} (fits) -&gt; {@link scalecheck.check.Judge} (verdicts);
 * {@link scalecheck.check.Verifier} ties them together. {@link scalecheck.check.OutputLock} keeps a
 * second process out of an output folder while one writes it. A check with a {@code budget:} is a staged
 * sweep ({@link scalecheck.check.StagedSweep}): it grows from its own sweep in planned stages until
 * the verdict is decisive or the budget is spent, each look judged at a Bonferroni-split level.
 *
 * <p>Measurement source: the evaluator reads each series (values of the varied symbol, per-seed
 * values, exclusions) from a {@link scalecheck.check.MeasurementSource}: the engine's runs
 * ({@link scalecheck.check.EngineMeasurements}), the crossovers alpha* found by bisection over batches
 * of runs ({@link scalecheck.check.BisectionMeasurements}), or a CSV / JSON Lines file another program
 * wrote ({@link scalecheck.check.FileMeasurements}, read by {@link scalecheck.check.MeasurementFile}
 * when the check file names it with {@code measurements:}). Fitting is {@code scalecheck.fit}'s alone;
 * this package only chooses what to fit and judges the result.
 *
 * <p>Worked example, a new measurement source: the one place it goes. Say the values live in an
 * experiment tracker. The source is one class beside the others, and nothing after it changes:
 * <pre>{@code
 * public final class TrackerMeasurements implements MeasurementSource {
 *   private final Tracker tracker; // the client of the tracker, whatever it is
 *
 *   public TrackerMeasurements(Tracker tracker) {
 *     this.tracker = tracker;
 *   }
 *
 *   public List<MeasuredSeries> series(CheckSpec c) { // the interface's one method
 *     double[] x = tracker.values(c.id(), c.vary());              // the varied symbol, e.g. widths
 *     double[][] perSeed = new double[x.length][c.seeds()];       // NaN = excluded or missing run
 *     Map<String, Integer> why = new TreeMap<>();                 // cause -> number of runs excluded
 *     int excluded = 0;
 *     for (int i = 0; i < x.length; i++) {
 *       for (int s = 0; s < c.seeds(); s++) {
 *         perSeed[i][s] = tracker.value(c.id(), c.measure(), x[i], s);
 *         if (Double.isNaN(perSeed[i][s])) {
 *           excluded++;
 *           why.merge("not logged", 1, Integer::sum);
 *         }
 *       }
 *     }
 *     int runs = x.length * c.seeds();
 *     return List.of(new MeasuredSeries(
 *         new Evaluator.SeriesData(Map.of(), x, perSeed, runs, excluded, why), null));
 *   }
 * }
 * }</pre>
 * and {@code Verifier.run} picks it for the checks that ask for it, with one more branch in the one
 * chain of {@code if}s that picks every source:
 * <pre>{@code
 * if (c.tracker() != null) {
 *   results.addAll(Evaluator.evaluate(c, laws, new TrackerMeasurements(c.tracker()), opt.seed()));
 * }
 * }</pre>
 * The series the source returns are fitted ({@link scalecheck.fit.ScalingFits}, seed jackknife),
 * judged ({@link scalecheck.check.Judge}) and reported exactly like the engine's: the verdict, the
 * exponents, report.json and the plots do not know where the numbers came from. What the source must
 * keep: one series per combination of the swept symbols other than the varied one (here none, so one
 * series with an empty map), seed index s meaning the same seed at every point (the jackknife leaves
 * seed s out everywhere), and every value finite and &gt; 0 or NaN with its cause counted in
 * {@code why}. A check file field that names the source ({@code tracker:} here) is read in
 * {@link scalecheck.check.CheckParser} like {@code measurements:}.
 *
 * <p>The laws and the measurement settings follow Geiger, Spigler, Jacot and Wyart (2019),
 * arXiv:1906.08034; Chizat, Oyallon and Bach (2019), "On lazy training in differentiable
 * programming"; Li, Luo and Zhou (2024), arXiv:2404.04859, with Luo, Xu, Ma and Zhang (2021),
 * JMLR 22(71). Dyer and Gur-Ari (2020) is the competing kernel-change law.
 */
package scalecheck.check;
