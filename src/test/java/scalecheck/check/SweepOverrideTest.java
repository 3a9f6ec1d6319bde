package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A check that writes a model, data or dynamics field that its own sweep sets for every run: a
 * warning naming both lines, and the written value still validated (bad input when out of range).
 */
class SweepOverrideTest {
  static final Path DIR = Path.of("target", "check-tests", "sweep-override");
  private static Verifier verifier;

  @BeforeAll
  static void setUp() throws IOException {
    Files.createDirectories(DIR);
    try (Stream<Path> s = Files.list(Path.of("theory"))) {
      verifier = new Verifier(TheoryLawSource.load(s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()),
          new SimulatorExecutor());
    }
  }

  /** A small check sweeping alpha (line 8) and n (line 9), with line 4 and line 5 as given. */
  private static Path check(String name, String modelLine, String dataLine, String fast) throws IOException {
    Path f = DIR.resolve(name + ".yaml");
    Files.writeString(f, String.join("\n",
        "id: " + name,                                                                    // 1
        "law: geiger/dz",                                                                 // 2
        "vary: alpha",                                                                    // 3
        modelLine,                                                                        // 4
        dataLine,                                                                         // 5
        "dynamics: {kind: flow, loss: softhinge, lossBeta: 20, stop: time, maxTime: 1}",  // 6
        "sweep:",                                                                         // 7
        "  alpha: [1, 2]",                                                                // 8
        "  n: [16]",                                                                      // 9
        "  seeds: 2",                                                                     // 10
        "measure: dz.mean",                                                               // 11
        "tolerance: 0.15",                                                                // 12
        fast) + "\n");
    return f;
  }

  private static Verifier.Prepared prepare(Path f) {
    return verifier.prepare(List.of(f), new Verifier.Options(false, 1, 1, Long.MAX_VALUE));
  }

  @Test
  void aWrittenFieldTheSweepOverridesIsWarnedAboutWithBothLines() throws IOException {
    Path f = check("written", "model: {param: ntk, depth: 1, activation: relu, alpha: 3}",
        "data: {kind: linear, d: 4, train: 8, test: 8}", "");
    Verifier.Prepared p = prepare(f);
    assertEquals(List.of(), p.errors());
    assertEquals(1, p.checks().size());
    assertEquals(List.of(f + ":4: model.alpha: warning: sweep.alpha (line 8) sets this field for every run; "
        + "the value written here is not used"), p.warnings());
  }

  /** fit.bootstrap, which older files write, is range-checked and warned about: no exponent fit resamples. */
  @Test
  void anUnusedFitBootstrapIsWarnedAboutAndStillRangeChecked() throws IOException {
    Path f = check("boot", "model: {param: ntk, depth: 1, activation: relu}",
        "data: {kind: linear, d: 4, train: 8, test: 8}", "fit: {bootstrap: 500}");
    Verifier.Prepared p = prepare(f);
    assertEquals(List.of(), p.errors());
    assertEquals(List.of(f + ":13: fit.bootstrap: warning: not used: exponent intervals are the seed jackknife, "
        + "which needs no resampling (a collapse check's resamples are collapse.bootstrap)"), p.warnings());
    Path bad = check("badboot", "model: {param: ntk, depth: 1, activation: relu}",
        "data: {kind: linear, d: 4, train: 8, test: 8}", "fit: {bootstrap: -1}");
    Verifier.Prepared q = prepare(bad);
    assertEquals(1, q.errors().size(), q.errors().toString());
    assertTrue(q.errors().get(0).startsWith(bad + ":13: fit.bootstrap: "), q.errors().get(0));
  }

  @Test
  void theWrittenValueIsValidatedAlthoughNoRunUsesIt() throws IOException {
    Path f = check("negative", "model: {param: ntk, depth: 1, activation: relu, alpha: -1}",
        "data: {kind: linear, d: 4, train: 8, test: 8}", "");
    Verifier.Prepared p = prepare(f);
    assertEquals(0, p.checks().size());
    assertEquals(1, p.errors().size(), p.errors().toString());
    assertTrue(p.errors().get(0).startsWith(f + ":4: model.alpha: "), p.errors().get(0));
    assertTrue(p.errors().get(0).contains("alpha must be > 0, got -1"), p.errors().get(0));
    assertEquals(Verdict.REFUSED, p.rejected().get(0).verdict());
  }

  @Test
  void widthAndFastOverridesAreNamedToo() throws IOException {
    Path f = check("width", "model: {param: ntk, depth: 1, activation: relu, width: 64}",
        "data: {kind: linear, d: 4, train: 8, test: 8}", "fast: {model: {alpha: 5}}");
    Verifier.Prepared p = prepare(f);
    assertEquals(List.of(), p.errors());
    assertEquals(List.of(
        f + ":4: model.width: warning: sweep.n (line 9) sets this field for every run; the value written here is not used",
        f + ":13: fast.model.alpha: warning: sweep.alpha (line 8) sets this field for every run; "
            + "the value written here is not used"), p.warnings());
  }

  @Test
  void fieldsTheSweepDoesNotSetGiveNoWarning() throws IOException {
    Path f = check("clean", "model: {param: ntk, depth: 1, activation: relu}",
        "data: {kind: linear, d: 4, train: 8, test: 8}", "");
    Verifier.Prepared p = prepare(f);
    assertEquals(List.of(), p.errors());
    assertEquals(List.of(), p.warnings());
  }
}
