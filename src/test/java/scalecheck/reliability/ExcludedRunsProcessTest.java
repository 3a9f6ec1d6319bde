package scalecheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code scalecheck verify} as a process on checks whose runs diverge or hit their step limit (never a
 * PASS: INCONCLUSIVE with the count and reason of the excluded runs), and on a folder where one bad
 * check sits between two good ones (the good ones still run and report; exit 2).
 */
class ExcludedRunsProcessTest {
  static final Path RES = Path.of("src", "test", "resources", "reliability");
  static final Path ROOT = Path.of("target", "reliability-excluded");
  static final Pattern AT_STEP = Pattern.compile("at step (\\d+)");

  private static Map<String, JsonNode> checks(Path report) throws IOException {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode c : Cli.JSON.readTree(report.toFile()).get("checks")) out.put(c.get("id").asText(), c);
    return out;
  }

  @Test
  void divergedAndLimitedRunsAreExcludedAndCountedAndNeverPass() throws IOException {
    Path out = ROOT.resolve("diverge");
    VerifyProcessTest.deleteTree(out);
    Cli.Done d = Cli.run(ROOT.resolve("diverge-logs"), List.of("verify", RES.resolve("diverge").toString(),
        "--theory", "theory", "--out", out.toString(), "--threads", "2"));
    assertEquals(3, d.exit(), d.stdout() + d.stderr());
    assertFalse(d.stdout().contains("PASS"), d.stdout());

    Map<String, JsonNode> c = checks(out.resolve("report.json"));
    assertEquals(3, c.size());
    for (JsonNode r : c.values()) assertEquals("INCONCLUSIVE", r.get("verdict").asText(), r.toString());

    JsonNode all = c.get("r_diverge");
    assertEquals(6, all.get("runs").asInt());
    assertEquals(6, all.get("excluded").asInt());
    assertTrue(all.get("fitted").isNull(), all.toString());
    assertTrue(all.get("reason").asText().contains("6 of 6"), all.get("reason").asText());
    assertTrue(all.get("reason").asText().contains("DIVERGED"), all.get("reason").asText());

    JsonNode limit = c.get("r_limit");
    assertEquals(6, limit.get("excluded").asInt());
    assertTrue(limit.get("reason").asText().contains("LIMIT"), limit.get("reason").asText());
    assertTrue(limit.get("reason").asText().contains("maxSteps"), limit.get("reason").asText());

    JsonNode partial = c.get("r_partial");
    int ex = partial.get("excluded").asInt();
    assertTrue(ex > 0 && ex < partial.get("runs").asInt(), partial.toString());
    assertTrue(partial.get("reason").asText().contains(ex + " of " + partial.get("runs").asInt()),
        partial.get("reason").asText());

    // every run is in results.jsonl with its status; a diverged run keeps the step it failed at
    int diverged = 0;
    int limited = 0;
    for (String line : Files.readAllLines(out.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
      JsonNode r = Cli.JSON.readTree(line);
      switch (r.get("status").asText()) {
        case "DIVERGED" -> {
          diverged++;
          Matcher m = AT_STEP.matcher(r.get("reason").asText());
          assertTrue(m.find(), r.toString());
          long step = Long.parseLong(m.group(1));
          assertTrue(step >= 1, r.toString());
          assertEquals(step - 1, r.get("steps").asLong(), "completed steps before the failing one: " + r);
        }
        case "LIMIT" -> {
          limited++;
          assertEquals(3, r.get("steps").asLong(), r.toString());
        }
        default -> assertEquals("OK", r.get("status").asText());
      }
    }
    assertEquals(6 + ex, diverged);
    assertEquals(6, limited);
  }

  @Test
  void oneBadCheckDoesNotStopTheOthers() throws IOException {
    Path out = ROOT.resolve("mixed");
    VerifyProcessTest.deleteTree(out);
    Path dir = RES.resolve("mixed");
    Cli.Done d = Cli.run(ROOT.resolve("mixed-logs"), List.of("verify", dir.toString(), "--theory", "theory",
        "--out", out.toString(), "--threads", "2"));
    assertEquals(2, d.exit(), d.stderr());
    assertTrue(d.stderr().contains(dir.resolve("b_bad.yaml") + ":3: law: "), d.stderr());
    assertFalse(d.stderr().contains("Exception"), d.stderr());

    Map<String, JsonNode> c = checks(out.resolve("report.json"));
    assertEquals(List.of("a_good", "c_good", "b_bad"), List.copyOf(c.keySet()));
    for (String good : List.of("a_good", "c_good")) {
      JsonNode r = c.get(good);
      assertEquals(6, r.get("runs").asInt(), r.toString());
      assertTrue(r.get("fitted").isNumber(), r.toString());
      assertTrue(d.stdout().contains(good), d.stdout());
    }
    assertEquals("REFUSED", c.get("b_bad").get("verdict").asText());
    assertEquals(0, c.get("b_bad").get("runs").asInt());
    assertTrue(c.get("b_bad").get("reason").asText().startsWith(dir.resolve("b_bad.yaml") + ":3: law: "),
        c.get("b_bad").toString());

    Map<String, Integer> perCheck = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out.resolve("results.jsonl"), StandardCharsets.UTF_8)) {
      perCheck.merge(Cli.JSON.readTree(line).get("check").asText(), 1, Integer::sum);
    }
    assertEquals(Map.of("a_good", 6, "c_good", 6), perCheck);
  }
}
