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
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;

/**
 * The laws of every loaded theory file ({@code theory/*.yaml}), looked up by reference
 * {@code theory/law}. Loading parses each formula with Symja, checks every name against the file's
 * declared symbols and earlier laws, runs {@code derive:} (e.g. {@code Solve(t1 == 1, alpha)}), applies
 * the regime and simplifies; any problem is a {@link SpecException} naming the file, line and field.
 *
 * <p>File format: {@code id}, {@code title}, {@code source}, {@code symbols} (name: meaning),
 * optional {@code assumes}, and {@code laws}, a list of {@code id}, {@code quantity}, either
 * {@code scaling} (a Symja formula) or {@code derive} (a formula over earlier laws), and optional
 * {@code regime} (substitutions applied in order), {@code variables} (the symbols to report exponents
 * in), {@code norm}, {@code contests} (a competing law for the same quantity), {@code assumes} and
 * {@code note}.
 */
public final class TheoryBook {
  private static final Set<String> TOP_KEYS = Set.of("id", "title", "source", "symbols", "assumes", "note", "laws");
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
    YNode lawsNode = root.require("laws").requireList();
    List<Law> laws = new ArrayList<>();
    Map<String, YNode> contestNodes = new LinkedHashMap<>();
    for (YNode item : lawsNode.items()) {
      Law law = readLaw(file, id, symbols, laws, item, theoryAssumes);
      laws.add(law);
      if (law.contests() != null) contestNodes.put(law.contests(), item.get("contests"));
    }
    Set<String> ids = laws.stream().map(Law::id).collect(Collectors.toSet());
    for (Map.Entry<String, YNode> c : contestNodes.entrySet()) {
      if (!ids.contains(c.getKey())) {
        throw c.getValue().error("contests '" + c.getKey() + "', which is not a law of this file (laws: "
            + String.join(", ", ids) + ")");
      }
    }
    return new Theory(id, title, source, symbols, laws, file, assumes);
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
    String quantity = text(item.require("quantity"));
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
        contests, variables, free, assumptions, correction);
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
