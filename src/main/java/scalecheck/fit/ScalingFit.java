package scalecheck.fit;

import java.util.Locale;

/**
 * Plain and finite-size-corrected fits of one series, and which of them is judged.
 *
 * @param plain the plain power law (raw exponent), always present
 * @param corrected the corrected law (extrapolated exponent), null when not asked for, too few points,
 *     or the optimiser failed
 * @param correction the correction asked for
 * @param rule how the judged fit was chosen
 * @param judgedCorrected true when the corrected fit is the one judged
 * @param fStat nested F statistic of the correction against the seed-level variance (NaN if none)
 * @param fPValue its p-value
 * @param missingCorrection non-empty when a correction was asked for but could not be fitted: why
 * @param lackOfFitP p-value of the lack-of-fit test of the corrected law against the seed-level
 *     variance (NaN when there is no corrected fit or no seed variance)
 */
public record ScalingFit(PowerLawFit plain, CorrectedFit corrected, Correction correction, ScalingFits.Selection rule,
    boolean judgedCorrected, double fStat, double fPValue, String missingCorrection, double lackOfFitP) {

  /** Below this p-value the corrected law is taken not to describe the widths. */
  public static final double LACK_OF_FIT_LEVEL = 0.01;

  /** True when the judged corrected law fails its lack-of-fit test. */
  public boolean misfit() {
    return judgedCorrected && lackOfFitP < LACK_OF_FIT_LEVEL;
  }

  /** The judged exponent: the corrected p or the plain slope. */
  public double slope() {
    return judgedCorrected ? corrected.p() : plain.slope();
  }

  public double ciLow() {
    return judgedCorrected ? corrected.ciLow() : plain.ciLow();
  }

  public double ciHigh() {
    return judgedCorrected ? corrected.ciHigh() : plain.ciHigh();
  }

  /** Standard error behind the judged interval. */
  public double stdErr() {
    return judgedCorrected ? corrected.stdErr() : plain.ciStdErr();
  }

  /** The exponent extrapolated to x -&gt; infinity (NaN without a corrected fit). */
  public double extrapolated() {
    return corrected == null ? Double.NaN : corrected.p();
  }

  /** One sentence: which fit is judged and why, with the F test. */
  public String choiceText() {
    if (correction.kind() == Correction.Kind.NONE) return "plain power law (no finite-width correction asked)";
    if (corrected == null) return "plain power law judged: " + missingCorrection;
    String model = String.format(Locale.ROOT, "C x^p (1 + b x^-%s), b = %.3g", fmt(corrected.omega()), corrected.b())
        + (corrected.omegaFitted() ? " (omega fitted)" : "");
    String f = Double.isFinite(fPValue)
        ? String.format(Locale.ROOT, "; nested F test of the correction: F = %.3g, p = %.3g", fStat, fPValue) : "";
    if (judgedCorrected) {
      return "corrected fit " + model + " judged: raw slope " + fmt(plain.slope()) + ", extrapolated " + fmt(corrected.p())
          + (rule == ScalingFits.Selection.ALWAYS ? " (the corrected fit is judged wherever the widths afford it)" : "")
          + f;
    }
    return "plain power law judged: the correction " + model + " is not significant" + f;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
