package scalecheck.sim;

import scalecheck.sim.data.Datasets;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scalecheck.PropertyRuns.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Back-propagated gradients against central finite differences of the loss. */
class GradientProperties {

  record Config(int depth, int width, int d, int p, String act, boolean normalised, String param,
      String loss, boolean lossNorm, boolean centred, boolean inputScale, double alpha, long seed) {}

  static final String[] ACTS = {"relu", "softplus", "tanh", "identity"};
  static final String[] PARAMS = {"ntk", "mf", "kappa"};
  static final String[] LOSSES = {"squared", "hinge", "softhinge"};

  static Gen<Config> configs() {
    return integers().between(0, Integer.MAX_VALUE).zip(longs().between(0, 1L << 40), (code, seed) -> {
      int c = code;
      int depth = 1 + c % 3; c /= 3;
      int width = 1 + c % 5; c /= 5;
      int d = 1 + c % 3; c /= 3;
      int p = 1 + c % 4; c /= 4;
      String act = ACTS[c % 4]; c /= 4;
      boolean norm = c % 2 == 0; c /= 2;
      String param = PARAMS[c % 3]; c /= 3;
      String loss = LOSSES[c % 3]; c /= 3;
      boolean lossNorm = c % 2 == 0; c /= 2;
      boolean centred = c % 2 == 0; c /= 2;
      boolean inputScale = c % 2 == 0; c /= 2;
      double alpha = new double[] {0.3, 1.0, 3.0}[c % 3];
      return new Config(depth, width, d, p, act, norm, param, loss, lossNorm, centred, inputScale, alpha, seed);
    });
  }

  static RunSpec spec(Config c) {
    ModelSpec m = new ModelSpec(c.depth(), c.width(), c.act(), c.normalised(), 1.7, c.param(), c.alpha(),
        2.5, c.centred(), c.inputScale());
    DynamicsSpec y = DynamicsSpec.defaults().withLoss(c.loss()).withLossBeta(3.0).withLossNormalised(c.lossNorm());
    return new RunSpec(m, DataSpec.defaults().withD(c.d()).withTrain(c.p()), y, c.seed(), c.seed() + 1);
  }

  @Test
  void gradientMatchesCentralDifferences() {
    qt(300).withShrinkCycles(200).forAll(configs()).checkAssert(c -> {
      Dataset data = SimFixtures.random(c.d(), c.p(), 2, c.loss().equals("squared"), c.seed() + 7);
      Run run = new Run(spec(c), data);
      run.prepare();
      // move away from w0 so that the centred output is not identically zero
      java.util.SplittableRandom r = new java.util.SplittableRandom(c.seed() + 3);
      for (int i = 0; i < run.net.size(); i++) run.w.all.put(i, run.w.all.get(i) + 0.3 * Datasets.gaussian(r));
      run.evaluate(run.w, run.g);
      double[] grad = new double[run.net.size()];
      run.g.all.get(0, grad);
      Params scratch = run.net.newParams();
      double h = 1e-6, worst = 0, scale = 0;
      for (double gi : grad) scale = Math.max(scale, Math.abs(gi));
      for (int i = 0; i < run.net.size(); i++) {
        double w = run.w.all.get(i);
        run.w.all.put(i, w + h);
        double lp = run.evaluate(run.w, scratch);
        run.w.all.put(i, w - h);
        double lm = run.evaluate(run.w, scratch);
        run.w.all.put(i, w);
        double fd = (lp - lm) / (2 * h);
        worst = Math.max(worst, Math.abs(fd - grad[i]));
      }
      // kinks (relu at 0, hinge at margin 1) within h of a sample are measure-zero events
      assertTrue(worst <= 1e-6 * Math.max(1, scale),
          () -> "config " + c + ": max |fd - grad| too large");
    });
  }
}
