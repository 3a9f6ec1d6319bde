package scalecheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import scalecheck.check.VerifyOutcome;
import scalecheck.cli.CliRun;

/** {@code scalecheck report RESULTS_DIR [--out DIR]} rebuilds the same report from stored results. */
class ReportCommandTest {
  static final Path ROOT = Path.of("target", "report-command");

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    CliRun r = CliRun.of(args);
    return new Run(r.code(), r.out(), r.err());
  }

  static Path stored(String name) {
    return stored(name, Fixtures.small(5));
  }

  static Path stored(String name, VerifyOutcome o) {
    Path d = ROOT.resolve(name);
    ReportWriter.deleteQuietly(d);
    ReportWriter.write(o, d);
    return d;
  }

  @Test
  void rebuildingIntoAnotherFolderReproducesTheReport() throws IOException {
    Path a = stored("a", Fixtures.outcome(5, true));
    Path b = ROOT.resolve("b");
    ReportWriter.deleteQuietly(b);
    Run r = run("report", a.toString(), "--out", b.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("index.html"));
    for (String f : List.of("report.json", "runs.csv", "summary.md", "results.jsonl")) {
      assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
    }
    assertEquals(Files.readString(a.resolve("index.html")), Files.readString(b.resolve("index.html")));
  }

  @Test
  void rebuildingInPlaceKeepsResultsAndReport() throws IOException {
    Path a = stored("in-place");
    byte[] json = Files.readAllBytes(a.resolve("report.json"));
    byte[] results = Files.readAllBytes(a.resolve("results.jsonl"));
    Files.delete(a.resolve("runs.csv"));
    Run r = run("report", a.toString());
    assertEquals(0, r.exit(), r.err());
    assertArrayEquals(json, Files.readAllBytes(a.resolve("report.json")));
    assertArrayEquals(results, Files.readAllBytes(a.resolve("results.jsonl")));
    assertTrue(Files.exists(a.resolve("runs.csv")), "runs.csv rebuilt");
    VerifyOutcome o = ReportReader.read(a);
    assertEquals(Fixtures.small(5).checks(), o.checks());
  }

  @Test
  void aMissingFolderExitsTwoWithItsName() {
    Run r = run("report", ROOT.resolve("does-not-exist").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("does-not-exist") && r.err().contains("no such results folder"), r.err());
    assertTrue(!r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void aFolderWithoutReportExitsTwo() throws IOException {
    Path d = ROOT.resolve("empty");
    ReportWriter.deleteQuietly(d);
    Files.createDirectories(d);
    Run r = run("report", d.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("report.json") && r.err().contains("missing"), r.err());
  }

  @Test
  void corruptFilesExitTwoNamingFileAndLine() throws IOException {
    Path d = stored("corrupt-json");
    Files.writeString(d.resolve("report.json"), "{\n  \"schemaVersion\": 1,\n  \"checks\": [ {\"id\": \n");
    Run r = run("report", d.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("report.json:"), r.err());

    Path e = stored("corrupt-results");
    List<String> lines = Files.readAllLines(e.resolve("results.jsonl"));
    lines.set(1, "{not json");
    Files.write(e.resolve("results.jsonl"), lines);
    Run s = run("report", e.toString());
    assertEquals(2, s.exit());
    assertTrue(s.err().contains("results.jsonl:2:"), s.err());

    Path f = stored("no-version");
    Files.writeString(f.resolve("report.json"), "{\"checks\": []}");
    Run t = run("report", f.toString());
    assertEquals(2, t.exit());
    assertTrue(t.err().contains("schemaVersion"), t.err());
  }

  @Test
  void aTruncatedLastResultLineIsIgnored() throws IOException {
    Path d = stored("truncated");
    String text = Files.readString(d.resolve("results.jsonl"));
    int runs = (int) text.lines().count();
    Files.writeString(d.resolve("results.jsonl"), text + "{\"check\":\"x\",\"key\":");
    List<String> warnings = new ArrayList<>();
    assertEquals(runs, ReportReader.readResults(d.resolve("results.jsonl"), warnings::add).size());
    assertEquals(List.of(d.resolve("results.jsonl") + ":" + (runs + 1)
        + ": incomplete last line skipped (a run interrupted while it was written)"), warnings);
  }
}
