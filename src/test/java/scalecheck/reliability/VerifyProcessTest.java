package scalecheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code scalecheck verify} as a separate process: SIGKILL mid-sweep, a hand-truncated last line and
 * a rerun; one vs two threads; provenance. Uses two small checks (35 runs of a
 * few hundred milliseconds each) in {@code src/test/resources/reliability/fast}.
 */
class VerifyProcessTest {
  static final Path CHECKS = Path.of("src", "test", "resources", "reliability", "fast");
  static final Path ROOT = Path.of("target", "reliability-process");
  static final int RUNS = 5 * 4 + 5 * 3;

  private static Map<String, JsonNode> baselineRuns;
  private static Map<String, List<String>> baselineVerdicts;
  private static Cli.Done baseline;

  static List<String> verify(Path out, int threads) {
    return List.of("verify", CHECKS.toString(), "--theory", "theory", "--out", out.toString(), "--seed", "7",
        "--threads", Integer.toString(threads));
  }

  @BeforeAll
  static void uninterrupted() throws IOException {
    deleteTree(ROOT);
    Path out = ROOT.resolve("baseline");
    baseline = Cli.run(ROOT.resolve("baseline-logs"), verify(out, 1));
    assertTrue(baseline.exit() == 0 || baseline.exit() == 1 || baseline.exit() == 3, baseline.stderr());
    baselineRuns = Cli.runsByKey(out.resolve("results.jsonl"));
    baselineVerdicts = Cli.verdicts(out.resolve("report.json"));
  }

  @Test
  void baselineHasEveryRunOnce() {
    assertEquals(RUNS, baselineRuns.size());
    assertEquals(2, baselineVerdicts.size());
  }

  /**
   * SIGKILL mid-sweep, then the last complete line cut in half by hand (a crash inside a write), then
   * the same command again: the final results equal the uninterrupted run's, with no lost, partial or
   * duplicated line, and the same verdicts and fitted numbers.
   */
  @Test
  void sigkillMidSweepAndTruncatedLineThenRerunEqualsAnUninterruptedRun() throws Exception {
    Path out = ROOT.resolve("killed");
    long before = -1;
    for (int attempt = 0; attempt < 3 && (before <= 1 || before >= RUNS); attempt++) {
      VerifyProcessTest.deleteTree(out);
      before = killAfter(out, attempt == 0 ? 4 : 2);
    }
    assertTrue(before > 1 && before < RUNS, "could not kill the process mid-sweep: " + before + " lines");

    Path results = out.resolve("results.jsonl");
    String text = Files.readString(results, StandardCharsets.UTF_8);
    text = text.substring(0, text.lastIndexOf('\n') + 1); // whatever the kill left after the last newline
    int lastStart = text.lastIndexOf('\n', text.length() - 2) + 1;
    String cut = text.substring(0, lastStart + (text.length() - 1 - lastStart) / 2);
    Files.writeString(results, cut, StandardCharsets.UTF_8);

    Cli.Done rerun = Cli.run(ROOT.resolve("killed-logs-rerun"), verify(out, 2));
    assertEquals(baseline.exit(), rerun.exit(), rerun.stderr());
    assertTrue(rerun.stderr().contains("dropped 1"), rerun.stderr());
    assertEquals(baselineRuns, Cli.runsByKey(results));
    assertEquals(baselineVerdicts, Cli.verdicts(out.resolve("report.json")));
    assertEquals(RUNS, Cli.completeLines(results));
  }

  @Test
  void twoThreadsGiveTheSameNumbersAsOneAndProvenanceSaysHowToRerun() throws Exception {
    Path out = ROOT.resolve("threads2");
    Cli.Done two = Cli.run(ROOT.resolve("threads2-logs"), verify(out, 2));
    assertEquals(baseline.exit(), two.exit(), two.stderr());
    assertEquals(baselineRuns, Cli.runsByKey(out.resolve("results.jsonl")));
    assertEquals(baselineVerdicts, Cli.verdicts(out.resolve("report.json")));

    JsonNode prov = Cli.JSON.readTree(out.resolve("report.json").toFile()).get("provenance");
    assertEquals(7, prov.get("seed").asLong());
    assertEquals(2, prov.get("threads").asInt());
    assertFalse(prov.get("fast").asBoolean());
    assertTrue(prov.get("scalecheckVersion").asText().length() > 0);
    assertTrue(prov.has("gitCommit"));
    assertTrue(prov.get("command").asText().contains("--seed 7"), prov.get("command").asText());
    JsonNode files = prov.get("files");
    for (String f : List.of("r_dz.yaml", "r_dw.yaml", "geiger2019.yaml", "chizat2019.yaml")) {
      String hash = null;
      for (var it = files.fields(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().endsWith(f)) hash = e.getValue().asText();
      }
      assertNotNull(hash, "no hash for " + f + " in " + files);
      assertEquals(VerifyHashes.sha256(f.startsWith("r_") ? CHECKS.resolve(f) : Path.of("theory", f)), hash);
    }
  }

  /** Starts a verify, SIGKILLs it once results.jsonl has at least {@code lines} lines; returns the lines left. */
  private static long killAfter(Path out, int lines) throws Exception {
    Path results = out.resolve("results.jsonl");
    Process p = Cli.start(ROOT.resolve("killed-logs"), verify(out, 2));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.TIMEOUT_S);
    while (p.isAlive() && Cli.completeLines(results) < lines && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    p.destroyForcibly(); // SIGKILL on Linux
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return Cli.completeLines(results);
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) return;
    try (var s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
    }
  }
}
