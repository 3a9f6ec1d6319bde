package scalecheck.theory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A parameterisation declared in a theory file ({@code parameterisations:}): a fully connected net of
 * depth L with per-layer exponents in the abc notation of Yang and Hu (2021, Tensor Programs IV,
 * Definition 3.1), layer l = 0 (input, n x d) to L (output, n): forward multiplier n^(-a_l), initial
 * weight std n^(-b_l), learning-rate multiplier n^(-c_l) (n the width symbol), and the output scale
 * A_L (a formula over the file's symbols, e.g. {@code alpha}) multiplying the last layer. Each exponent
 * is an exact rational or affine in g (kappa = m^g).
 *
 * @param theoryId the file's id
 * @param id the parameterisation's id ({@code theory/id} is its reference)
 * @param width the width symbol (n or m)
 * @param output the output scale as written (default {@code 1})
 * @param regime substitutions applied to the output scale (e.g. {@code kappa: m^g})
 * @param layers the L + 1 layers, W^0 first
 * @param note as written, or null
 * @param file where it was read from
 * @param line its line
 */
public record Scheme(String theoryId, String id, String width, String output, Map<String, String> regime,
    List<Layer> layers, String note, Path file, int line) {

  /** One layer's exponents. */
  public record Layer(Affine a, Affine b, Affine c) {}

  public Scheme {
    regime = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(regime));
    layers = List.copyOf(layers);
  }

  public String ref() {
    return theoryId + "/" + id;
  }

  /** Depth L. */
  public int depth() {
    return layers.size() - 1;
  }

  /**
   * The exponents as the engine's {@code model.abc} text, e.g. {@code "a: 0 1/2 1-g; b: 0 0 0; c: 0 0 0"}
   * (affine values written without spaces).
   */
  public String abcText() {
    StringBuilder sb = new StringBuilder();
    String[] rows = {"a", "b", "c"};
    for (int r = 0; r < 3; r++) {
      if (r > 0) sb.append("; ");
      sb.append(rows[r]).append(':');
      for (Layer l : layers) {
        Affine v = r == 0 ? l.a() : (r == 1 ? l.b() : l.c());
        sb.append(' ').append(v.toString().replace(" ", ""));
      }
    }
    return sb.toString();
  }
}
