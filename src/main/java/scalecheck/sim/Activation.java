package scalecheck.sim;

import java.nio.DoubleBuffer;

/**
 * The pointwise nonlinearity phi = c * sigma with sigma one of relu, softplus_beta(x) = log(1 +
 * e^(beta x)) / beta, tanh or identity, and c = 1 / sqrt(E[sigma(Z)^2]), Z ~ N(0, 1), when
 * normalised (relu: c = sqrt 2, as in Geiger et al. 2019), else c = 1.
 */
final class Activation {
  static final int RELU = 0, SOFTPLUS = 1, TANH = 2, IDENTITY = 3;

  final int kind;
  final double beta;
  final double scale;

  Activation(String name, double beta, boolean normalised) {
    this.kind = switch (name) {
      case "relu" -> RELU;
      case "softplus" -> SOFTPLUS;
      case "tanh" -> TANH;
      case "identity" -> IDENTITY;
      default -> throw new IllegalArgumentException("model.activation: unknown '" + name + "'");
    };
    this.beta = beta;
    this.scale = normalised ? normaliser(kind, beta) : 1.0;
  }

  /** The activation of a model spec. */
  static Activation of(ModelSpec m) {
    return new Activation(m.activation(), m.beta(), m.normalised());
  }

  /** phi(x). */
  double value(double x) {
    return scale * raw(kind, beta, x);
  }

  /** phi'(x) (relu: 0 at 0). */
  double derivative(double x) {
    return scale * switch (kind) {
      case RELU -> x > 0 ? 1.0 : 0.0;
      case SOFTPLUS -> sigmoid(beta * x);
      case TANH -> { double t = Math.tanh(x); yield 1 - t * t; }
      default -> 1.0;
    };
  }

  /** h[i] = phi(z[i]), dphi[i] = phi'(z[i]) for i &lt; len, in one pass. Modifies h and dphi. */
  void apply(DoubleBuffer z, DoubleBuffer h, DoubleBuffer dphi, int len) {
    apply(z, h, dphi, 0, len);
  }

  /** As {@link #apply(DoubleBuffer, DoubleBuffer, DoubleBuffer, int)} on [from, len). */
  void apply(DoubleBuffer z, DoubleBuffer h, DoubleBuffer dphi, int from, int len) {
    final double c = scale;
    switch (kind) {
      case RELU -> {
        for (int i = from; i < len; i++) {
          double x = z.get(i);
          boolean pos = x > 0;
          h.put(i, pos ? c * x : 0.0);
          dphi.put(i, pos ? c : 0.0);
        }
      }
      case SOFTPLUS -> Kernels.softplus(z, h, dphi, from, len, beta, c);
      case TANH -> {
        for (int i = from; i < len; i++) {
          double t = Math.tanh(z.get(i));
          h.put(i, c * t);
          dphi.put(i, c * (1 - t * t));
        }
      }
      default -> {
        for (int i = from; i < len; i++) {
          h.put(i, c * z.get(i));
          dphi.put(i, c);
        }
      }
    }
  }

  static double raw(int kind, double beta, double x) {
    return switch (kind) {
      case RELU -> x > 0 ? x : 0.0;
      case SOFTPLUS -> softplus(beta * x) / beta;
      case TANH -> Math.tanh(x);
      default -> x;
    };
  }

  /** log(1 + e^x), stable. */
  static double softplus(double x) {
    return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }

  static double sigmoid(double x) {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /** 1 / sqrt(E sigma(Z)^2) by composite Simpson on [-12, 12] against the Gaussian density. */
  static double normaliser(int kind, double beta) {
    if (kind == RELU) return Math.sqrt(2);
    if (kind == IDENTITY) return 1.0;
    int m = 24_000;
    double lo = -12, hi = 12, h = (hi - lo) / m, s = 0;
    for (int i = 0; i <= m; i++) {
      double x = lo + i * h;
      double v = raw(kind, beta, x);
      double w = (i == 0 || i == m) ? 1 : (i % 2 == 1 ? 4 : 2);
      s += w * v * v * Math.exp(-x * x / 2);
    }
    double second = s * h / 3 / Math.sqrt(2 * Math.PI);
    return 1 / Math.sqrt(second);
  }
}
