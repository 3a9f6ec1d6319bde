package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Chizat, Oyallon, Bach (2019): with a centred output, the alpha^-2 normalised loss and a fixed
 * horizon, ||w(T) - w0|| = O(1/alpha) and the gap to the linearised model trained alongside
 * ||w(T) - w_lin(T)|| = O(1/alpha^2). Here: alpha ||w - w0|| and alpha^2 gap stay constant as alpha
 * grows by 16, while alpha * gap falls.
 */
class LazyLimitTest {

  static RunResult run(double alpha) {
    RunSpec s = new RunSpec(ModelSpec.defaults().withWidth(48).withDepth(2).withActivation("softplus").withAlpha(alpha),
        DataSpec.defaults().withTrain(30).withTest(10),
        DynamicsSpec.defaults().withKind("gd").withLr(0.2).withLoss("squared").withStop("time")
            .withMaxTime(3).withLinearised(true), 1, 2);
    return Simulator.run(s);
  }

  @Test
  void gapToLinearisationShrinksAsInverseAlphaSquared() {
    RunResult a = run(8), b = run(32), c = run(128);
    for (RunResult r : new RunResult[] {a, b, c}) assertEquals(RunStatus.OK, r.status());
    double gA = a.probes().get("gap.lin") * 64, gB = b.probes().get("gap.lin") * 1024,
        gC = c.probes().get("gap.lin") * 16384;
    assertTrue(gA > 0 && Math.abs(gB / gA - 1) < 0.1 && Math.abs(gC / gB - 1) < 0.1,
        "alpha^2 gap: " + gA + ", " + gB + ", " + gC);
    double dA = a.probes().get("dw.total") * 8, dC = c.probes().get("dw.total") * 128;
    assertTrue(dA > 0 && Math.abs(dC / dA - 1) < 0.05, "alpha ||w - w0||: " + dA + ", " + dC);
    // and the linearised model itself moves by the same O(1/alpha)
    assertEquals(dC, c.probes().get("dw.lin") * 128, 0.01 * dC);
  }
}
