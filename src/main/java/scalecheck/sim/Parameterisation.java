package scalecheck.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One parameterisation of a fully connected net of depth L (weights W^0 (n x d), W^1..W^{L-1}
 * (n x n), W^L (n)): per layer l a forward multiplier, an initial weight standard deviation and a
 * learning-rate multiplier, each a constant times a power of the width n,
 * <pre>
 *   multiplier_l = A_l n^(-a_l),   W^l_ij(0) ~ N(0, (B_l n^(-b_l))^2),   dW^l/dt = -C_l n^(-c_l) dL/dW^l,
 *   z^1 = multiplier_0 W^0 x,  z^{l+1} = multiplier_l W^l phi(z^l),  F = multiplier_L W^L . phi(z^L).
 * </pre>
 * This is the abc-parameterisation of G. Yang and E. J. Hu, "Tensor Programs IV: Feature Learning in
 * Infinite-Width Neural Networks" (ICML 2021), Definition 3.1 (W^l = n^(-a_l) w^l, w^l ~ N(0,
 * n^(-2 b_l)), learning rate eta n^(-c)), with their layer l + 1 being layer l here, and with one
 * learning-rate exponent c_l per layer (Tensor Programs IV has one c for all layers; a common c is the
 * special case). The constants: A_0 = 1/sqrt(d) when the model scales its input (else 1), A_L is the
 * output scale (alpha, or kappa for the {@code kappa} preset), every other constant is 1.
 *
 * <p>Presets ({@link ModelSpec#param()}), exponents (a_l; b_l; c_l) for l = 0, hidden, L:
 * <ul>
 *   <li>{@code ntk} (Geiger et al. 2019, arXiv:1906.08034; Yang-Hu's NTP): a = (0; 1/2; 1/2), b = 0,
 *       c = 0, A_L = alpha.</li>
 *   <li>{@code mf}: as ntk with a_L = 1 (output alpha/n).</li>
 *   <li>{@code kappa} (Li, Luo, Zhou 2024, arXiv:2404.04859): as mf with A_L = kappa (f = (kappa/m)
 *       sum_k a_k sigma(w_k . x) at depth 1).</li>
 *   <li>{@code sp} (standard parameterisation, Yang-Hu Table 1): a = 0, b = (0; 1/2; 1/2), c = 0.</li>
 *   <li>{@code mup} (maximal update, Yang-Hu Table 3, SGD): a = (-1/2; 0; 1/2), b = 1/2, c = 0.</li>
 *   <li>{@code abc}: the exponents of {@link ModelSpec#abc()}, text such as
 *       {@code "a: -1/2 0 1/2; b: 1/2 1/2 1/2; c: 0 0 0"} (one value per layer, W^0 first; a missing
 *       row means zeros; values are numbers, fractions, or affine in {@code g} such as {@code 1/2-g},
 *       which {@link #bind} replaces by numbers before a run).</li>
 * </ul>
 * A width power is computed so that the presets keep their arithmetic to the bit: n^(1/2) is
 * Math.sqrt(n), a whole power a product, and the constant is divided by n^a for a &gt; 0.
 *
 * @param name the preset's name, or {@code abc}
 * @param a forward-multiplier exponents per layer (length L + 1)
 * @param b initial-std exponents per layer
 * @param c learning-rate exponents per layer
 * @param outScale the output constant A_L
 * @param inScale the input constant A_0
 */
public record Parameterisation(String name, double[] a, double[] b, double[] c, double outScale, double inScale) {

  /** Names of the presets, {@code abc} included. */
  public static final List<String> NAMES = List.of("ntk", "mf", "kappa", "sp", "mup", "abc");

  /** The parameterisation of a model with input dimension d. */
  public static Parameterisation of(ModelSpec m, int d) {
    int layers = m.depth() + 1;
    double in = m.inputScale() ? 1 / Math.sqrt(d) : 1.0;
    double[] a = new double[layers], b = new double[layers], c = new double[layers];
    String p = m.param();
    switch (p) {
      case "ntk", "mf", "kappa" -> {
        for (int l = 1; l < layers; l++) a[l] = 0.5;
        if (!p.equals("ntk")) a[layers - 1] = 1;
      }
      case "sp" -> {
        for (int l = 1; l < layers; l++) b[l] = 0.5;
      }
      case "mup" -> {
        a[0] = -0.5;
        a[layers - 1] = 0.5;
        for (int l = 0; l < layers; l++) b[l] = 0.5;
      }
      case "abc" -> {
        if (m.abc() == null || m.abc().isBlank()) {
          throw new IllegalArgumentException("model.abc: param abc needs the exponents, e.g. 'a: 0 1/2 1; b: 0 0 0'");
        }
        double[][] rows = parse(m.abc(), layers, Double.NaN);
        a = rows[0];
        b = rows[1];
        c = rows[2];
      }
      default -> throw new IllegalArgumentException("model.param: unknown '" + p + "', expected one of " + NAMES);
    }
    double out = p.equals("kappa") ? m.kappa() : m.alpha();
    return new Parameterisation(p, a, b, c, out, in);
  }

  /** Depth L (layers - 1). */
  public int depth() {
    return a.length - 1;
  }

  /** Forward multiplier of layer l at width n. */
  public double multiplier(int l, int n) {
    double k = l == 0 ? inScale : (l == depth() ? outScale : 1.0);
    return scaled(k, a[l], n);
  }

  /** Initial standard deviation of layer l at width n. */
  public double std(int l, int n) {
    return scaled(1.0, b[l], n);
  }

  /** Learning-rate (time-scale) multiplier of layer l at width n. */
  public double rate(int l, int n) {
    return scaled(1.0, c[l], n);
  }

  /** k n^(-e), computed as k / n^e for e &gt; 0 and k * n^(-e) for e &lt; 0 (exact for e = 0). */
  static double scaled(double k, double e, int n) {
    if (e == 0) return k;
    return e > 0 ? k / power(n, e) : k * power(n, -e);
  }

  private static double power(int n, double e) {
    if (e == 0.5) return Math.sqrt(n);
    if (e == 1) return n;
    if (e == 1.5) return n * Math.sqrt(n);
    if (e == 2) return (double) n * n;
    return Math.pow(n, e);
  }

  /**
   * Replaces g by {@code g} in an abc text: every value becomes a number. Throws
   * IllegalArgumentException naming {@code model.abc} when the text cannot be read.
   */
  public static String bind(String abc, double g) {
    String[] keys = {"a", "b", "c"};
    double[][] rows = parse(abc, -1, g);
    StringBuilder sb = new StringBuilder();
    for (int r = 0; r < 3; r++) {
      if (rows[r] == null) continue;
      if (sb.length() > 0) sb.append("; ");
      sb.append(keys[r]).append(':');
      for (double v : rows[r]) sb.append(' ').append(fmt(v));
    }
    return sb.toString();
  }

  private static String fmt(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
    return Double.toString(v);
  }

  /**
   * Rows a, b, c of an abc text; {@code layers} &gt; 0 requires that many values per row (missing
   * rows are zeros); g is replaced by {@code g} (NaN: a g is an error).
   */
  static double[][] parse(String text, int layers, double g) {
    double[][] rows = new double[3][];
    for (String part : text.split(";")) {
      if (part.isBlank()) continue;
      int colon = part.indexOf(':');
      if (colon < 0) throw new IllegalArgumentException("model.abc: expected 'a: ...; b: ...; c: ...', found '" + part.trim() + "'");
      String key = part.substring(0, colon).trim();
      int r = switch (key) {
        case "a" -> 0;
        case "b" -> 1;
        case "c" -> 2;
        default -> throw new IllegalArgumentException("model.abc: unknown row '" + key + "' (rows: a, b, c)");
      };
      if (rows[r] != null) throw new IllegalArgumentException("model.abc: row '" + key + "' is given twice");
      List<Double> vals = new ArrayList<>();
      for (String tok : part.substring(colon + 1).trim().split("[\\s,]+")) {
        if (tok.isEmpty()) continue;
        vals.add(affine(tok, g));
      }
      if (layers > 0 && vals.size() != layers) {
        throw new IllegalArgumentException("model.abc: row " + key + " has " + vals.size() + " values, the depth needs "
            + layers + " (W^0 .. W^L)");
      }
      rows[r] = vals.stream().mapToDouble(Double::doubleValue).toArray();
    }
    if (layers > 0) {
      for (int r = 0; r < 3; r++) if (rows[r] == null) rows[r] = new double[layers];
    }
    return rows;
  }

  /** A value such as 1/2, -0.25, g, -g/2, 1/2-g, 1+2*g (no spaces). */
  private static double affine(String tok, double g) {
    String s = tok.toLowerCase(Locale.ROOT);
    double total = 0;
    int i = 0;
    while (i < s.length()) {
      int j = i + 1;
      while (j < s.length() && s.charAt(j) != '+' && s.charAt(j) != '-') j++;
      String term = s.substring(i, j);
      total += term(term, tok, g);
      i = j;
    }
    return total;
  }

  private static double term(String term, String tok, double g) {
    double sign = 1;
    String t = term;
    if (t.startsWith("+")) t = t.substring(1);
    else if (t.startsWith("-")) {
      sign = -1;
      t = t.substring(1);
    }
    if (t.isEmpty()) throw bad(tok);
    double v = 1;
    boolean hasG = false;
    for (String f : t.split("\\*")) {
      String[] q = f.split("/", -1);
      if (q.length > 2 || q[0].isEmpty()) throw bad(tok);
      double num;
      if (q[0].equals("g")) {
        if (hasG) throw bad(tok);
        hasG = true;
        if (Double.isNaN(g)) throw new IllegalArgumentException("model.abc: '" + tok + "' depends on g: sweep g or give numbers");
        num = g;
      } else {
        num = number(q[0], tok);
      }
      double den = q.length == 2 ? number(q[1], tok) : 1;
      if (den == 0) throw bad(tok);
      v *= num / den;
    }
    return sign * v;
  }

  private static double number(String s, String tok) {
    try {
      double v = Double.parseDouble(s);
      if (!Double.isFinite(v)) throw bad(tok);
      return v;
    } catch (NumberFormatException e) {
      throw bad(tok);
    }
  }

  private static IllegalArgumentException bad(String tok) {
    return new IllegalArgumentException("model.abc: cannot read '" + tok + "' (a number, a fraction such as 1/2, or affine in g such as 1/2-g)");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Parameterisation p && name.equals(p.name) && java.util.Arrays.equals(a, p.a)
        && java.util.Arrays.equals(b, p.b) && java.util.Arrays.equals(c, p.c)
        && Double.compare(outScale, p.outScale) == 0 && Double.compare(inScale, p.inScale) == 0;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(name, java.util.Arrays.hashCode(a), java.util.Arrays.hashCode(b),
        java.util.Arrays.hashCode(c), outScale, inScale);
  }

  @Override
  public String toString() {
    return name + " a=" + java.util.Arrays.toString(a) + " b=" + java.util.Arrays.toString(b) + " c="
        + java.util.Arrays.toString(c) + " A_0=" + inScale + " A_L=" + outScale;
  }
}
