package scalecheck.sim;

/**
 * {@code kind: momentum}: dv/dt = -(v + g)/tau, dw/dt = v (g the descent direction), stepped
 * explicitly with step lr: v += -(lr/tau)(v + g), then w += lr v. Each state has its own v, from 0.
 */
final class Momentum extends Dynamics {
  Momentum(DynamicsSpec spec) {
    super(spec);
  }

  @Override
  void validate(RunSpec run) {
    Simulator.positive("dynamics.tau", spec.tau());
  }

  @Override
  Update update(Memory mem, Model model) {
    Params v = mem.params(model);
    int size = model.size();
    double tau = spec.tau();
    return (s, h) -> {
      double k = h / tau;
      for (int i = 0; i < size; i++) {
        double vi = v.all.get(i) - k * (v.all.get(i) + s.g.all.get(i));
        v.all.put(i, vi);
        s.w.all.put(i, s.w.all.get(i) + h * vi);
      }
      s.evaluate();
    };
  }
}
