package scalecheck.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The verdict of one check, with everything a report needs to show why.
 *
 * @param id check id
 * @param law {@code theory/law} whose exponent is tested
 * @param vary the symbol whose exponent is fitted (n, alpha, m, ...)
 * @param measure engine probe (or derived measurement) name
 * @param norm the norm the measured quantity uses, in words
 * @param predicted exact rational exponent from the theory module, e.g. "-1/2" (null if none)
 * @param fitted OLS slope of log(mean) against log(vary)
 * @param ciLow lower end of the confidence interval of the slope (bootstrap over seeds)
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
 * @param stages what a staged sweep did (stages run, planned, why it stopped); null for a fixed sweep
 */
public record CheckResult(
    String id,
    String law,
    String vary,
    String measure,
    String norm,
    String predicted,
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
    @JsonInclude(JsonInclude.Include.NON_NULL) StagedSweep.StageLog stages) {

  /** The result of a fixed sweep (no stages). */
  public CheckResult(String id, String law, String vary, String measure, String norm, String predicted, Double fitted,
      Double ciLow, Double ciHigh, Double stdErr, Double r2, double tolerance, String expect, Verdict verdict,
      String reason, List<FitPoint> points, List<Double> localSlopes, int runs, int excluded,
      List<Competitor> competing, boolean negativeControl, Map<String, Object> fixed) {
    this(id, law, vary, measure, norm, predicted, fitted, ciLow, ciHigh, stdErr, r2, tolerance, expect, verdict, reason,
        points, localSlopes, runs, excluded, competing, negativeControl, fixed, null);
  }

  /** A copy with another reason and the log of the staged sweep behind it. */
  public CheckResult withStages(String newReason, StagedSweep.StageLog log) {
    return new CheckResult(id, law, vary, measure, norm, predicted, fitted, ciLow, ciHigh, stdErr, r2, tolerance, expect,
        verdict, newReason, points, localSlopes, runs, excluded, competing, negativeControl, fixed, log);
  }
}
