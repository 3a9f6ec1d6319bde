package scalecheck.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import scalecheck.theory.Rational;

/**
 * The verdict of one check, with everything a report needs to show why.
 *
 * @param id check id
 * @param law {@code theory/law} whose exponent is tested
 * @param vary the symbol whose exponent is fitted (n, alpha, m, ...)
 * @param measure engine probe (or derived measurement) name
 * @param norm the norm the measured quantity uses, in words
 * @param predicted exact exponent from the theory module, e.g. -1/2 (null if none; "-1/2" in JSON)
 * @param fitted the judged exponent: the extrapolated p of the corrected fit where it is judged, else
 *     the OLS slope of log(mean) against log(vary)
 * @param ciLow lower end of the confidence interval of the slope (seed jackknife, t on seeds - 1 df)
 * @param ciHigh upper end
 * @param stdErr OLS standard error of the slope
 * @param r2 coefficient of determination of the log-log fit
 * @param tolerance allowed |fitted - predicted|
 * @param expect exponent | below | above
 * @param points the fitted points (seed means and per-seed values)
 * @param localSlopes slopes between neighbouring points
 * @param runs number of runs used; {@code excluded} runs left out (diverged, limit) and why in reason
 * @param competing other predictions judged on the same data (contested laws), else empty
 * @param negativeControl true when the check asserts a wrong law on purpose and must FAIL
 * @param fixed the settings held fixed (for captions), e.g. alpha = 1, depth = 3
 * @param extrapolation raw and finite-width-extrapolated exponents (null for results without a fit)
 * @param assumptions broken assumptions of the law ("relu is not smooth"), empty when the check's
 *     settings are inside the law's assumptions
 * @param stages what a staged sweep did (stages run, planned, why it stopped); null for a fixed sweep
 */
public record CheckResult(
    String id,
    String law,
    String vary,
    String measure,
    String norm,
    Rational predicted,
    Double fitted,
    Double ciLow,
    Double ciHigh,
    Double stdErr,
    Double r2,
    double tolerance,
    String expect,
    Verdict verdict,
    String reason,
    List<FitPoint> points,
    List<Double> localSlopes,
    int runs,
    int excluded,
    List<Competitor> competing,
    boolean negativeControl,
    Map<String, Object> fixed,
    Extrapolation extrapolation,
    List<String> assumptions,
    @JsonInclude(JsonInclude.Include.NON_NULL) StagedSweep.StageLog stages) {

  /** The record without the finite-width, assumption and stage fields (filled in later). */
  public CheckResult(String id, String law, String vary, String measure, String norm, Rational predicted, Double fitted,
      Double ciLow, Double ciHigh, Double stdErr, Double r2, double tolerance, String expect, Verdict verdict,
      String reason, List<FitPoint> points, List<Double> localSlopes, int runs, int excluded,
      List<Competitor> competing, boolean negativeControl, Map<String, Object> fixed) {
    this(id, law, vary, measure, norm, predicted, fitted, ciLow, ciHigh, stdErr, r2, tolerance, expect, verdict, reason,
        points, localSlopes, runs, excluded, competing, negativeControl, fixed, null, List.of(), null);
  }

  /** A copy with another reason and the log of the staged sweep behind it. */
  public CheckResult withStages(String newReason, StagedSweep.StageLog log) {
    return new CheckResult(id, law, vary, measure, norm, predicted, fitted, ciLow, ciHigh, stdErr, r2, tolerance, expect,
        verdict, newReason, points, localSlopes, runs, excluded, competing, negativeControl, fixed, extrapolation,
        assumptions, log);
  }

  /**
   * The plain (raw) and corrected (extrapolated) fits of y = C x^p (1 + b x^-omega).
   *
   * @param raw plain log-log slope; {@code rawLow}, {@code rawHigh} its interval
   * @param extrapolated asymptotic p of the corrected fit (null without one); with its interval
   * @param b correction amplitude; {@code omega} its exponent
   * @param correction as asked ("1/2", "fit", "none")
   * @param judged "corrected" or "plain"
   * @param fTestP p-value of the nested F test of the correction (null if none)
   * @param method how the interval was made (seed jackknife or residual t)
   * @param choice one sentence on the choice
   */
  public record Extrapolation(double raw, Double rawLow, Double rawHigh, Double extrapolated, Double extrapolatedLow,
      Double extrapolatedHigh, Double b, Double omega, String correction, String judged, Double fTestP, String method,
      String choice) {}

  /** A copy with the finite-width fits. */
  public CheckResult withExtrapolation(Extrapolation e) {
    return new CheckResult(id, law, vary, measure, norm, predicted, fitted, ciLow, ciHigh, stdErr, r2, tolerance, expect,
        verdict, reason, points, localSlopes, runs, excluded, competing, negativeControl, fixed, e, assumptions, stages);
  }

  /** A copy with a verdict, reason and assumption notes. */
  public CheckResult withAssumptions(Verdict v, String why, List<String> broken) {
    return new CheckResult(id, law, vary, measure, norm, predicted, fitted, ciLow, ciHigh, stdErr, r2, tolerance, expect,
        v, why, points, localSlopes, runs, excluded, competing, negativeControl, fixed, extrapolation, List.copyOf(broken),
        stages);
  }
}
