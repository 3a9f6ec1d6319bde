package scalecheck.sim;

import scalecheck.sim.data.Datasets;
import java.util.SplittableRandom;

/** Small datasets and specs for the engine tests. */
final class SimFixtures {
  private SimFixtures() {}

  /** Gaussian inputs (unnormalised) with +-1 labels (or real targets when {@code real}). */
  static Dataset random(int d, int train, int test, boolean real, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] xTr = new double[train * d], xTe = new double[test * d];
    double[] yTr = new double[train], yTe = new double[test];
    for (int i = 0; i < xTr.length; i++) xTr[i] = Datasets.gaussian(r);
    for (int i = 0; i < xTe.length; i++) xTe[i] = Datasets.gaussian(r);
    for (int i = 0; i < train; i++) yTr[i] = real ? Datasets.gaussian(r) : (r.nextBoolean() ? 1 : -1);
    for (int i = 0; i < test; i++) yTe[i] = real ? Datasets.gaussian(r) : (r.nextBoolean() ? 1 : -1);
    return new Dataset(d, xTr, yTr, xTe, yTe, "random");
  }

  /** The 2D teacher (1/sqrt k) sum_j a*_j ReLU(&lt;w*_j, x&gt;), x ~ N(0, I_2); teacher in {@code wStar}, {@code aStar}. */
  static Dataset teacher2d(int k, int train, int test, double[] wStar, double[] aStar, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    for (int j = 0; j < k; j++) {
      wStar[2 * j] = Datasets.gaussian(r);
      wStar[2 * j + 1] = Datasets.gaussian(r);
      aStar[j] = Datasets.gaussian(r);
    }
    double[] xTr = new double[2 * train], xTe = new double[2 * test];
    for (int i = 0; i < xTr.length; i++) xTr[i] = Datasets.gaussian(r);
    for (int i = 0; i < xTe.length; i++) xTe[i] = Datasets.gaussian(r);
    return new Dataset(2, xTr, teach(xTr, k, wStar, aStar), xTe, teach(xTe, k, wStar, aStar), "teacher2d");
  }

  private static double[] teach(double[] x, int k, double[] ws, double[] as) {
    double[] y = new double[x.length / 2];
    for (int p = 0; p < y.length; p++) {
      double s = 0;
      for (int j = 0; j < k; j++) s += as[j] * Math.max(0, ws[2 * j] * x[2 * p] + ws[2 * j + 1] * x[2 * p + 1]);
      y[p] = s / Math.sqrt(k);
    }
    return y;
  }

  /**
   * Row a of the result is what {@code net.backward} returns for the output cotangent e_a (one-hot on
   * training point a): J^T e_a scaled by each parameter's learning-rate multiplier.
   */
  static double[][] backwardRows(Net net, Params w, Net.Work ws, int p) {
    double[][] rows = new double[p][net.size];
    java.nio.DoubleBuffer e = Blas.alloc(p);
    Params grad = net.newParams();
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) e.put(b, a == b ? 1 : 0);
      net.backward(w, ws, e, grad);
      grad.all.get(0, rows[a]);
    }
    return rows;
  }

  /**
   * The Gram matrix the engine built against sum_i rows[a][i] weight[i] rows[b][i] (weight null: 1):
   * {squared Frobenius norm of the difference, squared Frobenius norm of the reference}.
   */
  static double[] gramMismatch(double[][] rows, double[] weight, java.nio.DoubleBuffer gram, int p) {
    double diff = 0, normSq = 0;
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        double s = 0;
        for (int i = 0; i < rows[a].length; i++) s += rows[a][i] * (weight == null ? 1 : weight[i]) * rows[b][i];
        diff += (s - gram.get(a * p + b)) * (s - gram.get(a * p + b));
        normSq += s * s;
      }
    }
    return new double[] {diff, normSq};
  }
}
