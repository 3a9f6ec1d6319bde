package scalecheck.check;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The quantities a check can measure: engine probes (scalar per run) and derived measurements that
 * combine runs ({@code spread} over seeds, {@code alpha_star} by bisection), with the norm each uses.
 */
public final class Measures {
  private Measures() {}

  /** Scalar probes every run reports (see the engine's {@code Simulator}). */
  public static final Set<String> PROBES = Set.of(
      "dW.hidden", "dW.first", "dW.last", "dz.mean", "dw.total", "rate.hidden", "rate.first",
      "rate.last", "rate.z", "kernel.change", "t1.kernel", "t1.loss_half", "t.fit", "loss.init",
      "loss.train", "loss.test", "err.train", "err.test", "out.init.rms", "out.trained.rms", "gap.lin",
      "dw.lin", "rd.final", "rd.sup");

  private static final Pattern LAYER_PROBE = Pattern.compile("(dW|dWfro|dWrel|dz)\\.l[0-9]+");

  /** Derived: std over seeds of alpha (f - f0) per test input, RMS over inputs. */
  public static final String SPREAD = "spread";
  /** Derived: the alpha at which the seed-averaged kernel change crosses a level, per width. */
  public static final String ALPHA_STAR = "alpha_star";

  public static boolean isProbe(String name) {
    return PROBES.contains(name) || LAYER_PROBE.matcher(name).matches();
  }

  public static boolean isKnown(String name) {
    return isProbe(name) || SPREAD.equals(name) || ALPHA_STAR.equals(name);
  }

  /** Whether runs measuring {@code name} need the exact NTK Gram. */
  public static boolean needsNtk(String name) {
    return name.equals("kernel.change") || name.equals("t1.kernel") || name.equals(ALPHA_STAR);
  }

  /** Whether runs measuring {@code name} need the linearised model trained alongside. */
  public static boolean needsLinearised(String name) {
    return name.equals("gap.lin") || name.equals("dw.lin");
  }

  /** The norm of a measured quantity, in words (theory/README.md section 2: every quantity says its norm). */
  public static String norm(String name) {
    if (name.startsWith("dWfro.")) return "Frobenius norm of W(T) - W(0)";
    if (name.startsWith("dWrel.")) return "||W(T) - W(0)||_F / ||W(0)||_F";
    if (name.startsWith("dW.")) return "RMS over entries of W(T) - W(0)";
    if (name.startsWith("dz.")) return "RMS over neurons and training inputs of z(T) - z(0)";
    switch (name) {
      case "dw.total": return "Euclidean norm of all weight changes";
      case "rate.hidden": case "rate.first": case "rate.last":
        return "RMS over entries of dW/dt at t = 0";
      case "rate.z": return "RMS over neurons and training inputs of dz/dt at t = 0";
      case "kernel.change": return "||Theta(T) - Theta(0)||_F / ||Theta(0)||_F on the training Gram";
      case "t1.kernel": return "first time the relative kernel change reaches t1Level";
      case "t1.loss_half": return "first time the training loss falls to half its initial value";
      case "t.fit": return "training time to the stop rule";
      case "out.init.rms": return "RMS over test inputs of f(w0, x) (std over initialisations)";
      case "out.trained.rms": return "RMS over test inputs of alpha (f - f0) after training";
      case "gap.lin": return "||w(T) - w_lin(T)|| (Euclidean, all weights)";
      case "dw.lin": return "||w_lin(T) - w(0)|| (Euclidean, all weights)";
      case "rd.final": return "||w(T) - w(0)||_F / ||w(0)||_F of the input weights at the end";
      case "rd.sup": return "sup over t of ||w(t) - w(0)||_F / ||w(0)||_F of the input weights";
      case SPREAD: return "RMS over test inputs of the std over seeds of alpha (f - f0)";
      case ALPHA_STAR: return "alpha where the seed-averaged relative kernel change crosses the level";
      default: return name;
    }
  }
}
