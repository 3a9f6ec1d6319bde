package scalecheck.sim;

/** {@code kind: gd}: gradient descent with fixed step lr, w -= lr g (explicit Euler on the flow). */
final class GradientDescent extends Dynamics {
  /** w += -h g, then the state is evaluated at its new point. */
  static final Update EULER = (s, h) -> {
    s.w.addScaled(-h, s.g);
    s.evaluate();
  };

  GradientDescent(DynamicsSpec spec) {
    super(spec);
  }

  @Override
  Update update(Memory mem, Model model) {
    return EULER;
  }
}
