package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The dump read by the PyTorch reference: file format, round trip, and steps equal to a normal run's. */
class ReferenceDumpTest {
  private static final Path ROOT = Path.of("target", "test-reference-dump");

  private static RunSpec spec() {
    return new ReferenceDump.Setup(12, 4, 3, 30, 0.7, 5, 6).spec(false, 1);
  }

  @Test
  void roundTripKeepsWeightsDataAndSettings() throws IOException {
    RunSpec s = spec().withDynamics(spec().dynamics().withMaxSteps(777).withMaxDout(0.5));
    ReferenceDump.Problem pr = ReferenceDump.problem(s);
    Path dir = ROOT.resolve("roundtrip");
    ReferenceDump.write(pr, dir);
    ReferenceDump.Problem back = ReferenceDump.read(dir);
    assertArrayEquals(pr.weights(), back.weights());
    assertArrayEquals(pr.x(), back.x());
    assertArrayEquals(pr.y(), back.y());
    assertEquals(s.model(), back.spec().model());
    assertEquals(s.dynamics(), back.spec().dynamics());
    assertEquals(s.seed(), back.spec().seed());
    assertEquals(s.data().d(), back.spec().data().d());
    assertEquals(s.data().train(), back.spec().data().train());
  }

  @Test
  void filesAreLittleEndianRowMajorLayers() throws IOException {
    ReferenceDump.Problem pr = ReferenceDump.problem(spec());
    Path dir = ROOT.resolve("layout");
    ReferenceDump.write(pr, dir);
    int n = 12, d = 4;
    // W0 is n x d: entry (i, j) of the first layer is weight i * d + j of the engine's vector
    ByteBuffer w0 = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("W0.bin"))).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(8 * n * d, w0.capacity());
    assertEquals(pr.weights()[2 * d + 3], w0.getDouble(8 * (2 * d + 3)));
    // W3 (the output layer, n entries) follows W0 (n d) and W1, W2 (n^2 each)
    ByteBuffer w3 = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("W3.bin"))).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(8 * n, w3.capacity());
    assertEquals(pr.weights()[n * d + 2 * n * n + 5], w3.getDouble(8 * 5));
    assertEquals(8 * 30 * d, Files.size(dir.resolve("x.bin")));
    // x is normalised to |x| = sqrt(d), y is +-1
    ByteBuffer x = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("x.bin"))).order(ByteOrder.LITTLE_ENDIAN);
    double sq = 0;
    for (int j = 0; j < d; j++) sq += x.getDouble(8 * (7 * d + j)) * x.getDouble(8 * (7 * d + j));
    assertEquals(d, sq, 1e-12);
    String meta = Files.readString(dir.resolve("meta.json"));
    double c = 1 / Math.sqrt(secondMomentOfSoftplus());
    double written = Double.parseDouble(meta.replaceAll("(?s).*\"act_scale\" : ([0-9.Ee-]+).*", "$1"));
    assertEquals(c, written, 1e-7);
  }

  /** E[softplus(Z)^2], Z ~ N(0, 1), by a plain Riemann sum (independent of the engine's Simpson rule). */
  private static double secondMomentOfSoftplus() {
    double s = 0, h = 1e-3;
    for (double z = -12; z <= 12; z += h) {
      double sp = Math.log1p(Math.exp(z));
      s += sp * sp * Math.exp(-z * z / 2) * h;
    }
    return s / Math.sqrt(2 * Math.PI);
  }

  @Test
  void stepsFromTheDumpEqualTheNormalRunBitForBit() throws IOException {
    int k = 7;
    RunSpec s = spec().withDynamics(spec().dynamics().withStop("time").withMaxSteps(k));
    RunResult normal = new Run(s).run();
    assertEquals(k, normal.steps());
    Path dir = ROOT.resolve("steps");
    ReferenceDump.write(ReferenceDump.problem(s), dir);
    ReferenceDump.Problem pr = ReferenceDump.read(dir);
    Run run = ReferenceDump.start(pr, pr.spec());
    double loss0 = run.lossNow();
    for (int i = 0; i < k; i++) assertEquals(null, run.step());
    assertEquals(normal.probes().get("loss.train"), run.lossNow());
    assertEquals(normal.time(), run.timeNow());
    assertEquals(normal.probes().get("loss.init"), loss0);
    assertNotEquals(loss0, run.lossNow());
  }

  @Test
  void otherWeightsGiveOtherSteps() throws IOException {
    RunSpec s = spec();
    ReferenceDump.Problem pr = ReferenceDump.problem(s);
    double[] w = pr.weights().clone();
    w[0] += 0.5;
    Run a = ReferenceDump.start(pr, s);
    Run b = ReferenceDump.start(new ReferenceDump.Problem(s, w, pr.x(), pr.y()), s);
    a.step();
    b.step();
    assertNotEquals(a.lossNow(), b.lossNow());
  }

  @Test
  void gramIsTheRunsGramAtTheInitialWeights() {
    RunSpec s = spec().withDynamics(spec().dynamics().withNtk(true));
    ReferenceDump.Problem pr = ReferenceDump.problem(s);
    double[] g = ReferenceDump.gram(pr);
    int p = pr.train();
    Run run = new Run(s);
    double norm = run.gramNow();
    double sq = 0;
    for (int i = 0; i < p; i++) {
      for (int j = 0; j < p; j++) {
        assertEquals(g[i * p + j], g[j * p + i]);
        sq += g[i * p + j] * g[i * p + j];
      }
      assertTrue(g[i * p + i] > 0);
    }
    assertEquals(norm, Math.sqrt(sq), 1e-12 * norm);
  }

  @Test
  void badFilesAreNamed() throws IOException {
    Path dir = ROOT.resolve("bad");
    ReferenceDump.write(ReferenceDump.problem(spec()), dir);
    Files.write(dir.resolve("x.bin"), new byte[12]);
    IOException e = assertThrows(IOException.class, () -> ReferenceDump.read(dir));
    assertTrue(e.getMessage().contains("x.bin") && e.getMessage().contains("120 float64"), e.getMessage());
    ReferenceDump.write(ReferenceDump.problem(spec()), dir);
    String meta = Files.readString(dir.resolve("meta.json"));
    Files.writeString(dir.resolve("meta.json"), meta.replaceAll("\"act_scale\" : [0-9.Ee-]+", "\"act_scale\" : 1.5"));
    e = assertThrows(IOException.class, () -> ReferenceDump.read(dir));
    assertTrue(e.getMessage().contains("act_scale"), e.getMessage());
  }

  @Test
  void stepFlopsCountsTheGemmsAndTheOutputLayer() {
    // n = 2, d = 3, L = 2, P = 5: forward and weight gradient 2 P (n d + n^2 + n) each (the output layer's
    // matrix-vector products included), back-propagation 2 P n^2
    Model net = Model.of(ModelSpec.defaults().withDepth(2).withWidth(2), 3);
    assertEquals(2 * 2 * 5 * (6 + 4 + 2) + 2 * 5 * 4, net.stepFlops(5));
  }
}
