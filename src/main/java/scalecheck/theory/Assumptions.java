package scalecheck.theory;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import scalecheck.spec.YNode;

/**
 * A law's assumptions as data (the {@code assumes:} map of a theory file), so that a check whose
 * settings break one can be marked: a disagreement there is expected, not a failure of the theory.
 *
 * <pre>
 * assumes:
 *   activation: smooth        # smooth | any: a smooth (C^2) activation (softplus, tanh, identity)
 *   side: lazy                # lazy (kappa = alpha sqrt(n) &gt; 1) | feature (kappa &lt; 1) | any
 *   min_depth: 2              # hidden layers at least
 *   loss: smooth              # smooth | any: a differentiable loss (soft hinge, squared)
 *   dynamics: [flow, gd]      # dynamics kinds the argument covers
 *   note: prose, kept as written
 * </pre>
 * A plain string is the prose note alone (nothing machine-checked). Law-level entries override the
 * theory-level ones field by field. Null fields assume nothing.
 */
public record Assumptions(String activation, String side, Integer minDepth, String loss, List<String> dynamics,
    String note) {
  static final Set<String> KEYS = Set.of("activation", "side", "min_depth", "loss", "dynamics", "note");

  public Assumptions {
    dynamics = dynamics == null ? null : List.copyOf(dynamics);
  }

  /** Assumes nothing. */
  public static Assumptions none() {
    return new Assumptions(null, null, null, null, null, null);
  }

  /** Field by field: {@code over}'s non-null fields replace this one's. */
  public Assumptions with(Assumptions over) {
    if (over == null) return this;
    return new Assumptions(over.activation != null ? over.activation : activation, over.side != null ? over.side : side,
        over.minDepth != null ? over.minDepth : minDepth, over.loss != null ? over.loss : loss,
        over.dynamics != null ? over.dynamics : dynamics, over.note != null ? over.note : note);
  }

  /** The machine-checked part in words ("smooth activation, lazy side (kappa > 1)"), empty if none. */
  public String summary() {
    List<String> p = new ArrayList<>();
    if (activation != null && !activation.equals("any")) p.add(activation + " activation");
    if (side != null && !side.equals("any")) p.add(side + " side (kappa " + (side.equals("lazy") ? "> 1)" : "< 1)"));
    if (minDepth != null) p.add("depth >= " + minDepth);
    if (loss != null && !loss.equals("any")) p.add(loss + " loss");
    if (dynamics != null) p.add("dynamics " + String.join("/", dynamics));
    return String.join(", ", p);
  }

  /**
   * Reads {@code assumes:} (a string: prose only; or the map above).
   *
   * @throws scalecheck.spec.SpecException naming file, line and field for an unknown key or value
   */
  static Assumptions read(YNode n) {
    if (n == null) return null;
    if (n.isScalar()) {
      String s = n.asString().trim();
      if (s.isEmpty()) throw n.error("empty text");
      return new Assumptions(null, null, null, null, null, s);
    }
    n.requireMap().requireOnlyKeys(KEYS);
    String act = oneOf(n, "activation", Set.of("smooth", "any"));
    String side = oneOf(n, "side", Set.of("lazy", "feature", "any"));
    String loss = oneOf(n, "loss", Set.of("smooth", "any"));
    Integer depth = null;
    if (n.has("min_depth")) {
      depth = n.get("min_depth").asInt();
      if (depth < 1) throw n.get("min_depth").error("must be >= 1, got " + depth);
    }
    List<String> dyn = null;
    if (n.has("dynamics")) {
      YNode d = n.get("dynamics");
      dyn = new ArrayList<>();
      if (d.isList()) for (YNode i : d.items()) dyn.add(i.asString().trim());
      else dyn.add(d.asString().trim());
      if (dyn.isEmpty()) throw d.error("empty list");
    }
    String note = n.has("note") ? n.get("note").asString().trim() : null;
    return new Assumptions(act, side, depth, loss, dyn, note);
  }

  private static String oneOf(YNode n, String key, Set<String> allowed) {
    if (!n.has(key)) return null;
    String v = n.get(key).asString().trim();
    if (!allowed.contains(v)) {
      throw n.get(key).error("must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ", got '" + v + "'");
    }
    return v;
  }
}
