package scalecheck.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import scalecheck.check.CheckSpec.SweepValue;
import scalecheck.theory.Assumptions;

/**
 * Which of a law's assumptions ({@link Assumptions}) a check's settings break, in words
 * ("relu is not smooth"). Smooth activations: softplus, tanh, identity; smooth losses: soft hinge,
 * squared. The side is judged on kappa over the series: kappa = alpha sqrt(n) for the NTK
 * parameterisation (Geiger et al.; theory/README.md section 1), the model's kappa or width^g for the kappa
 * parameterisation; lazy needs kappa &gt; 1 at every point, feature kappa &lt; 1. A check that sets
 * alpha by bisection (alpha*) spans both sides by construction and is not judged on the side.
 */
public final class AssumptionCheck {
  private AssumptionCheck() {}

  static final Set<String> SMOOTH_ACTIVATIONS = Set.of("softplus", "tanh", "identity");
  static final Set<String> SMOOTH_LOSSES = Set.of("softhinge", "squared");

  /** The broken assumptions of {@code a} under check {@code c} for one series (empty: none). */
  public static List<String> broken(Assumptions a, CheckSpec c, Map<String, SweepValue> series) {
    List<String> out = new ArrayList<>();
    if (a == null || c.base() == null) return out; // a measurements file: its settings are not known here
    var model = c.base().model();
    var dyn = c.base().dynamics();
    if ("smooth".equals(a.activation()) && !SMOOTH_ACTIVATIONS.contains(model.activation())) {
      out.add(model.activation() + " is not smooth");
    }
    if ("smooth".equals(a.loss()) && !SMOOTH_LOSSES.contains(dyn.loss())) out.add("the " + dyn.loss() + " loss is not smooth");
    if (a.minDepth() != null) {
      double dMin = min(c, series, "L", model.depth());
      if (dMin < a.minDepth()) out.add(String.format(Locale.ROOT, "depth %.0f < %d", dMin, a.minDepth()));
    }
    if (a.dynamics() != null && !a.dynamics().contains(dyn.kind())) {
      out.add(dyn.kind() + " dynamics (the law assumes " + String.join(" or ", a.dynamics()) + ")");
    }
    if (a.side() != null && !a.side().equals("any") && c.bisect() == null) {
      double[] k = kappaRange(c, series);
      if (k != null) {
        if (a.side().equals("lazy") && !(k[0] > 1)) {
          out.add(String.format(Locale.ROOT, "kappa down to %.3g is not on the lazy side (kappa > 1)", k[0]));
        }
        if (a.side().equals("feature") && !(k[1] < 1)) {
          out.add(String.format(Locale.ROOT, "kappa up to %.3g is not on the feature side (kappa < 1)", k[1]));
        }
      }
    }
    return out;
  }

  /** [min, max] of kappa over the series, or null when the parameterisation does not define it. */
  static double[] kappaRange(CheckSpec c, Map<String, SweepValue> series) {
    var model = c.base().model();
    String widthSym = c.sweep().containsKey("m") ? "m" : "n";
    double nMin = min(c, series, widthSym, model.width());
    double nMax = max(c, series, widthSym, model.width());
    if (model.param().equals("ntk")) {
      double aMin = min(c, series, "alpha", model.alpha());
      double aMax = max(c, series, "alpha", model.alpha());
      return new double[] {aMin * Math.sqrt(nMin), aMax * Math.sqrt(nMax)};
    }
    if (model.param().equals("kappa")) {
      if (c.sweep().containsKey("g") || series.containsKey("g") || c.regime().containsKey("g")) {
        double g = series.containsKey("g") ? series.get("g").value()
            : c.regime().containsKey("g") ? parse(c.regime().get("g")) : Double.NaN;
        if (!Double.isFinite(g)) return null;
        double a = Math.pow(nMin, g);
        double b = Math.pow(nMax, g);
        return new double[] {Math.min(a, b), Math.max(a, b)};
      }
      return new double[] {min(c, series, "kappa", model.kappa()), max(c, series, "kappa", model.kappa())};
    }
    return null;
  }

  private static double parse(String s) {
    try {
      int i = s.indexOf('/');
      return i < 0 ? Double.parseDouble(s.trim())
          : Double.parseDouble(s.substring(0, i).trim()) / Double.parseDouble(s.substring(i + 1).trim());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static double min(CheckSpec c, Map<String, SweepValue> series, String sym, double fallback) {
    if (series.containsKey(sym)) return series.get(sym).value();
    List<SweepValue> v = c.sweep().get(sym);
    if (v == null || v.isEmpty()) return fallback;
    return v.stream().mapToDouble(SweepValue::value).min().getAsDouble();
  }

  private static double max(CheckSpec c, Map<String, SweepValue> series, String sym, double fallback) {
    if (series.containsKey(sym)) return series.get(sym).value();
    List<SweepValue> v = c.sweep().get(sym);
    if (v == null || v.isEmpty()) return fallback;
    return v.stream().mapToDouble(SweepValue::value).max().getAsDouble();
  }
}
