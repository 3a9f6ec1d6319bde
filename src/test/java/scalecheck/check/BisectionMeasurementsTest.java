package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunStatus;
import scalecheck.theory.Rational;

/** alpha* measured by bisection over batches of runs, on an engine whose crossover is known exactly. */
class BisectionMeasurementsTest {
  private static final Path DIR = Path.of("target", "check-tests", "bisection");

  /** A proper part of the sweep that owns no run and no unit. */
  private record NoUnit() implements SweepPart {
    @Override public boolean isWhole() { return false; }
    @Override public boolean owns(String key) { return false; }
  }

  /** kernel.change = 1 / (alpha sqrt(n)): it crosses the level 0.1 at alpha* = 10 / sqrt(n). */
  private static RunExecutor engine(Set<String> ran) {
    return spec -> {
      ran.add(RunKey.of(spec));
      double change = 1 / (spec.model().alpha() * Math.sqrt(spec.model().width()));
      Map<String, Double> probes = new LinkedHashMap<>();
      probes.put("kernel.change", change);
      return new RunResult(RunStatus.OK, "", 1, 1, 0, probes, Map.of());
    };
  }

  private static Path check(String id) throws IOException {
    Path d = DIR.resolve(id + "-" + System.nanoTime());
    Files.createDirectories(d);
    return Fixtures.write(d, id + ".yaml", "id: " + id + "\n"
        + "law: t/dz\n"
        + "vary: n\n"
        + "model: {depth: 1, alpha: 1}\n"
        + "data: {kind: linear, d: 5, train: 16, test: 8}\n"
        + "dynamics: {kind: flow}\n"
        + "sweep:\n"
        + "  n: [64, 256, 1024, 4096]\n"
        + "  seeds: 2\n"
        + "measure: alpha_star\n"
        + "bisect: {symbol: alpha, lo: 0.05, hi: 32, level: 0.1, iterations: 40, probe: kernel.change}\n"
        + "tolerance: 0.1\n");
  }

  @Test
  void theCrossoverOfEachWidthIsMeasuredAndJudged() throws IOException {
    Path f = check("astar");
    Set<String> ran = ConcurrentHashMap.newKeySet();
    Verifier.Result r = Fixtures.verify(List.of(f), engine(ran), f.getParent().resolve("out"), 1, false, 3);
    CheckResult c = Fixtures.only(r);
    assertEquals(4, c.points().size());
    for (FitPoint p : c.points()) {
      assertEquals(10 / Math.sqrt(p.x()), p.mean(), 1e-6 * p.mean(), "alpha* at n = " + p.x());
    }
    assertEquals(Rational.of(-1, 2), c.predicted());
    assertEquals(-0.5, c.fitted(), 1e-6);
    assertEquals(ran.size(), r.runs().size(), "every run of every bisection step is reported, once");
    assertTrue(c.runs() >= 4 * 2 * 2, "two seeds per step, at least two steps per width: " + c.runs());
  }

  @Test
  void aPartThatOwnsNoUnitRunsNothingAndJudgesNothing() throws IOException {
    Path f = check("astar-none");
    Set<String> ran = ConcurrentHashMap.newKeySet();
    SweepPart none = new NoUnit();
    Verifier v = new Verifier(Fixtures.laws(), engine(ran)).withShard(none);
    Verifier.Options opt = new Verifier.Options(false, 3, 1, Long.MAX_VALUE);
    try (ResultStore store = ResultStore.open(f.getParent().resolve("out").resolve("results.jsonl"))) {
      Verifier.Result r = v.run(v.prepare(List.of(f), opt), opt, new Runner(engine(ran), store, 1, Progress.quiet()));
      assertEquals(List.of(), r.checks());
      assertEquals(List.of(), r.runs());
    }
    assertEquals(Set.of(), ran);
  }
}
