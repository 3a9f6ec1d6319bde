package scalecheck.check;

import static scalecheck.PropertyRuns.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Theory against numerics over generated configurations: depth 1 to 4, activation, data, seed and
 * alpha on the lazy side (kappa = alpha sqrt(n) &gt;= 64 at the smallest width), trained to the fixed time 5
 * (the lazy changes are reached in O(1) time). For each, the fitted
 * exponents in n of dz (and of dW.hidden when depth &gt;= 2) must lie within the tolerance of the
 * exponents the theory module derives. On failure QuickTheories prints the shrunk configuration (its
 * {@code toString} is the check file) and the seed.
 */
class ScalingProperties {
  private static final double TOLERANCE = 0.15;
  private static LawSource laws;

  record Config(int depth, String activation, String data, int alpha, int seed) {
    String yaml(String id, String law, String measure) {
      return "id: " + id + "\nlaw: " + law + "\nvary: n\n"
          + "model: {param: ntk, depth: " + depth + ", activation: " + activation + ", alpha: " + alpha + "}\n"
          + "data: {kind: " + data + ", d: 8, train: 8, test: 8}\n"
          + "dynamics: {kind: flow, loss: softhinge, lossBeta: 20, maxDgrad: 0.01, maxDout: 1, stop: time, maxTime: 5}\n"
          + "sweep:\n  n: [64, 128, 256]\n  seeds: 2\n"
          + "measure: " + measure + "\ntolerance: " + TOLERANCE + "\n";
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "depth %d, %s, data %s, alpha %d, verification seed %d", depth, activation,
          data, alpha, seed);
    }
  }

  private static synchronized LawSource laws() {
    if (laws == null) {
      try (Stream<Path> s = Files.list(Path.of("theory"))) {
        laws = TheoryLawSource.load(s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return laws;
  }

  private static Gen<Config> configs() {
    return integers().between(1, 4).zip(Generate.pick(List.of("relu", "tanh", "softplus")),
        Generate.pick(List.of("linear", "relu")), integers().between(8, 16), integers().between(1, 10_000),
        Config::new);
  }

  /** |fitted - derived| for dz (and dW.hidden at depth >= 2); empty when both are within tolerance. */
  private static String mismatch(Config c) {
    Path dir = Path.of("target", "check-tests", "properties", "run-" + System.nanoTime());
    RunExecutor engine = new SimulatorExecutor();
    Verifier v = new Verifier(laws(), engine);
    Verifier.Options opt = new Verifier.Options(false, c.seed(), 2, Runtime.getRuntime().maxMemory());
    List<Path> files = new java.util.ArrayList<>();
    files.add(Fixtures.write(dir, "dz.yaml", c.yaml("dz", "geiger/dz", "dz.mean")));
    if (c.depth() >= 2) files.add(Fixtures.write(dir, "dw.yaml", c.yaml("dw", "geiger/dW_hidden", "dW.hidden")));
    Verifier.Prepared p = v.prepare(files, opt);
    if (!p.errors().isEmpty()) return "bad generated check: " + p.errors();
    Verifier.Result r;
    try (ResultStore store = ResultStore.open(dir.resolve("results.jsonl"))) {
      r = v.run(p, opt, new Runner(engine, store, 2, Progress.quiet()));
    }
    StringBuilder sb = new StringBuilder();
    for (CheckResult cr : r.checks()) {
      double predicted = laws().law(cr.law()).exponent("n", java.util.Map.of()).value().doubleValue();
      if (cr.fitted() == null || Math.abs(cr.fitted() - predicted) > TOLERANCE) {
        sb.append(cr.id()).append(": ").append(cr.reason()).append("; ");
      }
    }
    return sb.toString();
  }

  @Test
  void fittedExponentsOfDzAndDwMatchTheDerivedOnes() {
    qt(4).withShrinkCycles(1).forAll(configs())
        .describedAs(Config::toString)
        .checkAssert(c -> org.junit.jupiter.api.Assertions.assertEquals("", mismatch(c), c.toString()));
  }
}
