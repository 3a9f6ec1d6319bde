package scalecheck.sim;

import java.util.Map;
import java.util.Set;

/**
 * {@code kind: flow}: gradient flow dw/dt = -g(w) by explicit Euler steps of adaptive length, the
 * first lr. A trial step w' = w - dt g is judged by the change of the direction,
 * r = ||g' - g||^2 / (||g'|| ||g||), and of the outputs, delta = max_i |F'(x_i) - F(x_i)|:
 * {@code adaptive: code} (the authors' rule) accepts when r &lt; maxDgrad and delta &lt; maxDout and
 * grows dt by 1.1 when both are under half their limits; {@code adaptive: slides} accepts when
 * r &lt;= maxDgrad and grows when r &lt; maxDgrad / 100. A rejected trial divides dt by 10. Where the
 * direction jumps whatever the step (relu along a kink, hard hinge), dt never falls below
 * {@link #STALL_FRACTION} of the largest step accepted so far: such a step is accepted anyway and
 * counted ({@code steps.forced}; theory/README.md section 4). The linearised twin follows each accepted
 * step with the same Euler step.
 */
final class Flow extends Dynamics {
  /** Smallest adaptive step, as a fraction of the largest accepted one. */
  static final double STALL_FRACTION = 1e-2;

  private final boolean code;

  Flow(DynamicsSpec spec) {
    super(spec);
    code = !"slides".equals(spec.adaptive());
  }

  @Override
  void validate(RunSpec run) {
    Simulator.oneOf("dynamics.adaptive", spec.adaptive(), Set.of("code", "slides"));
    Simulator.positive("dynamics.maxDgrad", spec.maxDgrad());
    Simulator.positive("dynamics.maxDout", spec.maxDout());
  }

  @Override
  double horizon() {
    return 1e6;
  }

  @Override
  Update update(Memory mem, Model model) {
    return GradientDescent.EULER;
  }

  @Override
  Stepper stepper(Memory mem, Setup setup) {
    return new Adaptive(mem.params(setup.model()), mem.params(setup.model()), setup.model().size());
  }

  /** The adaptive stepper; its trial buffers trade places with the state's on acceptance. */
  final class Adaptive extends Stepper {
    private Params wTrial, gTrial;
    private final int size;
    private double dt = spec.lr(), dtMaxAccepted;
    private long rejected;
    /** |g'|^2 and |g' - g|^2 of the trial, in one pass. */
    private final double[] norms = new double[2];
    /** Steps accepted by the stall guard. */
    private long forced;

    Adaptive(Params wTrial, Params gTrial, int size) {
      this.wTrial = wTrial;
      this.gTrial = gTrial;
      this.size = size;
    }

    @Override
    String step(State s, double left) {
      double maxDgrad = spec.maxDgrad(), maxDout = spec.maxDout();
      taken = 0;
      double gNorm = Math.sqrt(Kernels.sumSq(s.g.all, size));
      while (true) {
        double step = Math.min(dt, left);
        Kernels.axpyTo(s.w.all, step, s.g.all, wTrial.all, size);
        double lt = s.evaluate(wTrial, gTrial);
        Kernels.sumSqAndDiffSq(gTrial.all, s.g.all, size, norms);
        double gtNorm = Math.sqrt(norms[0]);
        boolean finite = Double.isFinite(lt) && Double.isFinite(gtNorm);
        double dgrad = Double.NaN, dout = Double.NaN;
        if (finite) {
          double num = norms[1];
          dgrad = num == 0 ? 0 : num / (gNorm * gtNorm);
          dout = s.outputChange();
        }
        boolean ok = code ? (dgrad < maxDgrad && dout < maxDout) : dgrad <= maxDgrad;
        boolean forcedNow = !ok && finite && step <= STALL_FRACTION * dtMaxAccepted;
        if (forcedNow) forced++;
        if (ok || forcedNow) {
          Params tmp = s.w; s.w = wTrial; wTrial = tmp;
          tmp = s.g; s.g = gTrial; gTrial = tmp;
          s.settle();
          s.loss = lt;
          taken = step;
          dtMaxAccepted = Math.max(dtMaxAccepted, step);
          boolean grow = code ? (dgrad < maxDgrad / 2 && dout < maxDout / 2) : dgrad < maxDgrad / 100;
          if (step == dt && grow && !forcedNow) dt *= 1.1;
          return null;
        }
        rejected++;
        dt = Math.max(step / 10, finite ? STALL_FRACTION * dtMaxAccepted : 0);
        if (!(dt > 1e-300)) return finite ? "adaptive step underflow" : "non-finite loss or gradient";
      }
    }

    @Override
    void probes(Map<String, Double> out) {
      out.put("steps.forced", (double) forced);
    }

    @Override
    long rejected() {
      return rejected;
    }

    @Override
    double dt() {
      return dt;
    }
  }
}
