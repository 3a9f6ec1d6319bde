package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scalecheck.check.RunKey;

/**
 * The settings and paths of every dynamics kind that {@link GoldenPresetsTest} leaves out give, to
 * the bit, the numbers the engine gave before each kind became its own type: the flow's "slides"
 * rule with the linearised twin, the stall guard (relu with hinge loss), the loss and margins stop
 * rules under gd, momentum and centred online sgd; the same for the run keys of the default spec of
 * each kind and (up to the one documented change below) for the memory estimate. The reference file ({@code dynamics-golden.txt} in the
 * test resources) was written by the engine of the commit before that change with
 * {@code -Dscalecheck.golden.write=FILE}; it is data, not this code's output.
 */
class DynamicsGoldenTest {
  static final String RESOURCE = "/scalecheck/sim/dynamics-golden.txt";

  static Map<String, RunSpec> cases() {
    Map<String, RunSpec> out = new LinkedHashMap<>();
    DataSpec d = DataSpec.defaults().withD(3).withTrain(6).withTest(5);
    ModelSpec soft = new ModelSpec(2, 7, "softplus", true, 2.0, "ntk", 1.3, 1.0, true, true);
    ModelSpec relu = new ModelSpec(2, 5, "relu", false, 1.0, "mf", 0.8, 1.0, false, true);
    DynamicsSpec base = DynamicsSpec.defaults().withMaxSteps(300).withCheckpoints(7).withLossBeta(5);
    out.put("flow.slides", new RunSpec(soft, d,
        base.withAdaptive("slides").withStop("time").withMaxTime(30).withNtk(true).withLinearised(true), 11, 21));
    out.put("flow.code.hinge", new RunSpec(relu, d,
        base.withLoss("hinge").withMaxDgrad(1e-4).withMaxDout(0.05).withStop("margins").withMaxTime(50)
            .withLinearised(true), 12, 22));
    out.put("gd.loss", new RunSpec(relu, d,
        base.withKind("gd").withLoss("squared").withLr(0.2).withStop("loss").withLossLevel(0.05).withMaxTime(100)
            .withNtk(true), 13, 23));
    out.put("momentum.margins", new RunSpec(soft, d,
        base.withKind("momentum").withLr(0.1).withTau(0.4).withStop("margins").withMaxTime(20).withLinearised(true)
            .withKeepTrajectories(true), 14, 24));
    out.put("sgd.centred", new RunSpec(soft.withCentred(true), DataSpec.defaults().withKind("teacher2d").withD(2)
        .withTrain(6).withTest(5), base.withKind("sgd").withLr(0.05).withBatch(4).withStop("margins").withMaxTime(3)
        .withNtk(true).withKeepTrajectories(true), 15, 25));
    return out;
  }

  /** Default specs of each kind: their run keys and memory estimates. */
  static Map<String, RunSpec> keyed() {
    Map<String, RunSpec> out = new LinkedHashMap<>();
    for (String kind : new String[] {"flow", "gd", "momentum", "sgd"}) {
      DataSpec d = kind.equals("sgd") ? DataSpec.defaults().withKind("teacher2d").withD(2) : DataSpec.defaults();
      RunSpec s = new RunSpec(ModelSpec.defaults(), d, DynamicsSpec.defaults().withKind(kind), 1, 2);
      out.put(kind, s);
      out.put(kind + ".ntk.lin", s.withDynamics(s.dynamics().withNtk(true).withLinearised(!kind.equals("sgd"))));
    }
    return out;
  }

  static Map<String, String> lines() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, RunSpec> c : keyed().entrySet()) {
      out.put("key " + c.getKey(), RunKey.of(c.getValue()));
      out.put("bytes " + c.getKey(), Long.toString(Simulator.estimateBytes(c.getValue())));
    }
    for (Map.Entry<String, RunSpec> c : cases().entrySet()) {
      for (Map.Entry<String, double[]> e : GoldenPresetsTest.numbers(c.getValue()).entrySet()) {
        StringBuilder sb = new StringBuilder();
        for (double v : e.getValue()) sb.append(sb.length() == 0 ? "" : " ").append(Long.toHexString(Double.doubleToLongBits(v)));
        out.put(c.getKey() + " " + e.getKey(), sb.toString());
      }
    }
    return out;
  }

  /**
   * The stored estimate less the allowance it made for the per-point vectors, 8 (6 (P + test) + test)
   * bytes, plus the vectors a run allocates: targets, F0, current outputs and loss weights on the
   * training set, F0 and outputs on the test set, the twin's loss weights, and the batch's F0 and
   * loss weights under sgd.
   */
  static long countedExactly(long stored, RunSpec s) {
    long p = s.data().train(), test = s.data().test();
    long exact = 8 * (4 * p + 2 * test) + (s.dynamics().linearised() ? 8 * p : 0)
        + (s.dynamics().kind().equals("sgd") ? 16L * s.dynamics().batch() : 0);
    return stored - 8 * (6 * (p + test) + test) + exact;
  }

  @Test
  void kindsGiveTheStoredNumbersKeysAndEstimates() throws IOException {
    Map<String, String> want = read();
    Map<String, String> got = lines();
    assertEquals(want.keySet(), got.keySet());
    for (Map.Entry<String, RunSpec> c : keyed().entrySet()) {
      String k = "bytes " + c.getKey();
      want.put(k, Long.toString(countedExactly(Long.parseLong(want.get(k)), c.getValue())));
    }
    for (String k : want.keySet()) assertEquals(want.get(k), got.get(k), k);
    assertTrue(want.keySet().stream().anyMatch(k -> k.startsWith("flow.slides probe.gap.lin")));
  }

  /** Writes the reference file when {@code -Dscalecheck.golden.write=FILE} is given (otherwise does nothing). */
  @Test
  void writeWhenAsked() throws IOException {
    String target = System.getProperty("scalecheck.golden.write");
    if (target == null) return;
    StringBuilder sb = new StringBuilder();
    lines().forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    Files.writeString(Path.of(target), sb.toString(), StandardCharsets.UTF_8);
  }

  private static Map<String, String> read() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = DynamicsGoldenTest.class.getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE);
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) continue;
        int eq = line.indexOf(" = ");
        out.put(line.substring(0, eq), line.substring(eq + 3));
      }
    }
    return out;
  }
}
