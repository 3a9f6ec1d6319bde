package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import scalecheck.check.RunKey;

/**
 * Gradient flow by an embedded Runge-Kutta pair ({@code adaptive: bs23 | dp54}) against a tighter
 * pair and against the authors' Euler rule: all converge to the same flow as their limits shrink
 * (softplus, and relu where the field has kinks), the pair at a fraction of the gradient evaluations;
 * the stop rule lands on its level, steps land on the checkpoint times, the memory estimate counts the
 * integrator's vectors, and the run keys of specs without the new settings are unchanged.
 */
class FlowPairTest {

  private static final List<String> PROBES = List.of("dw.total", "dW.l0", "dW.l1", "dW.l2", "rd.final", "dz.mean",
      "kernel.change", "t.fit", "t1.loss_half", "loss.train", "loss.test", "out.trained.rms");

  private static RunSpec spec(String act, String adaptive) {
    ModelSpec m = ModelSpec.defaults().withWidth(32).withDepth(2).withActivation(act);
    if (act.equals("softplus")) m = m.withBeta(2);
    return new RunSpec(m, DataSpec.defaults().withTrain(40).withTest(50),
        DynamicsSpec.defaults().withNtk(true).withMaxTime(1e3).withAdaptive(adaptive), 1, 2);
  }

  private static RunSpec pair(String act, String name, double rtol) {
    RunSpec s = spec(act, name);
    return s.withDynamics(s.dynamics().withRtol(rtol).withAtol(1e-12));
  }

  private static RunSpec euler(String act, double maxDgrad, double maxDout) {
    RunSpec s = spec(act, "code");
    return s.withDynamics(s.dynamics().withMaxDgrad(maxDgrad).withMaxDout(maxDout));
  }

  /**
   * With relu the NTK Gram jumps where a unit's activation pattern flips (relu' is a step), so
   * kernel.change is not a continuous function of the weights; the other probes are.
   */
  private static final List<String> RELU_PROBES = PROBES.stream().filter(k -> !k.equals("kernel.change")).toList();

  /** The largest relative difference over {@link #PROBES}. */
  static double worst(RunResult r, RunResult ref) {
    return worst(r, ref, PROBES);
  }

  static double worst(RunResult r, RunResult ref, List<String> probes) {
    double w = 0;
    for (String k : probes) {
      double v = r.probes().get(k), e = ref.probes().get(k);
      w = Math.max(w, Math.abs(v - e) / Math.abs(e));
    }
    return w;
  }

  private static RunResult ok(RunSpec s) {
    RunResult r = Simulator.run(s);
    assertEquals(RunStatus.OK, r.status(), r.reason());
    return r;
  }

  /** Gradient evaluations: the pair's probe; the Euler rule's one per trial step. */
  private static double evaluations(RunResult r) {
    Double e = r.probes().get("steps.evaluations");
    return e != null ? e : r.steps() + r.probes().get("steps.rejected");
  }

  @Test
  void softplusPairsAndAuthorsRuleConvergeToTheSameFlow() {
    RunResult ref = ok(pair("softplus", "dp54", 1e-10));
    RunResult bs = ok(pair("softplus", "bs23", 1e-5));
    RunResult loose = ok(euler("softplus", 1e-2, 1));
    RunResult tight = ok(euler("softplus", 1e-4, 1e-2));
    double eBs = worst(bs, ref), eLoose = worst(loose, ref), eTight = worst(tight, ref);
    // t.fit is ill-conditioned (the margins approach 1 slowly): a state error of rtol moves it ~100 rtol
    assertTrue(eBs < 2e-3, "bs23 against dp54: " + eBs);
    assertTrue(eTight < eLoose / 5 && eTight < 2e-2, "authors' rule against dp54: " + eLoose + " then " + eTight);
    // at about the accuracy of the authors' rule at 100 times tighter limits, at under half its evaluations
    assertTrue(eBs < 2 * eTight, eBs + " against " + eTight);
    assertTrue(evaluations(bs) * 2 < evaluations(tight), evaluations(bs) + " against " + evaluations(tight));
  }

  @Test
  void reluPairsAgreeAcrossKinks() {
    // the authors' rule at 100 times tighter limits stalls at the kinks (maxSteps): no third reference here
    RunResult ref = ok(pair("relu", "dp54", 1e-6));
    RunResult bs = ok(pair("relu", "bs23", 1e-5));
    RunResult loose = ok(euler("relu", 1e-2, 1));
    double eBs = worst(bs, ref, RELU_PROBES), eLoose = worst(loose, ref, RELU_PROBES);
    assertTrue(eBs < 1e-3, "bs23 against dp54: " + eBs);
    assertTrue(eBs < eLoose / 10, eBs + " against the authors' default " + eLoose);
  }

  @Test
  void rkcFollowsTheSoftplusFlowLocatesTheStopAndRefusesTheTwin() {
    RunResult ref = ok(pair("softplus", "dp54", 1e-10));
    RunResult r = ok(pair("softplus", "rkc", 1e-5));
    double e = worst(r, ref);
    assertTrue(e < 2e-3, "rkc against dp54: " + e);
    RunResult loose = ok(pair("softplus", "rkc", 1e-2));
    assertTrue(worst(loose, ref) > 3 * e, "a looser tolerance is seen: " + worst(loose, ref) + " against " + e);
    RunSpec s = pair("softplus", "rkc", 1e-6);
    DynamicsSpec d = s.dynamics().withStop("loss").withLossLevel(0.05).withMaxTime(100);
    assertEquals(0.05, ok(s.withDynamics(d)).probes().get("loss.train"), 1e-8, "loss at the located stop");
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> Simulator.validate(s.withDynamics(s.dynamics().withLinearised(true))));
    assertTrue(x.getMessage().startsWith("dynamics.linearised: not with adaptive rkc"), x.getMessage());
  }

  @Test
  void theLossStopIsLocatedOnItsLevelAndStepsLandOnCheckpoints() {
    RunSpec s = pair("softplus", "bs23", 1e-6);
    DynamicsSpec d = s.dynamics().withStop("loss").withLossLevel(0.05).withMaxTime(100).withCheckpoints(9);
    RunResult r = ok(s.withDynamics(d));
    assertEquals(0.05, r.probes().get("loss.train"), 1e-8, "loss at the located stop");
    RunResult e = ok(s.withDynamics(d.withAdaptive("code").withRtol(0).withAtol(0)));
    assertTrue(e.probes().get("loss.train") < 0.05 - 1e-6, "the Euler rule overshoots the level: " + e.probes().get("loss.train"));
    double[] ts = r.series().get("loss.t");
    double tMin = 100 * 1e-6;
    int k = 0;
    for (int i = 1; i < ts.length - 1; i++) {
      // checkpoint times tMin (tMax / tMin)^(k / 8) passed before the stop; each recorded at its own time
      double want = tMin * Math.pow(100 / tMin, k++ / 8.0);
      assertEquals(want, ts[i], 4 * Math.ulp(want), "checkpoint " + i);
    }
    assertTrue(k >= 3, "checkpoints before the stop: " + k);
  }

  @Test
  void theLinearisedTwinFollowsWithThePairsStep() {
    RunSpec s = pair("softplus", "dp54", 1e-10);
    RunResult ref = ok(s.withDynamics(s.dynamics().withLinearised(true).withStop("time").withMaxTime(50)));
    RunSpec b = pair("softplus", "bs23", 1e-6);
    RunResult bs = ok(b.withDynamics(b.dynamics().withLinearised(true).withStop("time").withMaxTime(50)));
    double lin = ref.probes().get("dw.lin"), gap = ref.probes().get("gap.lin");
    assertTrue(gap > 1e-3 * lin, "a twin measurably apart from the net: " + gap + " of " + lin);
    assertEquals(lin, bs.probes().get("dw.lin"), 1e-4 * lin);
    assertEquals(gap, bs.probes().get("gap.lin"), 1e-3 * gap);
  }

  @Test
  void theMemoryEstimateCountsTheIntegratorsVectors() {
    RunSpec e = spec("softplus", "code");
    RunSpec b = pair("softplus", "bs23", 1e-6), p = pair("softplus", "dp54", 1e-6);
    long size = 32 * 10 + 32 * 32 + 32; // W0 n x d (d = 10 by default), W1 n x n, W2 n
    assertEquals(10, DataSpec.defaults().d());
    // bs23: 4 stages + 4 work vectors; d, its value at the step's start and the located point (the Euler
    // rule's two trial vectors are shared)
    assertEquals(8 * size * (4 + 4 + 3), Simulator.estimateBytes(b) - Simulator.estimateBytes(e));
    assertEquals(8 * size * (7 + 4 + 3), Simulator.estimateBytes(p) - Simulator.estimateBytes(e));
    // rkc: three stage vectors, the previous state, F at it and at the state, F of a stage, the power direction
    RunSpec r = pair("softplus", "rkc", 1e-6);
    assertEquals(8 * size * (8 + 3), Simulator.estimateBytes(r) - Simulator.estimateBytes(e));
    // the twin's pair: its stages and work vectors, its state and the field's point and direction
    RunSpec bl = b.withDynamics(b.dynamics().withLinearised(true)), el = e.withDynamics(e.dynamics().withLinearised(true));
    assertEquals(8 * size * ((4 + 4 + 3) + (4 + 4 + 3)), Simulator.estimateBytes(bl) - Simulator.estimateBytes(el));
  }

  /** The pair's steps, the twin's included, allocate nothing on the heap (thread allocation counter). */
  @Test
  void stepsAllocateNothing() {
    RunSpec s = pair("relu", "bs23", 1e-6);
    assertStepsAllocateNothing(new Run(s.withDynamics(s.dynamics().withLinearised(true).withStop("time").withMaxTime(1e9))), 3000, 2000);
    // rkc's softplus flow reaches t = 1e9 in about 950 steps (rtol 1e-6)
    RunSpec r = pair("softplus", "rkc", 1e-6);
    assertStepsAllocateNothing(new Run(r.withDynamics(r.dynamics().withStop("time").withMaxTime(1e9))), 300, 400);
  }

  private static void assertStepsAllocateNothing(Run run, int warm, int measured) {
    run.begin();
    for (int i = 0; i < warm; i++) assertEquals(null, run.step());
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < measured; i++) assertEquals(null, run.step());
    long bytes = mx.getThreadAllocatedBytes(id) - before;
    assertTrue(bytes < 4096, bytes + " bytes over " + measured + " steps");
  }

  @Test
  void theNewSettingsAreValidatedAndLeftOutOfKeysWhenUnset() {
    RunSpec base = spec("softplus", "code");
    assertEquals(RunKey.of(base), RunKey.of(base.withDynamics(base.dynamics().withRtol(0).withAtol(0))));
    RunSpec b = pair("softplus", "bs23", 1e-6);
    assertFalse(RunKey.of(b).equals(RunKey.of(b.withDynamics(b.dynamics().withRtol(2e-6)))), "rtol in the key");
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> Simulator.validate(base.withDynamics(base.dynamics().withRtol(1e-4))));
    assertTrue(x.getMessage().startsWith("dynamics.rtol: only with kind flow and adaptive bs23, dp54 or rkc"), x.getMessage());
    x = assertThrows(IllegalArgumentException.class,
        () -> Simulator.validate(b.withDynamics(b.dynamics().withKind("gd"))));
    assertTrue(x.getMessage().startsWith("dynamics.rtol: only with"), x.getMessage());
    x = assertThrows(IllegalArgumentException.class, () -> Simulator.validate(b.withDynamics(b.dynamics().withAtol(0))));
    assertTrue(x.getMessage().startsWith("dynamics.atol: required with adaptive bs23"), x.getMessage());
    x = assertThrows(IllegalArgumentException.class, () -> Simulator.validate(b.withDynamics(b.dynamics().withRtol(-1))));
    assertTrue(x.getMessage().startsWith("dynamics.rtol: must be a finite number > 0"), x.getMessage());
  }

  @Test
  void negativeControlALooseToleranceOrAnotherSeedIsSeen() {
    RunResult ref = ok(pair("softplus", "dp54", 1e-10));
    RunResult loose = ok(pair("softplus", "bs23", 1e-1));
    RunSpec s = pair("softplus", "bs23", 1e-6);
    RunResult other = ok(new RunSpec(s.model(), s.data(), s.dynamics(), s.seed() + 1, s.dataSeed()));
    assertTrue(worst(loose, ref) > 1e-4, "rtol 1e-1: " + worst(loose, ref));
    assertTrue(worst(other, ref) > 1e-2, "another seed: " + worst(other, ref));
  }
}
