package scalecheck.check;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunSpec;
import scalecheck.sim.RunStatus;

/**
 * One finished simulation, as stored in one line of {@code results.jsonl}: the run's identity and
 * settings, then the fields of its {@link RunResult} ({@code status}, {@code reason}, {@code steps},
 * {@code time}, {@code wallSeconds}, {@code probes}, {@code series}) at the top level of the line.
 *
 * @param check id of the check that asked for it
 * @param key stable identity of the run (hash of its full RunSpec); equal keys are the same run
 * @param params the swept symbols and seed of this run (e.g. n, alpha, kappa, g, seed), for tables
 * @param spec the run's full settings, stored as the canonical JSON object {@link RunKey} hashes (so
 *     {@code RunKey.of(spec)} is {@code key}); null for lines written before it was stored
 * @param result how the run ended and what it measured
 */
@JsonDeserialize(using = RunRecord.Reader.class)
public record RunRecord(
    String check,
    String key,
    Map<String, Double> params,
    @JsonInclude(JsonInclude.Include.NON_NULL) @JsonSerialize(using = CanonicalSpec.class) RunSpec spec,
    @JsonUnwrapped RunResult result) {

  /** Reads the result's fields from the top level of the line; fields it does not know are ignored. */
  private static final ObjectMapper LINE = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private static final TypeReference<Map<String, Double>> PARAMS = new TypeReference<>() {};

  /** OK | DIVERGED | LIMIT (the text in the file). */
  public RunStatus status() {
    return result.status();
  }

  /** Why the run stopped early, in words (empty or null for OK). */
  public String reason() {
    return result.reason();
  }

  /** Steps taken. */
  public long steps() {
    return result.steps();
  }

  /** Training time reached (gradient-flow time). */
  public double time() {
    return result.time();
  }

  /** Wall-clock seconds the run took (measured: may differ between two copies of a run). */
  public double wallSeconds() {
    return result.wallSeconds();
  }

  /** Scalar probes by name. */
  public Map<String, Double> probes() {
    return result.probes();
  }

  /** Kept series (empty unless asked for). */
  public Map<String, double[]> series() {
    return result.series();
  }

  /** Reads one stored line, in the current form or the earlier one without {@code spec}. */
  static final class Reader extends JsonDeserializer<RunRecord> {
    @Override
    public RunRecord deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode line = p.readValueAsTree();
      if (!(line instanceof ObjectNode)) {
        throw MismatchedInputException.from(p, RunRecord.class, "expected a JSON object");
      }
      JsonNode spec = line.get("spec");
      return new RunRecord(
          line.hasNonNull("check") ? line.get("check").asText() : null,
          line.hasNonNull("key") ? line.get("key").asText() : null,
          line.hasNonNull("params") ? LINE.readerFor(PARAMS).readValue(line.get("params")) : null,
          spec == null || spec.isNull() ? null : LINE.treeToValue(spec, RunSpec.class),
          LINE.treeToValue(line, RunResult.class));
    }
  }

  /** Writes a spec as {@link RunKey#canonicalJson}, the text its key hashes. */
  static final class CanonicalSpec extends JsonSerializer<RunSpec> {
    @Override
    public void serialize(RunSpec spec, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeRawValue(RunKey.canonicalJson(spec));
    }
  }
}
