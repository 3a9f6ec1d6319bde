package scalecheck.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import scalecheck.check.CheckSpec.SweepValue;
import scalecheck.check.Judge.FitSummary;
import scalecheck.check.Judge.Judgement;
import scalecheck.check.Planner.PlannedRun;
import scalecheck.fit.Collapse;
import scalecheck.fit.CollapseFit;
import scalecheck.sim.RunStatus;
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;
import scalecheck.theory.Exponent;
import scalecheck.theory.Rational;

/**
 * The collapse check kind: {@code collapse: {symbol: alpha}} in a check file. The check sweeps the
 * width ({@code vary}, n or m) and {@code symbol}, measures a quantity Q(n, alpha), and fits the
 * exponent x of the scaling variable alpha n^x that best superposes the curves Q(alpha) of the
 * different widths ({@link Collapse}: Houdayer-Hartmann quality, Brent minimisation, bootstrap over
 * seeds). The predicted x comes from the check's law, a scaling variable written as a formula (for
 * Geiger et al., J. Stat. Mech. 2020: {@code kappa = alpha*Sqrt(n)}): if the law is alpha^a n^b, then
 * alpha n^(b/a) is the same variable, so x = b/a, derived exactly by the theory module. The verdict
 * follows {@link Judge} with x in place of a slope.
 *
 * <p>Optional keys: {@code lo}, {@code hi} (the range of x searched, default -1 and 2),
 * {@code bootstrap} (resamples, default 400). A best x at the edge
 * of the range is INCONCLUSIVE.
 */
public final class CollapseCheck {
  private CollapseCheck() {}

  static final Set<String> KEYS = Set.of("symbol", "lo", "hi", "bootstrap");
  /** Key of {@link CheckResult#fixed()} that holds the curves (n -> [a, seed mean] pairs) for the report. */
  public static final String CURVES = "collapse.curves";
  /** Key of {@link CheckResult#fixed()} that names the scaling variable, e.g. "alpha n^x". */
  public static final String VARIABLE = "collapse";

  /** The {@code collapse:} settings. */
  record Spec(String symbol, double lo, double hi, int bootstrap) {}

  /** Resamples over seeds of the collapse interval when the check does not say. */
  static final int DEFAULT_BOOTSTRAP = 400;

  /** Whether {@code c} is a collapse check. */
  public static boolean isCollapse(CheckSpec c) {
    return c.root() != null && c.root().has(VARIABLE);
  }

  static Spec spec(CheckSpec c) {
    YNode n = c.root().get(VARIABLE);
    n.requireMap().requireOnlyKeys(KEYS);
    String symbol = n.require("symbol").asString();
    double lo = n.has("lo") ? n.get("lo").asDouble() : -1;
    double hi = n.has("hi") ? n.get("hi").asDouble() : 2;
    int boot = n.has("bootstrap") ? n.get("bootstrap").asInt() : DEFAULT_BOOTSTRAP;
    return new Spec(symbol, lo, hi, boot);
  }

  /** Validates a parsed check that has a {@code collapse:} section (called by the parser). */
  static void validate(CheckSpec c, LawSource laws) {
    YNode node = c.root().get(VARIABLE);
    Spec s = spec(c);
    if (!s.symbol().equals("alpha")) throw node.get("symbol").error("only alpha can be rescaled, got '" + s.symbol() + "'");
    if (!(s.hi() > s.lo())) throw node.error("needs lo < hi, got lo = " + s.lo() + ", hi = " + s.hi());
    if (s.bootstrap() < 0 || s.bootstrap() > CheckParser.MAX_BOOTSTRAP) {
      throw node.get("bootstrap").error("must be in [0, " + CheckParser.MAX_BOOTSTRAP + "], got " + s.bootstrap());
    }
    if (!c.vary().equals("n") && !c.vary().equals("m")) {
      throw c.root().get("vary").error("a collapse varies the width (n or m), got '" + c.vary() + "'");
    }
    if (!c.sweep().containsKey(s.symbol())) {
      throw node.get("symbol").error("'" + s.symbol() + "' is not swept: add sweep." + s.symbol());
    }
    if (c.sweep().get(s.symbol()).size() < 3) {
      throw new SpecException(c.file(), c.root().lineOf("sweep." + s.symbol()), "sweep." + s.symbol(),
          "a collapse needs at least 3 values of " + s.symbol() + ", got " + c.sweep().get(s.symbol()).size());
    }
    if (c.sweep().size() != 2) {
      throw c.root().get("sweep").error("a collapse sweeps exactly the width and " + s.symbol() + ", got "
          + c.sweep().keySet());
    }
    if (!Measures.isProbe(c.measure())) {
      throw c.root().get("measure").error("a collapse needs an engine probe, got '" + c.measure() + "'");
    }
    if (c.laws().size() != 1) throw c.root().get("law").error("a collapse tests one scaling variable, got " + c.laws().size());
    if (c.bisect() != null) throw c.root().get("bisect").error("bisect and collapse do not go together");
    try {
      predicted(c, laws);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw c.root().get("law").error(e.getMessage());
    }
  }

  /** The exponent x of alpha n^x the law's scaling variable alpha^a n^b implies: x = b / a, exact. */
  static Rational predicted(CheckSpec c, LawSource laws) {
    LawSource.Law law = laws.law(c.laws().get(0));
    String symbol = spec(c).symbol();
    if (!law.symbols().contains(symbol)) {
      throw new IllegalArgumentException("law " + c.laws().get(0) + " has no symbol '" + symbol + "'");
    }
    Exponent b = law.exponent(c.vary(), c.regime());
    Exponent a = law.exponent(symbol, c.regime());
    if (!a.isPowerLaw() || !b.isPowerLaw()) {
      throw new IllegalArgumentException("law " + c.laws().get(0) + " is not a power law in " + c.vary() + " and "
          + symbol);
    }
    Rational ra = a.value();
    if (ra.isZero()) {
      throw new IllegalArgumentException("law " + c.laws().get(0) + " does not depend on " + symbol
          + ": no scaling variable " + symbol + " " + c.vary() + "^x");
    }
    return b.value().mul(Rational.of(ra.den(), ra.num()));
  }

  /** Fits x over all runs of the check and judges it against the derived exponent. */
  public static CheckResult evaluate(CheckSpec c, LawSource laws, List<PlannedRun> runs,
      Map<String, RunRecord> records, long seed) {
    Spec s = spec(c);
    List<SweepValue> widths = c.sweep().get(c.vary());
    List<SweepValue> as = c.sweep().get(s.symbol());
    double[][][] values = new double[widths.size()][as.size()][c.seeds()];
    for (double[][] w : values) for (double[] r : w) java.util.Arrays.fill(r, Double.NaN);
    int count = 0;
    int excluded = 0;
    Map<String, Integer> why = new TreeMap<>();
    for (PlannedRun r : runs) {
      int i = widths.indexOf(r.point().get(c.vary()));
      int k = as.indexOf(r.point().get(s.symbol()));
      RunRecord rec = records.get(r.key());
      count++;
      String problem = null;
      if (rec == null) problem = "not run";
      else if (rec.status() != RunStatus.OK) problem = String.valueOf(rec.status());
      else {
        Double v = rec.probes() == null ? null : rec.probes().get(c.measure());
        if (v == null) problem = "probe " + c.measure() + " missing";
        else if (!Double.isFinite(v) || v <= 0) problem = c.measure() + " not positive and finite";
        else values[i][k][r.seedIndex()] = v;
      }
      if (problem != null) {
        excluded++;
        why.merge(problem, 1, Integer::sum);
      }
    }
    List<Collapse.Curve> curves = new ArrayList<>();
    Map<String, Object> drawn = new LinkedHashMap<>();
    for (int i = 0; i < widths.size(); i++) {
      List<double[]> pts = new ArrayList<>();
      List<double[]> rows = new ArrayList<>();
      List<Double> a = new ArrayList<>();
      for (int k = 0; k < as.size(); k++) {
        double sum = 0;
        int good = 0;
        for (double v : values[i][k]) {
          if (!Double.isNaN(v)) {
            sum += v;
            good++;
          }
        }
        if (good == 0) continue;
        a.add(as.get(k).value());
        rows.add(values[i][k]);
        pts.add(new double[] {as.get(k).value(), sum / good});
      }
      if (a.size() >= 2) {
        curves.add(new Collapse.Curve(widths.get(i).value(), a.stream().mapToDouble(Double::doubleValue).toArray(),
            rows.toArray(new double[0][])));
      }
      drawn.put(widths.get(i).text(), pts);
    }
    Rational pred = predicted(c, laws);
    FitSummary summary = null;
    CollapseFit f = null;
    double atPred = Double.NaN;
    if (curves.size() >= 2) {
      Collapse.Options o = Collapse.Options.defaults().withRange(s.lo(), s.hi())
          .withBootstrap(s.bootstrap(), Planner.mix(seed ^ ((long) c.id().hashCode() << 20)))
          .withConfidence(c.fit().confidence());
      f = Collapse.fit(curves, o);
      atPred = Collapse.quality(curves, pred.doubleValue(), o);
      summary = FitSummary.plain(f.x(), f.ciLow(), f.ciHigh(), Double.NaN, Double.NaN, new double[0], curves.size(),
          c.fit().confidence());
    }
    String exclusions = Evaluator.exclusionText(why);
    Judgement j = Judge.judge(summary, pred.doubleValue(), pred.toString(), c.tolerance(), c.expect(), c.fit(), count,
        excluded, exclusions);
    String reason = j.reason();
    Verdict verdict = j.verdict();
    if (f != null) {
      if (f.atEdge() && verdict != Verdict.INCONCLUSIVE) {
        verdict = Verdict.INCONCLUSIVE;
        reason = "the best x lies at the edge of the searched range [" + Judge.fmt(s.lo()) + ", " + Judge.fmt(s.hi())
            + "]: no interior optimum; " + reason;
      }
      reason = String.format(Locale.ROOT, "collapse in %s %s^x: %s; quality S (Houdayer-Hartmann, about 1 for a "
          + "collapse within the errors) %s at the fitted x, %s at x = %s (derived), %s at x = 0 (against %s alone)",
          s.symbol(), c.vary(), reason, Judge.fmt(f.quality()), Judge.fmt(atPred), pred, Judge.fmt(f.qualityUnscaled()),
          s.symbol());
    }
    if (c.mustFail()) reason = "negative control (asserts a wrong scaling variable, must FAIL): " + reason;
    Map<String, Object> fixed = new LinkedHashMap<>(Evaluator.fixed(c, Map.of()));
    fixed.put(VARIABLE, s.symbol() + " " + c.vary() + "^x");
    fixed.put(CURVES, drawn);
    return new CheckResult(c.id(), c.laws().get(0), c.vary(), c.measure(), Measures.norm(c.measure()), pred,
        f == null || Double.isNaN(f.x()) ? null : f.x(), f == null || Double.isNaN(f.ciLow()) ? null : f.ciLow(),
        f == null || Double.isNaN(f.ciHigh()) ? null : f.ciHigh(), null, null, c.tolerance(), c.expect(), verdict, reason,
        List.of(), List.of(), count, excluded, List.of(), c.mustFail(), fixed);
  }
}
