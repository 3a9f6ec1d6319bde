package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** End-to-end runs: status, probes present, determinism, stop rules, divergence. */
class SimulatorTest {

  static RunSpec small() {
    return new RunSpec(ModelSpec.defaults().withWidth(32).withDepth(2).withActivation("softplus").withBeta(2),
        DataSpec.defaults().withTrain(40).withTest(50),
        DynamicsSpec.defaults().withNtk(true).withLinearised(true).withMaxTime(1e3), 1, 2);
  }

  @Test
  void flowFitsAndRecordsEveryProbe() {
    RunResult r = Simulator.run(small());
    assertEquals(RunStatus.OK, r.status(), r.reason());
    for (String k : List.of("dW.l0", "dW.l1", "dW.l2", "dWfro.l1", "dWrel.l2", "dW.first", "dW.last",
        "dW.hidden", "dz.l1", "dz.l2", "dz.mean", "dw.total", "rate.hidden", "rate.first", "rate.last",
        "rate.z", "kernel.change", "t1.loss_half", "t.fit", "loss.init", "loss.train", "loss.test",
        "err.train", "err.test", "out.init.rms", "out.trained.rms", "gap.lin", "dw.lin", "rd.final",
        "rd.sup")) {
      assertTrue(r.probes().containsKey(k), "missing probe " + k);
      assertTrue(Double.isFinite(r.probes().get(k)), k + " not finite");
    }
    assertEquals(0.0, r.probes().get("err.train"));
    // stop rule: every margin >= 1 means the soft-hinge loss is below log(1 + e^0)/beta
    assertTrue(r.probes().get("loss.train") < Math.log(2) / 20 + 1e-12);
    double[] lt = r.series().get("loss.t");
    assertEquals(lt.length, r.series().get("loss.v").length);
    assertEquals(0.0, lt[0]);
    assertEquals(r.time(), lt[lt.length - 1]);
    assertEquals(50, r.series().get("out.test").length);
    assertTrue(r.probes().get("t1.loss_half") < r.probes().get("t.fit"));
  }

  @Test
  void sameSpecSameBitsAlsoConcurrently() throws Exception {
    RunSpec s = small().withDynamics(small().dynamics().withMaxTime(5).withStop("time"));
    RunResult a = Simulator.run(s);
    ExecutorService ex = Executors.newFixedThreadPool(3);
    List<Future<RunResult>> fs = new ArrayList<>();
    for (int i = 0; i < 3; i++) fs.add(ex.submit(() -> Simulator.run(s)));
    for (Future<RunResult> f : fs) assertSame(a, f.get());
    ex.shutdown();
    RunResult other = Simulator.run(s.withSeed(99));
    assertTrue(!a.probes().get("dw.total").equals(other.probes().get("dw.total")));
  }

  static void assertSame(RunResult a, RunResult b) {
    assertEquals(a.status(), b.status());
    assertEquals(a.steps(), b.steps());
    assertEquals(a.time(), b.time());
    assertEquals(a.probes(), b.probes());
    assertEquals(a.series().keySet(), b.series().keySet());
    for (String k : a.series().keySet()) assertArrayEquals(a.series().get(k), b.series().get(k), k);
  }

  @Test
  void sameResultUpToRoundingAcrossBlasThreadCounts() {
    int before = Simulator.blasThreads();
    try {
      RunSpec s = small().withModel(small().model().withWidth(200))
          .withDynamics(small().dynamics().withMaxTime(2).withStop("time"));
      Simulator.setBlasThreads(1);
      RunResult one = Simulator.run(s);
      Simulator.setBlasThreads(2);
      RunResult two = Simulator.run(s);
      // OpenBLAS partitions gemm differently with more threads: equal up to rounding, not bit for bit
      assertEquals(one.steps(), two.steps());
      for (String k : one.probes().keySet()) {
        double x = one.probes().get(k), y = two.probes().get(k);
        assertEquals(x, y, 1e-10 * Math.max(1e-300, Math.abs(x)), k);
      }
    } finally {
      Simulator.setBlasThreads(before);
    }
  }

  @Test
  void timeStopLandsOnMaxTimeAndStepLimitIsLimit() {
    RunSpec s = small().withDynamics(DynamicsSpec.defaults().withKind("gd").withLr(0.3).withStop("time").withMaxTime(2));
    RunResult r = Simulator.run(s);
    assertEquals(RunStatus.OK, r.status());
    assertEquals(2.0, r.time(), 1e-12);
    assertEquals(7, r.steps());
    RunResult lim = Simulator.run(s.withDynamics(s.dynamics().withMaxSteps(3)));
    assertEquals(RunStatus.LIMIT, lim.status());
    assertEquals(3, lim.steps());
  }

  @Test
  void hugeStepDivergesWithTheStep() {
    RunSpec s = small().withDynamics(DynamicsSpec.defaults().withKind("gd").withLoss("squared")
        .withLossNormalised(false).withLr(1e6).withStop("time").withMaxTime(1e9));
    RunResult r = Simulator.run(s);
    assertEquals(RunStatus.DIVERGED, r.status());
    assertTrue(r.reason().contains("at step " + (r.steps() + 1)), r.reason());
  }

  @Test
  void lossStopAndMomentumAndSlidesRule() {
    RunSpec base = small().withDynamics(DynamicsSpec.defaults().withLoss("squared").withStop("loss").withLossLevel(0.05));
    for (DynamicsSpec y : List.of(base.dynamics(), base.dynamics().withAdaptive("slides"),
        base.dynamics().withKind("momentum").withLr(0.1).withTau(0.5), base.dynamics().withKind("gd").withLr(0.5))) {
      RunResult r = Simulator.run(base.withDynamics(y));
      assertEquals(RunStatus.OK, r.status(), y + ": " + r.reason());
      assertTrue(r.probes().get("loss.train") <= 0.05);
    }
  }
}
