package scalecheck.sim;

import java.nio.DoubleBuffer;
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
 *
 * <p>{@code adaptive: bs23 | dp54} integrates the flow with error control instead ({@link Pair}, an
 * {@link EmbeddedRk} on the displacement d = w - w0 with tolerances {@code rtol}, {@code atol} in the
 * layer-wise norm-wise relative error); the twin then takes the same pair's step of the accepted length.
 * {@code adaptive: rkc} drives the same stepper with the second-order Runge-Kutta-Chebyshev method
 * ({@link Rkc}), whose stability interval grows with the square of its stage count (the flow's Jacobian,
 * minus the Hessian, has a real spectrum); it has no linearised twin.
 */
final class Flow extends Dynamics {
  /** Smallest adaptive step, as a fraction of the largest accepted one. */
  static final double STALL_FRACTION = 1e-2;

  /** The error-controlled pairs by their {@code adaptive} names. */
  static final Set<String> PAIRS = Set.of("bs23", "dp54", "rkc");

  /** Every {@code adaptive} rule: the authors' Euler rules, then the error-controlled integrators. */
  static final Set<String> RULES = java.util.stream.Stream.concat(java.util.stream.Stream.of("code", "slides"), PAIRS.stream())
      .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** An error-controlled integrator as {@link Pair} drives it ({@link EmbeddedRk} or {@link Rkc}). */
  interface Integrator {
    void start(double t0, double h0);
    double step(double hMax, double hMin);
    double forceStep(double h);
    double locate(EmbeddedRk.Event ev, double v0, double v1, double thetaTol, DoubleBuffer out);
    double lastError();
    double lastStiffness();
    long evaluations();
    long rejected();
    double nextStep();
  }

  /** h rho / (stability boundary) from which a dp54 step counts as held by stability ({@code steps.stiff}). */
  static final double STIFF_LEVEL = 0.8;

  private final boolean code;

  Flow(DynamicsSpec spec) {
    super(spec);
    code = !"slides".equals(spec.adaptive());
  }

  /** Whether {@code spec} is a flow integrated by an embedded Runge-Kutta pair. */
  static boolean pair(DynamicsSpec spec) {
    return "flow".equals(spec.kind()) && PAIRS.contains(spec.adaptive());
  }

  @Override
  void validate(RunSpec run) {
    Simulator.oneOf("dynamics.adaptive", spec.adaptive(), RULES);
    if ("rkc".equals(spec.adaptive()) && spec.linearised()) {
      throw new IllegalArgumentException("dynamics.linearised: not with adaptive rkc (no linearised twin; use bs23 or dp54)");
    }
    if (pair(spec)) {
      tolerance("rtol", spec.rtol());
      tolerance("atol", spec.atol());
    } else {
      Simulator.positive("dynamics.maxDgrad", spec.maxDgrad());
      Simulator.positive("dynamics.maxDout", spec.maxDout());
    }
  }

  /** An integrator's tolerance: written (0 is "not set") and > 0. */
  private void tolerance(String field, double v) {
    if (v == 0) {
      throw new IllegalArgumentException("dynamics." + field + ": required with adaptive " + spec.adaptive() + " (a number > 0)");
    }
    Simulator.positive("dynamics." + field, v);
  }

  @Override
  double horizon() {
    return 1e6;
  }

  @Override
  Update update(Memory mem, Model model) {
    if ("rkc".equals(spec.adaptive())) throw new IllegalArgumentException("dynamics.linearised: not with adaptive rkc");
    return pair(spec) ? new PairUpdate(mem, model) : GradientDescent.EULER;
  }

  @Override
  Stepper stepper(Memory mem, Setup setup) {
    if (pair(spec)) return new Pair(mem, setup);
    return new Adaptive(mem.params(setup.model()), mem.params(setup.model()), setup.model().size());
  }

  /** The pair's integrator of n components on {@code state}, its work vectors from {@code mem}. */
  private EmbeddedRk integrator(Memory mem, Model model, EmbeddedRk.Field field, DoubleBuffer state) {
    EmbeddedRk.Control ctl = EmbeddedRk.Control.of(spec.rtol(), spec.atol()).withNorm(layerNorm(model));
    return new EmbeddedRk(EmbeddedRk.Tableau.named(spec.adaptive()), ctl, field, state, model.size(), mem::doubles);
  }

  /** The layer-wise norm-wise relative error of {@code model}'s parameter blocks. */
  private static EmbeddedRk.ErrorNorm layerNorm(Model model) {
    int[] off = new int[model.depth() + 1], len = new int[model.depth() + 1];
    for (int l = 0, o = 0; l <= model.depth(); o += model.len(l), l++) {
      off[l] = o;
      len[l] = model.len(l);
    }
    return EmbeddedRk.ErrorNorm.blockwise(off, len);
  }

  /** The trained net's integrator: {@link Rkc} for adaptive rkc, else the named pair. */
  private Integrator netIntegrator(Memory mem, Model model, EmbeddedRk.Field field, DoubleBuffer state) {
    if ("rkc".equals(spec.adaptive())) {
      EmbeddedRk.Control ctl = Rkc.control(spec.rtol(), spec.atol()).withNorm(layerNorm(model));
      return new Rkc(ctl, field, state, model.size(), mem::doubles);
    }
    EmbeddedRk r = integrator(mem, model, field, state);
    return new Integrator() {
      public void start(double t0, double h0) { r.start(t0, h0); }
      public double step(double hMax, double hMin) { return r.step(hMax, hMin); }
      public double forceStep(double h) { return r.forceStep(h); }
      public double locate(EmbeddedRk.Event ev, double v0, double v1, double tol, DoubleBuffer out) { return r.locate(ev, v0, v1, tol, out); }
      public double lastError() { return r.lastError(); }
      public double lastStiffness() { return r.lastStiffness(); }
      public long evaluations() { return r.evaluations(); }
      public long rejected() { return r.rejected(); }
      public double nextStep() { return r.nextStep(); }
    };
  }

  /** w' = w0 + d, exactly as the pair's field forms it. */
  private static void shifted(Params w0, DoubleBuffer d, Params to, int n) {
    for (int i = 0; i < n; i++) to.all.put(i, w0.all.get(i) + d.get(i));
  }

  /** out = -grad, with a non-finite loss making out non-finite (so that the pair rejects the step). */
  private static void descent(double loss, Params grad, DoubleBuffer out, int n) {
    for (int i = 0; i < n; i++) out.put(i, -grad.all.get(i));
    if (!Double.isFinite(loss)) out.put(0, Double.NaN);
  }

  /**
   * The trained net by an embedded Runge-Kutta pair on d = w - w0: one accepted step (after any
   * rejected attempts) of at most the time left and the time to the next checkpoint; below
   * {@link #STALL_FRACTION} of the largest accepted step a step is forced (counted in
   * {@code steps.forced}). When the step crosses the stop rule (margins: min alpha u y - 1 &gt;= 0;
   * loss: loss &lt;= lossLevel), the crossing is located on the Hermite dense output and the step is
   * taken again from its start, ending there (so that the state keeps the pair's order); where the loss falls to half its initial value, that time is located the same way
   * ({@code t1.loss_half}, replacing the run's linear interpolation). The pair's last evaluation of an
   * accepted step is at its end (FSAL), so its trial buffers trade places with the state's.
   */
  final class Pair extends Stepper {
    private final int size, nCk;
    private final Params w0;
    private Params wTrial, gTrial;
    private final DoubleBuffer d, dAt, dStart;
    private final Integrator rk;
    private final EmbeddedRk.Event lossEvent = this::lossAbove, stopEvent = this::stopValue;
    private final boolean margins, byLoss, stiffTest;
    private State s;
    private boolean started;
    private double fieldLoss, time, dtMaxAccepted, halfLoss, lossPrev, stopPrev, tHalf = Double.NaN;
    private int nextCk;
    private long forced, stiff, accepted, events;

    Pair(Memory mem, Setup setup) {
      Model model = setup.model();
      size = model.size();
      nCk = spec.checkpoints();
      w0 = setup.w0();
      wTrial = mem.params(model);
      gTrial = mem.params(model);
      d = mem.doubles(size);
      dAt = mem.doubles(size);
      dStart = mem.doubles(size);
      rk = netIntegrator(mem, model, this::field, d);
      margins = "margins".equals(spec.stop());
      byLoss = "loss".equals(spec.stop());
      stiffTest = "dp54".equals(spec.adaptive());
    }

    /** -grad L(w0 + y) into out; the loss into fieldLoss, the outputs kept as the last evaluated. */
    private void field(DoubleBuffer y, DoubleBuffer out) {
      shifted(w0, y, wTrial, size);
      fieldLoss = s.evaluate(wTrial, gTrial);
      descent(fieldLoss, gTrial, out, size);
    }

    /** The training loss at w0 + y minus half the initial loss. */
    private double lossAbove(DoubleBuffer y) {
      events++;
      shifted(w0, y, wTrial, size);
      return s.evaluate(wTrial, gTrial) - halfLoss;
    }

    /** The stop rule's value at w0 + y (it holds where &gt;= 0). */
    private double stopValue(DoubleBuffer y) {
      events++;
      shifted(w0, y, wTrial, size);
      double l = s.evaluate(wTrial, gTrial);
      return margins ? s.marginGap() : spec.lossLevel() - l;
    }

    /** The stop rule's value at the state just evaluated by the field; NaN when the stop rule is time. */
    private double stopNow() {
      return margins ? s.marginGap() : byLoss ? spec.lossLevel() - s.loss : Double.NaN;
    }

    /** The field's last evaluation, at the integrator's state, becomes the state's point. */
    private void adopt() {
      Params tmp = s.w; s.w = wTrial; wTrial = tmp;
      tmp = s.g; s.g = gTrial; gTrial = tmp;
      s.loss = fieldLoss;
      s.settle();
    }

    private void start(State at) {
      s = at;
      for (int i = 0; i < size; i++) d.put(i, at.w.all.get(i) - w0.all.get(i));
      halfLoss = at.loss / 2;
      rk.start(0, spec.lr());
      adopt();
      lossPrev = s.loss;
      stopPrev = stopNow();
      started = true;
    }

    @Override
    String step(State at, double left) {
      if (!started) start(at);
      s = at;
      taken = 0;
      while (nextCk < nCk && time >= Run.checkpointTime(Flow.this, nextCk)) nextCk++;
      double ckTime = nextCk < nCk ? Run.checkpointTime(Flow.this, nextCk) : Double.POSITIVE_INFINITY;
      double toCk = ckTime - time, hMax = Math.min(left, toCk);
      double hMin = Math.min(Math.max(STALL_FRACTION * dtMaxAccepted, 1e-300), hMax);
      for (int i = 0; i < size; i++) dStart.put(i, d.get(i));
      double h = rk.step(hMax, hMin);
      if (h == 0 && dtMaxAccepted > 0) {
        h = rk.forceStep(hMin);
        if (h > 0) forced++;
      }
      if (h == 0) return Double.isFinite(rk.lastError()) ? "adaptive step underflow" : "non-finite loss or gradient";
      accepted++;
      if (stiffTest && rk.lastStiffness() >= STIFF_LEVEL) stiff++;
      dtMaxAccepted = Math.max(dtMaxAccepted, h);
      adopt();
      double stop = stopNow(), t0 = time, th = 1;
      if (Double.isNaN(tHalf) && lossPrev > halfLoss && s.loss <= halfLoss) {
        tHalf = t0 + rk.locate(lossEvent, lossPrev - halfLoss, s.loss - halfLoss, 1e-10, dAt) * h;
      }
      if (stopPrev < 0 && stop >= 0) {
        th = rk.locate(stopEvent, stopPrev, stop, 1e-10, dAt);
        if (th < 1) {
          // the step again, of length th h from its start: the pair's order there, not the interpolant's
          for (int i = 0; i < size; i++) d.put(i, dStart.get(i));
          rk.start(t0, th * h);
          if (rk.forceStep(th * h) == 0) return "non-finite loss or gradient";
          adopt();
          stop = stopNow();
        }
      }
      taken = th < 1 ? th * h : h;
      if (th == 1 && h == toCk) {
        while (time + taken < ckTime) taken = Math.nextUp(taken);
      }
      time += taken;
      if (tHalf > time) tHalf = Double.NaN;
      lossPrev = s.loss;
      stopPrev = stop;
      return null;
    }

    @Override
    void probes(Map<String, Double> out) {
      out.put(Probes.STEPS_FORCED.name(), (double) forced);
      out.put(Probes.STEPS_EVALUATIONS.name(), (double) (rk.evaluations() + events));
      if (stiffTest) out.put(Probes.STEPS_STIFF.name(), stiff / (double) Math.max(1, accepted));
      if (!Double.isNaN(tHalf)) out.put(Probes.T1_LOSS_HALF.name(), tHalf);
    }

    @Override
    long rejected() {
      return rk.rejected();
    }

    @Override
    double dt() {
      return started ? rk.nextStep() : spec.lr();
    }
  }

  /**
   * The linearised twin under a pair: one step of the pair of the length the trained net took,
   * accepted whatever its error estimate ({@link EmbeddedRk#forceStep}); the twin's field is linear and
   * smooth, so at the net's accepted steps its error is of the same order.
   */
  final class PairUpdate implements Update {
    private final int size;
    private final Params at, grad;
    private final DoubleBuffer y;
    private final EmbeddedRk rk;
    private State s;
    private double fieldLoss;

    PairUpdate(Memory mem, Model model) {
      size = model.size();
      at = mem.params(model);
      grad = mem.params(model);
      y = mem.doubles(size);
      rk = integrator(mem, model, this::field, y);
    }

    private void field(DoubleBuffer v, DoubleBuffer out) {
      for (int i = 0; i < size; i++) at.all.put(i, v.get(i));
      fieldLoss = s.evaluate(at, grad);
      descent(Double.isNaN(fieldLoss) ? 0 : fieldLoss, grad, out, size);
    }

    @Override
    public void apply(State st, double h) {
      if (s == null) {
        s = st;
        for (int i = 0; i < size; i++) y.put(i, st.w.all.get(i));
        rk.start(0, h);
      }
      rk.forceStep(h);
      DoubleBuffer f = rk.derivativeAtState();
      for (int i = 0; i < size; i++) {
        st.w.all.put(i, y.get(i));
        st.g.all.put(i, -f.get(i));
      }
    }
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
