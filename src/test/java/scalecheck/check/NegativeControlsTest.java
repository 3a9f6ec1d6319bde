package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The shipped negative controls ({@code checks/controls/}, wrong laws from {@code theory/controls.yaml})
 * must FAIL through the real engine with their fast sweeps: a verifier that cannot fail is worthless.
 */
class NegativeControlsTest {
  @Test
  void everyShippedNegativeControlFails() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("checks", "controls"))) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(files.isEmpty());
    List<Path> theory;
    try (Stream<Path> s = Files.list(Path.of("theory"))) {
      theory = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    RunExecutor engine = new SimulatorExecutor();
    Verifier v = new Verifier(TheoryLawSource.load(theory), engine);
    Verifier.Options opt = new Verifier.Options(true, 1, 2, Runtime.getRuntime().maxMemory());
    Verifier.Prepared p = v.prepare(files, opt);
    assertEquals(List.of(), p.errors());
    Path out = Path.of("target", "check-tests", "controls-" + System.nanoTime());
    Verifier.Result r;
    try (ResultStore store = ResultStore.open(out.resolve("results.jsonl"))) {
      r = v.run(p, opt, new Runner(engine, store, 2, Progress.quiet()));
    }
    assertEquals(files.size(), r.checks().size());
    for (CheckResult c : r.checks()) {
      assertTrue(c.negativeControl(), c.id());
      assertEquals(Verdict.FAIL, c.verdict(), c.id() + ": " + c.reason());
      assertTrue(c.reason().contains("outside the tolerance band"), c.reason());
    }
    assertEquals(0, Verifier.exitCode(r.checks(), false), "controls that FAIL are the verifier working");
  }
}
