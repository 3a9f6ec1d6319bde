package scalecheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import scalecheck.check.CheckResult;
import scalecheck.check.LawSource;
import scalecheck.check.SimulatorExecutor;
import scalecheck.check.TheoryLawSource;
import scalecheck.check.Verdict;
import scalecheck.check.Verifier;

/**
 * Every field of a check file is validated before any run: one line of a valid check is replaced by a
 * bad one, and the check must be rejected (no run, REFUSED with the message, never a verdict) with a
 * message {@code file:line: field...} naming the replaced line and the field.
 */
class FieldValidationTest {
  /** A valid small check; the numbers on the left are the line numbers the cases refer to. */
  static final List<String> BASE = List.of(
      "id: v",                                                                                 // 1
      "law: geiger/dz",                                                                        // 2
      "vary: n",                                                                               // 3
      "model: {param: ntk, depth: 1, activation: relu, alpha: 8}",                             // 4
      "data: {kind: linear, d: 4, train: 16, test: 16}",                                       // 5
      "dynamics: {kind: flow, loss: softhinge, lossBeta: 20, stop: time, maxTime: 2}",         // 6
      "sweep:",                                                                                // 7
      "  n: [16, 32]",                                                                         // 8
      "  seeds: 2",                                                                            // 9
      "measure: dz.mean",                                                                      // 10
      "tolerance: 0.15",                                                                       // 11
      "expect: exponent");                                                                     // 12

  static final Path DIR = Path.of("target", "reliability-fields");
  private static Verifier verifier;
  private static Verifier nonPower;

  @BeforeAll
  static void setUp() throws IOException {
    Files.createDirectories(DIR);
    verifier = new Verifier(laws(Path.of("theory")), new SimulatorExecutor());
    nonPower = new Verifier(laws(Path.of("src", "test", "resources", "reliability", "theory-nonpower")),
        new SimulatorExecutor());
  }

  private static LawSource laws(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return TheoryLawSource.load(s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList());
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // line, replacement, field named in the message
        Arguments.of(8, "  n: [0, 32]", "sweep.n"),
        Arguments.of(8, "  n: [-16, 32]", "sweep.n"),
        Arguments.of(8, "  n: [16.5, 32]", "sweep.n"),
        Arguments.of(8, "  n: [16, 1e400]", "sweep.n"),
        Arguments.of(8, "  n: [16, .nan]", "sweep.n"),
        Arguments.of(8, "  n: []", "sweep.n"),
        Arguments.of(8, "  n: [16]", "sweep.n"),
        Arguments.of(8, "  n: [16, 16]", "sweep.n"),
        Arguments.of(8, "  n: 16", "sweep.n"),
        Arguments.of(8, "  n: [16, abc]", "sweep.n"),
        Arguments.of(8, "  q: [16, 32]", "sweep.q"),
        Arguments.of(9, "  seeds: 0", "sweep.seeds"),
        Arguments.of(9, "  seeds: -3", "sweep.seeds"),
        Arguments.of(9, "  seeds: 1.5", "sweep.seeds"),
        Arguments.of(9, "  seeds: .nan", "sweep.seeds"),
        Arguments.of(9, "  seeds: 99999999999999999999", "sweep.seeds"),
        Arguments.of(4, "model: {param: ntk, depth: 1, activation: relu, alpha: 0}", "model.alpha"),
        Arguments.of(4, "model: {param: ntk, depth: 1, activation: relu, alpha: -1}", "model.alpha"),
        Arguments.of(4, "model: {param: ntk, depth: 1, activation: relu, alpha: .nan}", "model.alpha"),
        Arguments.of(4, "model: {param: ntk, depth: 1, activation: relu, alpha: .inf}", "model.alpha"),
        Arguments.of(4, "model: {param: ntk, depth: 0, activation: relu, alpha: 8}", "model.depth"),
        Arguments.of(4, "model: {param: ntk, depth: 1, activation: nope, alpha: 8}", "model.activation"),
        Arguments.of(4, "model: {param: nope, depth: 1, activation: relu, alpha: 8}", "model.param"),
        Arguments.of(4, "model: {param: ntk, depth: 1, activation: relu, alpha: 8, colour: red}", "model.colour"),
        Arguments.of(4, "model: {param: ntk, depth: x, activation: relu, alpha: 8}", "model.depth"),
        Arguments.of(5, "data: {kind: linear, d: 0, train: 16, test: 16}", "data.d"),
        Arguments.of(5, "data: {kind: linear, d: 4, train: 0, test: 16}", "data.train"),
        Arguments.of(5, "data: {kind: linear, d: 4, train: 16, test: -1}", "data.test"),
        Arguments.of(5, "data: {kind: nope, d: 4, train: 16, test: 16}", "data.kind"),
        Arguments.of(6, "dynamics: {kind: flow, loss: softhinge, lossBeta: .nan, stop: time, maxTime: 2}", "dynamics.lossBeta"),
        Arguments.of(6, "dynamics: {kind: flow, loss: softhinge, lossBeta: 20, stop: time, maxTime: -1}", "dynamics.maxTime"),
        Arguments.of(6, "dynamics: {kind: flow, loss: softhinge, lossBeta: 20, stop: time, maxTime: .nan}", "dynamics.maxTime"),
        Arguments.of(6, "dynamics: {kind: flow, loss: softhinge, lossBeta: 20, stop: time, maxTime: .inf}", "dynamics.maxTime"),
        Arguments.of(6, "dynamics: {kind: gd, loss: squared, lr: -0.1, stop: time, maxTime: 2}", "dynamics.lr"),
        Arguments.of(6, "dynamics: {kind: gd, loss: squared, lr: .nan, stop: time, maxTime: 2}", "dynamics.lr"),
        Arguments.of(6, "dynamics: {kind: flow, loss: nope, lossBeta: 20, stop: time, maxTime: 2}", "dynamics.loss"),
        Arguments.of(6, "dynamics: {kind: flow, loss: softhinge, lossBeta: 20, stop: never, maxTime: 2}", "dynamics.stop"),
        Arguments.of(11, "tolerance: 0", "tolerance"),
        Arguments.of(11, "tolerance: -0.1", "tolerance"),
        Arguments.of(11, "tolerance: .nan", "tolerance"),
        Arguments.of(11, "tolerance: .inf", "tolerance"),
        Arguments.of(11, "tolerance: wide", "tolerance"),
        Arguments.of(2, "law: geiger/nope", "law"),
        Arguments.of(2, "law: nope", "law"),
        Arguments.of(2, "law: []", "law"),
        Arguments.of(2, "law: chizat/chizat_dw", "law"),
        Arguments.of(3, "vary: alpha", "vary"),
        Arguments.of(3, "vary: zeta", "vary"),
        Arguments.of(10, "measure: dz.nope", "measure"),
        Arguments.of(10, "measure: dW.l-1", "measure"),
        Arguments.of(12, "expect: sideways", "expect"),
        Arguments.of(12, "fit: {bootstrap: -1}", "fit.bootstrap"),
        Arguments.of(12, "fit: {bootstrap: 2000000000}", "fit.bootstrap"),
        Arguments.of(12, "fit: {confidence: 1}", "fit.confidence"),
        Arguments.of(12, "fit: {min_points: 1}", "fit.min_points"),
        Arguments.of(12, "fit: {max_excluded: .nan}", "fit.max_excluded"),
        Arguments.of(12, "fit: {drop: 1}", "fit.drop"),
        Arguments.of(1, "id: has space", "id"));
  }

  @ParameterizedTest(name = "line {0}: {1}")
  @MethodSource("cases")
  void badFieldIsRejectedWithFileLineAndField(int line, String replacement, String field) throws IOException {
    assertRejected(verifier, BASE, line, replacement, field);
  }

  /** An alpha* check; line 11 is its bisect section, line 13 its fast section. */
  static final List<String> BISECT_BASE = List.of(
      "id: a",                                                                                 // 1
      "law: geiger/alpha_star",                                                                // 2
      "vary: n",                                                                               // 3
      "model: {param: ntk, depth: 1, activation: relu}",                                       // 4
      "data: {kind: linear, d: 4, train: 16, test: 16}",                                       // 5
      "dynamics: {kind: flow, loss: softhinge, lossBeta: 20, stop: time, maxTime: 2}",         // 6
      "sweep:",                                                                                // 7
      "  n: [16, 32]",                                                                         // 8
      "  seeds: 1",                                                                            // 9
      "measure: alpha_star",                                                                   // 10
      "bisect: {symbol: alpha, lo: 0.05, hi: 32, level: 0.1, iterations: 4, probe: kernel.change}", // 11
      "tolerance: 0.15",                                                                       // 12
      "fast: {sweep: {n: [16, 32], seeds: 1}}");                                               // 13

  static Stream<Arguments> bisectCases() {
    return Stream.of(
        Arguments.of(11, "bisect: {symbol: alpha, lo: -1, hi: 32, level: 0.1, iterations: 4, probe: kernel.change}", "bisect.lo"),
        Arguments.of(11, "bisect: {symbol: alpha, lo: .nan, hi: 32, level: 0.1, iterations: 4, probe: kernel.change}", "bisect.lo"),
        Arguments.of(11, "bisect: {symbol: alpha, lo: 0.05, hi: .inf, level: 0.1, iterations: 4, probe: kernel.change}", "bisect.hi"),
        Arguments.of(11, "bisect: {symbol: alpha, lo: 0.05, hi: 32, level: .inf, iterations: 4, probe: kernel.change}", "bisect.level"),
        Arguments.of(11, "bisect: {symbol: alpha, lo: 0.05, hi: 32, level: 0.1, iterations: 1, probe: kernel.change}", "bisect.iterations"),
        Arguments.of(11, "bisect: {symbol: alpha, lo: 0.05, hi: 32, level: 0.1, iterations: 4, probe: kernel.nope}", "bisect.probe"),
        Arguments.of(11, "bisect: {symbol: n, lo: 0.05, hi: 32, level: 0.1, iterations: 4, probe: kernel.change}", "bisect.symbol"),
        Arguments.of(11, "bisect: {symbol: alpha, lo: 0.05, hi: 32, level: 0.1, iterations: 4, when: now}", "bisect.when"),
        Arguments.of(11, "note: no bisect", "measure"),
        Arguments.of(13, "fast: {sweep: {n: [16, 32], seeds: 0}}", "fast.sweep.seeds"),
        Arguments.of(13, "fast: {sweep: {n: [], seeds: 1}}", "fast.sweep.n"),
        Arguments.of(13, "fast: {sweep: {P: [16, 32]}}", "fast.sweep.P"),
        Arguments.of(13, "fast: {model: {depth: -2}}", "model.depth"),
        Arguments.of(13, "fast: {bisect: {hi: 0.01}}", "fast.bisect"),
        Arguments.of(13, "fast: {tolerance: 1}", "fast.tolerance"));
  }

  @ParameterizedTest(name = "line {0}: {1}")
  @MethodSource("bisectCases")
  void badBisectOrFastFieldIsRejected(int line, String replacement, String field) throws IOException {
    int at = replacement.startsWith("note") ? 10 : line;
    assertRejectedAt(verifier, BISECT_BASE, line, replacement, field, at);
  }

  @ParameterizedTest(name = "alpha* base check accepted (fast {0})")
  @MethodSource("fastFlags")
  void bisectBaseIsValid(boolean fast) throws IOException {
    Path f = DIR.resolve("good-bisect.yaml");
    Files.writeString(f, String.join("\n", BISECT_BASE) + "\n", StandardCharsets.UTF_8);
    Verifier.Prepared p = verifier.prepare(List.of(f), new Verifier.Options(fast, 1, 1, Runtime.getRuntime().maxMemory()));
    assertEquals(List.of(), p.errors());
    assertEquals(1, p.checks().size());
  }

  static Stream<Arguments> fastFlags() {
    return Stream.of(Arguments.of(false), Arguments.of(true));
  }

  static Stream<Arguments> nonPowerCases() {
    return Stream.of(Arguments.of("exponent"), Arguments.of("below"), Arguments.of("above"));
  }

  /** {@code n log n / alpha} has no exponent in n: no expect can be tested on it. */
  @ParameterizedTest(name = "expect: {0}")
  @MethodSource("nonPowerCases")
  void expectOnALawThatIsNotAPowerLawIsRejected(String expect) throws IOException {
    List<String> lines = new ArrayList<>(BASE);
    lines.set(1, "law: np/nlogn");
    assertRejected(nonPower, lines, 12, "expect: " + expect, "law");
  }

  private static void assertRejected(Verifier v, List<String> base, int line, String replacement, String field)
      throws IOException {
    int expectLine = field.equals("law") && replacement.startsWith("expect") ? 2 : line;
    assertRejectedAt(v, base, line, replacement, field, expectLine);
  }

  private static void assertRejectedAt(Verifier v, List<String> base, int line, String replacement, String field,
      int expectLine) throws IOException {
    List<String> lines = new ArrayList<>(base);
    lines.set(line - 1, replacement);
    Path f = DIR.resolve("bad.yaml");
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    Verifier.Prepared p = v.prepare(List.of(f), new Verifier.Options(false, 1, 1, Runtime.getRuntime().maxMemory()));
    assertEquals(0, p.checks().size(), () -> "accepted: " + replacement);
    assertEquals(1, p.errors().size());
    String msg = p.errors().get(0);
    assertTrue(msg.startsWith(f + ":" + expectLine + ": "), () -> "wrong file:line in: " + msg);
    assertTrue(Pattern.compile("\\b" + Pattern.quote(field) + "\\b").matcher(msg).find(),
        () -> "field " + field + " not named in: " + msg);
    for (CheckResult r : p.rejected()) assertEquals(Verdict.REFUSED, r.verdict());
  }

  /** The valid base check itself is accepted (so the cases above fail for the line they change). */
  @ParameterizedTest(name = "base check accepted ({0})")
  @MethodSource("nonPowerCases")
  void baseIsValid(String expect) throws IOException {
    List<String> lines = new ArrayList<>(BASE);
    lines.set(11, "expect: " + expect);
    Path f = DIR.resolve("good-" + expect + ".yaml");
    Files.writeString(f, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    Verifier.Prepared p = verifier.prepare(List.of(f), new Verifier.Options(false, 1, 1, Runtime.getRuntime().maxMemory()));
    assertEquals(List.of(), p.errors());
    assertEquals(1, p.checks().size());
  }
}
