package scalecheck.theory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link Scheme} implies, derived exactly (formulas and sources in the package documentation):
 * the width exponent G of the initial output scale kappa and the Li-Luo-Zhou regime it puts the net
 * in; Yang-Hu's r with their stability and nontriviality conditions and the feature-learning / kernel
 * dichotomy; per layer, the width exponents of the weight and pre-activation changes after gradient
 * flow to a fit on the theta-lazy side, and of the pre-activation changes after a fixed number of
 * gradient steps (the coordinate check). Exponents are {@link Affine} in g; a condition that depends
 * on g is reported with the range of g where it holds. An unstable choice is an answer
 * ("unstable", with the failing conditions), never an error.
 *
 * @param scheme the parameterisation
 * @param outputExponent width exponent of the output scale A_L (after its regime)
 * @param kappa G: kappa ~ n^G, kappa = sqrt(n) times the initial output size
 * @param regime theta-lazy / critical / condensed, in words (with the g ranges when G depends on g)
 * @param r Yang-Hu's r, or null when it is piecewise in g (then {@code rText} says so)
 * @param rText r in words
 * @param conditions stability and nontriviality conditions, each with where it holds
 * @param classification unstable / trivial / feature learning / kernel regime, in words
 * @param lazy per probe name (dW.l0, dWrel.l0, dz.l1, ...): the width exponent on the theta-lazy side
 * @param coord per layer k = 1..L (dz.l&lt;k&gt;): the width exponent after a fixed number of steps
 * @param notes remarks (a dominant layer that changes with g)
 */
public record Derivation(Scheme scheme, Affine outputExponent, Affine kappa, String regime, Affine r, String rText,
    List<Condition> conditions, String classification, Map<String, Affine> lazy, Map<String, Affine> coord,
    List<String> notes) {

  /** A condition of Yang-Hu's theorems: {@code lhs (>= | =) 0} and where it holds. */
  public record Condition(String name, String formula, String holds) {}

  static final Rational HALF = Rational.of(1, 2);

  /** Derives everything from a scheme whose output scale has width exponent {@code outputExponent}. */
  public static Derivation of(Scheme s, Affine outputExponent) {
    int depth = s.depth();
    List<Scheme.Layer> ls = s.layers();
    List<String> notes = new ArrayList<>();
    // s_l: size factor of layer l at initialisation (multiplier * std * sqrt(fan-in), d fixed)
    Affine[] sexp = new Affine[depth + 1];
    for (int l = 0; l <= depth; l++) {
      Scheme.Layer y = ls.get(l);
      Affine e = y.a().add(y.b()).neg();
      if (l >= 1) e = e.add(HALF);
      if (l == depth) e = e.add(outputExponent);
      sexp[l] = e;
    }
    Affine k = Affine.ZERO; // K = prod s_l: the initial output size
    for (Affine e : sexp) k = k.add(e);
    Affine g = k.add(HALF); // kappa = K sqrt(n)
    String regime = regime(g);

    // Yang-Hu: stability, r, nontriviality (their layer l + 1 is layer l here)
    Scheme.Layer out = ls.get(depth);
    // an output scale ~ n^e acts as a_L - e
    Affine aOut = out.a().sub(outputExponent);
    Affine outAB = aOut.add(out.b());
    Affine outAC = aOut.mul(Rational.of(2)).add(out.c());
    List<Condition> cond = new ArrayList<>();
    Scheme.Layer in = ls.get(0);
    cond.add(eq("init stable, first layer", "a_0 + b_0 = 0", in.a().add(in.b())));
    for (int l = 1; l < depth; l++) {
      Scheme.Layer y = ls.get(l);
      cond.add(eq("init stable, layer " + l, "a_" + l + " + b_" + l + " = 1/2", y.a().add(y.b()).sub(Affine.of(HALF))));
    }
    cond.add(ge("init stable, output", "a_L + b_L >= 1/2", outAB.sub(Affine.of(HALF))));
    Affine inner = null;
    boolean piecewise = false;
    for (int l = 0; l < depth; l++) {
      Scheme.Layer y = ls.get(l);
      Affine t = y.a().mul(Rational.of(2)).add(y.c()).add(Rational.of(l == 0 ? 0 : -1));
      if (inner == null) inner = t;
      else {
        Affine m = min(inner, t);
        if (m == null) piecewise = true;
        else inner = m;
      }
    }
    Affine outMin = min(outAB, outAC);
    Affine r = null;
    String rText;
    if (outMin == null || piecewise) {
      rText = "piecewise in g: min(a_L + b_L, 2 a_L + c_L) + min_l (2 a_l + c_l - 1 + [l = 0])";
    } else {
      r = outMin.add(inner);
      rText = r.toString();
    }
    String classification;
    if (r != null) {
      cond.add(ge("logits do not blow up", "a_L + b_L + r >= 1", outAB.add(r).add(Rational.of(-1))));
      cond.add(ge("logits do not blow up", "2 a_L + c_L >= 1", outAC.add(Rational.of(-1))));
      cond.add(ge("features do not blow up", "r >= 0", r));
      classification = classify(cond, outAB.add(r).add(Rational.of(-1)), outAC.add(Rational.of(-1)), r);
    } else {
      classification = "not derived: r is piecewise in g";
    }

    // theta-lazy side, gradient flow to a fit: eta_hat_l = C_l / B_l^2 ~ n^(2 b_l - c_l)
    Affine[] eta = new Affine[depth + 1];
    for (int l = 0; l <= depth; l++) eta[l] = ls.get(l).b().mul(Rational.of(2)).sub(ls.get(l).c());
    Affine etaMax = dominant(eta, g, notes);
    Map<String, Affine> lazy = new LinkedHashMap<>();
    for (int l = 0; l <= depth; l++) {
      Affine e = Affine.of(l == 0 || l == depth ? HALF.neg() : Rational.of(-1));
      Affine rel = eta[l].sub(etaMax).add(e).sub(k);
      lazy.put("dWrel.l" + l, rel);
      lazy.put("dW.l" + l, rel.sub(ls.get(l).b()));
    }
    Affine fwd = Affine.ZERO;
    Affine etaSeen = null;
    for (int kk = 1; kk <= depth; kk++) {
      fwd = fwd.add(sexp[kk - 1]);
      etaSeen = etaSeen == null ? eta[kk - 1] : maxOrFirst(etaSeen, eta[kk - 1], g);
      lazy.put("dz.l" + kk, fwd.add(etaSeen.sub(etaMax)).add(HALF.neg()).sub(k));
    }
    lazy.put("rd.sup", lazy.get("dWrel.l0"));

    // coordinate check: a fixed number of gradient steps, loss derivative O(1)
    Map<String, Affine> coord = new LinkedHashMap<>();
    Affine[] fw = new Affine[depth + 1]; // exponent of the coordinates of x^l (x^0 the input)
    fw[0] = Affine.ZERO;
    for (int l = 1; l <= depth; l++) fw[l] = fw[l - 1].add(l == 1 ? sexp[0] : sexp[l - 1]);
    Affine backL = maxNoted(outAB.neg(), outAC.neg().add(fw[depth]), g, notes);
    Affine[] own = new Affine[depth];
    for (int j = 0; j < depth; j++) {
      Affine back = backL;
      for (int i = j + 1; i < depth; i++) back = back.add(sexp[i]);
      Scheme.Layer y = ls.get(j);
      own[j] = y.a().mul(Rational.of(-2)).sub(y.c()).add(Rational.of(j == 0 ? 0 : 1)).add(fw[j].mul(Rational.of(2)))
          .add(back);
    }
    for (int kk = 1; kk <= depth; kk++) {
      Affine best = null;
      for (int j = 0; j < kk; j++) {
        Affine v = own[j];
        for (int i = j + 1; i < kk; i++) v = v.add(sexp[i]);
        best = best == null ? v : maxNoted(best, v, g, notes);
      }
      coord.put("dz.l" + kk, best);
    }
    return new Derivation(s, outputExponent, g, regime, r, rText, cond, classification, lazy, coord, notes);
  }

  /** theta-lazy G &gt; 0, critical G = 0, condensed G &lt; 0 (Li-Luo-Zhou; Luo et al.'s gamma = 1 - G). */
  static String regime(Affine g) {
    if (g.isConstant()) {
      int s = g.c0().signum();
      return s > 0 ? "theta-lazy (G > 0)" : (s == 0 ? "critical (G = 0)" : "condensed (G < 0)");
    }
    Rational g0 = g.root();
    String up = g.cg().signum() > 0 ? ">" : "<", down = g.cg().signum() > 0 ? "<" : ">";
    return "theta-lazy for g " + up + " " + g0 + ", critical at g = " + g0 + ", condensed for g " + down + " " + g0;
  }

  private static Condition eq(String name, String formula, Affine v) {
    String holds;
    if (v.isConstant()) holds = v.c0().isZero() ? "holds" : "fails";
    else holds = "holds only at g = " + v.root();
    return new Condition(name, formula, holds);
  }

  private static Condition ge(String name, String formula, Affine v) {
    String holds;
    if (v.isConstant()) holds = v.c0().signum() >= 0 ? "holds" : "fails";
    else holds = "holds for g " + (v.cg().signum() > 0 ? ">= " : "<= ") + v.root();
    return new Condition(name, formula, holds);
  }

  private static String classify(List<Condition> cond, Affine nt1, Affine nt2, Affine r) {
    List<String> failing = new ArrayList<>();
    boolean gDependent = false;
    for (Condition c : cond) {
      if (c.holds().equals("fails")) failing.add(c.formula());
      else if (!c.holds().equals("holds")) gDependent = true;
    }
    if (!failing.isEmpty()) return "unstable: " + String.join("; ", failing) + " fails";
    if (gDependent || !nt1.isConstant() || !nt2.isConstant() || !r.isConstant()) {
      return "depends on g (see the conditions)";
    }
    boolean nontrivial = nt1.c0().isZero() || nt2.c0().isZero();
    if (!nontrivial) return "stable, trivial (the function does not move in O(1) steps)";
    return r.c0().isZero() ? "stable, nontrivial, feature learning (r = 0)" : "stable, nontrivial, kernel regime (r > 0)";
  }

  /** min(x, y) when the order does not depend on g, else null. */
  static Affine min(Affine x, Affine y) {
    Affine d = x.sub(y);
    if (d.isConstant()) return d.c0().signum() <= 0 ? x : y;
    return null;
  }

  /**
   * max(x, y): when the order depends on g, the larger one just past the theta-lazy threshold of
   * {@code g} (or, without a threshold, as g grows).
   */
  static Affine maxOrFirst(Affine x, Affine y, Affine kappa) {
    Affine d = x.sub(y);
    if (d.isConstant()) return d.c0().signum() >= 0 ? x : y;
    Rational at;
    int dir;
    if (kappa != null && !kappa.isConstant()) {
      at = kappa.root();
      dir = kappa.cg().signum();
    } else {
      at = d.root();
      dir = 1;
    }
    int s = d.at(at).signum();
    if (s == 0) s = d.cg().signum() * dir;
    return s >= 0 ? x : y;
  }

  /** As {@link #maxOrFirst}, with a note when the larger one depends on g. */
  static Affine maxNoted(Affine x, Affine y, Affine kappa, List<String> notes) {
    if (!x.sub(y).isConstant()) {
      String n = "the dominant term of a coordinate-check exponent changes with g; given for g just past the theta-lazy"
          + " threshold (or for large g)";
      if (!notes.contains(n)) notes.add(n);
    }
    return maxOrFirst(x, y, kappa);
  }

  /** The largest of the eta exponents on the theta-lazy side; notes when the largest one changes with g. */
  static Affine dominant(Affine[] eta, Affine kappa, List<String> notes) {
    Affine best = eta[0];
    for (int l = 1; l < eta.length; l++) best = maxOrFirst(best, eta[l], kappa);
    for (Affine e : eta) {
      Affine d = best.sub(e);
      if (!d.isConstant()) {
        notes.add("the fastest layer (largest n^(2 b_l - c_l)) changes with g; laws are given for g just past the theta-lazy threshold");
        break;
      }
    }
    return best;
  }

  /** Every exponent in one map: kappa, r (when not piecewise), lazy.*, coord.*. */
  public Map<String, Affine> exponents() {
    Map<String, Affine> m = new LinkedHashMap<>();
    m.put("kappa", kappa);
    if (r != null) m.put("r", r);
    lazy.forEach((q, v) -> m.put("lazy." + q, v));
    coord.forEach((q, v) -> m.put("coord." + q, v));
    return m;
  }
}
