/**
 * Checks: a check file names a law of a theory file, a sweep of settings and a measured quantity;
 * scalecheck runs the sweep, fits the exponent of the seed-averaged quantity on log-log axes with a
 * bootstrap interval over seeds, and says PASS, FAIL or INCONCLUSIVE with the reason.
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
 * ({@link scalecheck.check.EngineMeasurements}) or a CSV / JSON Lines file another program wrote
 * ({@link scalecheck.check.FileMeasurements}, read by {@link scalecheck.check.MeasurementFile} when the
 * check file names it with {@code measurements:}). A new source is one more implementation, chosen in
 * {@code Verifier.run}; nothing after it (fit, verdict, report) changes.
 *
 * <p>The laws and the measurement settings follow Geiger, Spigler, Jacot and Wyart (2019),
 * arXiv:1906.08034; Chizat, Oyallon and Bach (2019), "On lazy training in differentiable
 * programming"; Li, Luo and Zhou (2024), arXiv:2404.04859, with Luo, Xu, Ma and Zhang (2021),
 * JMLR 22(71). Dyer and Gur-Ari (2020) is the competing kernel-change law.
 */
package scalecheck.check;
