package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The registry {@link Probes} against the engine: a small run with every feature on (depth 2 for a
 * hidden matrix, NTK Gram, linearised model, test set, gradient flow by the dp54 pair, a kernel level the run reaches,
 * a stop rule it meets) records exactly the registered names, every value finite.
 */
class ProbeRegistryTest {
  private static final int DEPTH = 2;
  private static RunResult run;

  @BeforeAll
  static void runWithEveryFeature() {
    // the flow by dp54: the pair records the Euler rule's step counts and its own (steps.evaluations, steps.stiff)
    DynamicsSpec dyn = DynamicsSpec.defaults().withMaxTime(1e3).withT1Level(1e-3).withAdaptive("dp54").withRtol(1e-6)
        .withAtol(1e-12);
    for (Probe p : Probes.ALL) for (Probe.Need n : p.needs()) dyn = n.enable(dyn);
    run = Simulator.run(new RunSpec(ModelSpec.defaults().withWidth(32).withDepth(DEPTH).withActivation("softplus")
        .withBeta(2), DataSpec.defaults().withTrain(40).withTest(50), dyn, 1, 2));
  }

  /** Names {@code registry} expects that the run did not record with a finite value. */
  private static List<String> missing(List<Probe> registry) {
    List<String> out = new ArrayList<>();
    for (String name : Probes.recorded(registry, DEPTH)) {
      Double v = run.probes().get(name);
      if (v == null || !Double.isFinite(v)) out.add(name);
    }
    return out;
  }

  /** Names the run recorded that {@code registry} does not expect. */
  private static Set<String> unregistered(List<Probe> registry) {
    Set<String> out = new TreeSet<>(run.probes().keySet());
    Probes.recorded(registry, DEPTH).forEach(out::remove);
    return out;
  }

  @Test
  void theRunMeetsEveryNeed() {
    assertEquals(RunStatus.OK, run.status(), run.reason());
    assertTrue(run.series().containsKey("kernel.t"), "NTK on");
    assertTrue(run.probes().get("loss.train") < run.probes().get("loss.init") / 2, "loss halved");
  }

  @Test
  void everyRegisteredProbeIsRecordedFinite() {
    assertEquals(List.of(), missing(Probes.ALL));
    // per-layer names: W^0..W^2 and z^1..z^2 at depth 2 (Simulator: k = 0..L, k = 1..L)
    for (String k : List.of("dW.l0", "dW.l1", "dW.l2", "dWfro.l0", "dWfro.l2", "dWrel.l1", "dz.l1", "dz.l2")) {
      assertTrue(run.probes().containsKey(k), k);
    }
    assertFalse(run.probes().containsKey("dz.l0"), "no pre-activations of the input layer");
  }

  @Test
  void everyRecordedProbeIsRegistered() {
    assertEquals(Set.of(), unregistered(Probes.ALL));
  }

  @Test
  void aFakeEntryIsReportedMissing() {
    List<Probe> fake = new ArrayList<>(Probes.ALL);
    fake.add(new Probe("dW.fake", -1, "none", Set.of(), "nowhere", false));
    fake.add(new Probe("dz.twice.l<k>", 1, "none", Set.of(), "nowhere", false));
    assertEquals(List.of("dW.fake", "dz.twice.l1", "dz.twice.l2"), missing(fake));
  }

  @Test
  void aRecordedButUnregisteredProbeIsReported() {
    List<Probe> less = new ArrayList<>(Probes.ALL);
    less.remove(Probes.DW_HIDDEN);
    less.remove(Probes.DZ_LAYER);
    assertEquals(Set.of("dW.hidden", "dz.l1", "dz.l2"), unregistered(less));
  }

  @Test
  void namesMatchTheirOwnPatternOnly() {
    assertEquals(Probes.DW_LAYER, Probes.find("dW.l0").orElseThrow());
    assertEquals(Probes.DWREL_LAYER, Probes.find("dWrel.l12").orElseThrow());
    assertEquals(Probes.DZ_LAYER, Probes.find("dz.l1").orElseThrow());
    for (String bad : List.of("dz.l0", "dW.l01", "dW.l", "dW.lx", "dW.l-1", "dW.l<k>", "kernel", "dW.hidden2")) {
      assertFalse(Probes.isKnown(bad), bad);
    }
    assertTrue(Probes.isRunProbe("dW.hidden"));
    assertTrue(Probes.isKnown("spread") && !Probes.isRunProbe("spread"));
    assertTrue(Probes.isKnown("alpha_star") && !Probes.isRunProbe("alpha_star"));
  }

  @Test
  void measuresTurnOnTheFeaturesTheyNeed() {
    DynamicsSpec d = DynamicsSpec.defaults();
    assertFalse(d.ntk() || d.linearised());
    assertTrue(Probes.enable("kernel.change", d).ntk());
    assertTrue(Probes.enable("t1.kernel", d).ntk());
    assertTrue(Probes.enable("alpha_star", d).ntk());
    assertTrue(Probes.enable("gap.lin", d).linearised());
    assertTrue(Probes.enable("dw.lin", d).linearised());
    assertFalse(Probes.enable("gap.lin", d).ntk());
    for (String plain : List.of("dW.hidden", "dz.l1", "t1.loss_half", "spread", "nonsense")) {
      assertEquals(d, Probes.enable(plain, d), plain);
    }
  }

  @Test
  void unknownNamesGetTheClosestAndTheList() {
    String m = Probes.unknown("measure", "dW.hiden");
    assertTrue(m.startsWith("unknown measure 'dW.hiden'; did you mean dW.hidden?"), m);
    assertTrue(m.contains("t1.kernel") && m.contains("dz.l<k>") && m.contains("alpha_star"), m);
    assertTrue(Probes.unknown("quantity", "dz.l0").contains("did you mean dz.l1?"), Probes.unknown("quantity", "dz.l0"));
    assertFalse(Probes.unknown("quantity", "entropy").contains("did you mean"), Probes.unknown("quantity", "entropy"));
  }
}
