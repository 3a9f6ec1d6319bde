package scalecheck.sim;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import scalecheck.sim.data.Datasets;
import scalecheck.sim.data.Sampler;

/**
 * {@code kind: sgd}: online SGD, w -= lr g_B on a fresh batch of {@code batch} points from the data's
 * distribution each step, g_B the descent direction of the batch loss (norm/B) sum l(u, y) (u = F - F0
 * needs F0 on the batch when centred). The training set is only evaluated, every max(1, P / batch)
 * steps, for the loss curve and the stop rule. No linearised twin.
 */
final class OnlineSgd extends Dynamics {
  OnlineSgd(DynamicsSpec spec) {
    super(spec);
  }

  @Override
  void validate(RunSpec run) {
    Simulator.atLeast("dynamics.batch", spec.batch(), 1);
    if (spec.linearised()) {
      throw new IllegalArgumentException("dynamics.linearised: not supported with online sgd");
    }
    try {
      Datasets.sampler(run.data(), run.dataSeed());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("dynamics.kind: sgd needs online sampling: " + e.getMessage());
    }
  }

  @Override
  Update update(Memory mem, Model model) {
    throw new IllegalStateException("dynamics.linearised: not supported with online sgd");
  }

  @Override
  boolean tracksTrainingLoss() {
    return false;
  }

  @Override
  long evaluateEvery(int train) {
    return Math.max(1, train / spec.batch());
  }

  @Override
  Stepper stepper(Memory mem, Setup setup) {
    return new Batches(mem, setup);
  }

  private final class Batches extends Stepper {
    private final Setup su;
    private final Batch bw;
    private final DoubleBuffer byBuf, bcoef;
    private final double[] bx, by;
    private final Sampler sampler;
    private final SplittableRandom batchRnd;

    Batches(Memory mem, Setup su) {
      this.su = su;
      int b = spec.batch();
      bw = mem.batch(su.model(), b);
      byBuf = mem.doubles(b);
      bcoef = mem.doubles(b);
      bx = new double[b * su.model().inputDim()];
      by = new double[b];
      sampler = mem.allocates() ? Datasets.sampler(su.spec().data(), su.spec().dataSeed()) : null;
      batchRnd = new SplittableRandom(su.spec().seed()).split();
    }

    @Override
    String step(State s, double left) {
      taken = 0;
      int b = spec.batch();
      Model net = su.model();
      sampler.fill(batchRnd, bx, by);
      bw.setX(bx);
      double inv = su.norm() / b;
      if (su.centred()) {
        net.forward(su.w0(), bw);
        for (int i = 0; i < b; i++) byBuf.put(i, bw.out.get(i));
      }
      net.forward(s.w, bw);
      double sum = 0;
      for (int i = 0; i < b; i++) {
        double ui = bw.out.get(i) - (su.centred() ? byBuf.get(i) : 0);
        sum += su.loss().value(ui, by[i]);
        bcoef.put(i, inv * su.loss().derivative(ui, by[i]));
      }
      net.backward(s.w, bw, bcoef, s.g);
      if (!Double.isFinite(sum)) return "non-finite batch loss";
      taken = Math.min(spec.lr(), left);
      s.w.addScaled(-taken, s.g);
      return null;
    }

    @Override
    double dt() {
      return spec.lr();
    }
  }
}
