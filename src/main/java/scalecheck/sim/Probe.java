package scalecheck.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One quantity a check can measure, as registered in {@link Probes}: a scalar the engine records for
 * every run, a family of per-layer scalars, or a measurement the check layer derives from several
 * runs.
 *
 * @param name the name a check's {@code measure:} and a law's {@code quantity:} use; for a per-layer
 *     probe the pattern with {@code <k>} for the layer, e.g. {@code dW.l<k>}
 * @param firstLayer per-layer probes: the first layer k recorded (0 for weight matrices W^0..W^L, 1
 *     for pre-activations z^1..z^L; the last is the depth L); -1 for a single value
 * @param norm the norm in words, as every report prints it (theory/README.md section 2)
 * @param needs what a run must have, or what must happen in it, for the value to be recorded
 * @param source the one method that computes the value, e.g. {@code Run.finalProbes}
 * @param derived true for a measurement that combines runs (computed in the check layer, not by the
 *     engine)
 */
public record Probe(String name, int firstLayer, String norm, Set<Need> needs, String source, boolean derived) {

  /** The per-layer marker in {@link #name}. */
  static final String LAYER = "<k>";

  public Probe {
    needs = Set.copyOf(needs);
    if ((firstLayer >= 0) != name.endsWith(LAYER)) {
      throw new IllegalArgumentException(name + ": a per-layer probe ends in " + LAYER + " and has a first layer");
    }
  }

  /**
   * A condition for a probe to be recorded. {@link #enable} turns on the engine feature a probe needs
   * ({@code dynamics.ntk}, {@code dynamics.linearised}); the other needs are properties of the settings
   * or events of the run, which the check file must arrange.
   */
  public enum Need {
    /** The exact NTK Gram at the start, at every checkpoint and at the end ({@code dynamics.ntk}). */
    NTK("the exact NTK Gram (dynamics.ntk)"),
    /** The linearised model F0 + J(w0)(w - w0) trained alongside ({@code dynamics.linearised}). */
    LINEARISED("the linearised model trained alongside (dynamics.linearised)"),
    /** A hidden-to-hidden matrix: {@code model.depth >= 2}. */
    HIDDEN_LAYER("a hidden-to-hidden matrix (model.depth >= 2)"),
    /** A test set: {@code data.test >= 1}. */
    TEST_SET("a test set (data.test >= 1)"),
    /** Gradient flow with the adaptive step ({@code dynamics.kind: flow}). */
    FLOW("gradient flow (dynamics.kind: flow)"),
    /** The flow integrated by an embedded Runge-Kutta pair ({@code dynamics.adaptive: bs23 | dp54}). */
    RUNGE_KUTTA("an error-controlled flow (dynamics.adaptive: bs23 or dp54)"),
    /** The Dormand-Prince pair, whose last two stages give the stiffness estimate ({@code dynamics.adaptive: dp54}). */
    DP54("the Dormand-Prince pair (dynamics.adaptive: dp54)"),
    /** The relative kernel change reaching {@code dynamics.t1Level} before the run ends. */
    KERNEL_LEVEL("the relative kernel change reaching dynamics.t1Level"),
    /** The training loss falling to half its initial value before the run ends. */
    LOSS_HALVES("the training loss falling to half its initial value"),
    /** The stop rule met, or stop: time reached (status OK). */
    STOP_MET("the stop rule met (status OK)"),
    /** The run not diverging: values measured at the end of training. */
    FINISHED("a run that does not diverge"),
    /** At least two seeds per swept point ({@code sweep.seeds >= 2}). */
    SEEDS("at least 2 seeds (sweep.seeds)");

    private final String words;

    Need(String words) {
      this.words = words;
    }

    /** What the need asks for, in words. */
    public String words() {
      return words;
    }

    /** {@code d} with the engine feature this need asks for turned on (unchanged for the other needs). */
    public DynamicsSpec enable(DynamicsSpec d) {
      return switch (this) {
        case NTK -> d.withNtk(true);
        case LINEARISED -> d.withLinearised(true);
        default -> d;
      };
    }
  }

  /** Whether this is a family of per-layer values ({@code dW.l<k>}). */
  public boolean perLayer() {
    return firstLayer >= 0;
  }

  /** The value's name at layer {@code k}, e.g. {@code dW.l2} (per-layer probes only). */
  public String at(int k) {
    if (!perLayer() || k < firstLayer) throw new IllegalArgumentException(name + " has no layer " + k);
    return prefix() + k;
  }

  /** Whether {@code measured} is this probe's name, or for a per-layer probe the name at some layer k >= firstLayer. */
  public boolean matches(String measured) {
    if (!perLayer()) return name.equals(measured);
    String p = prefix();
    if (measured == null || !measured.startsWith(p)) return false;
    String k = measured.substring(p.length());
    if (!k.matches("0|[1-9][0-9]{0,8}")) return false;
    return Integer.parseInt(k) >= firstLayer;
  }

  /**
   * The names a run of {@code depth} records for this probe when its needs hold: the name itself, or one
   * per layer k = firstLayer..depth; none for a derived measurement or for {@link Need#HIDDEN_LAYER} at
   * depth 1.
   */
  public List<String> names(int depth) {
    if (derived || (needs.contains(Need.HIDDEN_LAYER) && depth < 2)) return List.of();
    if (!perLayer()) return List.of(name);
    List<String> out = new ArrayList<>();
    for (int k = firstLayer; k <= depth; k++) out.add(at(k));
    return out;
  }

  private String prefix() {
    return name.substring(0, name.length() - LAYER.length());
  }
}
