package scalecheck.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import scalecheck.check.CheckSpec.SweepValue;
import scalecheck.check.Judge.FitSummary;
import scalecheck.check.Judge.Judgement;
import scalecheck.check.Planner.PlannedRun;
import scalecheck.fit.CorrectedFit;
import scalecheck.fit.Correction;
import scalecheck.fit.PowerLawFit;
import scalecheck.fit.PowerLaws;
import scalecheck.fit.ScalingFit;
import scalecheck.fit.ScalingFits;
import scalecheck.fit.SeedSpread;
import scalecheck.theory.Exponent;
import scalecheck.theory.Rational;

/**
 * From measurements to verdicts: per series (combination of the swept symbols other than the varied
 * one), take the measured value of every run from a {@link MeasurementSource} (the engine's runs, or
 * a file another program wrote; excluded runs are NaN), average over seeds, fit log(mean) against
 * log(x) by OLS and, where the widths afford it,
 * the finite-width-corrected law C x^p (1 + b x^-omega) ({@link ScalingFits}), with a delete-one-seed
 * jackknife interval ({@link PowerLaws}), and judge the asymptotic exponent against
 * the exponent the theory derives for that series ({@link Judge}).
 */
public final class Evaluator {
  private Evaluator() {}

  /** One series' measurements: x values and per-seed values (NaN = excluded run). */
  public record SeriesData(Map<String, SweepValue> series, double[] x, double[][] perSeed, int runs, int excluded,
      Map<String, Integer> why) {}

  /** Results (one per series) of a check with a fixed sweep, from the engine's runs. */
  public static List<CheckResult> evaluate(CheckSpec c, LawSource laws, List<PlannedRun> runs,
      Map<String, RunRecord> records, long seed) {
    return evaluate(c, laws, new EngineMeasurements(runs, records), seed);
  }

  /** Results (one per series) of a check, from any source of measurements. */
  public static List<CheckResult> evaluate(CheckSpec c, LawSource laws, MeasurementSource source, long seed) {
    List<CheckResult> out = new ArrayList<>();
    for (MeasurementSource.MeasuredSeries m : source.series(c)) {
      out.add(m.outputs() != null ? spreadResult(c, laws, m.data(), m.outputs()) : result(c, laws, m.data(), seed));
    }
    return out;
  }

  /** Fits and judges a series whose per-seed values are known (probes, alpha*). */
  public static CheckResult result(CheckSpec c, LawSource laws, SeriesData d, long seed) {
    Selected s = select(c, d.x(), d.perSeed());
    FitSummary summary = null;
    ScalingFit sf = null;
    List<FitPoint> points = new ArrayList<>();
    double[] local = new double[0];
    if (s.x.length >= 2) {
      sf = ScalingFits.fit(s.x, s.rows, c.fit().confidence(), correction(c, laws), ScalingFits.Selection.ALWAYS);
      PowerLawFit f = sf.plain();
      summary = summarize(sf);
      local = f.localSlopes();
      for (int k = 0; k < f.x().length; k++) {
        double xk = f.x()[k];
        int idx = indexOf(s.x, xk);
        points.add(new FitPoint(xk, f.mean()[k], boxed(s.rows[idx])));
      }
    }
    return withCorrection(judgeAll(c, laws, d, summary, points, local, s.note), sf);
  }

  /**
   * The correction term: the check's {@code fit.correction}, else the first law's {@code correction},
   * else omega = 1/2 for a width and none otherwise.
   */
  static Correction correction(CheckSpec c, LawSource laws) {
    if (c.fit().correction() != null) return c.fit().correction();
    LawSource.Law first = laws.law(c.laws().get(0));
    if (first != null && first.correction() != null) return Correction.parse(first.correction());
    return c.fit().correctionFor(c.vary());
  }

  /**
   * What the judge sees of a fit: the corrected fit's asymptotic exponent and interval when it is
   * judged, else the plain slope; a correction the design cannot afford is passed on as missing.
   */
  static FitSummary summarize(ScalingFit sf) {
    PowerLawFit f = sf.plain();
    boolean corrected = sf.judgedCorrected();
    String missing = sf.correction().kind() != Correction.Kind.NONE && sf.corrected() == null
        ? sf.missingCorrection() : "";
    return new FitSummary(sf.slope(), sf.ciLow(), sf.ciHigh(), sf.stdErr(), f.r2(), f.localSlopes(), f.points(),
        f.confidence(), f.slope(), corrected, sf.choiceText(), missing, sf.misfit()
            ? String.format(Locale.ROOT, "lack-of-fit test p = %.2g", sf.lackOfFitP()) : "");
  }

  /** The raw and extrapolated exponents and the correction's parameters, for the report. */
  private static CheckResult withCorrection(CheckResult r, ScalingFit sf) {
    if (sf == null) return r;
    PowerLawFit p = sf.plain();
    CorrectedFit cf = sf.corrected();
    CheckResult.Extrapolation e = new CheckResult.Extrapolation(p.slope(), finite(p.ciLow()), finite(p.ciHigh()),
        cf == null ? null : cf.p(), cf == null ? null : finite(cf.ciLow()), cf == null ? null : finite(cf.ciHigh()),
        cf == null ? null : cf.b(), cf == null ? null : cf.omega(), sf.correction().text(),
        sf.judgedCorrected() ? "corrected" : "plain", finite(sf.fPValue()), p.method(), sf.choiceText());
    return r.withExtrapolation(e);
  }

  private record Selected(double[] x, double[][] rows, String note) {}

  /** Drops the {@code fit.drop} smallest x and points whose runs are all excluded. */
  private static Selected select(CheckSpec c, double[] x, double[][] rows) {
    Integer[] order = new Integer[x.length];
    for (int i = 0; i < x.length; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble(i -> x[i]));
    List<Double> keptX = new ArrayList<>();
    List<double[]> keptRows = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    for (int k = c.fit().drop(); k < order.length; k++) {
      int i = order[k];
      boolean any = false;
      for (double v : rows[i]) any |= !Double.isNaN(v);
      if (!any) {
        empty.add(Judge.fmt(x[i]));
        continue;
      }
      keptX.add(x[i]);
      keptRows.add(rows[i]);
    }
    String note = "";
    if (c.fit().drop() > 0) note += "the " + c.fit().drop() + " smallest " + c.vary() + " left out (fit.drop)";
    if (!empty.isEmpty()) {
      note += (note.isEmpty() ? "" : "; ") + c.vary() + " = " + String.join(", ", empty) + " left out: every run excluded";
    }
    double[] xa = new double[keptX.size()];
    for (int i = 0; i < xa.length; i++) xa[i] = keptX.get(i);
    return new Selected(xa, keptRows.toArray(new double[0][]), note);
  }

  private static int indexOf(double[] a, double v) {
    for (int i = 0; i < a.length; i++) if (a[i] == v) return i;
    return -1;
  }

  private static List<Double> boxed(double[] a) {
    List<Double> l = new ArrayList<>(a.length);
    for (double v : a) l.add(v);
    return l;
  }

  /**
   * spread: for each x, the spread over seeds of the test outputs ({@link SeedSpread}), its log-log
   * slope with the delete-one-seed jackknife interval, no finite-width correction.
   */
  private static CheckResult spreadResult(CheckSpec c, LawSource laws, SeriesData d, List<List<double[]>> outputs) {
    double[][] rows = new double[d.x().length][];
    for (int i = 0; i < rows.length; i++) {
      double spread = SeedSpread.of(outputs.get(i));
      rows[i] = new double[] {outputs.get(i).size() >= 2 && spread > 0 ? spread : Double.NaN};
    }
    Selected s = select(c, d.x(), rows);
    FitSummary summary = null;
    List<FitPoint> points = new ArrayList<>();
    double[] local = new double[0];
    if (s.x.length >= 2) {
      List<List<double[]>> kept = new ArrayList<>();
      for (double xv : s.x) kept.add(outputs.get(indexOf(d.x(), xv)));
      PowerLawFit f = SeedSpread.fit(s.x, kept, c.fit().confidence());
      for (int k = 0; k < f.points(); k++) points.add(new FitPoint(f.x()[k], f.mean()[k], List.of()));
      local = f.localSlopes();
      summary = FitSummary.plain(f.slope(), f.ciLow(), f.ciHigh(), f.ciStdErr(), f.r2(), local, f.points(),
          c.fit().confidence());
    }
    return judgeAll(c, laws, d, summary, points, local, s.note);
  }

  private static CheckResult judgeAll(CheckSpec c, LawSource laws, SeriesData d, FitSummary fit,
      List<FitPoint> points, double[] local, String selectionNote) {
    String exclusions = exclusionText(d.why());
    List<Competitor> competitors = new ArrayList<>();
    List<Judgement> judgements = new ArrayList<>();
    List<Rational> predicted = new ArrayList<>();
    List<List<String>> brokenPerLaw = new ArrayList<>();
    for (String lawId : c.laws()) {
      LawSource.Law law = laws.law(lawId);
      List<String> broken = AssumptionCheck.broken(law.assumptions(), c, d.series());
      brokenPerLaw.add(broken);
      Exponent p = law.exponent(c.vary(), Planner.regimeFor(c.regime(), d.series(), law));
      double value = p.isPowerLaw() ? p.value().doubleValue() : Double.NaN;
      Judgement j = Judge.judge(fit, value, String.valueOf(p.value()), c.tolerance(), c.expect(), c.fit(), d.runs(),
          d.excluded(), exclusions);
      if (!selectionNote.isEmpty()) j = new Judgement(j.verdict(), j.reason() + "; " + selectionNote);
      if (!broken.isEmpty()) j = new Judgement(j.verdict(), outsideText(broken) + ": " + j.reason());
      judgements.add(j);
      predicted.add(p.value());
      competitors.add(new Competitor(lawId, p.value(), j.verdict(), j.reason()));
    }
    int headline = 0;
    Verdict verdict;
    String reason;
    if (c.laws().size() == 1) {
      verdict = judgements.get(0).verdict();
      reason = judgements.get(0).reason();
      competitors = List.of();
    } else {
      List<Integer> passing = new ArrayList<>();
      boolean allFail = true;
      for (int i = 0; i < judgements.size(); i++) {
        if (judgements.get(i).verdict() == Verdict.PASS) passing.add(i);
        if (judgements.get(i).verdict() != Verdict.FAIL) allFail = false;
      }
      StringBuilder each = new StringBuilder();
      for (int i = 0; i < judgements.size(); i++) {
        each.append(" | ").append(c.laws().get(i)).append(" (").append(predicted.get(i)).append("): ")
            .append(judgements.get(i).verdict());
        if (!brokenPerLaw.get(i).isEmpty()) each.append(" (").append(outsideText(brokenPerLaw.get(i))).append(")");
      }
      if (passing.size() == 1) {
        headline = passing.get(0);
        verdict = Verdict.PASS;
        reason = "the data support " + c.laws().get(headline) + " (" + predicted.get(headline) + "): "
            + judgements.get(headline).reason() + each;
      } else if (passing.size() > 1) {
        verdict = Verdict.INCONCLUSIVE;
        reason = "the data cannot tell the competing laws apart (several within tolerance)" + each;
      } else if (allFail) {
        verdict = Verdict.FAIL;
        String lead = fit == null ? "" : Judge.simpleExponentsInside(fit.ciLow(), fit.ciHigh(), 6);
        reason = "the data support none of the competing laws" + (lead.isEmpty() ? ""
            : " (simple exponents p/q, q <= 4, inside the interval: " + lead + ")") + each + " | "
            + judgements.get(0).reason();
      } else {
        verdict = Verdict.INCONCLUSIVE;
        reason = "no competing law is supported decisively" + each + " | " + judgements.get(0).reason();
      }
    }
    if (c.laws().size() == 1 && verdict == Verdict.FAIL && fit != null) {
      String lead = Judge.simpleExponentsInside(fit.ciLow(), fit.ciHigh(), 6);
      if (!lead.isEmpty()) reason += "; simple exponents p/q (q <= 4) inside the interval: " + lead;
    }
    if (c.mustFail()) {
      reason = "negative control (asserts a wrong law, must FAIL): " + reason;
    }
    String id = c.id();
    if (!d.series().isEmpty()) {
      StringBuilder sb = new StringBuilder(id).append('[');
      boolean first = true;
      for (Map.Entry<String, SweepValue> e : d.series().entrySet()) {
        if (!first) sb.append(',');
        sb.append(e.getKey()).append('=').append(e.getValue().text());
        first = false;
      }
      id = sb.append(']').toString();
    }
    List<Double> localList = new ArrayList<>();
    for (double v : local) localList.add(v);
    return new CheckResult(id, c.laws().get(headline), c.vary(), c.measure(), norm(c),
        predicted.get(headline), fit == null ? null : fit.slope(), fit == null ? null : finite(fit.ciLow()),
        fit == null ? null : finite(fit.ciHigh()), fit == null ? null : finite(fit.stdErr()),
        fit == null ? null : fit.r2(), c.tolerance(), c.expect(), verdict, reason, points, localList, d.runs(),
        d.excluded(), competitors, c.mustFail(), fixed(c, d.series()), null, brokenPerLaw.get(headline), null);
  }

  /** "outside the law's assumptions: relu is not smooth, ...". */
  static String outsideText(List<String> broken) {
    return "outside the law's assumptions: " + String.join(", ", broken);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  static String exclusionText(Map<String, Integer> why) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Integer> e : why.entrySet()) parts.add(e.getValue() + " " + e.getKey());
    return String.join(", ", parts);
  }

  /** The norm of the measured quantity in words; for a file, as its producer defines the column. */
  static String norm(CheckSpec c) {
    if (c.measurements() == null) return Measures.norm(c.measure());
    String from = "column " + c.measure() + " of " + c.measurements().file();
    return Measures.isProbe(c.measure()) ? Measures.norm(c.measure()) + " (" + from + ")"
        : "as defined by the program that wrote " + from;
  }

  /** The settings held fixed, for captions. */
  static Map<String, Object> fixed(CheckSpec c, Map<String, SweepValue> series) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<String, SweepValue> e : series.entrySet()) m.put(e.getKey(), e.getValue().text());
    if (c.measurements() != null) {
      m.putAll(c.measurements().fixed());
      m.put("measurements", c.measurements().file());
      m.put("seeds", c.seeds());
      if (!c.regime().isEmpty()) m.put("regime", new TreeMap<>(c.regime()));
      return m;
    }
    var model = c.base().model();
    var data = c.base().data();
    var dyn = c.base().dynamics();
    boolean widthSwept = c.sweep().containsKey("n") || c.sweep().containsKey("m");
    if (!widthSwept) m.put("width", model.width());
    if (!c.sweep().containsKey("L") && !c.sweep().containsKey("depth")) m.put("depth", model.depth());
    if (!c.sweep().containsKey("alpha") && c.bisect() == null && !model.param().equals("kappa")) m.put("alpha", model.alpha());
    if (model.param().equals("kappa") && !c.sweep().containsKey("g") && !c.sweep().containsKey("kappa")) m.put("kappa", model.kappa());
    m.put("param", model.param());
    m.put("activation", model.activation());
    m.put("data", data.kind());
    if (!c.sweep().containsKey("P")) m.put("P", data.train());
    m.put("dynamics", dyn.kind());
    m.put("loss", dyn.loss());
    m.put("seeds", c.seeds());
    if (!c.regime().isEmpty()) m.put("regime", new TreeMap<>(c.regime()));
    if (c.bisect() != null) m.put("level", c.bisect().level());
    return m;
  }
}
