package scalecheck.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import scalecheck.sim.RunSpec;

/**
 * Stable identity of a run: SHA-256 (hex) of the canonical JSON of its full {@link RunSpec} (keys in
 * alphabetical order, numbers as Java prints them). Equal keys are the same simulation, so a run asked
 * for by two checks runs once, a resumed verification skips it, and the shard that runs it is chosen
 * from it ({@code cluster.Shard}).
 */
public final class RunKey {
  private static final ObjectMapper CANONICAL = JsonMapper.builder()
      .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private RunKey() {}

  /** The canonical JSON of a spec. */
  public static String canonicalJson(RunSpec spec) {
    try {
      return CANONICAL.writeValueAsString(spec);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + spec, e);
    }
  }

  /** SHA-256 of {@link #canonicalJson}, lower-case hex. */
  public static String of(RunSpec spec) {
    return Sha256.hex(canonicalJson(spec));
  }
}
