/**
 * Report of a verification: {@code report.json} (versioned, every check's verdict with fitted and
 * predicted exponents, intervals and reasons, and the provenance), {@code runs.csv} (one row per run),
 * {@code summary.md}, a self-contained {@code index.html}, {@code junit.xml} for CI test reports,
 * {@code summary.tex}, a booktabs table for papers, and every figure as PNG and SVG under {@code plots/},
 * drawn with JFreeChart.
 *
 * <p><b>One type per output.</b> Each file is one {@link scalecheck.report.ReportPart.Output} (
 * {@link scalecheck.report.ReportJson}, {@link scalecheck.report.RunsCsv},
 * {@link scalecheck.report.SummaryMd}, {@link scalecheck.report.Html}, {@link scalecheck.report.JUnitXml},
 * {@link scalecheck.report.SummaryTex}) and each kind of figure one
 * {@link scalecheck.report.ReportPart.Figures} (the per-check fit, local slopes and collapse figures; the
 * collapse in kappa, the phase diagram, t1 against kappa, the learning curves, the coordinate check and
 * the 2D teacher-student module). {@link scalecheck.report.ReportWriter#PARTS} lists them all, once; the
 * writer draws the figures, then writes the files from a {@link scalecheck.report.ReportPart.Report}
 * ({@link scalecheck.report.ReportData}, the sections, the rendered figures, the figures not drawn).
 *
 * <p><b>A new report format</b> is one class and one line in {@code PARTS} (before {@code new ReportJson()},
 * which is written last):
 *
 * <pre>{@code
 * final class VerdictsTsv extends ReportPart.Output {
 *   VerdictsTsv() {
 *     super("verdicts.tsv");
 *   }
 *
 *   @Override
 *   String render(ReportPart.Report report) {
 *     StringBuilder b = new StringBuilder("check\tverdict\n");
 *     for (CheckResult c : report.data().checks()) b.append(c.id()).append('\t').append(c.verdict()).append('\n');
 *     return b.toString();
 *   }
 * }
 * }</pre>
 *
 * <p><b>A new figure</b> is one class and one line in {@code PARTS} among the figures (their order is
 * the order in the report). It draws from the results, never from typed exponents: a predicted slope is
 * {@link scalecheck.report.Exponents#predicted} of the result it illustrates, a slope against kappa is
 * {@link scalecheck.report.Kappa#slope}; a missing input is a sentence, not an exception:
 *
 * <pre>{@code
 * final class SpreadFigure extends ReportPart.Figures {
 *   SpreadFigure() {
 *     super("spread plot", Section.plain("Spread over seeds"));
 *   }
 *
 *   @Override
 *   void drawCheck(CheckResult c, String file, String label, Drawn out) {
 *     if (!"spread".equals(c.measure())) return;
 *     Rational p = Exponents.predicted(c);
 *     if (p == null) {
 *       out.skip("spread plot of check " + label + ": the law gives no exponent");
 *       return;
 *     }
 *     XYPlot plot = Charts.plot(Charts.logAxis(c.vary()), Charts.logAxis("spread"));
 *     // ... seed means from c.points(), Charts.powerLine(..., p.doubleValue(), ...) through their centre
 *     out.add(new Figure(section(), file + "-spread", label + ": spread", "Spread of ... (caption)",
 *         List.of(Charts.chart(label, null, plot, true)), Figure.WIDTH, Figure.HEIGHT, null));
 *   }
 * }
 * }</pre>
 *
 * <p>The figures follow the sources the laws come from: the collapse of kernel change and test error in
 * kappa = alpha n^x (x derived for the collapse check, 1/2 for kappa = alpha sqrt(n)) and the (n, alpha)
 * phase diagram with alpha* of Geiger, Spigler, Jacot and Wyart, "Disentangling feature and lazy training
 * in deep neural networks" (J. Stat. Mech. 2020, arXiv:1906.08034); the 2D teacher-student picture of
 * Chizat, Oyallon and Bach, "On lazy training in differentiable programming" (NeurIPS 2019); the
 * per-layer coordinate check in the style of muP (Yang et al., "Tensor Programs V", 2022).
 *
 * <p>{@link scalecheck.report.ReportWriter} writes a folder atomically (build in a temporary sibling,
 * then rename into place); {@link scalecheck.report.ReportReader} reads a stored folder back.
 */
package scalecheck.report;
