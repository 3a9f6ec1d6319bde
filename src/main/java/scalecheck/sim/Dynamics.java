package scalecheck.sim;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One kind of training dynamics ({@link DynamicsSpec#kind}): it reads its own settings from the
 * spec, checks them, and makes the {@link Stepper} that moves the trained net and the {@link Update}
 * that moves the linearised twin by the net's step, each allocating its buffers through the run's
 * {@link Memory} (so the memory estimate follows). A new kind is one subclass and one line in
 * {@link #KINDS}.
 */
abstract class Dynamics {
  /** The kinds by name. */
  private static final Map<String, Function<DynamicsSpec, Dynamics>> KINDS = Map.of(
      "flow", Flow::new,
      "gd", GradientDescent::new,
      "momentum", Momentum::new,
      "sgd", OnlineSgd::new);

  final DynamicsSpec spec;

  Dynamics(DynamicsSpec spec) {
    this.spec = spec;
  }

  /** The names of the kinds. */
  static Set<String> kinds() {
    return KINDS.keySet();
  }

  /** The kind of {@code spec} (validated: a known kind). */
  static Dynamics of(DynamicsSpec spec) {
    Function<DynamicsSpec, Dynamics> k = KINDS.get(spec.kind());
    if (k == null) throw new IllegalArgumentException("dynamics.kind: unknown '" + spec.kind() + "'");
    return k.apply(spec);
  }

  /** Checks this kind's own settings; message {@code dynamics.field: problem}. */
  void validate(RunSpec run) {}

  /** The time the run may reach when maxTime is infinite. */
  double horizon() {
    return spec.lr() * spec.maxSteps();
  }

  /** The stepper of the trained net (default: a fixed step lr of {@link #update}). */
  Stepper stepper(Memory mem, Setup setup) {
    return new FixedStep(spec.lr(), update(mem, setup.model()));
  }

  /** The update moving a state by a given step (the linearised twin follows the net with it). */
  abstract Update update(Memory mem, Model model);

  /** Whether each step leaves the training loss and outputs at the new point (else the run evaluates them). */
  boolean tracksTrainingLoss() {
    return true;
  }

  /** Steps between evaluations of the training loss when {@link #tracksTrainingLoss} is false. */
  long evaluateEvery(int train) {
    return 1;
  }

  /** Moves a state by step h and evaluates it there; one per state (its own buffers). */
  interface Update {
    void apply(State s, double h);
  }

  /** What a stepper may use of the run besides the state it moves. */
  record Setup(Model model, RunSpec spec, Loss loss, double norm, boolean centred, Params w0) {}

  /** Moves the trained net by one step. */
  abstract static class Stepper {
    /** Length in time of the last step (also of a fixed step that ended non-finite; 0 for a step refused). */
    double taken;

    /** One step of at most {@code left} in time: null, or why it failed. */
    abstract String step(State s, double left);

    /** Steps tried and rejected so far. */
    long rejected() {
      return 0;
    }

    /** The next step to try. */
    abstract double dt();

    /** Probes of the stepper's own, added at the end of a run. */
    void probes(Map<String, Double> out) {}
  }

  /** A fixed step: min(lr, time left) of an update, then a check that loss and direction are finite. */
  static final class FixedStep extends Stepper {
    private final double lr;
    private final Update update;

    FixedStep(double lr, Update update) {
      this.lr = lr;
      this.update = update;
    }

    @Override
    String step(State s, double left) {
      taken = Math.min(lr, left);
      update.apply(s, taken);
      return s.finite() ? null : "non-finite loss or gradient";
    }

    @Override
    double dt() {
      return lr;
    }
  }
}
