package scalecheck.check;

import java.util.Map;
import java.util.Set;
import scalecheck.theory.Exponent;

/**
 * Where a check gets its predicted exponents: the theory module (laws as formulas, exponents derived
 * exactly), behind an interface so that the verdict logic can be tested against a fixed table.
 */
public interface LawSource {

  /** The law {@code theory/law}, or null when no loaded theory file defines it. */
  Law law(String id);

  /**
   * The engine's {@code model.abc} text of the parameterisation {@code theory/id} declared in a theory
   * file (e.g. {@code "a: 0 1/2 1; b: -g 0 0; c: 0 0 0"}) and its depth, or null when none is declared.
   */
  default Abc parameterisation(String ref) {
    return null;
  }

  /** A declared parameterisation as the engine reads it. */
  record Abc(String text, int depth) {}

  /** One law: its symbols and its leading exponent in each of them. */
  interface Law {
    /** Symbols the exponent can be asked for (those of the expression and of its regime). */
    Set<String> symbols();

    /**
     * Leading exponent in {@code symbol} with extra regime substitutions (e.g. {@code g -> 1/4}): exact,
     * or not a power law with the reason.
     *
     * @throws IllegalArgumentException when the symbol or the regime does not fit the law
     */
    Exponent exponent(String symbol, Map<String, String> regime);

    /**
     * The quantities the law predicts, as registered in {@code scalecheck.sim.Probes} (several when
     * each is an acceptable definition, e.g. t1.kernel and t1.loss_half), or a scaling variable of its
     * theory; empty when the source does not say (any measure is accepted).
     */
    default java.util.List<String> quantities() {
      return java.util.List.of();
    }

    /** The finite-width correction the law asks for ("1/2", "fit", "none"), or null. */
    default String correction() {
      return null;
    }

    /** The law's machine-readable assumptions (none by default). */
    default scalecheck.theory.Assumptions assumptions() {
      return scalecheck.theory.Assumptions.none();
    }
  }
}
