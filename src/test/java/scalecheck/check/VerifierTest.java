package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import scalecheck.sim.RunSpec;

/** Up-front refusals: memory, engine validation, and bad checks that do not stop the good ones. */
class VerifierTest {
  private static final Path DIR = Path.of("target", "check-tests", "verifier");

  @Test
  void sweepThatCannotFitInMemoryIsRefusedUpFront() {
    Path f = Fixtures.write(DIR, "big.yaml", Fixtures.dwCheck("big", "t/dW", ""));
    RunExecutor ex = new RunExecutor() {
      @Override
      public scalecheck.sim.RunResult run(RunSpec spec) {
        throw new AssertionError("nothing may run");
      }

      @Override
      public long estimateBytes(RunSpec spec) {
        return spec.model().width() * 1_000_000L;
      }
    };
    Verifier v = new Verifier(Fixtures.laws(), ex);
    Verifier.Prepared p = v.prepare(List.of(f), new Verifier.Options(false, 1, 2, 1_500_000_000L));
    assertEquals(List.of(), p.checks());
    assertEquals(1, p.errors().size());
    String e = p.errors().get(0);
    assertTrue(e.startsWith(f + ":8: sweep.n: the largest run (width 1024"), e);
    assertTrue(e.contains("about 977 MiB") && e.contains("2 at once need 1953 MiB") && e.contains("limit 1431 MiB"), e);
  }

  @Test
  void engineValidationErrorsNameTheLineOfTheField() {
    Path f = Fixtures.write(DIR, "bad.yaml", Fixtures.dwCheck("bad", "t/dW", "")
        .replace("dynamics: {kind: flow}", "dynamics: {kind: flwo}"));
    RunExecutor ex = Fixtures.engine(s -> {
      throw new AssertionError("nothing may run");
    });
    RunExecutor validating = new RunExecutor() {
      @Override
      public scalecheck.sim.RunResult run(RunSpec spec) {
        return ex.run(spec);
      }

      @Override
      public void validate(RunSpec spec) {
        if (!spec.dynamics().kind().equals("flow")) {
          throw new IllegalArgumentException("dynamics.kind: must be one of flow, gd, got " + spec.dynamics().kind());
        }
      }
    };
    Path good = Fixtures.write(DIR, "good.yaml", Fixtures.dwCheck("good", "t/dW", ""));
    Verifier v = new Verifier(Fixtures.laws(), validating);
    Verifier.Prepared p = v.prepare(List.of(f, good), new Verifier.Options(false, 1, 1, Long.MAX_VALUE));
    assertEquals(1, p.checks().size());
    assertEquals("good", p.checks().get(0).id());
    assertEquals(List.of(f + ":6: dynamics.kind: must be one of flow, gd, got flwo"), p.errors());
    assertEquals(Verdict.REFUSED, p.rejected().get(0).verdict());
    assertEquals(f + ":6: dynamics.kind: must be one of flow, gd, got flwo", p.rejected().get(0).reason());
  }
}
