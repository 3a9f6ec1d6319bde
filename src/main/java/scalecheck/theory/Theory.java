package scalecheck.theory;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One theory file: a source (paper) and the scaling laws it predicts, over declared symbols such as
 * {@code n} (width) and {@code alpha} (output multiplier).
 *
 * @param id short id used in law references ({@code geiger/dW_hidden})
 * @param title the source's title
 * @param source the citation
 * @param symbols symbol -> meaning, in file order
 * @param laws the laws, in file order
 * @param file where it was read from
 * @param assumes assumptions shared by every law of the file, or null
 * @param parameterisations the declared parameterisations ({@code parameterisations:}), each with what
 *     it implies; their laws are among {@code laws}
 */
public record Theory(String id, String title, String source, Map<String, String> symbols, List<Law> laws,
    Path file, String assumes, List<Derivation> parameterisations) {

  public Theory {
    symbols = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(symbols));
    laws = List.copyOf(laws);
    parameterisations = parameterisations == null ? List.of() : List.copyOf(parameterisations);
  }

  /** A theory without parameterisations. */
  public Theory(String id, String title, String source, Map<String, String> symbols, List<Law> laws, Path file,
      String assumes) {
    this(id, title, source, symbols, laws, file, assumes, List.of());
  }

  /** The derivation of the parameterisation {@code schemeId}, if declared here. */
  public Optional<Derivation> parameterisation(String schemeId) {
    return parameterisations.stream().filter(d -> d.scheme().id().equals(schemeId)).findFirst();
  }

  public Optional<Law> law(String lawId) {
    return laws.stream().filter(l -> l.id().equals(lawId)).findFirst();
  }
}
