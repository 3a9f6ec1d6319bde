package scalecheck.report;

/**
 * A section of the report (a heading in {@code index.html}, the {@code section} of each plot in
 * {@code report.json}); every kind of figure names the one its figures go to.
 *
 * @param title the heading
 * @param grid whether the page lays its figures out in a grid (small figures)
 * @param intro HTML printed under the heading, or null
 * @param empty HTML printed when none of its figures is drawn; null leaves the section out then
 * @param slider figures shown one at a time with a slider over their {@link Figure#slide()} labels, or null
 */
record Section(String title, boolean grid, String intro, String empty, Slider slider) {

  /** The per-check figures: log-log fits and local slopes. */
  static final Section CHECKS = new Section("Checks", true, null, null, null);
  /** The collapse figures. */
  static final Section COLLAPSE = plain("Collapse in kappa = alpha sqrt(n)");
  /** The (n, alpha) phase diagram. */
  static final Section PHASE = plain("Phase diagram");
  /** t1 against kappa and the learning curves. */
  static final Section TIME = plain("Characteristic time");
  /** The per-layer coordinate check. */
  static final Section COORD = plain("Coordinate check");

  /** A section of figures one below the other, left out when none is drawn. */
  static Section plain(String title) {
    return new Section(title, false, null, null, null);
  }

  /**
   * A slider over a section's figures.
   *
   * @param left HTML before the slider (its label)
   * @param right HTML after it
   * @param start the slide shown first: the last whose label starts with this text (else the first)
   */
  record Slider(String left, String right, String start) {}
}
