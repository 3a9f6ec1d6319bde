package scalecheck.sim;

/**
 * The per-example loss l(u, y) of the trained output u and its derivative in u (Geiger et al. 2019):
 * hinge max(0, 1 - u y); soft hinge log(1 + e^(beta (1 - u y))) / beta (tends to the hinge as beta
 * grows; beta = 20 in the authors' code); squared (1/2)(u - y)^2.
 */
final class Loss {
  static final int SQUARED = 0, HINGE = 1, SOFTHINGE = 2;
  final int kind;
  final double beta;

  Loss(String name, double beta) {
    this.kind = switch (name) {
      case "squared" -> SQUARED;
      case "hinge" -> HINGE;
      case "softhinge" -> SOFTHINGE;
      default -> throw new IllegalArgumentException("dynamics.loss: unknown '" + name + "'");
    };
    this.beta = beta;
  }

  double value(double u, double y) {
    return switch (kind) {
      case SQUARED -> 0.5 * (u - y) * (u - y);
      case HINGE -> Math.max(0, 1 - u * y);
      default -> Activation.softplus(beta * (1 - u * y)) / beta;
    };
  }

  double derivative(double u, double y) {
    return switch (kind) {
      case SQUARED -> u - y;
      case HINGE -> u * y < 1 ? -y : 0.0;
      default -> -y * Activation.sigmoid(beta * (1 - u * y));
    };
  }
}
