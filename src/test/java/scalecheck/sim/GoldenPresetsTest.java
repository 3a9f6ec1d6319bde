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

/**
 * The named presets ntk, mf and kappa give, to the bit, the numbers the engine gave before fully
 * connected nets became one general parameterisation: every probe, every series (loss curve, kernel
 * change, test outputs), the exact NTK Gram after training and the linearised twin's probes, for
 * small runs of each preset under each dynamics kind. The reference file
 * ({@code golden-presets.txt} beside this class's package in the test resources) was written by the
 * engine of the commit before that change, with {@code -Dscalecheck.golden.write=FILE}; it is data,
 * not this code's output.
 */
class GoldenPresetsTest {
  static final String RESOURCE = "/scalecheck/sim/golden-presets.txt";

  /** The small runs: each preset under each dynamics kind (flow, gd, momentum with NTK and twin; sgd). */
  static Map<String, RunSpec> cases() {
    Map<String, RunSpec> out = new LinkedHashMap<>();
    String[][] presets = {{"ntk", "2", "softplus"}, {"mf", "3", "relu"}, {"kappa", "1", "relu"}};
    String[] kinds = {"flow", "gd", "momentum", "sgd"};
    int i = 0;
    for (String[] p : presets) {
      for (String kind : kinds) {
        i++;
        ModelSpec m = new ModelSpec(Integer.parseInt(p[1]), 6 + i % 3, p[2], i % 2 == 0, 2.0, p[0], 1.7, 3.5,
            i % 4 != 3, i % 5 != 4);
        DynamicsSpec y = DynamicsSpec.defaults().withKind(kind).withLr(kind.equals("flow") ? 0.5 : 0.05)
            .withMaxSteps(25).withCheckpoints(6).withStop("time").withMaxTime(kind.equals("flow") ? 40 : 1.25)
            .withTau(0.7).withBatch(3).withLoss(i % 3 == 0 ? "squared" : "softhinge").withLossBeta(5);
        if (!kind.equals("sgd")) y = y.withNtk(true).withLinearised(true);
        DataSpec d = DataSpec.defaults().withD(3).withTrain(5).withTest(4);
        if (kind.equals("sgd")) d = d.withKind("teacher2d").withD(2);
        out.put(p[0] + "/" + kind, new RunSpec(m, d, y, 100 + i, 200 + i));
      }
    }
    return out;
  }

  /** Every number of one run, by name: probes, series, the final Gram. */
  static Map<String, double[]> numbers(RunSpec spec) {
    Run run = new Run(spec);
    RunResult r = run.run();
    Map<String, double[]> out = new LinkedHashMap<>();
    out.put("steps", new double[] {r.steps(), r.time()});
    r.probes().forEach((k, v) -> out.put("probe." + k, new double[] {v}));
    r.series().forEach((k, v) -> out.put("series." + k, v));
    if (spec.dynamics().ntk()) {
      run.gramNow();
      int p = spec.data().train();
      double[] g = new double[p * p];
      run.gramCopy(g);
      out.put("gram.final", g);
    }
    return out;
  }

  @Test
  void presetsGiveTheStoredNumbersToTheBit() throws IOException {
    Map<String, Map<String, double[]>> stored = read();
    Map<String, RunSpec> cases = cases();
    assertEquals(cases.keySet(), stored.keySet());
    for (Map.Entry<String, RunSpec> c : cases.entrySet()) {
      Map<String, double[]> want = stored.get(c.getKey());
      Map<String, double[]> got = numbers(c.getValue());
      assertEquals(want.keySet(), got.keySet(), c.getKey() + ": names");
      for (String k : want.keySet()) {
        double[] a = want.get(k), b = got.get(k);
        assertEquals(a.length, b.length, c.getKey() + " " + k + ": length");
        for (int j = 0; j < a.length; j++) {
          int jj = j;
          assertTrue(Double.doubleToLongBits(a[j]) == Double.doubleToLongBits(b[j]),
              () -> c.getKey() + " " + k + "[" + jj + "]: stored " + a[jj] + ", got " + b[jj]);
        }
      }
    }
  }

  /** Writes the reference file when {@code -Dscalecheck.golden.write=FILE} is given (otherwise does nothing). */
  @Test
  void writeWhenAsked() throws IOException {
    String target = System.getProperty("scalecheck.golden.write");
    if (target == null) return;
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, RunSpec> c : cases().entrySet()) {
      for (Map.Entry<String, double[]> e : numbers(c.getValue()).entrySet()) {
        sb.append(c.getKey()).append(' ').append(e.getKey());
        for (double v : e.getValue()) sb.append(' ').append(v);
        sb.append('\n');
      }
    }
    Files.writeString(Path.of(target), sb.toString(), StandardCharsets.UTF_8);
  }

  private static Map<String, Map<String, double[]>> read() throws IOException {
    Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
    try (InputStream in = GoldenPresetsTest.class.getResourceAsStream(RESOURCE)) {
      assertNotNull(in, RESOURCE);
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) continue;
        String[] f = line.trim().split(" ");
        List<Double> vs = new ArrayList<>();
        for (int j = 2; j < f.length; j++) vs.add(Double.parseDouble(f[j]));
        double[] a = new double[vs.size()];
        for (int j = 0; j < a.length; j++) a[j] = vs.get(j);
        out.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], a);
      }
    }
    return out;
  }
}
