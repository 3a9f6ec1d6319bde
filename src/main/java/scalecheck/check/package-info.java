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
 * second process out of an output folder while one writes it.
 *
 * <p>The laws and the measurement settings follow Geiger, Spigler, Jacot and Wyart (2019),
 * arXiv:1906.08034; Chizat, Oyallon and Bach (2019), "On lazy training in differentiable
 * programming"; Li, Luo and Zhou (2024), arXiv:2404.04859, with Luo, Xu, Ma and Zhang (2021),
 * JMLR 22(71). Dyer and Gur-Ari (2020) is the competing kernel-change law.
 */
package scalecheck.check;
