package scalecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Exit codes of {@code scalecheck verify} on small checks through the real engine and theory files. */
class VerifyCommandTest {
  private static final Path DIR = Path.of("target", "check-tests", "verify-command");

  /** A cheap check on the output at initialisation (the runs stop at once). */
  private static String check(String id, String law, String widths, String extra) {
    return "id: " + id + "\n"
        + "law: " + law + "\n"
        + "vary: n\n"
        + "model: {param: ntk, depth: 1, activation: relu, alpha: 1}\n"
        + "data: {kind: linear, d: 5, train: 4, test: 128}\n"
        + "dynamics: {kind: flow, stop: time, maxTime: 1.0e-6, maxSteps: 1000}\n"
        + "sweep:\n"
        + "  n: " + widths + "\n"
        + "  seeds: 12\n"
        + "measure: out.init.rms\n"
        + "tolerance: 0.15\n"
        + extra
        + "fit: {correction: none}\n";
  }

  private record Outcome(int code, String err, JsonNode report) {}

  private static Path lastOut;
  private static String lastStdout;

  private static Outcome verify(String name, String... files) throws IOException {
    Path dir = DIR.resolve(name + "-" + System.nanoTime());
    Files.createDirectories(dir.resolve("checks"));
    for (int i = 0; i < files.length; i += 2) Files.writeString(dir.resolve("checks").resolve(files[i]), files[i + 1]);
    CliRun r = CliRun.of("verify", dir.resolve("checks").toString(), "--out", dir.resolve("out").toString(),
        "--theory", "theory", "--threads", "2", "--seed", "3");
    lastOut = dir.resolve("out");
    lastStdout = r.out();
    Path report = dir.resolve("out").resolve("report.json");
    JsonNode json = Files.exists(report) ? new ObjectMapper().readTree(report.toFile()) : null;
    return new Outcome(r.code(), r.err(), json);
  }

  @Test
  void exit0WhenEveryCheckPasses() throws IOException {
    Outcome o = verify("pass", "a.yaml", check("ntk", "geiger/out_init_ntk", "[64, 1024, 16384]", ""));
    assertEquals(0, o.code(), o.err() + o.report());
    JsonNode c = o.report().get("checks").get(0);
    assertEquals("ntk", c.get("id").asText());
    assertEquals("geiger/out_init_ntk", c.get("law").asText());
    assertEquals("n", c.get("vary").asText());
    assertEquals("0", c.get("predicted").asText());
    assertEquals("PASS", c.get("verdict").asText());
    assertTrue(c.get("ciLow").asDouble() <= c.get("fitted").asDouble());
    assertTrue(c.get("reason").asText().contains("vs predicted 0"), c.get("reason").asText());
    assertEquals(64, o.report().get("provenance").get("files").size() == 0 ? 0
        : o.report().get("provenance").get("files").elements().next().asText().length());
  }

  @Test
  void exit1WhenACheckFails() throws IOException {
    Outcome o = verify("fail", "a.yaml", check("ntk", "geiger/out_init_ntk", "[64, 1024, 16384]", ""),
        "b.yaml", check("asserted_mf", "geiger/out_init_mf", "[64, 1024, 16384]", ""));
    assertEquals(1, o.code(), o.err());
    assertEquals("PASS", o.report().get("checks").get(0).get("verdict").asText());
    JsonNode mf = o.report().get("checks").get(1);
    assertEquals("asserted_mf", mf.get("id").asText());
    assertEquals("FAIL", mf.get("verdict").asText(), mf.get("reason").asText());
    assertEquals("-1/2", mf.get("predicted").asText());
  }

  @Test
  void exit3WhenSomeAreInconclusiveAndNoneFails() throws IOException {
    Outcome o = verify("inconclusive", "a.yaml", check("few", "geiger/out_init_ntk", "[64, 256]", ""));
    assertEquals(3, o.code(), o.err());
    JsonNode c = o.report().get("checks").get(0);
    assertEquals("INCONCLUSIVE", c.get("verdict").asText());
    assertTrue(c.get("reason").asText().startsWith("too few points"), c.get("reason").asText());
  }

  @Test
  void exit2OnBadInputNamingFileAndLineWhileTheOtherChecksStillRun() throws IOException {
    Outcome o = verify("bad", "a.yaml", check("ntk", "geiger/out_init_ntk", "[64, 1024, 16384]", ""),
        "b.yaml", check("typo", "geiger/out_init_ntk", "[64, 1024, 16384]", "tolerence: 0.1\n"));
    assertEquals(2, o.code(), o.err());
    assertTrue(o.err().contains("b.yaml:12: tolerence: unknown field"), o.err());
    assertEquals("PASS", o.report().get("checks").get(0).get("verdict").asText());
    assertTrue(o.report().get("checks").get(1).get("reason").asText().contains("b.yaml:12"));
  }

  @Test
  void exit2WhenNoCheckFileExists() throws IOException {
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = Main.execute("verify", DIR.resolve("missing.yaml").toString(), "--theory", "theory");
    } finally {
      System.setErr(oldErr);
    }
    assertEquals(2, code);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("missing.yaml: no such file or folder"), err.toString());
  }

  /**
   * A check refused as bad input carries no verdict: REFUSED with its file:line message in the
   * verdict table, report.json, summary.md and index.html, never INCONCLUSIVE with an empty fit.
   */
  @Test
  void aRefusedCheckIsListedAsRefusedWithItsMessageEverywhere() throws IOException {
    String bad = check("bad", "geiger/out_init_ntk", "[64, 256]", "").replace("kind: flow", "kind: flwo");
    Outcome o = verify("refused", "a.yaml", check("ntk", "geiger/out_init_ntk", "[64, 1024, 16384]", ""), "b.yaml", bad);
    assertEquals(2, o.code(), o.err());
    Path file = lastOut.resolveSibling("checks").resolve("b.yaml");
    String message = file + ":6: dynamics.kind: ";
    assertTrue(o.err().contains(message), o.err());

    JsonNode checks = o.report().get("checks");
    JsonNode b = checks.get(1);
    assertEquals("bad", b.get("id").asText());
    assertEquals("REFUSED", b.get("verdict").asText());
    assertTrue(b.get("reason").asText().startsWith(message), b.get("reason").asText());
    assertEquals("PASS", checks.get(0).get("verdict").asText());
    JsonNode sum = o.report().get("summary");
    assertEquals(1, sum.get("refused").asInt(), sum.toString());
    assertEquals(0, sum.get("inconclusive").asInt(), sum.toString());

    String refusedLine = lastStdout.lines().filter(l -> l.contains(" bad ")).findFirst().orElse("");
    assertTrue(refusedLine.startsWith("REFUSED"), lastStdout);
    assertTrue(refusedLine.contains(message), refusedLine);
    assertTrue(!lastStdout.contains("INCONCLUSIVE"), lastStdout);

    String md = Files.readString(lastOut.resolve("summary.md"));
    assertTrue(md.contains("| REFUSED: " + message), md);
    assertTrue(md.contains("## bad: REFUSED"), md);
    assertTrue(!md.contains("INCONCLUSIVE"), md);
    String html = Files.readString(lastOut.resolve("index.html"));
    assertTrue(html.contains("<td class=\"REFUSED\">REFUSED</td><td><code>" + message), html);
    assertTrue(!html.contains("class=\"INCONCLUSIVE\""), "no INCONCLUSIVE cell");
  }
}
