package scalecheck.sim;

import scalecheck.sim.data.Datasets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import scalecheck.PropertyRuns;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Generated abc-parameterisations (random per-layer exponents a, b, c, any depth): the engine's
 * learning-rate weighted descent direction against eta_l times central finite differences of the loss,
 * the factorised NTK Gram against J diag(eta) J^T, and the forward-mode derivative (JVP) against
 * finite differences of the output. Fixed seed.
 */
class ParameterisationProperties {
  static final double[] EXPS = {-1, -0.5, -0.25, 0, 0.25, 0.5, 1};
  static final String[] ACTS = {"softplus", "tanh", "identity", "relu"};

  record Config(int depth, int width, int d, int p, String act, String abc, boolean centred, long seed) {}

  static Gen<Config> configs() {
    return configs(4);
  }

  /** Smooth activations only (finite differences across a relu kink do not converge). */
  static Gen<Config> smooth() {
    return configs(3);
  }

  static Gen<Config> configs(int acts) {
    return integers().between(0, Integer.MAX_VALUE).zip(longs().between(0, 1L << 40), (code, seed) -> {
      int c = code;
      int depth = 1 + c % 3; c /= 3;
      int width = 2 + c % 4; c /= 4;
      int d = 1 + c % 3; c /= 3;
      int p = 1 + c % 4; c /= 4;
      String act = ACTS[c % acts]; c /= 4;
      boolean centred = c % 2 == 0;
      SplittableRandom r = new SplittableRandom(seed);
      StringBuilder sb = new StringBuilder();
      for (String row : new String[] {"a", "b", "c"}) {
        sb.append(row).append(':');
        for (int l = 0; l <= depth; l++) sb.append(' ').append(EXPS[r.nextInt(EXPS.length)]);
        sb.append("; ");
      }
      return new Config(depth, width, d, p, act, sb.toString(), centred, seed);
    });
  }

  static Run run(Config c) {
    ModelSpec m = new ModelSpec(c.depth(), c.width(), c.act(), true, 1.5, "abc", 1.3, 1.0, c.centred(), true, c.abc());
    DynamicsSpec y = DynamicsSpec.defaults().withLoss("squared").withLossNormalised(false);
    RunSpec spec = new RunSpec(m, DataSpec.defaults().withD(c.d()).withTrain(c.p()), y, c.seed(), c.seed() + 1);
    Simulator.validate(spec);
    return new Run(spec, SimFixtures.random(c.d(), c.p(), 2, true, c.seed() + 7));
  }

  /** Rate of each parameter (eta_l of its layer). */
  static double[] rates(Net net) {
    double[] r = new double[net.size];
    for (int l = 0; l <= net.depth; l++) {
      for (int i = net.off[l]; i < net.off[l] + net.len[l]; i++) r[i] = net.rate[l];
    }
    return r;
  }

  @Test
  void descentDirectionIsRateTimesFiniteDifferences() {
    PropertyRuns.qt(100).forAll(smooth()).checkAssert(c -> {
      Run run = run(c);
      run.prepare();
      SplittableRandom r = new SplittableRandom(c.seed() + 3);
      Net net = (Net) run.net;
      // move away from w0 by a step of each layer's own size, so that the centred output is not zero
      for (int l = 0; l <= net.depth; l++) {
        for (int i = net.off[l]; i < net.off[l] + net.len[l]; i++) {
          run.w.all.put(i, run.w.all.get(i) + 0.3 * net.std[l] * Datasets.gaussian(r));
        }
      }
      run.evaluate(run.w, run.g);
      double[] dir = new double[net.size];
      run.g.all.get(0, dir);
      double loss = run.evaluate(run.w, net.newParams());
      Params scratch = net.newParams();
      for (int l = 0; l <= net.depth; l++) {
        double[] fd = new double[net.len[l]];
        double hMin = Double.POSITIVE_INFINITY, fdMax = 0;
        for (int k = 0; k < net.len[l]; k++) {
          int i = net.off[l] + k;
          double w = run.w.all.get(i);
          double h = 1e-6 * Math.max(1e-3, Math.abs(w));
          run.w.all.put(i, w + h);
          double lp = run.evaluate(run.w, scratch);
          run.w.all.put(i, w - h);
          double lm = run.evaluate(run.w, scratch);
          run.w.all.put(i, w);
          fd[k] = (lp - lm) / (2 * h);
          hMin = Math.min(hMin, h);
          fdMax = Math.max(fdMax, Math.abs(fd[k]));
        }
        // central differences: truncation relative 1e-5 at most here, rounding about eps |L| / h
        double tol = 1e-5 * fdMax + 1e-8 * Math.abs(loss) / hMin;
        for (int k = 0; k < net.len[l]; k++) {
          double got = dir[net.off[l] + k] / net.rate[l];
          int kk = k, ll = l;
          assertTrue(Math.abs(got - fd[k]) <= tol,
              () -> c + " layer " + ll + " entry " + kk + ": fd " + fd[kk] + ", direction / eta " + got);
        }
      }
    });
  }

  @Test
  void ntkIsJacobianWeightedByRates() {
    PropertyRuns.qt(150).forAll(configs()).checkAssert(c -> {
      Run run = run(c);
      Net net = (Net) run.net;
      int p = c.p();
      Net.Work ws = net.new Work(p);
      ws.setX(SimFixtures.random(c.d(), p, 2, true, c.seed() + 7).xTrain());
      net.forward(run.w, ws);
      double[] eta = rates(net);
      double[][] jac = SimFixtures.backwardRows(net, run.w, ws, p);
      for (int a = 0; a < p; a++) {
        for (int i = 0; i < net.size; i++) jac[a][i] /= eta[i]; // backward gives diag(eta) J^T e_a
      }
      DoubleBuffer gram = Blas.alloc(p * p), t1 = Blas.alloc(p * p), t2 = Blas.alloc(p * p);
      net.ntk(run.w, ws, gram, t1, t2);
      double[] m = SimFixtures.gramMismatch(jac, eta, gram, p);
      double diff = m[0], normSq = m[1];
      double rel = Math.sqrt(diff / normSq);
      // every relu unit dead at width 2 gives J = 0: then the Gram must be exactly 0
      assertTrue(normSq == 0 ? diff == 0 : rel < 1e-9, () -> c + ": relative Frobenius error " + rel);
    });
  }

  @Test
  void jvpMatchesFiniteDifferencesOfTheOutput() {
    PropertyRuns.qt(150).forAll(smooth()).checkAssert(c -> {
      Run run = run(c);
      Net net = (Net) run.net;
      int p = c.p();
      Net.Work ws = net.new Work(p);
      ws.setX(SimFixtures.random(c.d(), p, 2, true, c.seed() + 7).xTrain());
      Params v = net.newParams();
      SplittableRandom r = new SplittableRandom(c.seed() + 5);
      for (int l = 0; l <= net.depth; l++) {
        for (int i = net.off[l]; i < net.off[l] + net.len[l]; i++) v.all.put(i, net.std[l] * Datasets.gaussian(r));
      }
      net.forward(run.w, ws);
      net.jvp(run.w, ws, v, null);
      double[] jv = new double[p];
      ws.out.get(0, jv);
      double h = 1e-6;
      Params wp = net.newParams(), wm = net.newParams();
      for (int i = 0; i < net.size; i++) {
        wp.all.put(i, run.w.all.get(i) + h * v.all.get(i));
        wm.all.put(i, run.w.all.get(i) - h * v.all.get(i));
      }
      double[] fp = new double[p], fm = new double[p];
      net.forward(wp, ws);
      ws.out.get(0, fp);
      net.forward(wm, ws);
      ws.out.get(0, fm);
      for (int a = 0; a < p; a++) {
        double fd = (fp[a] - fm[a]) / (2 * h);
        double scale = Math.max(Math.abs(fp[a]) + Math.abs(fm[a]), Math.abs(fd));
        int aa = a;
        assertTrue(Math.abs(fd - jv[a]) <= 1e-5 * Math.max(scale, 1e-12) + 1e-12,
            () -> c + " input " + aa + ": fd " + fd + ", jvp " + jv[aa]);
      }
    });
  }

  @Test
  void memoryEstimateCoversEveryParameterisation() {
    PropertyRuns.qt(50).forAll(configs()).checkAssert(c -> {
      Run run = run(c);
      RunSpec spec = new RunSpec(new ModelSpec(c.depth(), c.width(), c.act(), true, 1.5, "abc", 1.3, 1.0,
          c.centred(), true, c.abc()), DataSpec.defaults().withD(c.d()).withTrain(c.p()), DynamicsSpec.defaults(),
          1, 2);
      long est = Simulator.estimateBytes(spec);
      // the weights alone: three parameter vectors of net.size doubles (w0, w, g) and two more for flow
      assertTrue(est >= 8L * 5 * run.net.size(), () -> c + ": estimate " + est);
      assertEquals(est, Simulator.estimateBytes(spec.withModel(spec.model().withParam("ntk").withAbc(null))),
          "the allocation plan does not depend on the parameterisation");
    });
  }
}
