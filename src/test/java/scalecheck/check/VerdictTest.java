package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunStatus;
import scalecheck.theory.Rational;

/** Verdicts on engines with known answers: exact and noisy power laws, divergence, contested laws. */
class VerdictTest {
  private static final Path DIR = Path.of("target", "check-tests", "verdict");

  private static CheckResult verify(String name, String yaml, RunExecutor ex) {
    Path f = Fixtures.write(DIR.resolve(name), name + ".yaml", yaml);
    return Fixtures.only(Fixtures.verify(List.of(f), ex, DIR.resolve(name).resolve("out-" + System.nanoTime()), 2,
        false, 7));
  }

  @Test
  void exactPowerLawPasses() {
    CheckResult r = verify("exact", Fixtures.dwCheck("exact", "t/dW", ""), Fixtures.powerLaws(0));
    assertEquals(Verdict.PASS, r.verdict(), r.reason());
    assertEquals(Rational.parse("-1"), r.predicted());
    assertEquals(-1.0, r.fitted(), 1e-9);
    assertEquals(1.0, r.r2(), 1e-9);
    assertEquals(5, r.points().size());
    assertEquals(20, r.runs());
    assertEquals(0, r.excluded());
    assertTrue(r.reason().contains("vs predicted -1"), r.reason());
  }

  @Test
  void wrongExponentFails() {
    CheckResult r = verify("wrong", Fixtures.dwCheck("wrong", "t/wrong", "control: {must_fail: true}\n"),
        Fixtures.powerLaws(0.05));
    assertEquals(Verdict.FAIL, r.verdict(), r.reason());
    assertTrue(r.negativeControl());
    assertTrue(r.ciHigh() < -0.5 - 0.1, r.reason());
    assertEquals(0, Verifier.exitCode(List.of(r), false), "a negative control that FAILs is success");
  }

  @Test
  void noisyFewPointsAreInconclusive() {
    String y = Fixtures.dwCheck("noisy", "t/dW", "").replace("[64, 128, 256, 512, 1024]", "[100, 120]")
        .replace("seeds: 4", "seeds: 3");
    CheckResult r = verify("noisy", y, Fixtures.powerLaws(0.5));
    assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.reason());
    assertTrue(r.reason().contains("too few points"), r.reason());
  }

  @Test
  void wideIntervalIsInconclusiveNotPass() {
    String y = Fixtures.dwCheck("wide", "t/dW", "").replace("[64, 128, 256, 512, 1024]", "[100, 110, 120, 130]")
        .replace("seeds: 4", "seeds: 3");
    CheckResult r = verify("wide", y, Fixtures.powerLaws(0.6));
    assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.reason());
  }

  @Test
  void divergedRunsAreExcludedAndCounted() {
    RunExecutor ex = Fixtures.engine(spec -> spec.model().width() == 1024 && Math.floorMod(spec.seed(), 4) == 0
        ? diverged() : Fixtures.ok(spec, 0));
    CheckResult r = verify("diverged", Fixtures.dwCheck("diverged", "t/dW", ""), ex);
    assertTrue(r.excluded() > 0 && r.excluded() <= 4, "excluded " + r.excluded());
    assertEquals(Verdict.PASS, r.verdict(), r.reason());
    assertTrue(r.reason().contains(r.excluded() + " of 20 runs excluded (" + r.excluded() + " DIVERGED"), r.reason());
    long nan = r.points().stream().flatMap(p -> p.perSeed().stream()).filter(v -> v.isNaN()).count();
    assertEquals(r.excluded(), nan);
  }

  @Test
  void tooManyDivergedRunsAreInconclusiveNeverPass() {
    RunExecutor ex = Fixtures.engine(spec -> spec.model().width() >= 512 ? diverged() : Fixtures.ok(spec, 0));
    CheckResult r = verify("manydiverged", Fixtures.dwCheck("manydiverged", "t/dW", ""), ex);
    assertEquals(8, r.excluded());
    assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.reason());
    assertTrue(r.reason().startsWith("too many runs excluded: 8 of 20"), r.reason());
  }

  @Test
  void contestedLawSaysWhichTheDataSupport() {
    String y = Fixtures.dwCheck("contested", "[t/dz, t/dW]", "");
    CheckResult r = verify("contested", y, Fixtures.powerLaws(0.02));
    assertEquals(Verdict.PASS, r.verdict(), r.reason());
    assertEquals("t/dW", r.law());
    assertEquals(2, r.competing().size());
    assertEquals(Verdict.FAIL, r.competing().get(0).verdict());
    assertEquals(Verdict.PASS, r.competing().get(1).verdict());
    assertTrue(r.reason().startsWith("the data support t/dW (-1)"), r.reason());
  }

  @Test
  void eachSeriesIsJudgedAgainstItsOwnPrediction() {
    String y = "id: rd\nlaw: t/rd\nvary: m\nmodel: {depth: 1, param: kappa}\ndata: {d: 3, train: 8, test: 4}\n"
        + "dynamics: {}\nsweep:\n  m: [100, 200, 400, 800]\n  g: [1/4, 1/2]\n  seeds: 3\n"
        + "measure: rd.final\ntolerance: 0.05\n";
    Path f = Fixtures.write(DIR.resolve("series"), "rd.yaml", y);
    Verifier.Result res = Fixtures.verify(List.of(f), Fixtures.powerLaws(0), DIR.resolve("series/out" + System.nanoTime()),
        2, false, 3);
    assertEquals(2, res.checks().size());
    CheckResult quarter = res.checks().get(0);
    CheckResult half = res.checks().get(1);
    assertEquals("rd[g=1/4]", quarter.id());
    assertEquals(Rational.parse("-1/4"), quarter.predicted());
    assertEquals(Rational.parse("-1/2"), half.predicted());
    assertEquals(-0.25, quarter.fitted(), 1e-9);
    assertEquals(-0.5, half.fitted(), 1e-9);
    assertEquals(Verdict.PASS, quarter.verdict(), quarter.reason());
    assertEquals(Verdict.PASS, half.verdict(), half.reason());
  }

  @Test
  void oneSidedExpectation() {
    // the one-sided rule on the plain fit (the corrected fit's wider interval is tested elsewhere)
    String y = Fixtures.dwCheck("above", "t/flat", "expect: above\nfit: {correction: none}\n").replace("dW.hidden", "dw.total");
    CheckResult r = verify("above", y, Fixtures.powerLaws(0.02));
    assertEquals(Verdict.PASS, r.verdict(), r.reason());
    String y2 = Fixtures.dwCheck("above2", "t/flat", "expect: above\n");
    CheckResult r2 = verify("above2", y2, Fixtures.powerLaws(0.02));
    assertEquals(Verdict.FAIL, r2.verdict(), r2.reason());
  }

  @Test
  void spreadOverSeedsFollowsTheLaw() {
    String y = Fixtures.dwCheck("spread", "t/dz", "").replace("dW.hidden", "spread").replace("seeds: 4", "seeds: 12")
        .replace("tolerance: 0.1", "tolerance: 0.15");
    CheckResult r = verify("spread", y, Fixtures.powerLaws(0));
    assertNotNull(r.ciLow());
    assertEquals(-0.5, r.fitted(), 0.05, r.reason());
    assertTrue(r.ciLow() < r.fitted() && r.fitted() < r.ciHigh(), r.reason());
    assertEquals(Verdict.PASS, r.verdict(), r.reason());
  }

  @Test
  void driftingLocalSlopesAreInconclusive() {
    // q(n) = n^-1 (1 + 60 / n): local slopes drift from -1.33 to -1.03, fit outside the band
    RunExecutor ex = Fixtures.engine(spec -> {
      double n = spec.model().width();
      return new RunResult(RunStatus.OK, "", 1, 1, 0, Map.of("dW.hidden", (1 + 60 / n) / n), Map.of());
    });
    String y = Fixtures.dwCheck("drift", "t/dW", "").replace("[64, 128, 256, 512, 1024]", "[64, 256, 1024, 4096]");
    CheckResult r = verify("drift", y, ex);
    assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.reason());
    assertTrue(r.reason().contains("drift"), r.reason());
  }

  private static RunResult diverged() {
    return new RunResult(RunStatus.DIVERGED, "NaN in the loss at step 12", 12, 0.5, 0, Map.of(), Map.of());
  }
}
