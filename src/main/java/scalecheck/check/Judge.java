package scalecheck.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The verdict rules. With predicted exponent p, tolerance tol (0.05 to 0.1 in the default suite),
 * judged exponent s and its interval [lo, hi], for {@code expect: exponent}:
 * <ul>
 *   <li>INCONCLUSIVE first when the data cannot decide: more than {@code maxExcluded} of the runs
 *       excluded (diverged, hit a limit, no value), fewer than {@code minPoints} usable points, a
 *       finite-width correction asked for that the design cannot afford (too few widths), a
 *       corrected law that fails its lack-of-fit test against the seed scatter (p &lt; 0.01), or no
 *       interval;</li>
 *   <li>PASS when the whole interval lies inside the band: p - tol &lt;= lo and hi &lt;= p + tol (an
 *       equivalence test, Schuirmann 1987: at a 95% interval each side errs at most 2.5%);</li>
 *   <li>FAIL when the whole interval lies outside the band: hi &lt; p - tol or lo &gt; p + tol;</li>
 *   <li>INCONCLUSIVE otherwise (the interval reaches across an edge of the band: too wide, or the
 *       exponent sits at the edge).</li>
 * </ul>
 * When the plain power law is judged (no correction), a PASS or FAIL is turned INCONCLUSIVE where
 * the local slopes drift monotonically by more than tol (the fit is not yet asymptotic), and a
 * trend (|p| &gt; tol) fitted with R^2 below {@code minR2} is INCONCLUSIVE. The corrected fit models
 * that drift and is judged as it is. {@code expect: above} (the slope is at least p): PASS when
 * lo &gt;= p - tol, FAIL when hi &lt; p - tol; {@code below} mirrors it. The reason always says
 * judged vs predicted, the interval, the band, and what was excluded.
 */
public final class Judge {
  private Judge() {}

  /**
   * What a fit says, independent of how it was made.
   *
   * @param slope the judged exponent (the corrected fit's asymptotic p when {@code corrected})
   * @param localSlopes slopes between neighbouring points, in increasing order of x
   * @param raw the plain log-log slope (equal to slope when not corrected)
   * @param corrected true when slope is the extrapolated exponent of a finite-width-corrected fit
   * @param basis one sentence on which fit is judged and why (may be empty)
   * @param missing non-empty when a correction was asked for but the design cannot afford it: why
   */
  public record FitSummary(double slope, double ciLow, double ciHigh, double stdErr, double r2,
      double[] localSlopes, int points, double confidence, double raw, boolean corrected, String basis,
      String missing, String misfit) {
    /** A plain fit with nothing more to say. */
    public static FitSummary plain(double slope, double ciLow, double ciHigh, double stdErr, double r2,
        double[] localSlopes, int points, double confidence) {
      return new FitSummary(slope, ciLow, ciHigh, stdErr, r2, localSlopes, points, confidence, slope, false, "", "", "");
    }
  }

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
    if (fit != null && fit.basis() != null && !fit.basis().isEmpty()) notes.add(fit.basis());
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
    if (fit.missing() != null && !fit.missing().isEmpty()) {
      return new Judgement(Verdict.INCONCLUSIVE, "the finite-width correction cannot be fitted (" + fit.missing()
          + "): add widths or set fit.correction: none" + fitText(fit, predictedText, tol) + tail);
    }
    if (fit.misfit() != null && !fit.misfit().isEmpty()) {
      return new Judgement(Verdict.INCONCLUSIVE, "the local slopes drift in a way one finite-width correction does not"
          + " fit (" + fit.misfit() + "): the extrapolation is not trusted" + fitText(fit, predictedText, tol)
          + localSlopesText(fit.localSlopes()) + tail);
    }
    if (!Double.isFinite(fit.slope()) || !Double.isFinite(fit.ciLow()) || !Double.isFinite(fit.ciHigh())) {
      return new Judgement(Verdict.INCONCLUSIVE, "no confidence interval could be made (too few seeds or points)"
          + fitText(fit, predictedText, tol) + tail);
    }
    String desc = describe(fit, predictedText, tol);
    String slopes = localSlopesText(fit.localSlopes());
    double lowBand = predicted - tol;
    double highBand = predicted + tol;
    boolean drift = !fit.corrected() && drifts(fit.localSlopes(), tol);
    double[] ls = fit.localSlopes();
    double last = ls.length == 0 ? fit.slope() : ls[ls.length - 1];

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
    boolean inside = fit.ciLow() >= lowBand && fit.ciHigh() <= highBand;
    if (inside) {
      if (drift) {
        return new Judgement(Verdict.INCONCLUSIVE, desc + ": inside the band, but the local slopes still drift by "
            + fmt(Math.abs(last - ls[0])) + " (> tolerance): not yet asymptotic" + slopes + tail);
      }
      if (!fit.corrected() && Math.abs(predicted) > tol && fit.r2() < opts.minR2()) {
        return new Judgement(Verdict.INCONCLUSIVE, desc + ": poor fit, R^2 " + fmt(fit.r2()) + " < "
            + fmt(opts.minR2()) + slopes + tail);
      }
      return new Judgement(Verdict.PASS, desc + ": the whole interval lies inside the tolerance band" + slopes + tail);
    }
    String why = (fit.ciHigh() - fit.ciLow()) / 2 > tol
        ? "the interval is wider than the band (half-width " + fmt((fit.ciHigh() - fit.ciLow()) / 2)
            + " > tolerance): more seeds or a wider sweep"
        : "the interval reaches across an edge of the band: cannot decide";
    return new Judgement(Verdict.INCONCLUSIVE, desc + ": " + why + slopes + tail);
  }

  /**
   * The simple exponents a/q (q = 1..4, in lowest terms) inside [lo, hi], as text ("-3/4, -1"), for
   * a theorist's lead when no candidate law fits; at most {@code max} of them, nearest the middle
   * first, empty when none or the interval is not finite.
   */
  public static String simpleExponentsInside(double lo, double hi, int max) {
    if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) return "";
    List<double[]> found = new ArrayList<>();
    for (int q = 1; q <= 4; q++) {
      for (long a = (long) Math.ceil(lo * q); a <= Math.floor(hi * q); a++) {
        if (gcd(Math.abs(a), q) != 1) continue;
        found.add(new double[] {a, q});
      }
    }
    double mid = (lo + hi) / 2;
    found.sort((u, v) -> Double.compare(Math.abs(u[0] / u[1] - mid), Math.abs(v[0] / v[1] - mid)));
    List<String> out = new ArrayList<>();
    for (int i = 0; i < found.size() && i < max; i++) {
      long a = (long) found.get(i)[0];
      int q = (int) found.get(i)[1];
      out.add(q == 1 ? Long.toString(a) : a + "/" + q);
    }
    return String.join(", ", out);
  }

  private static long gcd(long a, long b) {
    return b == 0 ? (a == 0 ? b : a) : gcd(b, a % b);
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
    String what = f.corrected()
        ? String.format(Locale.ROOT, "extrapolated %s (raw %s)", fmt(f.slope()), fmt(f.raw()))
        : "fitted " + fmt(f.slope());
    return String.format(Locale.ROOT, "%s (%.0f%% CI [%s, %s], R^2 %s) vs predicted %s +- %s",
        what, 100 * f.confidence(), fmt(f.ciLow()), fmt(f.ciHigh()), fmt(f.r2()), predictedText, fmt(tol));
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
