package scalecheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static scalecheck.PropertyRuns.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scalecheck.check.CheckResult;
import scalecheck.check.LawSource;
import scalecheck.check.SimulatorExecutor;
import scalecheck.check.TheoryLawSource;
import scalecheck.check.Verdict;
import scalecheck.check.Verifier;
import scalecheck.spec.SpecException;
import scalecheck.theory.TheoryBook;

/**
 * Fuzzes both parsers with files mutated from the shipped {@code theory/*.yaml} and {@code checks/*.yaml}
 * (lines deleted, duplicated, swapped; values replaced by random tokens of the wrong type, huge, negative,
 * NaN, infinite, unicode or broken expressions; truncation; deep nesting; tabs; random bytes). The only
 * allowed outcomes are a successful parse or a {@link SpecException} whose message starts with
 * {@code file:line:}; any other exception or a run past the per-example timeout fails. Check files go
 * through {@link Verifier#prepare}, the parse-and-validate step of {@code scalecheck verify}, and a
 * rejected check must never carry a verdict other than INCONCLUSIVE. Counts go to
 * {@code target/fuzz-counts.txt}.
 */
class ParserFuzzProperties {
  private static final int EXAMPLES = Integer.getInteger("scalecheck.fuzz.examples", 600);
  private static final Duration PER_EXAMPLE = Duration.ofSeconds(20);
  private static final Path WORK = Path.of("target", "fuzz");

  private static final String[] TOKENS = {
    "-1", "0", "-0", "1", "2.5", "1e400", "-1e400", "1e-400", "NaN", ".nan", ".NaN", ".inf", "-.inf", "+.inf",
    "9999999999999999999999999", "-9223372036854775809", "2147483648", "0x10", "0o17", "1_000", "1/0", "0/0",
    "1/", "/2", "-1/2", "3/4", "abc", "[]", "{}", "[1, [2]]", "[[], {}]", "~", "null", "true", "no", "'x'",
    "\"\"", "\"\u00e9\u4e2d\u6587\"", "\ud83d\ude00", "\u0000", "\u202e", "n^", "(", ")", "sqrt(", "n**-1/2",
    "n^(-1/2)*alpha^-1", "n^n", "alpha^(1/0)", "Log[n]", "x^^2", "D[n,n]", "n/0", "1/(n-n)", "Infinity",
    "ComplexInfinity", "I", "n^1e400", "n^0.5", "geiger/dz", "geiger/nope", "nope/dz", "dz.mean", "kernel.change",
    "dW.l0", "dW.l999999999999", "alpha_star", "spread", "exponent", "below", "above", "relu", "ntk", "mf",
    "n", "m", "alpha", "kappa", "g", "L", "P", "seeds", "&a", "*a", "!!binary AAAA", "!!float x", "|", ">",
    "? x", "- - -", "(n+alpha)^100000", "n^(10^10)", "Expand((1+n)^3000)", "Factorial(100000)",
    "n^(1/3)^(1/5)^(1/7)", "Nest(f, n, 100000)", "alpha^(-1/2)*n^(3/4)", "Sqrt(n)*Log(alpha)", "%YAML 1.2", "---", "...", "#", "'unterminated", "\"unterminated", "{a: 1", "[1, 2",
  };

  private static List<Source> theories;
  private static List<Source> checks;
  private static LawSource laws;
  private static final AtomicInteger[] THEORY = counters();
  private static final AtomicInteger[] CHECK = counters();
  private static final AtomicInteger[] CHECK_GEN = counters();
  private static final AtomicInteger[] THEORY_EXPR = counters();

  record Source(String name, List<String> lines) {}

  private static AtomicInteger[] counters() {
    return new AtomicInteger[] {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
  }

  @BeforeAll
  static void load() throws IOException {
    theories = sources(Path.of("theory"));
    checks = new ArrayList<>(sources(Path.of("checks")));
    checks.addAll(sources(Path.of("checks", "controls")));
    try (Stream<Path> s = Files.list(Path.of("theory"))) {
      laws = TheoryLawSource.load(s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList());
    }
    Files.createDirectories(WORK);
  }

  @AfterAll
  static void writeCounts() throws IOException {
    String text = String.format(Locale.ROOT,
        "theory files (mutated): tried %d, rejected %d (SpecException file:line), accepted %d%n"
            + "theory files (random scaling formulas): tried %d, rejected %d (SpecException file:line), accepted %d%n"
            + "check files (mutated): tried %d, rejected %d (SpecException file:line), accepted %d%n"
            + "check files (generated field by field): tried %d, rejected %d (SpecException file:line), accepted %d%n",
        THEORY[0].get(), THEORY[1].get(), THEORY[2].get(), THEORY_EXPR[0].get(), THEORY_EXPR[1].get(),
        THEORY_EXPR[2].get(), CHECK[0].get(), CHECK[1].get(), CHECK[2].get(),
        CHECK_GEN[0].get(), CHECK_GEN[1].get(), CHECK_GEN[2].get());
    Files.writeString(Path.of("target", "fuzz-counts.txt"), text, StandardCharsets.UTF_8);
  }

  private static List<Source> sources(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Source> out = new ArrayList<>();
      for (Path f : s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(new Source(f.getFileName().toString(), Files.readAllLines(f, StandardCharsets.UTF_8)));
      }
      return out;
    }
  }

  @Test
  void mutatedTheoryFilesParseOrNameFileAndLine() {
    qt(EXAMPLES).withShrinkCycles(50)
        .forAll(integers().between(0, 1_000_000), longs().all(), integers().between(1, 6))
        .checkAssert((pick, seed, n) -> {
          Source src = theories.get(pick % theories.size());
          String text = mutate(src.lines(), new SplittableRandom(seed), n);
          String name = "fuzz-" + src.name();
          THEORY[0].incrementAndGet();
          assertTimeoutPreemptively(PER_EXAMPLE, () -> {
            try {
              TheoryBook.parse(name, text);
              THEORY[2].incrementAndGet();
            } catch (SpecException e) {
              assertFileLine(name, e, text);
              THEORY[1].incrementAndGet();
            } catch (Throwable t) {
              fail("theory parser threw " + t + " on:\n" + shortened(text), t);
            }
          });
        });
  }

  @Test
  void mutatedCheckFilesValidateOrNameFileAndLine() {
    Verifier verifier = new Verifier(laws, new SimulatorExecutor());
    Verifier.Options opt = new Verifier.Options(true, 1, 2, Runtime.getRuntime().maxMemory());
    qt(EXAMPLES).withShrinkCycles(50)
        .forAll(integers().between(0, 1_000_000), longs().all(), integers().between(1, 6))
        .checkAssert((pick, seed, n) -> {
          Source src = checks.get(pick % checks.size());
          SplittableRandom r = new SplittableRandom(seed);
          String text = mutate(src.lines(), r, n);
          Path f = WORK.resolve(src.name());
          write(f, withRawBytes(text, r));
          CHECK[0].incrementAndGet();
          assertTimeoutPreemptively(PER_EXAMPLE, () -> {
            Verifier.Prepared p;
            try {
              p = verifier.prepare(List.of(f), opt);
            } catch (Throwable t) {
              fail("check validation threw " + t + " on:\n" + shortened(text), t);
              return;
            }
            if (p.errors().isEmpty()) {
              assertEquals(1, p.checks().size(), () -> shortened(text));
              CHECK[2].incrementAndGet();
            } else {
              assertEquals(0, p.checks().size(), () -> shortened(text));
              assertEquals(1, p.errors().size(), () -> shortened(text));
              assertTrue(p.errors().get(0).matches(Pattern.quote(f.toString()) + ":[1-9][0-9]*: (?s).*"),
                  () -> "message without file:line: " + p.errors().get(0) + "\non:\n" + shortened(text));
              for (CheckResult rejected : p.rejected()) {
                assertEquals(Verdict.REFUSED, rejected.verdict(), "a bad file got a verdict");
              }
              CHECK[1].incrementAndGet();
            }
          });
        });
  }

  /** Theory files whose {@code scaling:} formulas are random expression trees (Symja input). */
  @Test
  void randomScalingFormulasParseOrNameFileAndLine() {
    qt(EXAMPLES / 2).withShrinkCycles(50)
        .forAll(integers().between(0, 1_000_000), longs().all())
        .checkAssert((pick, seed) -> {
          Source src = theories.get(pick % theories.size());
          SplittableRandom r = new SplittableRandom(seed);
          List<String> lines = new ArrayList<>(src.lines());
          List<Integer> scaling = new ArrayList<>();
          for (int i = 0; i < lines.size(); i++) if (lines.get(i).trim().startsWith("scaling:")) scaling.add(i);
          if (scaling.isEmpty()) return;
          int i = scaling.get(r.nextInt(scaling.size()));
          String indent = lines.get(i).substring(0, lines.get(i).indexOf("scaling:"));
          String formula = expression(r, 4);
          lines.set(i, indent + "scaling: \"" + formula + "\"");
          String text = String.join("\n", lines) + "\n";
          String name = "expr-" + src.name();
          THEORY_EXPR[0].incrementAndGet();
          assertTimeoutPreemptively(PER_EXAMPLE, () -> {
            try {
              TheoryBook.parse(name, text);
              THEORY_EXPR[2].incrementAndGet();
            } catch (SpecException e) {
              assertFileLine(name, e, formula);
              // the formula's own line, or a later law that derives from it
              assertTrue(e.line() >= i + 1, () -> "formula on line " + (i + 1) + " blamed on: " + e.getMessage());
              THEORY_EXPR[1].incrementAndGet();
            } catch (Throwable t) {
              fail("theory parser threw " + t + " on formula " + formula, t);
            }
          });
        });
  }

  private static final String[] LEAVES = {"n", "alpha", "kappa", "m", "g", "L", "P", "x", "0", "1", "2", "-1",
    "1/2", "0.5", "1e400", "99999999999999999999", "Pi", "E", "I", "Infinity", "Indeterminate", "True", "nope_1"};
  private static final String[] UNARY = {"Sqrt", "Log", "Exp", "Sin", "Abs", "Gamma", "Factorial", "D", "Integrate",
    "Nest", ""};
  private static final String[] BINARY = {"+", "-", "*", "/", "^", "==", ",", "&&", "**", "^^", " "};

  private static String expression(SplittableRandom r, int depth) {
    if (depth == 0 || r.nextInt(3) == 0) return LEAVES[r.nextInt(LEAVES.length)];
    if (r.nextBoolean()) {
      String f = UNARY[r.nextInt(UNARY.length)];
      return f + "(" + expression(r, depth - 1) + ")";
    }
    return "(" + expression(r, depth - 1) + BINARY[r.nextInt(BINARY.length)] + expression(r, depth - 1) + ")";
  }

  /** Field values for generated check files: valid ones first, then wrong types, ranges and references. */
  private static final String[][] FIELDS = {
    {"law", "geiger/dz", "geiger/dW_hidden", "chizat/chizat_dw", "geiger/alpha_star", "[geiger/dz, geiger/dz]",
        "geiger/nope", "[]", "{a: 1}", "~", "3"},
    {"vary", "n", "alpha", "P", "L", "kappa", "g", "zeta", "[n]", "~"},
    {"model", "{param: ntk, depth: 1, activation: relu, alpha: 8}", "{param: mf, depth: 2, activation: tanh}",
        "{param: ntk, depth: 0}", "{alpha: -1}", "{alpha: .inf}", "{alpha: .nan}", "{width: 0}", "{depth: 1e400}",
        "{activation: 3}", "{centred: maybe}", "[]", "{}", "x"},
    {"data", "{kind: linear, d: 4, train: 16, test: 16}", "{kind: teacher2d, d: 2, train: 16, test: 8, k: 3}",
        "{d: 0}", "{train: -5}", "{test: 1.5}", "{kind: nope}", "{d: .nan}", "{train: 99999999999}", "[]"},
    {"dynamics", "{kind: flow, loss: softhinge, lossBeta: 20, stop: time, maxTime: 1}",
        "{kind: gd, loss: squared, lr: 0.01, stop: time, maxTime: 1}", "{kind: gd, lr: -1}", "{lr: .nan}",
        "{maxTime: .inf}", "{maxSteps: -1}", "{stop: never}", "{batch: 0}", "{kind: sgd, batch: 99999999999}",
        "{checkpoints: -3}", "{tau: .nan}", "[]"},
    {"sweep", "{n: [16, 32], seeds: 2}", "{alpha: [1, 2, 4], seeds: 1}", "{P: [8, 16], seeds: 1}",
        "{n: [16, 32]}", "{n: [], seeds: 1}", "{n: [0, 1], seeds: 1}", "{n: [16, 16], seeds: 1}",
        "{n: [16, 32], seeds: 0}", "{n: [16, 32], seeds: .inf}", "{alpha: [0, 1], seeds: 1}",
        "{alpha: [1/0, 1], seeds: 1}", "{alpha: [1/4, 1/2], seeds: 1}", "{alpha: ['-1/2', 1], seeds: 1}",
        "{n: [16, 32], alpha: [1, 2], seeds: 2}", "{n: [16, 32], m: [16, 32], seeds: 1}", "[]"},
    {"measure", "dz.mean", "dW.hidden", "dw.total", "spread", "alpha_star", "kernel.change", "dW.l0", "dW.l9",
        "dz.l-1", "nope", "[]"},
    {"tolerance", "0.1", "1", "0", "-1", ".nan", ".inf", "x", "[]"},
    {"expect", "exponent", "below", "above", "sideways", "~", "[]"},
    {"fit", "{drop: 0}", "{drop: 5}", "{min_points: 1}", "{confidence: 1}", "{bootstrap: -1}", "{min_r2: 2}",
        "{max_excluded: .nan}", "{nope: 1}", "[]"},
    {"bisect", "{symbol: alpha, lo: 0.05, hi: 32, level: 0.1, iterations: 3, probe: kernel.change}",
        "{lo: 5, hi: 1, level: 0.1}", "{lo: .inf, hi: 1, level: 0.1}", "{iterations: 0}", "{probe: nope}", "[]"},
    {"fast", "{sweep: {n: [16, 32], seeds: 1}}", "{sweep: {q: [1, 2]}}", "{model: {depth: -1}}", "{tolerance: 1}",
        "{bisect: {iterations: 2}}", "[]"},
    {"regime", "{side: lazy}", "{g: 1/2}", "[]", "{a: {b: c}}"},
    {"control", "{must_fail: true}", "{must_fail: 3}", "{x: 1}"},
  };

  /** Consistent required fields that generated files start from (each then replaced with probability 1/6). */
  private static final List<java.util.Map<String, String>> TEMPLATES = List.of(
      java.util.Map.of("law", "geiger/dz", "vary", "n", "model", "{param: ntk, depth: 1, activation: relu, alpha: 8}",
          "data", "{kind: linear, d: 4, train: 16, test: 16}",
          "dynamics", "{kind: flow, loss: softhinge, lossBeta: 20, stop: time, maxTime: 1}",
          "sweep", "{n: [16, 32], seeds: 2}", "measure", "dz.mean", "tolerance", "0.1"),
      java.util.Map.of("law", "chizat/chizat_dw", "vary", "alpha",
          "model", "{param: mf, depth: 1, activation: relu, width: 16, centred: true}",
          "data", "{kind: teacher2d, d: 2, train: 16, test: 8, k: 3}",
          "dynamics", "{kind: gd, loss: squared, lr: 0.01, stop: time, maxTime: 1}",
          "sweep", "{alpha: [1, 2, 4], seeds: 1}", "measure", "dw.total", "tolerance", "0.1"));

  /** Check files assembled field by field: each optional field present or not, each value valid or not. */
  @Test
  void generatedCheckFilesValidateOrNameFileAndLine() {
    Verifier verifier = new Verifier(laws, new SimulatorExecutor());
    Verifier.Options opt = new Verifier.Options(false, 1, 2, Runtime.getRuntime().maxMemory());
    qt(EXAMPLES).withShrinkCycles(50)
        .forAll(longs().all())
        .checkAssert(seed -> {
          SplittableRandom r = new SplittableRandom(seed);
          StringBuilder sb = new StringBuilder("id: g\n");
          java.util.Map<String, String> template = TEMPLATES.get(r.nextInt(TEMPLATES.size()));
          for (String[] f : FIELDS) {
            String v = template.get(f[0]);
            if (v == null) {
              if (r.nextInt(3) != 0) continue; // optional field left out
              v = f[1 + r.nextInt(f.length - 1)];
            } else if (r.nextInt(6) == 0) {
              if (r.nextInt(10) == 0) continue; // required field left out
              v = f[1 + r.nextInt(f.length - 1)];
            }
            sb.append(f[0]).append(": ").append(v).append('\n');
          }
          String text = sb.toString();
          Path f = WORK.resolve("generated.yaml");
          write(f, text.getBytes(StandardCharsets.UTF_8));
          CHECK_GEN[0].incrementAndGet();
          assertTimeoutPreemptively(PER_EXAMPLE, () -> {
            Verifier.Prepared p;
            try {
              p = verifier.prepare(List.of(f), opt);
            } catch (Throwable t) {
              fail("check validation threw " + t + " on:\n" + text, t);
              return;
            }
            if (p.errors().isEmpty()) {
              assertEquals(1, p.checks().size(), text);
              CHECK_GEN[2].incrementAndGet();
            } else {
              assertEquals(0, p.checks().size(), text);
              assertTrue(p.errors().get(0).matches(Pattern.quote(f.toString()) + ":[1-9][0-9]*: (?s).*"),
                  () -> "message without file:line: " + p.errors().get(0) + "\non:\n" + text);
              for (CheckResult rejected : p.rejected()) {
                assertEquals(Verdict.REFUSED, rejected.verdict(), "a bad file got a verdict");
              }
              CHECK_GEN[1].incrementAndGet();
            }
          });
        });
  }

  private static void assertFileLine(String name, SpecException e, String text) {
    assertTrue(e.getMessage().matches(Pattern.quote(name) + ":[1-9][0-9]*: (?s).*"),
        () -> "message without file:line: " + e.getMessage() + "\non:\n" + shortened(text));
  }

  /** The file shown in a failure message, cut to a readable length. */
  private static String shortened(String text) {
    return text.length() <= 1500 ? text : text.substring(0, 1500) + "... (" + text.length() + " chars)";
  }

  /** UTF-8 bytes of the text (lone surrogates become '?'), sometimes with invalid UTF-8 bytes spliced in. */
  private static byte[] withRawBytes(String text, SplittableRandom r) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    if (b.length == 0 || r.nextInt(8) != 0) return b;
    int at = r.nextInt(b.length);
    byte[] bad = {(byte) 0xFF, (byte) 0xC3, (byte) 0x28, (byte) 0x80, (byte) 0xFE};
    int k = 1 + r.nextInt(bad.length);
    byte[] out = new byte[b.length + k];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(bad, 0, out, at, k);
    System.arraycopy(b, at, out, at + k, b.length - at);
    return out;
  }

  private static void write(Path f, byte[] bytes) {
    try {
      Files.write(f, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies {@code n} random mutations to the lines of a file. */
  static String mutate(List<String> original, SplittableRandom r, int n) {
    List<String> lines = new ArrayList<>(original);
    String tail = null;
    for (int k = 0; k < n; k++) {
      if (lines.isEmpty()) lines.add("");
      int i = r.nextInt(lines.size());
      switch (r.nextInt(12)) {
        case 0 -> lines.remove(i);
        case 1 -> lines.add(i, lines.get(i));
        case 2 -> {
          int j = r.nextInt(lines.size());
          String t = lines.get(i);
          lines.set(i, lines.get(j));
          lines.set(j, t);
        }
        case 3, 4, 5 -> lines.set(i, replaceValue(lines.get(i), token(r), r));
        case 6 -> lines.set(i, replaceValue(lines.get(i), nested(r), r));
        case 7 -> lines.set(i, insertAt(lines.get(i), r, "\t"));
        case 8 -> lines.set(i, insertAt(lines.get(i), r, randomChars(r)));
        case 9 -> lines.set(i, insertAt(lines.get(i), r, token(r)));
        case 10 -> lines.set(i, " ".repeat(r.nextInt(4)) + lines.get(i).stripLeading());
        default -> tail = "truncate";
      }
    }
    String text = String.join("\n", lines) + "\n";
    if (tail != null && !text.isEmpty()) text = text.substring(0, r.nextInt(text.length()));
    return text;
  }

  private static String token(SplittableRandom r) {
    return TOKENS[r.nextInt(TOKENS.length)];
  }

  /** Replaces what follows the first {@code ": "} (or an item in a flow list) with a token. */
  private static String replaceValue(String line, String token, SplittableRandom r) {
    int c = line.indexOf(": ");
    if (c >= 0) {
      if (r.nextBoolean()) return line.substring(0, c + 2) + token;
      int comma = line.indexOf(", ", c);
      if (comma > 0) return line.substring(0, comma + 2) + token + line.substring(comma + 2);
      return line.substring(0, c + 2) + token;
    }
    int dash = line.indexOf("- ");
    if (dash >= 0) return line.substring(0, dash + 2) + token;
    return token;
  }

  private static String nested(SplittableRandom r) {
    int depth = r.nextBoolean() ? 1 + r.nextInt(20) : 500 + r.nextInt(5000);
    if (r.nextBoolean()) return "[".repeat(depth) + "1" + "]".repeat(depth);
    return "{a: ".repeat(depth) + "1" + "}".repeat(depth);
  }

  private static String insertAt(String line, SplittableRandom r, String what) {
    int at = line.isEmpty() ? 0 : r.nextInt(line.length() + 1);
    return line.substring(0, at) + what + line.substring(at);
  }

  private static String randomChars(SplittableRandom r) {
    char[] c = new char[1 + r.nextInt(6)];
    for (int i = 0; i < c.length; i++) {
      int pick = r.nextInt(4);
      c[i] = switch (pick) {
        case 0 -> (char) r.nextInt(32);
        case 1 -> (char) (0x80 + r.nextInt(0x780));
        case 2 -> (char) (0xD800 + r.nextInt(0x800)); // lone surrogates
        default -> (char) (32 + r.nextInt(95));
      };
    }
    return new String(c);
  }

  static List<String> tokens() {
    return Arrays.asList(TOKENS);
  }
}
