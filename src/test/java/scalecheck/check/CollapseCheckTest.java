package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunStatus;
import scalecheck.theory.Rational;

/** The collapse check kind end to end, on an engine whose kernel change is a known function of alpha sqrt(n). */
class CollapseCheckTest {
  @TempDir Path dir;

  /** kappa = alpha sqrt(n) (x = 1/2) and the wrong variable alpha n (x = 1). */
  static LawSource laws() {
    Map<String, LawSource.Law> m = new LinkedHashMap<>();
    m.put("t/kappa", new Fixtures.TableLaw(Map.of("n", "1/2", "alpha", "1")));
    m.put("t/kappa_n", new Fixtures.TableLaw(Map.of("n", "1", "alpha", "1")));
    m.put("t/flat", new Fixtures.TableLaw(Map.of("n", "0", "alpha", "0")));
    return m::get;
  }

  /** kernel.change = 1 / (1 + alpha sqrt(n)) with 5% log-normal noise per seed. */
  static RunExecutor engine() {
    return spec -> {
      double n = spec.model().width();
      double a = spec.model().alpha();
      SplittableRandom r = new SplittableRandom(spec.seed() * 7919 + (long) (n * 1000 + a * 1e6));
      double q = 1 / (1 + a * Math.sqrt(n)) * Math.exp(0.05 * r.nextGaussian());
      return new RunResult(RunStatus.OK, "", 1, 1, 0, Map.of("kernel.change", q), Map.of());
    };
  }

  static String check(String id, String law, String extra) {
    return "id: " + id + "\nlaw: " + law + "\nvary: n\ncollapse: {symbol: alpha, lo: -0.5, hi: 1.5}\n"
        + "model: {depth: 1}\ndata: {kind: linear, d: 5, train: 8, test: 8}\ndynamics: {kind: flow}\n"
        + "sweep:\n  n: [64, 128, 256, 512]\n  alpha: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28]\n  seeds: 4\n"
        + "measure: kernel.change\ntolerance: 0.1\n" + extra;
  }

  Verifier.Result verify(List<Path> files) {
    Verifier v = new Verifier(laws(), engine());
    Verifier.Options opt = new Verifier.Options(false, 1, 1, Long.MAX_VALUE);
    Verifier.Prepared p = v.prepare(files, opt);
    try (ResultStore store = ResultStore.open(dir.resolve("out").resolve("results.jsonl"))) {
      return v.run(p, opt, new Runner(engine(), store, 1, Progress.quiet()));
    }
  }

  @Test
  void theDerivedVariablePassesAndTheWrongOneFails() {
    Path good = Fixtures.write(dir, "good.yaml", check("good", "t/kappa", ""));
    Path wrong = Fixtures.write(dir, "wrong.yaml", check("wrong", "t/kappa_n", "control: {must_fail: true}\n"));
    Verifier.Result r = verify(List.of(good, wrong));
    assertEquals(List.of(), r.badInput());
    CheckResult g = r.checks().get(0);
    CheckResult w = r.checks().get(1);
    assertEquals(Rational.parse("1/2"), g.predicted());
    assertEquals(Verdict.PASS, g.verdict(), g.reason());
    assertEquals(0.5, g.fitted(), 0.05);
    assertTrue(g.ciLow() <= 0.5 && g.ciHigh() >= 0.5, g.reason());
    assertEquals(Rational.parse("1"), w.predicted());
    assertEquals(Verdict.FAIL, w.verdict(), w.reason());
    assertTrue(w.negativeControl());
    assertTrue(w.reason().contains("outside the tolerance band"), w.reason());
    assertEquals(0, Verifier.exitCode(r.checks(), false));
    assertTrue(g.fixed().get(CollapseCheck.CURVES) instanceof Map<?, ?> m && m.size() == 4, "curves for the report");
  }

  @Test
  void badCollapseSectionsAreInputErrors() {
    Path noAlpha = Fixtures.write(dir, "a.yaml", check("a", "t/kappa", "").replace(
        "  alpha: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28]\n", ""));
    Path flat = Fixtures.write(dir, "b.yaml", check("b", "t/flat", ""));
    Path key = Fixtures.write(dir, "c.yaml", check("c", "t/kappa", "").replace("lo: -0.5", "low: -0.5"));
    Verifier v = new Verifier(laws(), engine());
    Verifier.Prepared p = v.prepare(List.of(noAlpha, flat, key), new Verifier.Options(false, 1, 1, Long.MAX_VALUE));
    assertEquals(3, p.errors().size(), p.errors().toString());
    assertTrue(p.errors().get(0).contains("a.yaml:4") && p.errors().get(0).contains("not swept"), p.errors().get(0));
    assertTrue(p.errors().get(1).contains("does not depend on alpha"), p.errors().get(1));
    assertTrue(p.errors().get(2).contains("c.yaml:4"), p.errors().get(2));
  }
}
