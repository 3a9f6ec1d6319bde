package scalecheck.theory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One scaling law of a {@link Theory}: a quantity (named as the engine's probe, e.g. {@code dW.hidden})
 * predicted to scale as a closed form such as {@code 1/(alpha*n)}, possibly only inside a regime
 * (substitutions such as {@code alpha: n^(-1/2)}). {@link #exponent(String)} gives the exact leading
 * exponent in a symbol as that symbol goes to infinity with the others fixed.
 *
 * @param theoryId the theory's id, e.g. {@code geiger}
 * @param id the law's id within its theory, e.g. {@code dW_hidden}
 * @param quantity what is measured, e.g. {@code dW.hidden}: the first of {@link #quantities}
 * @param expression the formula as written ({@code scaling:} or {@code derive:})
 * @param derived the simplified closed form after derive and regime
 * @param regime substitutions applied in order (symbol -> expression as written)
 * @param note the law's assumptions and source, as written
 * @param file the theory file
 * @param line the line of the law in that file
 * @param kind {@code scaling} or {@code derive}
 * @param norm which norm the quantity uses, or null
 * @param contests the id of a competing law for the same quantity, or null
 * @param variables the symbols {@link #exponents()} reports, in order
 * @param symbols the free symbols of {@link #derived}
 * @param assumptions the machine-readable assumptions (theory-level merged with the law's own)
 * @param correction the finite-width correction its checks fit by default ("1/2", "fit", "none"), or
 *     null for the check's own default
 * @param quantities every acceptable measure of the law: quantities registered in
 *     {@code scalecheck.sim.Probes} (several when each is a definition of the same thing, e.g.
 *     {@code t1.loss_half} and {@code t1.kernel}), or a scaling variable of the theory (a declared
 *     symbol, tested by a collapse check); null means {@code [quantity]}
 */
public record Law(
    String theoryId,
    String id,
    String quantity,
    String expression,
    String derived,
    Map<String, String> regime,
    String note,
    Path file,
    int line,
    String kind,
    String norm,
    String contests,
    List<String> variables,
    Set<String> symbols,
    Assumptions assumptions,
    String correction,
    List<String> quantities) {

  public Law {
    quantities = quantities == null ? List.of(quantity) : List.copyOf(quantities);
    assumptions = assumptions == null ? Assumptions.none() : assumptions;
    regime = regime == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(regime));
    variables = variables == null ? List.of() : List.copyOf(variables);
    symbols = symbols == null ? Set.of() : Set.copyOf(symbols);
  }

  /** {@code theory/law}, e.g. {@code geiger/dW_hidden}. */
  public String ref() {
    return theoryId + "/" + id;
  }

  /** Leading exponent of the derived form in {@code symbol} (0 when the law does not contain it). */
  public Exponent exponent(String symbol) {
    return exponent(symbol, Map.of());
  }

  /**
   * Leading exponent in {@code symbol} after further substitutions on top of the law's regime, applied
   * in iteration order, e.g. {@code {"g": "1/4"}} or {@code {"alpha": "n^(-1/2)"}}.
   *
   * @throws IllegalArgumentException when a substitution or the symbol cannot be read
   */
  public Exponent exponent(String symbol, Map<String, String> extraRegime) {
    checkName(symbol, "symbol");
    Map<String, String> extra = Symja.ordered(extraRegime);
    extra.keySet().forEach(k -> checkName(k, "substituted symbol"));
    try {
      return Symja.exponent(derived, symbol, extra);
    } catch (Symja.Failure f) {
      throw new IllegalArgumentException(ref() + ": cannot take the exponent in " + symbol + " under " + extra
          + ": " + f.getMessage());
    }
  }

  /** One exponent per symbol in {@link #variables()}, in that order. */
  public Map<String, Exponent> exponents() {
    Map<String, Exponent> m = new LinkedHashMap<>();
    for (String v : variables) m.put(v, exponent(v));
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The derived form rewritten with further substitutions and simplified, e.g. Geiger's
   * {@code 1/(alpha*Sqrt(n))} under {@code alpha: kappa/Sqrt(n)} gives {@code 1/kappa}.
   */
  public String rewrite(Map<String, String> extraRegime) {
    Map<String, String> extra = Symja.ordered(extraRegime);
    extra.keySet().forEach(k -> checkName(k, "substituted symbol"));
    try {
      return Symja.simplify(derived, extra);
    } catch (Symja.Failure f) {
      throw new IllegalArgumentException(ref() + ": cannot substitute " + extra + ": " + f.getMessage());
    }
  }

  /** True when this law's derived form equals {@code form} (a Symja expression) for positive symbols. */
  public boolean sameForm(String form) {
    try {
      return Symja.sameForm(derived, form);
    } catch (Symja.Failure f) {
      throw new IllegalArgumentException("cannot compare with '" + form + "': " + f.getMessage());
    }
  }

  private static void checkName(String s, String what) {
    if (s == null || !s.matches("[a-z][a-z0-9]*")) {
      throw new IllegalArgumentException("not a valid " + what + " name (lower-case letters and digits): '" + s + "'");
    }
  }
}
