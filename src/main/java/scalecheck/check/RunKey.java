package scalecheck.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import scalecheck.sim.RunSpec;

/**
 * Stable identity of a run: SHA-256 (hex) of the canonical JSON of its full {@link RunSpec} (keys in
 * alphabetical order, numbers as Java prints them). Equal keys are the same simulation, so a run asked
 * for by two checks runs once, a resumed verification skips it, and a shard is chosen from it.
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
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(canonicalJson(spec).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The shard (0-based, of {@code shards}) a run belongs to: a pure function of its key. */
  public static int shardOf(String key, int shards) {
    long v = Long.parseUnsignedLong(key.substring(0, 15), 16);
    return (int) (v % shards);
  }
}
