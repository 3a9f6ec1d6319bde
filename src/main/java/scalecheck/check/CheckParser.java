package scalecheck.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import scalecheck.check.CheckSpec.BisectSpec;
import scalecheck.check.CheckSpec.FitOptions;
import scalecheck.check.CheckSpec.SweepValue;
import scalecheck.sim.DataSpec;
import scalecheck.sim.DynamicsSpec;
import scalecheck.sim.ModelSpec;
import scalecheck.sim.Probes;
import scalecheck.sim.RunSpec;
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;

/**
 * Reads and validates a check file ({@code checks/*.yaml}) before any work starts: every key known,
 * every value of the right type and range, every reference resolved (the law exists, the varied
 * symbol is swept and appears in the law, the measure is registered in {@link Probes} and is a
 * quantity its laws name, and the engine features it needs are switched on). Errors are
 * {@link SpecException}s naming {@code file:line: field}.
 *
 * <p>Keys: {@code id, law, vary, model, data, dynamics, sweep, measure, tolerance} (required);
 * {@code title, fit, expect, fast, regime, bisect, control, note, budget} (optional; {@code budget}
 * makes the sweep staged, see {@link StagedSweep}). {@code model},
 * {@code data} and {@code dynamics} take the component names of {@link ModelSpec}, {@link DataSpec}
 * and {@link DynamicsSpec}, applied over their {@code defaults()}. Swept symbols map onto settings:
 * n, m -&gt; model.width; alpha -&gt; model.alpha; kappa -&gt; model.kappa; g -&gt; model.kappa =
 * width^g with param kappa (with param abc: g is bound in the exponents of model.abc); L, depth -&gt;
 * model.depth; P -&gt; data.train. {@code model.abc: theory/id} names a parameterisation declared in a
 * theory file: its exponents (and depth) are run.
 *
 * <p>A check of measurements another program wrote names the file with {@code measurements} (path
 * relative to the check file) instead of {@code model, data, dynamics, sweep} (which it must not have,
 * nor {@code fast} or {@code bisect}); its {@code measure} is a column of the file, its {@code vary} a
 * column and a symbol of the law. The file is read and validated here ({@link MeasurementFile}), so
 * that its errors, like the check's own, come before any work; its swept values and seeds become the
 * check's {@code sweep} and {@code seeds}.
 */
public final class CheckParser {
  /** Symbols a sweep may name. */
  public static final Set<String> SYMBOLS = Set.of("n", "m", "alpha", "kappa", "g", "L", "depth", "P");

  static final Set<String> TOP_KEYS = Set.of("id", "title", "law", "vary", "model", "data", "dynamics",
      "sweep", "measure", "tolerance", "fit", "expect", "fast", "regime", "bisect", "control", "note", "collapse",
      "budget", "measurements");
  /** Keys that describe a simulation: a check of a measurements file has none of them. */
  static final List<String> ENGINE_KEYS = List.of("model", "data", "dynamics", "sweep", "fast", "bisect");
  static final Set<String> FAST_KEYS = Set.of("sweep", "model", "data", "dynamics", "fit", "bisect", "budget");
  static final Set<String> BUDGET_KEYS = Set.of("seeds", "size", "wall_seconds");
  /** Varied symbols a budget's {@code size} may grow (doubling the largest value). */
  static final Set<String> GROWABLE = Set.of("n", "m", "P", "alpha", "kappa");
  static final Set<String> FIT_KEYS = Set.of("drop", "min_points", "confidence", "bootstrap", "correction", "min_r2",
      "max_excluded");
  static final Set<String> BISECT_KEYS = Set.of("symbol", "lo", "hi", "level", "iterations", "probe");
  static final Set<String> EXPECT = Set.of("exponent", "below", "above");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern RATIONAL = Pattern.compile("\\s*(-?[0-9]+)\\s*/\\s*([0-9]+)\\s*");
  private static final ObjectMapper MAPPER = new ObjectMapper();
  /** Most bootstrap resamples a check may ask for (each is a refit; the slopes are held in memory). */
  static final int MAX_BOOTSTRAP = 100_000;

  private final LawSource laws;
  /** Warnings of every check parsed so far ({@code file:line: field: warning: ...}), without repeats. */
  private final Set<String> warnings = new LinkedHashSet<>();

  public CheckParser(LawSource laws) {
    this.laws = laws;
  }

  /**
   * Warnings of the checks parsed so far, in order, each once: {@code file:line: field: warning:
   * what}, e.g. a model, data or dynamics field that the check's own sweep sets for every run.
   */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Parses and validates {@code file}; {@code fast} applies its {@code fast:} overrides. */
  public CheckSpec parse(Path file, boolean fast) {
    return parse(YNode.parse(file), file, fast);
  }

  /** Validates a parsed document (both variants are checked; {@code fast} chooses the one returned). */
  public CheckSpec parse(YNode root, Path file, boolean fast) {
    root.requireMap().requireOnlyKeys(TOP_KEYS);
    if (root.has("measurements")) {
      for (String k : ENGINE_KEYS) {
        if (root.has(k)) {
          throw root.get(k).error("not used with measurements: (the file holds the measurements, the swept "
              + "values and the seeds); remove it");
        }
      }
    }
    YNode fastNode = root.get("fast");
    if (fastNode != null) fastNode.requireMap().requireOnlyKeys(FAST_KEYS);
    CheckSpec full = build(root, file, null);
    if (fastNode == null) return full;
    CheckSpec quick = build(root, file, fastNode);
    return fast ? quick : full;
  }

  private CheckSpec build(YNode root, Path file, YNode fast) {
    String id = root.require("id").asString();
    if (!ID.matcher(id).matches()) {
      throw root.get("id").error("must be letters, digits, '_', '-' or '.', got '" + id + "'");
    }
    String title = optString(root, "title", id);
    String note = optString(root, "note", "");

    // laws
    YNode lawNode = root.require("law");
    List<String> lawIds = new ArrayList<>();
    List<YNode> lawNodes = new ArrayList<>();
    if (lawNode.isList()) {
      if (lawNode.items().isEmpty()) throw lawNode.error("needs at least one law");
      for (YNode n : lawNode.items()) {
        lawIds.add(n.asString());
        lawNodes.add(n);
      }
    } else {
      lawIds.add(lawNode.asString());
      lawNodes.add(lawNode);
    }
    if (new LinkedHashSet<>(lawIds).size() != lawIds.size()) throw lawNode.error("a law is listed twice");
    List<LawSource.Law> resolved = new ArrayList<>();
    for (int i = 0; i < lawIds.size(); i++) {
      LawSource.Law law = laws.law(lawIds.get(i));
      if (law == null) {
        throw lawNodes.get(i).error("unknown law '" + lawIds.get(i)
            + "' (expected theory/law, e.g. geiger/dz, defined in a loaded theory file)");
      }
      resolved.add(law);
    }

    boolean fromFile = root.has("measurements");
    YNode measurementsNode = root.get("measurements");
    if (fromFile) measurementsNode.asString();

    // settings
    Map<String, String> origin = new LinkedHashMap<>();
    ModelSpec model = null;
    DataSpec data = null;
    DynamicsSpec dyn = null;
    LinkedHashMap<String, List<SweepValue>> sweep = new LinkedHashMap<>();
    int[] seeds = {0};
    YNode sweepNode = null;
    if (!fromFile) {
      model = overlay(ModelSpec.defaults(), ModelSpec.class, root.require("model"), fast, "model", origin);
      model = resolveAbc(model, root, origin);
      data = overlay(DataSpec.defaults(), DataSpec.class, root.require("data"), fast, "data", origin);
      dyn = overlay(DynamicsSpec.defaults(), DynamicsSpec.class, root.require("dynamics"), fast, "dynamics", origin);

      // sweep
      sweepNode = root.require("sweep").requireMap();
      overriddenBySweep(root, file, sweepNode, origin);
      readSweep(sweepNode, sweep, seeds, null, origin);
      if (!sweepNode.has("seeds")) throw new SpecException(file, sweepNode.line(), "sweep.seeds",
          "required field is missing (number of initialisations per point)");
      if (fast != null && fast.get("sweep") != null) {
        readSweep(fast.get("sweep").requireMap(), sweep, seeds, sweep.keySet(), origin);
      }
    }

    // vary
    YNode varyNode = root.require("vary");
    String vary = varyNode.asString();
    if (!fromFile && !SYMBOLS.contains(vary)) {
      throw varyNode.error("unknown symbol '" + vary + "' (known: " + sorted(SYMBOLS) + ")");
    }
    if (!fromFile && !sweep.containsKey(vary)) throw varyNode.error("'" + vary + "' is not swept: add sweep." + vary);
    for (int i = 0; i < resolved.size(); i++) {
      if (!resolved.get(i).symbols().contains(vary)) {
        throw lawNodes.get(i).error("law " + lawIds.get(i) + " has no symbol '" + vary + "' (symbols: "
            + sorted(resolved.get(i).symbols()) + ")");
      }
    }
    if (!fromFile && sweep.get(vary).size() < 2) {
      throw new SpecException(file, root.lineOf("sweep." + vary), "sweep." + vary,
          "a fit needs at least 2 values of the varied symbol, got " + sweep.get(vary).size());
    }
    Set<String> width = new LinkedHashSet<>();
    Set<String> depthSyms = new LinkedHashSet<>();
    for (String s : sweep.keySet()) {
      if (s.equals("n") || s.equals("m")) width.add(s);
      if (s.equals("L") || s.equals("depth")) depthSyms.add(s);
    }
    if (!fromFile && (width.size() > 1 || depthSyms.size() > 1 || (sweep.containsKey("g") && sweep.containsKey("kappa")))) {
      throw new SpecException(file, sweepNode.line(), "sweep", "two swept symbols set the same setting: "
          + sweep.keySet());
    }

    // measure
    YNode measureNode = root.require("measure");
    String measure = measureNode.asString();
    if (fromFile) {
      if (measure.isBlank()) throw measureNode.error("must name a column of the measurements file");
    } else if (!Probes.isKnown(measure)) {
      throw measureNode.error(Probes.unknown("measure", measure));
    } else if (!root.has(CollapseCheck.VARIABLE)) {
      requireLawQuantity(measureNode, measure, lawIds, resolved);
    }
    if (!fromFile && measure.equals(Measures.SPREAD) && seeds[0] < 2) {
      throw new SpecException(file, root.lineOf("sweep.seeds"), "sweep.seeds",
          "spread is a std over seeds: needs at least 2 seeds, got " + seeds[0]);
    }
    if (!fromFile) dyn = Probes.enable(measure, dyn);

    YNode tolNode = root.require("tolerance");
    double tolerance = tolNode.asDouble();
    if (!(tolerance > 0)) throw tolNode.error("must be > 0, got " + tolNode.text());

    String expect = "exponent";
    if (root.has("expect")) {
      YNode e = root.get("expect");
      expect = e.asString();
      if (!EXPECT.contains(expect)) throw e.error("must be one of exponent, below, above; got '" + expect + "'");
    }

    FitOptions fit = readFit(root.get("fit"), FitOptions.defaults(), file);
    if (fast != null) fit = readFit(fast.get("fit"), fit, file);
    int usable = fromFile ? Integer.MAX_VALUE : sweep.get(vary).size() - fit.drop();
    if (usable < 2) {
      throw new SpecException(file, root.lineOf(fast != null && fast.at("fit.drop") != null ? "fast.fit.drop" : "fit.drop"),
          "fit.drop", "dropping " + fit.drop() + " of " + sweep.get(vary).size() + " values of " + vary
              + " leaves fewer than 2 points");
    }

    Map<String, String> regime = new LinkedHashMap<>();
    if (root.has("regime")) {
      for (Map.Entry<String, YNode> e : root.get("regime").requireMap().entries().entrySet()) {
        regime.put(e.getKey(), e.getValue().asString());
      }
    }

    BisectSpec bisect = null;
    if (!fromFile && measure.equals(Measures.ALPHA_STAR)) {
      YNode b = root.get("bisect");
      if (b == null) throw measureNode.error("alpha_star needs a bisect: section (symbol, lo, hi, level, iterations)");
      bisect = readBisect(b, null);
      if (fast != null && fast.get("bisect") != null) bisect = readBisect(fast.get("bisect"), bisect);
      dyn = Probes.enable(bisect.probe(), dyn);
      if (sweep.containsKey(bisect.symbol())) {
        throw new SpecException(file, root.lineOf("sweep." + bisect.symbol()), "sweep." + bisect.symbol(),
            "the bisected symbol must not also be swept");
      }
    } else if (root.has("bisect")) {
      throw root.get("bisect").error("bisect is only for measure: alpha_star");
    }

    boolean mustFail = false;
    if (root.has("control")) {
      YNode c = root.get("control").requireMap().requireOnlyKeys(Set.of("must_fail"));
      mustFail = c.require("must_fail").asBoolean();
    }

    MeasurementTable table = null;
    if (fromFile) {
      table = readMeasurements(file, measurementsNode, measure, vary, fit, resolved);
      for (String s : table.swept()) sweep.put(s, new ArrayList<>());
      for (MeasurementTable.Row r : table.rows()) {
        for (Map.Entry<String, SweepValue> e : r.point().entrySet()) {
          List<SweepValue> values = sweep.get(e.getKey());
          if (!values.contains(e.getValue())) values.add(e.getValue());
        }
      }
      for (Map.Entry<String, List<SweepValue>> e : sweep.entrySet()) {
        List<SweepValue> values = new ArrayList<>(e.getValue());
        values.sort(java.util.Comparator.comparingDouble(SweepValue::value));
        e.setValue(List.copyOf(values));
      }
      seeds[0] = table.seedCount();
    }

    // predictions must exist for every series
    for (Map<String, SweepValue> series : Planner.seriesCombinations(sweep, vary)) {
      for (int i = 0; i < resolved.size(); i++) {
        scalecheck.theory.Exponent p;
        try {
          p = resolved.get(i).exponent(vary, Planner.regimeFor(regime, series, resolved.get(i)));
        } catch (IllegalArgumentException | SpecException ex) {
          throw (root.has("regime") ? root.get("regime") : lawNodes.get(i)).error(
              "cannot derive the exponent of " + lawIds.get(i) + " in " + vary + ": " + ex.getMessage());
        }
        if (!p.isPowerLaw()) {
          throw lawNodes.get(i).error("law " + lawIds.get(i) + " is not a power law in " + vary
              + (p.note() == null || p.note().isEmpty() ? "" : " (" + p.note() + ")")
              + ": no exponent to test");
        }
      }
    }

    CheckSpec.Budget budget = null;
    if (root.has("budget")) {
      if (fromFile) throw root.get("budget").error("a staged sweep needs a simulation: not used with measurements:");
      if (measure.equals(Measures.ALPHA_STAR)) {
        throw root.get("budget").error("a staged sweep is not available for measure alpha_star (its runs follow a"
            + " bisection)");
      }
      budget = readBudget(root.get("budget"), null, sweep.get(vary), vary, seeds[0]);
      if (fast != null && fast.get("budget") != null) {
        budget = readBudget(fast.get("budget"), budget, sweep.get(vary), vary, seeds[0]);
      }
      if (budget.seeds() == seeds[0] && Double.isNaN(budget.size())) {
        YNode where = fast != null && fast.get("budget") != null ? fast.get("budget") : root.get("budget");
        throw where.error("allows no stage beyond the sweep (seeds equal to sweep.seeds " + seeds[0]
            + " and no size): raise seeds or give size");
      }
    } else if (fast != null && fast.get("budget") != null) {
      throw fast.get("budget").error("fast.budget needs a budget: section in the full check");
    }

    RunSpec base = fromFile ? null : new RunSpec(model, data, dyn, 0L, 0L);
    if (fromFile && root.has(CollapseCheck.VARIABLE)) {
      throw root.get(CollapseCheck.VARIABLE).error("a collapse check reads the engine's runs: not used with"
          + " measurements:");
    }
    if (budget != null && root.has(CollapseCheck.VARIABLE)) {
      throw root.get("budget").error("a staged sweep is not available for a collapse check (it fits all widths"
          + " at once); give the collapse its full sweep instead");
    }
    CheckSpec spec = new CheckSpec(file, root, id, title, List.copyOf(lawIds), vary, base, sweep, seeds[0], measure,
        tolerance, fit, expect, Map.copyOf(regime), bisect, mustFail, note, origin, budget, table);
    if (root.has(CollapseCheck.VARIABLE)) CollapseCheck.validate(spec, laws); // the collapse check kind
    return spec;
  }

  /**
   * Reads the check's measurements file (path relative to the check file); its symbol columns are the
   * symbols scalecheck knows and those of the check's laws.
   */
  private static MeasurementTable readMeasurements(Path checkFile, YNode node, String measure, String vary,
      FitOptions fit, List<LawSource.Law> laws) {
    Path f = MeasurementTable.resolve(checkFile, node.asString());
    if (!java.nio.file.Files.isRegularFile(f)) throw node.error("no such file: " + f);
    Set<String> symbols = new LinkedHashSet<>(SYMBOLS);
    for (LawSource.Law law : laws) symbols.addAll(law.symbols());
    int needed = fit.drop() + Math.max(2, fit.minPoints());
    String why = fit.drop() > 0 ? "fit.drop " + fit.drop() + " + fit.min_points " + Math.max(2, fit.minPoints())
        : "fit.min_points " + Math.max(2, fit.minPoints());
    return MeasurementFile.read(f, f.toString(), measure, vary, symbols, needed, why);
  }

  /**
   * {@code model.abc: theory/id} names a parameterisation declared in a theory file: its exponents
   * (and depth, unless model.depth is given and then must agree) go into the model, param abc.
   */
  private ModelSpec resolveAbc(ModelSpec model, YNode root, Map<String, String> origin) {
    String abc = model.abc();
    if (abc == null || abc.contains(":") || !abc.trim().matches("[A-Za-z][A-Za-z0-9_\\-]*/[A-Za-z][A-Za-z0-9_\\-]*")) {
      return model;
    }
    YNode where = root.get("model").get("abc") != null ? root.get("model").get("abc") : root.get("model");
    LawSource.Abc p = laws.parameterisation(abc.trim());
    if (p == null) {
      throw where.error("unknown parameterisation '" + abc.trim() + "' (declare it under parameterisations: in a theory file)");
    }
    if (!"abc".equals(model.param())) {
      throw where.error("a declared parameterisation needs model.param: abc (param is '" + model.param() + "')");
    }
    if (origin.containsKey("model.depth") && model.depth() != p.depth()) {
      throw where.error(abc.trim() + " has depth " + p.depth() + ", model.depth is " + model.depth());
    }
    return model.withAbc(p.text()).withDepth(p.depth());
  }

  /**
   * The check's measure must be a quantity each of its laws names ({@code quantity:} in the theory
   * file, one name or a list of acceptable definitions); a law that names none (a law table without
   * quantities) accepts any. A collapse check is not asked: its law is a scaling variable, tested by
   * superposing the curves of any probe.
   */
  private static void requireLawQuantity(YNode measureNode, String measure, List<String> lawIds,
      List<LawSource.Law> laws) {
    for (int i = 0; i < laws.size(); i++) {
      List<String> q = laws.get(i).quantities();
      if (q.isEmpty() || q.contains(measure)) continue;
      boolean variable = q.stream().noneMatch(Probes::isKnown);
      throw measureNode.error("law " + lawIds.get(i) + " predicts " + String.join(" or ", q) + ", not '" + measure
          + "'" + (variable ? " (a scaling variable: a check of it has a collapse: section)"
              : "; measure " + (q.size() == 1 ? "it" : "one of them") + ", or list '" + measure
                  + "' under the law's quantity: if it measures the same thing"));
    }
  }

  private static String sorted(Set<String> s) {
    return String.join(", ", new TreeSet<>(s));
  }

  /**
   * For each swept symbol whose settings field the check also writes in model, data or dynamics (or
   * their fast overrides): the written value is validated as a value of that symbol (bad input when
   * out of range, although no run uses it), and a warning names both lines, since the sweep sets the
   * field for every run. Call before the sweep is read into {@code origin}.
   */
  private void overriddenBySweep(YNode root, Path file, YNode sweepNode, Map<String, String> origin) {
    for (Map.Entry<String, YNode> e : sweepNode.entries().entrySet()) {
      if (!SYMBOLS.contains(e.getKey())) continue;
      String field = settingOf(e.getKey());
      String written = origin.get(field);
      YNode node = written == null ? null : root.at(written);
      if (node == null) continue;
      if (node.isScalar()) checkRange(e.getKey(), new SweepValue(node.text(), node.asDouble()), node);
      warnings.add(file + ":" + node.line() + ": " + written + ": warning: " + e.getValue().path() + " (line "
          + e.getValue().line() + ") sets this field for every run; the value written here is not used");
    }
  }

  private static String optString(YNode root, String key, String dflt) {
    YNode n = root.get(key);
    return n == null || n.isNull() ? dflt : n.asString();
  }

  private static void readSweep(YNode node, LinkedHashMap<String, List<SweepValue>> sweep, int[] seeds,
      Set<String> allowedSymbols, Map<String, String> origin) {
    for (Map.Entry<String, YNode> e : node.entries().entrySet()) {
      String key = e.getKey();
      YNode v = e.getValue();
      if (key.equals("seeds")) {
        int s = v.asInt();
        if (s < 1) throw v.error("must be >= 1, got " + s);
        seeds[0] = s;
        continue;
      }
      if (!SYMBOLS.contains(key)) {
        throw v.error("unknown symbol (known: " + sorted(SYMBOLS) + ", and seeds)");
      }
      if (allowedSymbols != null && !allowedSymbols.contains(key)) {
        throw v.error("the fast sweep may only shorten symbols swept in the full sweep " + allowedSymbols);
      }
      v.requireList();
      if (v.items().isEmpty()) throw v.error("empty sweep: give at least one value");
      List<SweepValue> values = new ArrayList<>();
      Set<Double> seen = new LinkedHashSet<>();
      for (YNode item : v.items()) {
        SweepValue sv = sweepValue(item);
        checkRange(key, sv, item);
        if (!seen.add(sv.value())) throw item.error("value " + sv.text() + " is listed twice");
        values.add(sv);
      }
      sweep.put(key, List.copyOf(values));
      String field = settingOf(key);
      origin.put(field, v.path());
      if (key.equals("g")) origin.put("model.param", v.path());
    }
  }

  /** The settings field a symbol sets. */
  static String settingOf(String symbol) {
    switch (symbol) {
      case "n": case "m": return "model.width";
      case "alpha": return "model.alpha";
      case "kappa": case "g": return "model.kappa";
      case "L": case "depth": return "model.depth";
      case "P": return "data.train";
      default: throw new IllegalArgumentException("unknown symbol " + symbol);
    }
  }

  private static SweepValue sweepValue(YNode item) {
    if (item.isScalar() && item.scalarType() == YNode.ScalarType.STRING) {
      var m = RATIONAL.matcher(item.text());
      if (m.matches()) {
        double den = Double.parseDouble(m.group(2));
        if (den == 0) throw item.error("zero denominator in '" + item.text() + "'");
        return new SweepValue(m.group(1) + "/" + m.group(2), Double.parseDouble(m.group(1)) / den);
      }
      throw item.error("expected a number or a fraction such as 1/4, found '" + item.text() + "'");
    }
    double v = item.asDouble();
    return new SweepValue(item.text().trim(), v);
  }

  private static void checkRange(String symbol, SweepValue sv, YNode item) {
    double v = sv.value();
    switch (symbol) {
      case "n": case "m": case "L": case "depth": case "P":
        if (v != Math.rint(v) || v < 1 || v > Integer.MAX_VALUE) {
          throw item.error(symbol + " must be a whole number >= 1, got " + sv.text());
        }
        break;
      case "alpha": case "kappa":
        if (!(v > 0)) throw item.error(symbol + " must be > 0, got " + sv.text());
        break;
      default:
        break;
    }
  }

  /**
   * Reads {@code fit:} over {@code f}. {@code fit.bootstrap}, which older check files write, is checked
   * for range and otherwise not used: exponent intervals are the seed jackknife ({@link
   * scalecheck.fit.SeedJackknife}), which needs no resampling, and a collapse check's resamples are
   * {@code collapse.bootstrap}; a warning says so.
   */
  private FitOptions readFit(YNode node, FitOptions f, Path file) {
    if (node == null) return f;
    node.requireMap().requireOnlyKeys(FIT_KEYS);
    int drop = f.drop();
    int minPoints = f.minPoints();
    double conf = f.confidence();
    double minR2 = f.minR2();
    double maxEx = f.maxExcluded();
    if (node.has("drop")) {
      drop = node.get("drop").asInt();
      if (drop < 0) throw node.get("drop").error("must be >= 0, got " + drop);
    }
    if (node.has("min_points")) {
      minPoints = node.get("min_points").asInt();
      if (minPoints < 2) throw node.get("min_points").error("must be >= 2, got " + minPoints);
    }
    if (node.has("confidence")) {
      conf = node.get("confidence").asDouble();
      if (!(conf > 0 && conf < 1)) throw node.get("confidence").error("must be in (0, 1), got " + conf);
    }
    if (node.has("bootstrap")) {
      YNode b = node.get("bootstrap");
      int boot = b.asInt();
      if (boot < 0 || boot > MAX_BOOTSTRAP) throw b.error("must be in [0, " + MAX_BOOTSTRAP + "], got " + boot);
      warnings.add(file + ":" + b.line() + ": " + b.path() + ": warning: not used: exponent intervals are the seed"
          + " jackknife, which needs no resampling (a collapse check's resamples are collapse.bootstrap)");
    }
    if (node.has("min_r2")) {
      minR2 = node.get("min_r2").asDouble();
      if (!(minR2 >= 0 && minR2 <= 1)) throw node.get("min_r2").error("must be in [0, 1], got " + minR2);
    }
    if (node.has("max_excluded")) {
      maxEx = node.get("max_excluded").asDouble();
      if (!(maxEx >= 0 && maxEx < 1)) throw node.get("max_excluded").error("must be in [0, 1), got " + maxEx);
    }
    scalecheck.fit.Correction corr = f.correction();
    if (node.has("correction")) {
      try {
        corr = scalecheck.fit.Correction.parse(node.get("correction").text());
      } catch (IllegalArgumentException e) {
        throw node.get("correction").error(e.getMessage());
      }
    }
    return new FitOptions(drop, minPoints, conf, minR2, maxEx, corr);
  }

  /**
   * Reads {@code budget: {seeds, size, wall_seconds}} over {@code base} (null: the sweep itself, no
   * growth). {@code xs} are the swept values of the varied symbol, {@code seeds} the sweep's seeds.
   */
  private static CheckSpec.Budget readBudget(YNode node, CheckSpec.Budget base, List<SweepValue> xs, String vary,
      int seeds) {
    node.requireMap().requireOnlyKeys(BUDGET_KEYS);
    if (node.entries().isEmpty()) throw node.error("give at least one of seeds, size, wall_seconds");
    int maxSeeds = base == null ? seeds : base.seeds();
    double size = base == null ? Double.NaN : base.size();
    double wall = base == null ? Double.POSITIVE_INFINITY : base.wallSeconds();
    if (node.has("seeds")) {
      YNode v = node.get("seeds");
      maxSeeds = v.asInt();
      if (maxSeeds < seeds) throw v.error("must be >= sweep.seeds (" + seeds + "), got " + maxSeeds);
    }
    if (maxSeeds < seeds) {
      throw node.error("seeds " + maxSeeds + " is below sweep.seeds (" + seeds + "): raise budget seeds");
    }
    if (node.has("size")) {
      YNode v = node.get("size");
      if (!GROWABLE.contains(vary)) {
        throw v.error("the sweep grows by doubling the largest value of the varied symbol, which only makes sense for "
            + sorted(GROWABLE) + ", not " + vary);
      }
      size = v.asDouble();
      if (!(size > 0) || Double.isInfinite(size)) throw v.error("must be > 0 and finite, got " + v.text());
      if (!vary.equals("alpha") && !vary.equals("kappa") && size != Math.rint(size)) {
        throw v.error(vary + " must be a whole number, got " + v.text());
      }
      double largest = 0;
      for (SweepValue x : xs) largest = Math.max(largest, x.value());
      if (size < 2 * largest) {
        throw v.error("leaves no room to double the largest swept " + vary + " (" + Judge.fmt(largest)
            + "): give at least " + Judge.fmt(2 * largest));
      }
    }
    if (node.has("wall_seconds")) {
      YNode v = node.get("wall_seconds");
      wall = v.asDouble();
      if (!(wall > 0) || Double.isInfinite(wall)) throw v.error("must be > 0 and finite, got " + v.text());
    }
    return new CheckSpec.Budget(maxSeeds, size, wall);
  }

  private static BisectSpec readBisect(YNode node, BisectSpec base) {
    node.requireMap().requireOnlyKeys(BISECT_KEYS);
    String symbol = base == null ? "alpha" : base.symbol();
    double lo = base == null ? Double.NaN : base.lo();
    double hi = base == null ? Double.NaN : base.hi();
    double level = base == null ? Double.NaN : base.level();
    int iters = base == null ? 8 : base.iterations();
    String probe = base == null ? "kernel.change" : base.probe();
    if (node.has("symbol")) {
      symbol = node.get("symbol").asString();
      if (!symbol.equals("alpha")) throw node.get("symbol").error("only alpha can be bisected, got '" + symbol + "'");
    }
    if (node.has("lo")) lo = positive(node.get("lo"));
    if (node.has("hi")) hi = positive(node.get("hi"));
    if (node.has("level")) level = positive(node.get("level"));
    if (node.has("iterations")) {
      iters = node.get("iterations").asInt();
      if (iters < 2) throw node.get("iterations").error("must be >= 2, got " + iters);
    }
    if (node.has("probe")) {
      probe = node.get("probe").asString();
      if (!Probes.isRunProbe(probe)) throw node.get("probe").error(Probes.unknown("probe", probe));
    }
    if (Double.isNaN(lo)) throw new SpecException(node.file(), node.line(), node.path() + ".lo", "required field is missing");
    if (Double.isNaN(hi)) throw new SpecException(node.file(), node.line(), node.path() + ".hi", "required field is missing");
    if (Double.isNaN(level)) throw new SpecException(node.file(), node.line(), node.path() + ".level", "required field is missing");
    if (!(hi > lo)) throw node.error("needs lo < hi, got lo = " + lo + ", hi = " + hi);
    return new BisectSpec(symbol, lo, hi, level, iters, probe);
  }

  private static double positive(YNode n) {
    double v = n.asDouble();
    if (!(v > 0)) throw n.error("must be > 0, got " + n.text());
    return v;
  }

  /** Applies the keys of {@code section} (then of {@code fast.<prefix>}) onto a settings record. */
  private static <T extends Record> T overlay(T base, Class<T> type, YNode section, YNode fast, String prefix,
      Map<String, String> origin) {
    section.requireMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> values = MAPPER.convertValue(base, LinkedHashMap.class);
    Map<String, Class<?>> types = new LinkedHashMap<>();
    for (RecordComponent rc : type.getRecordComponents()) types.put(rc.getName(), rc.getType());
    apply(section, types, values, prefix, origin);
    if (fast != null && fast.get(prefix) != null) apply(fast.get(prefix).requireMap(), types, values, prefix, origin);
    return MAPPER.convertValue(values, type);
  }

  private static void apply(YNode section, Map<String, Class<?>> types, Map<String, Object> values,
      String prefix, Map<String, String> origin) {
    section.requireOnlyKeys(types.keySet());
    for (Map.Entry<String, YNode> e : section.entries().entrySet()) {
      Class<?> t = types.get(e.getKey());
      YNode v = e.getValue();
      Object value;
      if (t == int.class) value = v.asInt();
      else if (t == long.class) value = v.asLong();
      else if (t == double.class) value = v.asDouble();
      else if (t == boolean.class) value = v.asBoolean();
      else value = v.isNull() ? null : v.asString();
      values.put(e.getKey(), value);
      origin.put(prefix + "." + e.getKey(), v.path());
    }
  }
}
