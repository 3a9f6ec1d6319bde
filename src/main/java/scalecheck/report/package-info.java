/**
 * Report of a verification: {@code report.json} (versioned, every check's verdict with fitted and
 * predicted exponents, intervals and reasons, and the provenance), {@code runs.csv} (one row per run),
 * {@code summary.md}, a self-contained {@code index.html}, {@code junit.xml} for CI test reports
 * ({@link scalecheck.report.JUnitXml}), {@code summary.tex}, a booktabs table for papers
 * ({@link scalecheck.report.SummaryTex}), and every figure as PNG and SVG under {@code plots/}, drawn
 * with JFreeChart. Each output is written by its own class; a new format is one more class and one line
 * in {@link scalecheck.report.ReportWriter}.
 *
 * <p>The figures follow the sources the laws come from: the collapse of kernel change and test error in
 * kappa = alpha sqrt(n) and the (n, alpha) phase diagram with alpha* ~ 1/sqrt(n) of Geiger, Spigler,
 * Jacot and Wyart, "Disentangling feature and lazy training in deep neural networks" (J. Stat. Mech.
 * 2020, arXiv:1906.08034); the 2D teacher-student picture of Chizat, Oyallon and Bach, "On lazy training
 * in differentiable programming" (NeurIPS 2019); the per-layer coordinate check in the style of muP
 * (Yang et al., "Tensor Programs V", 2022).
 *
 * <p>{@link scalecheck.report.ReportWriter} writes a folder atomically (build in a temporary sibling,
 * then rename into place); {@link scalecheck.report.ReportReader} reads a stored folder back.
 */
package scalecheck.report;
