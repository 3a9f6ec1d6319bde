package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scalecheck.sim.DataSpec;
import scalecheck.sim.DynamicsSpec;
import scalecheck.sim.ModelSpec;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunSpec;
import scalecheck.sim.RunStatus;

/** The stored line of a run: its settings in full, its status as text, and lines of the earlier form. */
class RunRecordTest {
  private static final RunSpec SPEC = new RunSpec(ModelSpec.defaults().withBeta(2), DataSpec.defaults(),
      DynamicsSpec.defaults(), 3, 7);

  private static RunRecord record(RunSpec spec) {
    return new RunRecord("c", RunKey.of(spec), Map.of("n", 64.0, "seed", 3.0), spec,
        new RunResult(RunStatus.DIVERGED, "loss is NaN at step 12", 12, 0.5, 0.25, Map.of("dW.hidden", 0.125),
            Map.of("loss", new double[] {1, 0.5})));
  }

  @Test
  void aLineHoldsTheCanonicalSpecItsKeyHashes() throws JsonProcessingException {
    String line = ResultStore.JSON.writeValueAsString(record(SPEC));
    JsonNode node = ResultStore.JSON.readTree(line);
    assertEquals(RunKey.canonicalJson(SPEC), node.get("spec").toString());
    assertEquals("DIVERGED", node.get("status").asText());
    assertEquals(12, node.get("steps").asLong());
    assertTrue(node.get("probes").isObject(), "the result's fields stay at the top level of the line");

    RunRecord back = ResultStore.JSON.readValue(line, RunRecord.class);
    assertEquals(SPEC, back.spec());
    assertEquals(back.key(), RunKey.of(back.spec()));
    assertEquals(RunStatus.DIVERGED, back.status());
    assertEquals("loss is NaN at step 12", back.reason());
    assertEquals(0.125, back.probes().get("dW.hidden"));
    assertArrayEquals(new double[] {1, 0.5}, back.series().get("loss"));
    assertEquals(line, ResultStore.JSON.writeValueAsString(back));
  }

  @Test
  void aLineWrittenBeforeTheSpecWasStoredStillLoads() throws JsonProcessingException {
    String old = "{\"check\":\"dW_hidden\",\"key\":\"ab12\",\"params\":{\"n\":64.0,\"seed\":0.0},\"status\":\"OK\","
        + "\"reason\":\"\",\"steps\":150,\"time\":1.5,\"wallSeconds\":0.02,\"probes\":{\"dW.hidden\":0.031},"
        + "\"series\":{}}";
    RunRecord r = ResultStore.JSON.readValue(old, RunRecord.class);
    assertNull(r.spec());
    assertEquals("dW_hidden", r.check());
    assertEquals("ab12", r.key());
    assertEquals(Map.of("n", 64.0, "seed", 0.0), r.params());
    assertEquals(RunStatus.OK, r.status());
    assertEquals(150, r.steps());
    assertEquals(1.5, r.time());
    assertEquals(0.02, r.wallSeconds());
    assertEquals(Map.of("dW.hidden", 0.031), r.probes());
    assertEquals(old, ResultStore.JSON.writeValueAsString(r), "written back without a spec, as it was");
  }

  @Test
  void anUnknownStatusOrANonObjectIsNotARunRecord() {
    assertThrows(JsonProcessingException.class, () -> ResultStore.JSON.readValue(
        "{\"check\":\"c\",\"key\":\"k\",\"status\":\"FINE\"}", RunRecord.class));
    assertThrows(JsonProcessingException.class, () -> ResultStore.JSON.readValue("[1, 2]", RunRecord.class));
  }
}
