package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scalecheck.theory.Assumptions;

/** A check whose settings break its law's assumptions is marked, and its FAIL does not exit 1. */
class AssumptionsMarkedTest {
  private static final Path DIR = Path.of("target", "check-tests", "assumptions");

  /** t/dW (n^-1) and t/wrong (n^-1/2), both assuming a smooth activation on the lazy side. */
  private static LawSource laws() {
    Assumptions smooth = new Assumptions("smooth", "lazy", null, null, null, "smooth nets only");
    Map<String, LawSource.Law> m = Map.of(
        "t/dW", new Smooth(new Fixtures.TableLaw(Map.of("n", "-1", "alpha", "-1")), smooth),
        "t/wrong", new Smooth(new Fixtures.TableLaw(Map.of("n", "-1/2", "alpha", "-1")), smooth));
    return m::get;
  }

  private record Smooth(Fixtures.TableLaw law, Assumptions a) implements LawSource.Law {
    @Override
    public java.util.Set<String> symbols() {
      return law.symbols();
    }

    @Override
    public scalecheck.theory.Exponent exponent(String symbol, Map<String, String> regime) {
      return law.exponent(symbol, regime);
    }

    @Override
    public Assumptions assumptions() {
      return a;
    }
  }

  private static CheckResult verify(String name, String yaml) {
    Path f = Fixtures.write(DIR.resolve(name), name + ".yaml", yaml);
    Verifier v = new Verifier(laws(), Fixtures.powerLaws(0.02));
    Verifier.Options opt = new Verifier.Options(false, 7, 1, Long.MAX_VALUE);
    Verifier.Prepared p = v.prepare(List.of(f), opt);
    try (ResultStore store = ResultStore.open(DIR.resolve(name).resolve("out-" + System.nanoTime()).resolve("results.jsonl"))) {
      return Fixtures.only(v.run(p, opt, new Runner(Fixtures.powerLaws(0.02), store, 1, Progress.quiet())));
    }
  }

  @Test
  void reluAgainstASmoothLawIsMarkedAndItsFailIsNotExitOne() {
    // Fixtures.dwCheck: activation relu (the default), alpha 1, n 64..1024: kappa 8..32 (lazy side)
    CheckResult r = verify("relu", Fixtures.dwCheck("relu", "t/wrong", "model: {depth: 2, alpha: 1, activation: relu}\n")
        .replace("model: {depth: 2, alpha: 1}\n", ""));
    assertEquals(List.of("relu is not smooth"), r.assumptions());
    assertTrue(r.reason().startsWith("outside the law's assumptions: relu is not smooth"), r.reason());
    assertEquals(Verdict.FAIL, r.verdict(), r.reason());
    assertEquals(3, Verifier.exitCode(List.of(r), false));
  }

  @Test
  void smoothActivationOnTheLazySideIsNotMarked() {
    CheckResult r = verify("softplus", Fixtures.dwCheck("softplus", "t/wrong",
        "model: {depth: 2, alpha: 1, activation: softplus}\n").replace("model: {depth: 2, alpha: 1}\n", ""));
    assertTrue(r.assumptions().isEmpty(), r.assumptions().toString());
    assertFalse(r.reason().contains("outside the law's assumptions"), r.reason());
    assertEquals(Verdict.FAIL, r.verdict(), r.reason());
    assertEquals(1, Verifier.exitCode(List.of(r), false));
  }

  @Test
  void theFeatureSideBreaksALazyLaw() {
    // alpha 0.01: kappa = 0.01 sqrt(n) <= 0.32
    CheckResult r = verify("feature", Fixtures.dwCheck("feature", "t/dW",
        "model: {depth: 2, alpha: 0.01, activation: softplus}\n").replace("model: {depth: 2, alpha: 1}\n", ""));
    assertEquals(1, r.assumptions().size(), r.assumptions().toString());
    assertTrue(r.assumptions().get(0).contains("not on the lazy side"), r.assumptions().toString());
  }
}
