package scalecheck.sim.data;

import java.util.SplittableRandom;
import scalecheck.sim.DataSpec;
import scalecheck.sim.Dataset;

/**
 * Builds the dataset a {@link DataSpec} names. Synthetic data are a pure function of (spec, dataSeed).
 * Minimal version: the linear teacher only; the other kinds follow.
 */
public final class Datasets {
  private Datasets() {}

  /** The dataset of {@code spec}, drawn with {@code dataSeed}. */
  public static Dataset make(DataSpec spec, long dataSeed) {
    if (!"linear".equals(spec.kind())) {
      throw new IllegalArgumentException("data.kind: '" + spec.kind() + "' is not supported yet");
    }
    SplittableRandom rnd = new SplittableRandom(dataSeed);
    int d = spec.d();
    double[] teacher = new double[d];
    for (int i = 0; i < d; i++) teacher[i] = gaussian(rnd);
    double[] xTr = sphere(rnd, spec.train(), d);
    double[] xTe = sphere(rnd, spec.test(), d);
    return new Dataset(d, xTr, labels(xTr, teacher, d), xTe, labels(xTe, teacher, d),
        "linear teacher, d=" + d);
  }

  private static double[] sphere(SplittableRandom rnd, int p, int d) {
    double[] x = new double[p * d];
    for (int a = 0; a < p; a++) {
      double s = 0;
      for (int i = 0; i < d; i++) {
        double v = gaussian(rnd);
        x[a * d + i] = v;
        s += v * v;
      }
      double scale = Math.sqrt(d / s);
      for (int i = 0; i < d; i++) x[a * d + i] *= scale;
    }
    return x;
  }

  private static double[] labels(double[] x, double[] w, int d) {
    int p = x.length / d;
    double[] y = new double[p];
    for (int a = 0; a < p; a++) {
      double s = 0;
      for (int i = 0; i < d; i++) s += x[a * d + i] * w[i];
      y[a] = s >= 0 ? 1 : -1;
    }
    return y;
  }

  /** A sampler of fresh points for online SGD; only some kinds support it. */
  public static Sampler sampler(DataSpec spec, long dataSeed) {
    throw new IllegalArgumentException("data.kind: online sampling of '" + spec.kind() + "' is not supported yet");
  }

  /** Standard normal by Box-Muller (deterministic given the generator state). */
  static double gaussian(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }
}
