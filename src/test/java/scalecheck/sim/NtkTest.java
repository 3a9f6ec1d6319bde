package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The factorised NTK Gram against the explicit product J J^T of per-input gradients. */
class NtkTest {

  @ParameterizedTest
  @CsvSource({
      "1, 7, relu, ntk, true", "2, 5, softplus, ntk, true", "3, 6, tanh, mf, false",
      "3, 4, identity, ntk, true", "1, 9, relu, kappa, true", "4, 3, softplus, mf, false"})
  void factorisedGramEqualsJacobianProduct(int depth, int width, String act, String param, boolean inputScale) {
    int d = 3, p = 6;
    ModelSpec m = new ModelSpec(depth, width, act, true, 2.0, param, 1.3, 3.0, true, inputScale);
    RunSpec spec = new RunSpec(m, DataSpec.defaults().withD(d).withTrain(p), DynamicsSpec.defaults(), 11, 12);
    Run run = new Run(spec, SimFixtures.random(d, p, 2, false, 5));
    Net net = (Net) run.net;
    Net.Work ws = net.new Work(p);
    ws.setX(SimFixtures.random(d, p, 2, false, 5).xTrain());
    net.forward(run.w, ws);
    double[][] jac = SimFixtures.backwardRows(net, run.w, ws, p);
    DoubleBuffer gram = Blas.alloc(p * p), t1 = Blas.alloc(p * p), t2 = Blas.alloc(p * p);
    net.ntk(run.w, ws, gram, t1, t2);
    double[] mismatch = SimFixtures.gramMismatch(jac, null, gram, p);
    double diff = mismatch[0], normSq = mismatch[1];
    double rel = Math.sqrt(diff / normSq);
    assertTrue(normSq > 0 && rel < 1e-10, "relative Frobenius error " + rel);
  }
}
