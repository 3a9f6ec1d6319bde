package scalecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.junit.jupiter.api.Test;

/**
 * The engine's own {@code runs.csv} from a verify run, fed back as a measurements file, gives the same
 * series, fits, intervals and verdicts (to 1e-12) as the engine path: the file source and the engine
 * source are two implementations of one seam, and nothing downstream knows which one it reads.
 */
class RunsCsvRoundTripTest {
  private static final Path DIR = Path.of("target", "check-tests", "runs-csv-round-trip");

  @Test
  void runsCsvReadBackGivesTheSameFitsAndVerdicts() throws IOException {
    Path d = Files.createDirectories(DIR.resolve("rt-" + System.nanoTime()));
    Files.createDirectories(d.resolve("engine"));
    Files.writeString(d.resolve("engine/rt.yaml"), "id: rt\n"
        + "law: geiger/dz\n"
        + "vary: n\n"
        + "model: {param: ntk, depth: 1, activation: relu, normalised: true, alpha: 8, centred: true}\n"
        + "data: {kind: linear, d: 5, train: 8, test: 4}\n"
        + "dynamics: {kind: flow, loss: softhinge, lossBeta: 20, maxDgrad: 0.01, maxDout: 1, stop: margins}\n"
        + "sweep:\n"
        + "  n: [32, 64, 128]\n"
        + "  alpha: [8, 16]\n"
        + "  seeds: 3\n"
        + "measure: dz.mean\n"
        + "tolerance: 0.1\n"
        + "fit: {bootstrap: 500}\n");
    FitCommandTest.Done engine = FitCommandTest.run("verify", d.resolve("engine/rt.yaml").toString(), "--out",
        d.resolve("engine-out").toString(), "--theory", "theory", "--threads", "1", "--seed", "5");
    assertTrue(engine.code() == 0 || engine.code() == 1 || engine.code() == 3, engine.err());

    Files.createDirectories(d.resolve("file"));
    Files.writeString(d.resolve("file/rt.yaml"), "id: rt\n"
        + "law: geiger/dz\n"
        + "vary: n\n"
        + "measurements: ../engine-out/runs.csv\n"
        + "measure: dz.mean\n"
        + "tolerance: 0.1\n"
        + "fit: {bootstrap: 500}\n");
    FitCommandTest.Done file = FitCommandTest.run("verify", d.resolve("file/rt.yaml").toString(), "--out",
        d.resolve("file-out").toString(), "--theory", "theory", "--seed", "5");
    assertEquals(engine.code(), file.code(), file.err());

    ObjectMapper om = new ObjectMapper();
    JsonNode a = om.readTree(d.resolve("engine-out/report.json").toFile()).get("checks");
    JsonNode b = om.readTree(d.resolve("file-out/report.json").toFile()).get("checks");
    assertEquals(2, a.size(), a.toString());
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      JsonNode x = a.get(i);
      JsonNode y = b.get(i);
      assertEquals(x.get("id").asText(), y.get("id").asText());
      assertTrue(x.get("fitted").isNumber(), x.toString());
      for (String k : new String[] {"fitted", "ciLow", "ciHigh", "stdErr", "r2"}) {
        assertEquals(x.get(k).asDouble(), y.get(k).asDouble(), 1e-12, k + " of " + x.get("id"));
      }
      assertEquals(x.get("verdict").asText(), y.get("verdict").asText());
      assertEquals(x.get("reason").asText(), y.get("reason").asText());
      assertEquals(x.get("predicted").asText(), y.get("predicted").asText());
      assertEquals(x.get("runs").asInt(), y.get("runs").asInt());
      assertEquals(x.get("excluded").asInt(), y.get("excluded").asInt());
      assertNumbersClose(x.get("localSlopes"), y.get("localSlopes"));
      assertEquals(x.get("points").size(), y.get("points").size());
      for (int p = 0; p < x.get("points").size(); p++) {
        JsonNode px = x.get("points").get(p);
        JsonNode py = y.get("points").get(p);
        assertEquals(px.get("x").asDouble(), py.get("x").asDouble());
        assertEquals(px.get("mean").asDouble(), py.get("mean").asDouble(), 1e-12);
        assertNumbersClose(px.get("perSeed"), py.get("perSeed"));
      }
    }
  }

  private static void assertNumbersClose(JsonNode x, JsonNode y) {
    assertEquals(x.size(), y.size());
    Iterator<JsonNode> i = x.elements();
    Iterator<JsonNode> j = y.elements();
    while (i.hasNext()) assertEquals(i.next().asDouble(), j.next().asDouble(), 1e-12);
  }
}
