package scalecheck.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict rules. With predicted exponent p, tolerance tol, fitted slope s and its interval
 * [lo, hi] (bootstrap over seeds), for {@code expect: exponent}:
 * <ul>
 *   <li>INCONCLUSIVE first when the data cannot decide: more than {@code maxExcluded} of the runs
 *       excluded (diverged, hit a limit, no value), fewer than {@code minPoints} usable points, or
 *       no interval;</li>
 *   <li>FAIL when the interval lies outside the band [p - tol, p + tol], unless the local slopes
 *       drift monotonically and the widest pair already lies in the band (finite width:
 *       INCONCLUSIVE);</li>
 *   <li>PASS when |s - p| &lt;= tol and the interval meets the band, unless the interval is wider
 *       than twice the band, the local slopes drift by more than tol, or a trend (|p| &gt; tol) is
 *       fitted with R^2 below {@code minR2} (each INCONCLUSIVE);</li>
 *   <li>INCONCLUSIVE otherwise (fitted slope outside the band but the interval reaches it).</li>
 * </ul>
 * {@code expect: above} (the slope is at least p): PASS when lo &gt;= p - tol, FAIL when
 * hi &lt; p - tol; {@code below} mirrors it. The reason always says fitted vs predicted, the
 * interval, the band, and what was excluded.
 */
public final class Judge {
  private Judge() {}

  /**
   * What a fit says, independent of how it was made.
   *
   * @param localSlopes slopes between neighbouring points, in increasing order of x
   */
  public record FitSummary(double slope, double ciLow, double ciHigh, double stdErr, double r2,
      double[] localSlopes, int points, double confidence) {}

  /** A verdict with its reason. */
  public record Judgement(Verdict verdict, String reason) {}

  /**
   * @param fit the fit, or null when there were too few points to fit at all
   * @param runs runs behind the check; {@code excluded} of them left out, {@code exclusions} says why
   */
  public static Judgement judge(FitSummary fit, double predicted, String predictedText, double tol, String expect,
      CheckSpec.FitOptions opts, int runs, int excluded, String exclusions) {
    List<String> notes = new ArrayList<>();
    if (excluded > 0) notes.add(excluded + " of " + runs + " runs excluded (" + exclusions + ")");
    else if (exclusions != null && !exclusions.isEmpty()) notes.add(exclusions);
    String tail = notes.isEmpty() ? "" : "; " + String.join("; ", notes);
    if (runs > 0 && excluded > opts.maxExcluded() * runs) {
      return new Judgement(Verdict.INCONCLUSIVE, String.format(Locale.ROOT,
          "too many runs excluded: %d of %d (more than %.0f%%) (%s)%s", excluded, runs,
          100 * opts.maxExcluded(), exclusions, fitText(fit, predictedText, tol)));
    }
    if (fit == null || fit.points() < opts.minPoints()) {
      return new Judgement(Verdict.INCONCLUSIVE, String.format(Locale.ROOT,
          "too few points to fit: %d usable, at least %d needed%s%s", fit == null ? 0 : fit.points(),
          opts.minPoints(), fitText(fit, predictedText, tol), tail));
    }
    if (!Double.isFinite(fit.slope()) || !Double.isFinite(fit.ciLow()) || !Double.isFinite(fit.ciHigh())) {
      return new Judgement(Verdict.INCONCLUSIVE, "no confidence interval could be made (too few seeds or points)"
          + fitText(fit, predictedText, tol) + tail);
    }
    String desc = describe(fit, predictedText, tol);
    String slopes = localSlopesText(fit.localSlopes());
    double lowBand = predicted - tol;
    double highBand = predicted + tol;
    boolean drift = drifts(fit.localSlopes(), tol);
    double last = fit.localSlopes().length == 0 ? fit.slope() : fit.localSlopes()[fit.localSlopes().length - 1];

    if (expect.equals("above") || expect.equals("below")) {
      boolean above = expect.equals("above");
      String claim = (above ? "slope >= " : "slope <= ") + predictedText + (above ? " - " : " + ") + fmt(tol);
      boolean pass = above ? fit.ciLow() >= lowBand : fit.ciHigh() <= highBand;
      boolean fail = above ? fit.ciHigh() < lowBand : fit.ciLow() > highBand;
      if (fail) return new Judgement(Verdict.FAIL, desc + ": the whole interval violates " + claim + slopes + tail);
      if (pass) return new Judgement(Verdict.PASS, desc + ": the whole interval satisfies " + claim + slopes + tail);
      return new Judgement(Verdict.INCONCLUSIVE, desc + ": the interval straddles the bound of " + claim + slopes + tail);
    }

    boolean outside = fit.ciHigh() < lowBand || fit.ciLow() > highBand;
    if (outside) {
      if (drift && last >= lowBand && last <= highBand) {
        return new Judgement(Verdict.INCONCLUSIVE, desc + ": the interval excludes the band, but the local slopes"
            + " drift into it at the widest points (finite width)" + slopes + tail);
      }
      return new Judgement(Verdict.FAIL, desc + ": the interval lies outside the tolerance band" + slopes + tail);
    }
    boolean within = Math.abs(fit.slope() - predicted) <= tol;
    if (within) {
      if ((fit.ciHigh() - fit.ciLow()) / 2 > 2 * tol) {
        return new Judgement(Verdict.INCONCLUSIVE, desc + ": the interval is too wide to decide (half-width "
            + fmt((fit.ciHigh() - fit.ciLow()) / 2) + " > 2 x tolerance); more seeds or a wider sweep" + slopes + tail);
      }
      if (drift) {
        return new Judgement(Verdict.INCONCLUSIVE, desc + ": within tolerance, but the local slopes still drift by "
            + fmt(Math.abs(last - fit.localSlopes()[0])) + " (> tolerance): not yet asymptotic" + slopes + tail);
      }
      if (Math.abs(predicted) > tol && fit.r2() < opts.minR2()) {
        return new Judgement(Verdict.INCONCLUSIVE, desc + ": poor fit, R^2 " + fmt(fit.r2()) + " < "
            + fmt(opts.minR2()) + slopes + tail);
      }
      return new Judgement(Verdict.PASS, desc + ": within tolerance and the interval meets the band" + slopes + tail);
    }
    return new Judgement(Verdict.INCONCLUSIVE, desc + ": the fitted slope is outside the band but the interval"
        + " reaches it: cannot decide" + slopes + tail);
  }

  /** Monotone local slopes (at least three) whose range exceeds the tolerance. */
  static boolean drifts(double[] local, double tol) {
    if (local.length < 3) return false;
    boolean up = true;
    boolean down = true;
    for (int i = 1; i < local.length; i++) {
      if (local[i] < local[i - 1]) up = false;
      if (local[i] > local[i - 1]) down = false;
    }
    return (up || down) && Math.abs(local[local.length - 1] - local[0]) > tol;
  }

  private static String describe(FitSummary f, String predictedText, double tol) {
    return String.format(Locale.ROOT, "fitted %s (%.0f%% CI [%s, %s], R^2 %s) vs predicted %s +- %s",
        fmt(f.slope()), 100 * f.confidence(), fmt(f.ciLow()), fmt(f.ciHigh()), fmt(f.r2()), predictedText, fmt(tol));
  }

  private static String fitText(FitSummary f, String predictedText, double tol) {
    if (f == null || !Double.isFinite(f.slope())) return "";
    return "; " + describe(f, predictedText, tol);
  }

  private static String localSlopesText(double[] local) {
    if (local.length < 2) return "";
    StringBuilder sb = new StringBuilder("; local slopes");
    for (double d : local) sb.append(' ').append(fmt(d));
    return sb.toString();
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) return "NaN";
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
