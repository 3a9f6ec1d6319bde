package scalecheck.sim;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a run trains and when it stops (Geiger et al. 2019 section on dynamics; theory/README.md section 4).
 *
 * <ul>
 *   <li>{@code kind = "flow"}: gradient flow with an adaptive step. {@code adaptive = "code"} is the
 *       authors' accept/reject rule: accept when ||g' - g||^2/(||g'|| ||g||) &lt; maxDgrad and
 *       alpha max|delta f| &lt; maxDout, grow dt by 1.1 when both are under half their limits, else
 *       restore and divide dt by 10. {@code adaptive = "slides"}: keep the ratio in
 *       [maxDgrad / 100, maxDgrad]. The first dt is {@code lr}. Where the gradient jumps whatever the
 *       step (relu sliding along a kink, hard hinge), dt never falls below 1e-2 of the largest step
 *       accepted so far: such steps are accepted anyway and counted in the probe
 *       {@code steps.forced}. {@code adaptive = "bs23"} or {@code "dp54"} integrates the flow with error
 *       control instead: the embedded Runge-Kutta pair of Bogacki &amp; Shampine (Appl. Math. Lett. 2
 *       (1989) 321-325; orders 3(2)) or of Dormand &amp; Prince (orders 5(4)) on the displacement
 *       d = w - w0, a step accepted when its error estimate e satisfies, in every layer l,
 *       ||e_l|| &lt;= max(atol, rtol max(||d_l(t)||, ||d_l(t + h)||)), the next step
 *       h min(5, max(0.2, 0.9 err^(-1/(q+1)))) (Hairer, Norsett &amp; Wanner, Solving Ordinary
 *       Differential Equations I, section II.4). Steps end on the checkpoint times and maxTime; the
 *       margins and loss stop rules and {@code t1.loss_half} are located on the step's Hermite dense
 *       output (a stop then takes the step again from its start to the located time); the same stall guard forces a step where the error estimate does not fall with h
 *       (relu kinks). Probes {@code steps.evaluations} (gradient evaluations) and, for dp54,
 *       {@code steps.stiff} (the fraction of steps held by stability). maxDgrad and maxDout are not
 *       used there; the linearised twin takes the pair's step of the same length, unchecked.
 *       {@code adaptive = "rkc"}: the same, with the second-order Runge-Kutta-Chebyshev method (Sommeijer,
 *       Shampine &amp; Verwer, J. Comput. Appl. Math. 88 (1998) 315-326; damping 2/13, s = 1 +
 *       sqrt(1 + 1.54 h rho) stages from a power-iteration estimate rho of the Hessian's spectral radius,
 *       error estimate (1/15)[12(y_n - y_{n+1}) + 6h(F_n + F_{n+1})], next step h min(10, max(0.1,
 *       0.8 err^(-1/3)))): its stability interval grows like 0.65 s^2, so a flow held by stability costs
 *       about sqrt(h lambda_max) evaluations a step; no linearised twin.</li>
 *   <li>{@code "gd"}: gradient descent with fixed step {@code lr}.</li>
 *   <li>{@code "momentum"}: dv/dt = -(v + grad L)/tau, dw/dt = v, step {@code lr}
 *       (v += -(lr/tau)(v + grad L), then w += lr v).</li>
 *   <li>{@code "sgd"}: online SGD, a fresh batch of {@code batch} points from the data's
 *       distribution each step (2D teacher-student); the training set is only evaluated, every
 *       max(1, P / batch) steps, for the loss curve and the stop rule.</li>
 * </ul>
 * Each kind is a subclass of {@code Dynamics} ({@code Flow}, {@code GradientDescent}, {@code Momentum},
 * {@code OnlineSgd}) that reads its own fields from this record, which stays the settings' serialised
 * form: a run's key is the hash of its JSON.
 * Loss: (1/(alpha^2 P)) sum l(alpha (f - f0), y) when {@code lossNormalised}, else (1/P) sum l(...).
 * l = hinge max(0, 1 - m), softhinge softplus_beta(1 - m)/beta with {@code lossBeta}, squared
 * (1/2)(f - y)^2.
 *
 * @param stop margins (every training margin alpha (f - f0) y &gt;= 1) | loss (train loss &lt;=
 *     {@code lossLevel}) | time (run to {@code maxTime} or {@code maxSteps})
 * @param checkpoints number of checkpoints (log-spaced in time) at which probes are recorded
 * @param t1Level level c of the relative kernel change for t1 definition (a)
 * @param ntk compute the exact NTK Gram at the start, checkpoints and end (kernel.change, t1.kernel)
 * @param linearised train the linearised model alongside (gap.lin)
 * @param keepTrajectories keep full trajectories (loss curve, 2D student weights) in the result
 * @param rtol relative tolerance of {@code adaptive: bs23 | dp54 | rkc} (0: not set; required &gt; 0 there, only there)
 * @param atol absolute tolerance (floor of each layer's error scale) of {@code adaptive: bs23 | dp54 | rkc} (0: not
 *     set; required &gt; 0 there, only there). Both are left out of the serialised form when 0, so the
 *     run keys of the other settings stay as they were.
 */
public record DynamicsSpec(
    String kind,
    String loss,
    double lossBeta,
    boolean lossNormalised,
    String adaptive,
    double lr,
    double maxDgrad,
    double maxDout,
    double tau,
    int batch,
    String stop,
    double lossLevel,
    double maxTime,
    long maxSteps,
    int checkpoints,
    double t1Level,
    boolean ntk,
    boolean linearised,
    boolean keepTrajectories,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) double rtol,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) double atol) {

  /** Gradient flow (authors' rule, loose limits 1e-2 / 1), soft hinge beta 20, alpha^-2 loss, stop on margins. */
  public static DynamicsSpec defaults() {
    return new DynamicsSpec("flow", "softhinge", 20.0, true, "code", 1.0, 1e-2, 1.0, 1.0, 64,
        "margins", 1e-3, 1e4, 200_000, 20, 0.1, false, false, false, 0, 0);
  }

  public DynamicsSpec withKind(String v) { return new DynamicsSpec(v, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withLoss(String v) { return new DynamicsSpec(kind, v, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withLossBeta(double v) { return new DynamicsSpec(kind, loss, v, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withLossNormalised(boolean v) { return new DynamicsSpec(kind, loss, lossBeta, v, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withAdaptive(String v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, v, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withLr(double v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, v, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withMaxDgrad(double v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, v, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withMaxDout(double v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, v, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withTau(double v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, v, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withBatch(int v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, v, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withStop(String v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, v, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withLossLevel(double v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, v, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withMaxTime(double v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, v, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withMaxSteps(long v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, v, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withCheckpoints(int v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, v, t1Level, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withT1Level(double v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, v, ntk, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withNtk(boolean v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, v, linearised, keepTrajectories, rtol, atol); }
  public DynamicsSpec withLinearised(boolean v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, v, keepTrajectories, rtol, atol); }
  public DynamicsSpec withKeepTrajectories(boolean v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, v, rtol, atol); }
  public DynamicsSpec withRtol(double v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, v, atol); }
  public DynamicsSpec withAtol(double v) { return new DynamicsSpec(kind, loss, lossBeta, lossNormalised, adaptive, lr, maxDgrad, maxDout, tau, batch, stop, lossLevel, maxTime, maxSteps, checkpoints, t1Level, ntk, linearised, keepTrajectories, rtol, v); }
}
