package scalecheck.theory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import scalecheck.sim.Probes;
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;

/**
 * The laws of every loaded theory file ({@code theory/*.yaml}), looked up by reference
 * {@code theory/law}. Loading parses each formula with Symja, checks every name against the file's
 * declared symbols and earlier laws, runs {@code derive:} (e.g. {@code Solve(t1 == 1, alpha)}), applies
 * the regime and simplifies; any problem is a {@link SpecException} naming the file, line and field.
 *
 * <p>File format: {@code id}, {@code title}, {@code source}, {@code symbols} (name: meaning),
 * optional {@code assumes}, and {@code laws}, a list of {@code id}, {@code quantity} (a name registered in
 * {@link Probes}, a list of such names when each is an acceptable definition, e.g.
 * {@code [t1.loss_half, t1.kernel]}, or a declared symbol for a scaling variable), either
 * {@code scaling} (a Symja formula) or {@code derive} (a formula over earlier laws), and optional
 * {@code regime} (substitutions applied in order), {@code variables} (the symbols to report exponents
 * in), {@code norm}, {@code contests} (a competing law for the same quantity), {@code assumes} and
 * {@code note}.
 */
public final class TheoryBook {
  private static final Set<String> TOP_KEYS = Set.of("id", "title", "source", "symbols", "assumes", "note", "laws",
      "parameterisations");
  private static final Set<String> SCHEME_KEYS = Set.of("id", "width", "output", "regime", "depth", "layers", "note");
  private static final Set<String> LAYER_KEYS = Set.of("a", "b", "c");
  private static final Set<String> LAW_KEYS = Set.of("id", "quantity", "scaling", "derive", "regime", "variables",
      "norm", "contests", "assumes", "correction", "note");
  private static final Pattern IDENT = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
  private static final Pattern DECIMAL = Pattern.compile("(?<![A-Za-z0-9_])(\\d+\\.\\d*|\\.\\d+)");
  private static final Pattern SYMBOL_NAME = Pattern.compile("[a-z][a-z0-9]*");
  private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]*");

  private final List<Theory> theories;

  private TheoryBook(List<Theory> theories) {
    this.theories = List.copyOf(theories);
  }

  /** Loads every {@code *.yaml} file named, or found directly inside a named folder (sorted by name). */
  public static TheoryBook load(List<Path> filesOrDirs) {
    List<Path> files = new ArrayList<>();
    for (Path p : filesOrDirs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          s.filter(f -> f.getFileName().toString().endsWith(".yaml") && Files.isRegularFile(f)).sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new SpecException(p, 0, null, "cannot list folder: " + e.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new SpecException(p, 0, null, "no such file or folder");
      }
    }
    List<Theory> out = new ArrayList<>();
    Map<String, Path> seen = new LinkedHashMap<>();
    for (Path f : files) {
      YNode root = YNode.parse(f);
      Theory t = readTheory(f, root);
      if (seen.containsKey(t.id())) {
        throw root.get("id").error("theory id '" + t.id() + "' is already used by " + seen.get(t.id()));
      }
      seen.put(t.id(), f);
      out.add(t);
    }
    return new TheoryBook(out);
  }

  /** Loads one theory from text ({@code name} is used in messages only). */
  public static TheoryBook parse(String name, String yaml) {
    Path p = Path.of(name);
    return new TheoryBook(List.of(readTheory(p, YNode.parse(name, yaml))));
  }

  public List<Theory> theories() {
    return theories;
  }

  /** Every law of every theory, in file order. */
  public List<Law> laws() {
    return theories.stream().flatMap(t -> t.laws().stream()).collect(Collectors.toList());
  }

  /** The law {@code theory/law} (or a bare law id when only one theory has it). */
  public Optional<Law> find(String ref) {
    if (ref == null) return Optional.empty();
    int slash = ref.indexOf('/');
    if (slash >= 0) {
      String tid = ref.substring(0, slash);
      String lid = ref.substring(slash + 1);
      return theories.stream().filter(t -> t.id().equals(tid)).findFirst().flatMap(t -> t.law(lid));
    }
    List<Law> hits = laws().stream().filter(l -> l.id().equals(ref)).collect(Collectors.toList());
    return hits.size() == 1 ? Optional.of(hits.get(0)) : Optional.empty();
  }

  /** Like {@link #find} but throws IllegalArgumentException naming the known laws. */
  public Law law(String ref) {
    return find(ref).orElseThrow(() -> new IllegalArgumentException("unknown law '" + ref + "' (known: "
        + laws().stream().map(Law::ref).collect(Collectors.joining(", ")) + ")"));
  }

  // ---- reading ---------------------------------------------------------------------------------

  private static Theory readTheory(Path file, YNode root) {
    root.requireMap().requireOnlyKeys(TOP_KEYS);
    String id = text(root.require("id"));
    if (!ID.matcher(id).matches()) throw root.get("id").error("id must be letters, digits, '_' or '-': '" + id + "'");
    String title = text(root.require("title"));
    String source = text(root.require("source"));
    Assumptions theoryAssumes = Assumptions.read(root.get("assumes"));
    String assumes = theoryAssumes == null ? null : theoryAssumes.note();
    YNode symNode = root.require("symbols").requireMap();
    Map<String, String> symbols = new LinkedHashMap<>();
    for (Map.Entry<String, YNode> e : symNode.entries().entrySet()) {
      String s = e.getKey();
      YNode v = e.getValue();
      if (!SYMBOL_NAME.matcher(s).matches()) {
        throw v.error("symbol names are lower-case letters and digits, starting with a letter (Symja reads nL as nl; no '_'): '" + s + "'");
      }
      checkNotBuiltIn(s, v);
      symbols.put(s, v.isNull() ? "" : text(v));
    }
    List<Law> laws = new ArrayList<>();
    Map<String, YNode> contestNodes = new LinkedHashMap<>();
    if (root.has("laws") || !root.has("parameterisations")) {
      YNode lawsNode = root.require("laws").requireList();
      for (YNode item : lawsNode.items()) {
        Law law = readLaw(file, id, symbols, laws, item, theoryAssumes);
        laws.add(law);
        if (law.contests() != null) contestNodes.put(law.contests(), item.get("contests"));
      }
    }
    List<Derivation> derivations = new ArrayList<>();
    if (root.has("parameterisations")) {
      for (YNode item : root.require("parameterisations").requireList().items()) {
        Scheme scheme = readScheme(file, id, symbols, derivations, item);
        Derivation d = Derivation.of(scheme, outputExponent(scheme, item));
        derivations.add(d);
        for (Law law : schemeLaws(d, symbols, item)) {
          if (laws.stream().anyMatch(l -> l.id().equals(law.id()))) {
            throw item.get("id").error("parameterisation '" + scheme.id() + "' derives law '" + law.id()
                + "', which is already a law of this file");
          }
          laws.add(law);
        }
      }
    }
    Set<String> ids = laws.stream().map(Law::id).collect(Collectors.toSet());
    for (Map.Entry<String, YNode> c : contestNodes.entrySet()) {
      if (!ids.contains(c.getKey())) {
        throw c.getValue().error("contests '" + c.getKey() + "', which is not a law of this file (laws: "
            + String.join(", ", ids) + ")");
      }
    }
    return new Theory(id, title, source, symbols, laws, file, assumes, derivations);
  }

  private static void checkNotBuiltIn(String s, YNode where) {
    Set<String> free;
    try {
      free = Symja.freeSymbols(s);
    } catch (Symja.Failure f) {
      throw where.error("cannot use '" + s + "' as a symbol: " + f.getMessage());
    }
    if (!free.equals(Set.of(s))) {
      throw where.error("'" + s + "' is a name Symja already uses (e.g. sin, log, gamma); choose another symbol name");
    }
  }

  private static Law readLaw(Path file, String theoryId, Map<String, String> symbols, List<Law> earlier, YNode item,
      Assumptions theoryAssumes) {
    item.requireMap().requireOnlyKeys(LAW_KEYS);
    YNode idNode = item.require("id");
    String id = text(idNode);
    if (!ID.matcher(id).matches()) throw idNode.error("law id must be letters, digits, '_' or '-': '" + id + "'");
    if (earlier.stream().anyMatch(l -> l.id().equals(id))) throw idNode.error("duplicate law id '" + id + "'");
    List<String> quantities = quantities(item.require("quantity"), symbols);
    String quantity = quantities.get(0);
    boolean hasScaling = item.has("scaling");
    boolean hasDerive = item.has("derive");
    if (hasScaling == hasDerive) {
      throw new SpecException(file, item.line(), item.path(),
          "law '" + id + "' needs exactly one of 'scaling' (a formula) or 'derive' (a formula over earlier laws)");
    }
    String kind = hasScaling ? "scaling" : "derive";
    YNode exprNode = item.require(kind);
    String expression = formula(exprNode);
    Map<String, String> lawRefs = new LinkedHashMap<>();
    for (Law l : earlier) lawRefs.put(l.id(), l.derived());
    String text = resolveNames(exprNode, expression, symbols, hasDerive ? lawRefs : Map.of(), earlier);

    String base;
    try {
      if (hasDerive && text.trim().startsWith("Solve(")) {
        base = Symja.solveSingle(text);
      } else {
        base = Symja.evaluate(text);
      }
    } catch (Symja.Failure f) {
      throw exprNode.error(f.getMessage());
    }

    Map<String, String> regime = new LinkedHashMap<>();
    YNode regimeNode = item.get("regime");
    if (regimeNode != null && !regimeNode.isNull()) {
      regimeNode.requireMap();
      for (Map.Entry<String, YNode> e : regimeNode.entries().entrySet()) {
        if (!symbols.containsKey(e.getKey())) {
          throw e.getValue().error("regime substitutes '" + e.getKey() + "', which is not a declared symbol (declared: "
              + String.join(", ", symbols.keySet()) + ")");
        }
        String v = formula(e.getValue());
        resolveNames(e.getValue(), v, symbols, Map.of(), earlier);
        regime.put(e.getKey(), v);
      }
    }
    String derived;
    try {
      derived = regime.isEmpty() ? base : Symja.simplify(base, regime);
    } catch (Symja.Failure f) {
      throw (regimeNode != null ? regimeNode : exprNode).error(f.getMessage());
    }
    Set<String> free;
    try {
      free = Symja.freeSymbols(derived);
    } catch (Symja.Failure f) {
      throw exprNode.error(f.getMessage());
    }

    List<String> variables = new ArrayList<>();
    YNode varNode = item.get("variables");
    if (varNode != null && !varNode.isNull()) {
      for (YNode v : varNode.requireList().items()) {
        String s = text(v);
        if (!symbols.containsKey(s)) {
          throw v.error("'" + s + "' is not a declared symbol (declared: " + String.join(", ", symbols.keySet()) + ")");
        }
        if (variables.contains(s)) throw v.error("'" + s + "' is listed twice");
        variables.add(s);
      }
    } else {
      for (String s : symbols.keySet()) if (free.contains(s)) variables.add(s);
    }

    String note = item.has("note") ? text(item.require("note")) : null;
    Assumptions own = Assumptions.read(item.get("assumes"));
    if (own != null && own.note() != null) {
      note = note == null ? "Assumes: " + own.note() : note + " Assumes: " + own.note();
    }
    Assumptions assumptions = (theoryAssumes == null ? Assumptions.none() : theoryAssumes.with(null)).with(own);
    String norm = item.has("norm") ? text(item.require("norm")) : null;
    String correction = null;
    if (item.has("correction")) {
      correction = text(item.require("correction"));
      if (!correction.matches("none|fit|[0-9]+(\\.[0-9]+)?(/[0-9]+)?")) {
        throw item.get("correction").error("expected none, fit or a number omega > 0 (e.g. 1/2), got '" + correction + "'");
      }
    }
    String contests = item.has("contests") ? text(item.require("contests")) : null;
    if (id.equals(contests)) throw item.get("contests").error("a law cannot contest itself");
    return new Law(theoryId, id, quantity, expression, derived, regime, note, file, item.line(), kind, norm,
        contests, variables, free, assumptions, correction, quantities);
  }

  /**
   * A law's {@code quantity:}: one name or a list of acceptable definitions, each registered in
   * {@link Probes} (what a check can measure) or a declared symbol of the theory (a scaling variable,
   * which a collapse check tests); anything else is bad input naming the closest registered name.
   */
  private static List<String> quantities(YNode node, Map<String, String> symbols) {
    List<YNode> items = node.isList() ? node.items() : List.of(node);
    if (items.isEmpty()) throw node.error("needs at least one quantity");
    List<String> out = new ArrayList<>();
    for (YNode n : items) {
      String q = text(n);
      if (!Probes.isKnown(q) && !symbols.containsKey(q)) {
        throw n.error(Probes.unknown("quantity", q) + "; or a declared symbol of this file (a scaling variable: "
            + String.join(", ", symbols.keySet()) + ")");
      }
      if (out.contains(q)) throw n.error("'" + q + "' is listed twice");
      out.add(q);
    }
    return List.copyOf(out);
  }

  // ---- parameterisations -------------------------------------------------------------------

  private static Scheme readScheme(Path file, String theoryId, Map<String, String> symbols, List<Derivation> earlier,
      YNode item) {
    item.requireMap().requireOnlyKeys(SCHEME_KEYS);
    YNode idNode = item.require("id");
    String id = text(idNode);
    if (!ID.matcher(id).matches()) throw idNode.error("id must be letters, digits, '_' or '-': '" + id + "'");
    if (earlier.stream().anyMatch(d -> d.scheme().id().equals(id))) throw idNode.error("duplicate parameterisation id '" + id + "'");
    String width = item.has("width") ? text(item.require("width")) : "n";
    if (!symbols.containsKey(width)) {
      throw (item.has("width") ? item.get("width") : idNode).error("width symbol '" + width
          + "' is not a declared symbol (declared: " + String.join(", ", symbols.keySet()) + ")");
    }
    String output = "1";
    if (item.has("output")) {
      YNode o = item.get("output");
      output = formula(o);
      resolveNames(o, output, symbols, Map.of(), List.of());
    }
    Map<String, String> regime = new LinkedHashMap<>();
    YNode regimeNode = item.get("regime");
    if (regimeNode != null && !regimeNode.isNull()) {
      for (Map.Entry<String, YNode> e : regimeNode.requireMap().entries().entrySet()) {
        if (!symbols.containsKey(e.getKey())) {
          throw e.getValue().error("regime substitutes '" + e.getKey() + "', which is not a declared symbol (declared: "
              + String.join(", ", symbols.keySet()) + ")");
        }
        String v = formula(e.getValue());
        resolveNames(e.getValue(), v, symbols, Map.of(), List.of());
        regime.put(e.getKey(), v);
      }
    }
    YNode depthNode = item.require("depth");
    int depth = depthNode.asInt();
    if (depth < 1) throw depthNode.error("must be >= 1, got " + depth);
    YNode layersNode = item.require("layers").requireList();
    if (layersNode.items().size() != depth + 1) {
      throw layersNode.error("depth " + depth + " needs " + (depth + 1) + " layers (W^0 input .. W^" + depth
          + " output), found " + layersNode.items().size());
    }
    List<Scheme.Layer> layers = new ArrayList<>();
    for (YNode ln : layersNode.items()) {
      ln.requireMap().requireOnlyKeys(LAYER_KEYS);
      layers.add(new Scheme.Layer(exponent(ln, "a", symbols), exponent(ln, "b", symbols), exponent(ln, "c", symbols)));
    }
    String note = item.has("note") ? text(item.require("note")) : null;
    return new Scheme(theoryId, id, width, output, regime, layers, note, file, item.line());
  }

  /** One exponent of a layer: missing means 0; an exact rational or affine in g. */
  private static Affine exponent(YNode layer, String key, Map<String, String> symbols) {
    YNode v = layer.get(key);
    if (v == null || v.isNull()) return Affine.ZERO;
    if (!v.isScalar() || v.scalarType() == YNode.ScalarType.BOOL) {
      throw v.error("expected an exact rational or an expression affine in g (1/2, -g, 1/2 - g), found " + v.text());
    }
    if (v.scalarType() == YNode.ScalarType.FLOAT) {
      throw v.error("write exact numbers (1/4, not " + v.text() + "): exponents are exact rationals");
    }
    Affine a;
    try {
      a = Affine.parse(v.text());
    } catch (IllegalArgumentException e) {
      throw v.error(e.getMessage());
    }
    if (!a.isConstant() && !symbols.containsKey("g")) {
      throw v.error("'" + v.text() + "' uses g, which is not a declared symbol of this file (declare g: the width exponent of kappa)");
    }
    return a;
  }

  /** Width exponent of the output scale after its regime: affine in g (read off at g = 0, 1 and checked at 2). */
  private static Affine outputExponent(Scheme s, YNode item) {
    YNode where = item.has("output") ? item.get("output") : item.get("id");
    try {
      String text = Symja.evaluate(s.output());
      Map<String, String> subs = new LinkedHashMap<>(s.regime());
      String after = subs.isEmpty() ? text : Symja.simplify(text, subs);
      if (!Symja.freeSymbols(after).contains("g")) {
        Exponent e = Symja.exponent(after, s.width(), Map.of());
        if (!e.isPowerLaw()) throw where.error("output scale is not a power law in " + s.width() + ": " + e.note());
        return Affine.of(e.value());
      }
      Rational[] at = new Rational[3];
      for (int gv = 0; gv < 3; gv++) {
        Exponent e = Symja.exponent(after, s.width(), Map.of("g", Integer.toString(gv)));
        if (!e.isPowerLaw()) throw where.error("output scale is not a power law in " + s.width() + ": " + e.note());
        at[gv] = e.value();
      }
      Affine a = new Affine(at[0], at[1].sub(at[0]));
      if (!a.at(Rational.of(2)).equals(at[2])) throw where.error("the width exponent of the output scale is not affine in g");
      return a;
    } catch (Symja.Failure f) {
      throw where.error(f.getMessage());
    }
  }

  /**
   * The laws a parameterisation implies, with ids {@code <id>_<quantity>}: on the theta-lazy side
   * {@code _out_init} (initial output size), {@code _dW_l<k>}, {@code _dWrel_l<k>}, {@code _dz_l<k>},
   * {@code _rd} (and {@code _rd_rich}, its contest for G &lt;= 0); and {@code _coord_l<k>} (pre-activation
   * change after a fixed number of steps).
   */
  private static List<Law> schemeLaws(Derivation d, Map<String, String> symbols, YNode item) {
    Scheme s = d.scheme();
    String w = s.width();
    String out = "(" + s.output() + ")";
    Affine kNoOut = d.kappa().add(Derivation.HALF.neg()).sub(d.outputExponent());
    List<Law> laws = new ArrayList<>();
    String lazyNote = "Theta-lazy side only (" + d.regime() + "): gradient flow to a fit, ReLU (positively homogeneous)"
        + " activation; exponent derived here from the parameterisation (kappa and layer rates), not stated in a paper.";
    laws.add(schemeLaw(s, symbols, item, "out_init", "out.init.rms", out + "*" + power(w, kNoOut), null,
        "Initial output size K = kappa/sqrt(" + w + ") (central limit theorem over each layer's fan-in).", null));
    for (Map.Entry<String, Affine> e : d.lazy().entrySet()) {
      String q = e.getKey();
      String lid = q.equals("rd.sup") ? "rd" : q.replace('.', '_');
      String norm = q.startsWith("dWrel") ? "||W(T) - W(0)||_F / ||W(0)||_F" : (q.startsWith("dW") ? "RMS over entries of W(T) - W(0)"
          : (q.equals("rd.sup") ? "sup over t of ||W^0(t) - W^0(0)||_F / ||W^0(0)||_F" : "RMS over neurons and training inputs of z(T) - z(0)"));
      laws.add(schemeLaw(s, symbols, item, lid, q, power(w, e.getValue().add(d.outputExponent()))
          + "/" + out, norm, lazyNote, null));
    }
    laws.add(schemeLaw(s, symbols, item, "rd_rich", "rd.sup", "1", "sup over t of ||W^0(t) - W^0(0)||_F / ||W^0(0)||_F",
        "G <= 0 (critical and condensed sides): the relative distance does not decrease with " + w
            + " (Li-Luo-Zhou; Luo et al.); exponent 0 is the lower bound.", "rd"));
    for (Map.Entry<String, Affine> e : d.coord().entrySet()) {
      String q = e.getKey();
      laws.add(schemeLaw(s, symbols, item, "coord_" + q.replace('.', '_'), q, power(w, e.getValue()),
          "RMS over neurons and training inputs of z(T) - z(0)",
          "Coordinate check: a fixed number of gradient steps, loss derivative O(1) (centred output); first-order size of"
              + " the change, Yang-Hu's r argument per layer (derived here for each layer; Tensor Programs IV gives r, the"
              + " smallest).", null));
    }
    return laws;
  }

  private static String power(String w, Affine e) {
    return w + "^(" + e + ")";
  }

  private static Law schemeLaw(Scheme s, Map<String, String> symbols, YNode item, String suffix, String quantity,
      String formula, String norm, String note, String contests) {
    String id = s.id() + "_" + suffix;
    String derived;
    try {
      String base = Symja.evaluate(formula);
      derived = s.regime().isEmpty() ? base : Symja.simplify(base, s.regime());
    } catch (Symja.Failure f) {
      throw item.get("id").error("cannot derive " + id + ": " + f.getMessage());
    }
    Set<String> free = Symja.freeSymbols(derived);
    List<String> variables = new ArrayList<>();
    variables.add(s.width());
    return new Law(s.theoryId(), id, quantity, formula, derived, s.regime(), note, s.file(), s.line(), "derive", norm,
        contests == null ? null : s.id() + "_" + contests, variables, free, Assumptions.none(), null, null);
  }

  private static String text(YNode n) {
    String s = n.asString();
    if (s.isBlank()) throw n.error("empty text");
    return s.trim();
  }

  /** A formula field: text or a whole number; decimals are refused (exponents are exact). */
  private static String formula(YNode n) {
    if (n.isScalar() && (n.scalarType() == YNode.ScalarType.FLOAT || n.scalarType() == YNode.ScalarType.BOOL)) {
      throw n.error("expected an exact formula such as 1/4 or n^(-1/2), found '" + n.text() + "'");
    }
    String s = text(n);
    Matcher d = DECIMAL.matcher(s);
    if (d.find()) throw n.error("write exact numbers (1/4, not 0.25): found '" + d.group(1) + "'");
    return s;
  }

  /**
   * Checks every name in a formula: declared symbols and constants stay, function names are left to
   * Symja, earlier law ids (derive only) are replaced by their derived forms; anything else is an error.
   */
  private static String resolveNames(YNode where, String s, Map<String, String> symbols, Map<String, String> lawRefs,
      List<Law> earlier) {
    StringBuilder out = new StringBuilder();
    Matcher m = IDENT.matcher(s);
    int last = 0;
    while (m.find()) {
      String name = m.group();
      int after = m.end();
      while (after < s.length() && Character.isWhitespace(s.charAt(after))) after++;
      boolean call = after < s.length() && (s.charAt(after) == '(' || s.charAt(after) == '[');
      if (m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1))) {
        throw where.error("write an explicit product such as 2*n, found '" + s.substring(m.start() - 1, m.end()) + "'");
      }
      out.append(s, last, m.start());
      last = m.end();
      if (call) {
        if (symbols.containsKey(name) || lawRefs.containsKey(name)) {
          throw where.error("'" + name + "(' reads as a function call; write " + name + "*(...) for a product");
        }
        boolean builtIn;
        try {
          builtIn = Symja.freeSymbols(name).isEmpty();
        } catch (Symja.Failure f) {
          builtIn = false;
        }
        if (!builtIn) {
          throw where.error("unknown function " + name + " (Symja names are capitalised: Sqrt, Log, Exp, Solve)");
        }
        out.append(name);
      } else if (lawRefs.containsKey(name)) {
        out.append('(').append(lawRefs.get(name)).append(')');
      } else if (symbols.containsKey(name) || Symja.CONSTANTS.contains(name)) {
        out.append(name);
      } else {
        String known = "declared symbols: " + String.join(", ", symbols.keySet());
        if (!lawRefs.isEmpty()) known += "; earlier laws: " + String.join(", ", lawRefs.keySet());
        boolean isLawElsewhere = earlier.stream().anyMatch(l -> l.id().equals(name));
        if (isLawElsewhere) {
          throw where.error("'" + name + "' is a law: refer to laws in 'derive:', not in 'scaling:'");
        }
        throw where.error("unknown symbol or law '" + name + "' (" + known + ")");
      }
    }
    out.append(s.substring(last));
    return out.toString();
  }
}
