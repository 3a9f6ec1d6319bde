package scalecheck.sim;

import static scalecheck.sim.Probe.Need.FINISHED;
import static scalecheck.sim.Probe.Need.DP54;
import static scalecheck.sim.Probe.Need.FLOW;
import static scalecheck.sim.Probe.Need.HIDDEN_LAYER;
import static scalecheck.sim.Probe.Need.KERNEL_LEVEL;
import static scalecheck.sim.Probe.Need.LINEARISED;
import static scalecheck.sim.Probe.Need.LOSS_HALVES;
import static scalecheck.sim.Probe.Need.NTK;
import static scalecheck.sim.Probe.Need.RUNGE_KUTTA;
import static scalecheck.sim.Probe.Need.SEEDS;
import static scalecheck.sim.Probe.Need.STOP_MET;
import static scalecheck.sim.Probe.Need.TEST_SET;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import scalecheck.spec.NearMiss;

/**
 * The registry of every quantity a check can measure and a law can name: the scalar probes each run
 * records ({@link RunResult#probes()}), the per-layer families, and the measurements the check layer
 * derives from several runs. Each entry says its name, its norm in words, what the run needs for it
 * (engine features, settings, events) and the one method that computes it. Check files
 * ({@code measure:}) and theory files ({@code quantity:}) are checked against it when read; the check
 * layer turns on the engine features a measure needs from here ({@link #enable}); and a test runs the
 * engine with every feature on and finds every registered name recorded, finite, and nothing else.
 *
 * <p>Notation (as in {@link Simulator}): W^k(T) - W^k(0) the change of layer k's weights between the
 * start and the end of training (k = 0 input, L output); z^k the pre-activations of layer k on the
 * training inputs; Theta the exact empirical NTK Gram on the training set; F the output, F0 = F(w0, .)
 * frozen; RMS a root mean square over the entries named. Values measured at the end of training
 * ({@link Probe.Need#FINISHED}) are absent from a diverged run.
 */
public final class Probes {
  private Probes() {}

  private static final String FINAL = "Run.finalProbes";
  private static final String CHECKPOINT = "Run.checkpoint";
  private static final String RATES = "Run.initRates";
  private static final String LOOP = "Run.run";
  private static final String RMS_DW = "RMS over entries of W(T) - W(0)";
  private static final String RMS_DZ = "RMS over neurons and training inputs of z(T) - z(0)";
  private static final String RMS_RATE = "RMS over entries of dW/dt at t = 0";

  // ---- weights ----
  /** RMS over the entries of W^k(T) - W^k(0), k = 0..L. */
  public static final Probe DW_LAYER = layer("dW.l<k>", 0, RMS_DW);
  /** Frobenius norm of W^k(T) - W^k(0), k = 0..L. */
  public static final Probe DWFRO_LAYER = layer("dWfro.l<k>", 0, "Frobenius norm of W(T) - W(0)");
  /** ||W^k(T) - W^k(0)||_F / ||W^k(0)||_F, k = 0..L. */
  public static final Probe DWREL_LAYER = layer("dWrel.l<k>", 0, "||W(T) - W(0)||_F / ||W(0)||_F");
  /** dW.l0: the first layer (n x d). */
  public static final Probe DW_FIRST = run("dW.first", RMS_DW, FINAL, FINISHED);
  /** dW.l<L>: the last layer (n entries). */
  public static final Probe DW_LAST = run("dW.last", RMS_DW, FINAL, FINISHED);
  /** RMS over all entries of the hidden-to-hidden matrices W^1..W^{L-1} together. */
  public static final Probe DW_HIDDEN = run("dW.hidden", RMS_DW, FINAL, FINISHED, HIDDEN_LAYER);
  /** ||w(T) - w(0)||, Euclidean over all weights. */
  public static final Probe DW_TOTAL = run("dw.total", "Euclidean norm of all weight changes", FINAL, FINISHED);
  /** dWrel.l0 under the name of Li, Luo and Zhou's relative distance RD at the end of training. */
  public static final Probe RD_FINAL = run("rd.final",
      "||w(T) - w(0)||_F / ||w(0)||_F of the input weights at the end", FINAL, FINISHED);
  /** The maximum of RD over the checkpoints (the running maximum is kept by {@code Run.checkpoint}). */
  public static final Probe RD_SUP = run("rd.sup",
      "sup over t of ||w(t) - w(0)||_F / ||w(0)||_F of the input weights", FINAL, FINISHED);

  // ---- pre-activations ----
  /** RMS over neurons and training inputs of z^k(T) - z^k(0), k = 1..L. */
  public static final Probe DZ_LAYER = layer("dz.l<k>", 1, RMS_DZ);
  /** The same over all layers 1..L together. */
  public static final Probe DZ_MEAN = run("dz.mean", RMS_DZ, FINAL, FINISHED);

  // ---- rates at t = 0 ----
  /** RMS of dW^0/dt = -eta_0 grad L at t = 0 (eta_l the layer's learning-rate multiplier). */
  public static final Probe RATE_FIRST = run("rate.first", RMS_RATE, RATES);
  /** RMS of dW^L/dt at t = 0. */
  public static final Probe RATE_LAST = run("rate.last", RMS_RATE, RATES);
  /** RMS of dW^l/dt at t = 0 over the hidden matrices W^1..W^{L-1}. */
  public static final Probe RATE_HIDDEN = run("rate.hidden", RMS_RATE, RATES, HIDDEN_LAYER);
  /** RMS of dz/dt at t = 0 (forward-mode derivative along -grad L), over layers, neurons and training inputs. */
  public static final Probe RATE_Z = run("rate.z", "RMS over neurons and training inputs of dz/dt at t = 0", RATES);

  // ---- kernel and times ----
  /** ||Theta(T) - Theta(0)||_F / ||Theta(0)||_F of the exact training Gram (the last checkpoint's value). */
  public static final Probe KERNEL_CHANGE = run("kernel.change",
      "||Theta(T) - Theta(0)||_F / ||Theta(0)||_F on the training Gram", CHECKPOINT, NTK);
  /** t1 definition (a): first time the relative kernel change reaches t1Level, interpolated between checkpoints. */
  public static final Probe T1_KERNEL = run("t1.kernel", "first time the relative kernel change reaches t1Level",
      CHECKPOINT, NTK, KERNEL_LEVEL);
  /** t1 definition (b): first time the training loss is half its initial value, interpolated between steps. */
  public static final Probe T1_LOSS_HALF = run("t1.loss_half",
      "first time the training loss falls to half its initial value", LOOP, LOSS_HALVES);
  /** The time at which the stop rule was met (or maxTime with stop: time). */
  public static final Probe T_FIT = run("t.fit", "training time to the stop rule", LOOP, STOP_MET);

  // ---- losses, errors, outputs ----
  /** The training loss at w0, (norm / P) sum l(u, y). */
  public static final Probe LOSS_INIT = run("loss.init", "training loss (norm/P) sum l(u, y) at t = 0", LOOP);
  /** The training loss at the end (also recorded, alone, for a diverged run). */
  public static final Probe LOSS_TRAIN = run("loss.train", "training loss (norm/P) sum l(u, y) at the end", FINAL);
  /** The same loss on the test set at the end. */
  public static final Probe LOSS_TEST = run("loss.test", "test loss (norm/P) sum l(u, y) at the end", FINAL,
      FINISHED, TEST_SET);
  /** Fraction of sign mismatches of u with y (classification), or mean squared error (real targets). */
  public static final Probe ERR_TRAIN = run("err.train",
      "fraction of training points with sign(u) != y (mean squared error for real targets)", FINAL, FINISHED);
  /** The same on the test set. */
  public static final Probe ERR_TEST = run("err.test",
      "fraction of test points with sign(u) != y (mean squared error for real targets)", FINAL, FINISHED, TEST_SET);
  /** RMS over test inputs of F(w0, x): the std of the initial output over initialisations. */
  public static final Probe OUT_INIT_RMS = run("out.init.rms",
      "RMS over test inputs of f(w0, x) (std over initialisations)", LOOP);
  /** RMS over test inputs of F(w_T, x) - F0(x). */
  public static final Probe OUT_TRAINED_RMS = run("out.trained.rms",
      "RMS over test inputs of alpha (f - f0) after training", FINAL, FINISHED, TEST_SET);

  // ---- linearised model ----
  /** ||w(T) - w_lin(T)||, w_lin trained on F0 + J(w0)(w - w0) alongside with the same steps. */
  public static final Probe GAP_LIN = run("gap.lin", "||w(T) - w_lin(T)|| (Euclidean, all weights)", FINAL,
      FINISHED, LINEARISED);
  /** ||w_lin(T) - w0||. */
  public static final Probe DW_LIN = run("dw.lin", "||w_lin(T) - w(0)|| (Euclidean, all weights)", FINAL,
      FINISHED, LINEARISED);

  // ---- step counts ----
  /** Adaptive steps rejected (0 for fixed-step dynamics). */
  public static final Probe STEPS_REJECTED = run("steps.rejected", "number of adaptive steps rejected", LOOP);
  /** Steps accepted by the stall guard of {@link Flow} (flow only; Euler rule or pair). */
  public static final Probe STEPS_FORCED = run("steps.forced", "number of steps accepted by the stall guard",
      "Flow.Adaptive.probes, Flow.Pair.probes", FLOW);

  /** Evaluations of the loss and gradient by an error-controlled flow ({@code adaptive: bs23 | dp54 | rkc}), events included. */
  public static final Probe STEPS_EVALUATIONS = run("steps.evaluations",
      "number of loss and gradient evaluations of the Runge-Kutta pair", "Flow.Pair.probes", FLOW, RUNGE_KUTTA);
  /**
   * Fraction of the accepted steps of {@code adaptive: dp54} held by stability: h rho at least
   * {@link Flow#STIFF_LEVEL} of the real stability boundary, rho estimated from the last two stages
   * (Hairer &amp; Wanner, Solving ODEs II, IV.2).
   */
  public static final Probe STEPS_STIFF = run("steps.stiff",
      "fraction of accepted steps at the stability limit (h rho >= 0.8 of the boundary)", "Flow.Pair.probes",
      FLOW, RUNGE_KUTTA, DP54);

  // ---- derived from several runs (computed in the check layer) ----
  /** RMS over test inputs of the std over seeds of alpha (f - f0) (the runs' out.test series). */
  public static final Probe SPREAD = new Probe("spread", -1,
      "RMS over test inputs of the std over seeds of alpha (f - f0)", Set.of(TEST_SET, SEEDS, FINISHED),
      "scalecheck.check.Evaluator.spreadOf", true);
  /**
   * Per width, the alpha at which the seed-averaged probe of the check's {@code bisect:} section
   * (default kernel.change, hence NTK) crosses its level, by bisection in log(alpha).
   */
  public static final Probe ALPHA_STAR = new Probe("alpha_star", -1,
      "alpha where the seed-averaged relative kernel change crosses the level", Set.of(NTK, FINISHED),
      "scalecheck.check.Verifier.alphaStar", true);

  /** Every registered quantity, in the order above. */
  public static final List<Probe> ALL = List.of(DW_LAYER, DWFRO_LAYER, DWREL_LAYER, DW_FIRST, DW_LAST, DW_HIDDEN,
      DW_TOTAL, RD_FINAL, RD_SUP, DZ_LAYER, DZ_MEAN, RATE_FIRST, RATE_LAST, RATE_HIDDEN, RATE_Z, KERNEL_CHANGE,
      T1_KERNEL, T1_LOSS_HALF, T_FIT, LOSS_INIT, LOSS_TRAIN, LOSS_TEST, ERR_TRAIN, ERR_TEST, OUT_INIT_RMS,
      OUT_TRAINED_RMS, GAP_LIN, DW_LIN, STEPS_REJECTED, STEPS_FORCED, STEPS_EVALUATIONS, STEPS_STIFF, SPREAD,
      ALPHA_STAR);

  private static Probe run(String name, String norm, String source, Probe.Need... needs) {
    return new Probe(name, -1, norm, Set.of(needs), source, false);
  }

  private static Probe layer(String name, int first, String norm) {
    return new Probe(name, first, norm, Set.of(FINISHED), FINAL, false);
  }

  /** The registered quantity {@code name} is (a per-layer name such as dW.l2 finds dW.l<k>). */
  public static Optional<Probe> find(String name) {
    return find(ALL, name);
  }

  /** The entry of {@code registry} that {@code name} is. */
  static Optional<Probe> find(List<Probe> registry, String name) {
    return registry.stream().filter(p -> p.matches(name)).findFirst();
  }

  /** Whether {@code name} is registered (an engine probe or a derived measurement). */
  public static boolean isKnown(String name) {
    return find(name).isPresent();
  }

  /** Whether {@code name} is a value each run records (not a derived measurement). */
  public static boolean isRunProbe(String name) {
    return find(name).filter(p -> !p.derived()).isPresent();
  }

  /** The norm of {@code name} in words; the name itself when it is not registered (a column of a file). */
  public static String norm(String name) {
    return find(name).map(Probe::norm).orElse(name);
  }

  /** {@code d} with every engine feature turned on that measuring {@code name} needs (unchanged when unknown). */
  public static DynamicsSpec enable(String name, DynamicsSpec d) {
    DynamicsSpec out = d;
    for (Probe.Need n : find(name).map(Probe::needs).orElse(Set.of())) out = n.enable(out);
    return out;
  }

  /** Every registered name as a check writes it, per-layer ones as patterns (dW.l<k>). */
  public static List<String> names() {
    return ALL.stream().map(Probe::name).toList();
  }

  /**
   * The names a run of {@code depth} records when every need of every probe holds, from {@code registry}
   * (per-layer probes expanded; derived measurements left out).
   */
  static List<String> recorded(List<Probe> registry, int depth) {
    List<String> out = new ArrayList<>();
    for (Probe p : registry) out.addAll(p.names(depth));
    return out;
  }

  /**
   * The message for an unregistered {@code name} read as a {@code what} (measure, quantity, probe): the
   * closest registered name if one is near, and the list of registered names.
   */
  public static String unknown(String what, String name) {
    List<String> candidates = new ArrayList<>(names());
    for (Probe p : ALL) if (p.perLayer()) candidates.add(p.at(Math.max(1, p.firstLayer())));
    return "unknown " + what + " '" + name + "'" + NearMiss.suggestion(name, candidates) + " (known: "
        + String.join(", ", names()) + "; see scalecheck.sim.Probes)";
  }
}
