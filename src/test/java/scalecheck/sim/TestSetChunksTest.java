package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;

/** Wide nets send the test set through the net in chunks; the outputs are those of one full batch. */
class TestSetChunksTest {

  @Test
  void chunkedTestOutputsEqualTheFullBatch() {
    int n = 2048, test = 1000, d = 3;
    int rows = Run.testRows(new Net(ModelSpec.defaults().withDepth(1).withWidth(n), 3), test);
    assertTrue(rows < test && test % rows != 0, "the case must have several chunks and a short last one: " + rows);
    RunSpec s = new RunSpec(ModelSpec.defaults().withDepth(1).withWidth(n).withActivation("softplus"),
        DataSpec.defaults().withD(d).withTrain(4).withTest(test),
        DynamicsSpec.defaults().withStop("time").withMaxSteps(1), 3, 4);
    Dataset data = SimFixtures.random(d, 4, test, false, 9);
    Run run = new Run(s, data);
    RunResult r = run.run();
    Batch full = run.net.newBatch(test);
    full.setX(data.xTest());
    run.net.forward(run.w0, full);
    DoubleBuffer f0 = Blas.alloc(test);
    for (int i = 0; i < test; i++) f0.put(i, full.out.get(i));
    run.net.forward(run.w, full);
    double[] outTest = r.series().get("out.test");
    assertEquals(test, outTest.length);
    double sq = 0;
    for (int i = 0; i < test; i++) {
      double u = full.out.get(i) - f0.get(i);
      assertEquals(u, outTest[i], 1e-12 * Math.abs(f0.get(i)), "test point " + i);
      sq += f0.get(i) * f0.get(i);
    }
    assertTrue(outTest[test - 1] != 0);
    assertEquals(Math.sqrt(sq / test), r.probes().get("out.init.rms"), 1e-12 * Math.sqrt(sq / test));
  }
}
