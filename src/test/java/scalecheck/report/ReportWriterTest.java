package scalecheck.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scalecheck.check.CheckResult;
import scalecheck.check.RunRecord;
import scalecheck.check.Verdict;
import scalecheck.check.VerifyOutcome;

class ReportWriterTest {
  static final Path ROOT = Path.of("target", "report-test");
  static VerifyOutcome outcome;
  static Path dir;

  @BeforeAll
  static void writeOnce() throws IOException {
    outcome = Fixtures.outcome(7, true);
    dir = ROOT.resolve("full");
    ReportWriter.deleteQuietly(dir);
    ReportWriter.write(outcome, dir);
  }

  static Path fresh(String name) {
    Path p = ROOT.resolve(name);
    ReportWriter.deleteQuietly(p);
    return p;
  }

  @Test
  void reportJsonRoundTripsToTheSameChecks() throws IOException {
    JsonNode root = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertTrue(root.get("schemaVersion").isInt());
    assertEquals(outcome.checks().size(), root.get("checks").size());
    for (String field : List.of("id", "law", "vary", "predicted", "fitted", "ciLow", "ciHigh", "verdict", "reason")) {
      assertTrue(root.get("checks").get(0).has(field), field);
    }
    assertEquals("0123456789abcdef", root.get("provenance").get("gitCommit").asText());
    VerifyOutcome back = ReportReader.read(dir);
    assertEquals(outcome.checks(), back.checks());
    assertEquals(outcome.provenance(), back.provenance());
    assertEquals(outcome.runs().size(), back.runs().size());
    for (int i = 0; i < outcome.runs().size(); i++) {
      RunRecord a = outcome.runs().get(i), b = back.runs().get(i);
      assertEquals(a.key(), b.key());
      assertEquals(a.probes(), b.probes());
      assertEquals(a.reason(), b.reason());
      assertEquals(a.series().keySet(), b.series().keySet());
      for (String k : a.series().keySet()) assertArrayEquals(a.series().get(k), b.series().get(k), k);
    }
  }

  @Test
  void runsCsvHasOneRowPerRunAndEveryProbeAsAColumn() throws IOException {
    List<List<String>> rows = Csv.parse(Files.readString(dir.resolve("runs.csv")));
    List<String> header = rows.get(0);
    assertEquals(outcome.runs().size(), rows.size() - 1);
    Set<String> probes = new HashSet<>();
    for (RunRecord r : outcome.runs()) probes.addAll(r.probes().keySet());
    assertTrue(header.containsAll(probes), "probe columns " + probes + " in " + header);
    assertTrue(header.containsAll(List.of("check", "key", "status", "reason", "n", "alpha", "kappa", "seed")));
    assertTrue(header.indexOf("dz.l2") < header.indexOf("dz.l3"));
    for (int i = 0; i < outcome.runs().size(); i++) {
      RunRecord r = outcome.runs().get(i);
      List<String> row = rows.get(i + 1);
      assertEquals(header.size(), row.size(), "row " + i);
      assertEquals(r.key(), row.get(header.indexOf("key")));
      assertEquals(r.status().name(), row.get(header.indexOf("status")));
      assertEquals(r.reason() == null ? "" : r.reason(), row.get(header.indexOf("reason")));
      Double kc = r.probes().get("kernel.change");
      String cell = row.get(header.indexOf("kernel.change"));
      if (kc == null) assertEquals("", cell);
      else assertEquals(kc, Double.parseDouble(cell));
      assertEquals(r.params().get("n"), Double.parseDouble(row.get(header.indexOf("n"))));
    }
  }

  @Test
  void summaryTableRowsAreTheChecks() throws IOException {
    List<String> lines = Files.readAllLines(dir.resolve("summary.md"));
    int h = lines.indexOf("| check | law | predicted | raw | extrapolated | judged | interval | verdict |");
    assertTrue(h >= 0 && h < 5, "verdict table comes first");
    List<String[]> rows = new ArrayList<>();
    for (int i = h + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      rows.add(lines.get(i).substring(1, lines.get(i).length() - 1).split(" \\| "));
    }
    assertEquals(outcome.checks().size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      CheckResult c = outcome.checks().get(i);
      assertEquals(c.id(), rows.get(i)[0].trim());
      assertEquals(c.law(), rows.get(i)[1].trim());
      assertEquals(c.verdict().name(), rows.get(i)[7].trim());
      assertTrue(Files.readString(dir.resolve("summary.md")).contains("## " + c.id() + ": " + c.verdict()));
    }
  }

  @Test
  void htmlIsSelfContainedWithTheTableAndOneImagePerPlot() throws IOException {
    String html = Files.readString(dir.resolve("index.html"));
    assertFalse(html.contains("http://") || html.contains("https://"), "no network reference");
    assertFalse(Pattern.compile("src=\"(?!data:)").matcher(html).find(), "every src is a data URI");
    String table = html.substring(html.indexOf("<table id=\"verdicts\""), html.indexOf("</table>"));
    assertEquals(outcome.checks().size(), count(table, "<tr><td>"));
    for (CheckResult c : outcome.checks()) assertTrue(table.contains(">" + c.id() + "<"), c.id());
    long pngs;
    try (Stream<Path> s = Files.list(dir.resolve("plots"))) {
      pngs = s.filter(p -> p.toString().endsWith(".png")).count();
    }
    // seven fitted checks, one collapse check, collapse in kappa, phase diagram, t1, learning curves,
    // coordinate check, five 2D frames
    assertEquals(18, pngs);
    assertEquals(pngs, count(html, "<img "));
    assertEquals(Fixtures.ALPHAS_2D.length, count(html, "class=\"slide\""));
    assertTrue(html.contains("red = positive"));
    assertTrue(html.contains("gear ratio"));
    assertTrue(html.contains("id=\"alpha-slider\""));
    assertTrue(html.contains("0123456789abcdef"), "provenance commit printed");
    assertFalse(html.contains("teacher directions not drawn"), "teacher.w is present in this fixture");
  }

  @Test
  void plotsAreNonTrivialPngsOfTheExpectedSizeWithSvgSiblings() throws Exception {
    List<Path> pngs;
    try (Stream<Path> s = Files.list(dir.resolve("plots"))) {
      pngs = s.filter(p -> p.toString().endsWith(".png")).sorted().toList();
    }
    assertFalse(pngs.isEmpty());
    for (Path p : pngs) {
      BufferedImage img = ImageIO.read(p.toFile());
      assertNotNull(img, p.toString());
      String name = p.getFileName().toString();
      boolean single = name.startsWith("check-") || name.startsWith("phase");
      // a collapse check: before, fitted and derived panels of 520 pixels each
      assertEquals(name.startsWith("collapse-fit-") ? 1560 : single ? 900 : 1500, img.getWidth(), name);
      assertEquals(580, img.getHeight(), name);
      Set<Integer> colours = new HashSet<>();
      int nonWhite = 0;
      for (int y = 0; y < img.getHeight(); y += 2) {
        for (int x = 0; x < img.getWidth(); x += 2) {
          int rgb = img.getRGB(x, y) & 0xffffff;
          colours.add(rgb);
          if (rgb != 0xffffff) nonWhite++;
        }
      }
      assertTrue(colours.size() > 40, name + " has only " + colours.size() + " colours");
      assertTrue(nonWhite > img.getWidth() * img.getHeight() / 4 / 50, name + " is nearly blank");
      Path svg = p.resolveSibling(name.replace(".png", ".svg"));
      var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
      assertEquals("svg", doc.getDocumentElement().getTagName());
    }
  }

  @Test
  void everyOutputIsOneFileAndReportJsonIsInstalledLast() {
    assertEquals(List.of("plots", "runs.csv", "summary.md", "index.html", "junit.xml", "summary.tex", "report.json"),
        ReportWriter.REPORT_FILES);
  }

  @Test
  void absentDataSkipsPlotsWithASentence() throws IOException {
    VerifyOutcome full = Fixtures.outcome(3, false);
    VerifyOutcome bare = new VerifyOutcome(full.checks(), List.of(), null);
    Path d = fresh("bare");
    ReportWriter.write(bare, d);
    String html = Files.readString(d.resolve("index.html"));
    assertTrue(html.contains("Plots not drawn"));
    for (String s : List.of("collapse plot:", "phase diagram:", "t1 against kappa:", "learning curves:",
        "2D teacher-student module:")) {
      assertTrue(html.contains(s), s);
    }
    // the coordinate check draws the points the results fitted, so it needs no runs; without a per-layer
    // result it is not drawn, with a sentence
    assertTrue(Files.exists(d.resolve("plots/coordinate-check.png")));
    Path noLayer = fresh("bare-no-layer");
    ReportWriter.write(new VerifyOutcome(full.checks().subList(0, 2), List.of(), null), noLayer);
    assertTrue(Files.readString(noLayer.resolve("summary.md")).contains("- coordinate check: no check measures"));
    assertTrue(html.contains("provenance</th><td><code>not recorded"));
    assertFalse(Files.exists(d.resolve("results.jsonl")), "no runs, no results file");
    Path t = fresh("no-teacher");
    ReportWriter.write(full, t);
    assertTrue(Files.readString(t.resolve("summary.md")).contains("teacher directions not drawn"));
  }

  @Test
  void severalSeriesOfOneCheckGetTheirOwnPlotsAndLabels() throws IOException {
    VerifyOutcome small = Fixtures.small(4);
    CheckResult c = small.checks().get(0);
    List<CheckResult> two = new ArrayList<>();
    for (String depth : List.of("2", "4")) {
      two.add(new CheckResult(c.id(), c.law(), c.vary(), c.measure(), c.norm(), c.predicted(), c.fitted(),
          c.ciLow(), c.ciHigh(), c.stdErr(), c.r2(), c.tolerance(), c.expect(), c.verdict(), c.reason(), c.points(),
          c.localSlopes(), c.runs(), c.excluded(), c.competing(), c.negativeControl(),
          Map.of("depth", depth, "data", "linear")));
    }
    Path d = fresh("series");
    ReportWriter.write(new VerifyOutcome(two, small.runs(), null), d);
    assertTrue(Files.exists(d.resolve("plots/check-" + c.id() + ".png")));
    assertTrue(Files.exists(d.resolve("plots/check-" + c.id() + "-2.png")));
    String md = Files.readString(d.resolve("summary.md"));
    assertTrue(md.contains("| " + c.id() + " (depth = 2) |") && md.contains("| " + c.id() + " (depth = 4) |"), md);
    String html = Files.readString(d.resolve("index.html"));
    assertTrue(html.contains("href=\"#check-" + c.id() + "-2\""));
    assertTrue(html.contains("<figure id=\"check-" + c.id() + "-2\">"));
  }

  @Test
  void existingResultsFileIsKept() throws IOException {
    Path d = fresh("keep-results");
    Files.createDirectories(d);
    String stored = Files.readString(dir.resolve("results.jsonl")).lines().limit(3)
        .reduce("", (a, b) -> a + b + "\n");
    Files.writeString(d.resolve("results.jsonl"), stored);
    ReportWriter.write(outcome, d);
    assertEquals(stored, Files.readString(d.resolve("results.jsonl")));
    assertTrue(Files.exists(d.resolve("index.html")));
  }

  @Test
  void aFailureMidwayKeepsThePreviousReport() throws IOException {
    for (String step : List.of("plots", "index.html", "install")) {
      Path d = fresh("atomic-" + step);
      VerifyOutcome first = Fixtures.small(2);
      ReportWriter.write(first, d);
      Map<String, byte[]> before = snapshot(d);
      List<CheckResult> changed = new ArrayList<>(first.checks());
      CheckResult c0 = changed.get(0);
      changed.set(0, new CheckResult(c0.id(), c0.law(), c0.vary(), c0.measure(), c0.norm(), c0.predicted(), 0.5,
          c0.ciLow(), c0.ciHigh(), c0.stdErr(), c0.r2(), c0.tolerance(), c0.expect(), Verdict.FAIL, "changed",
          c0.points(), c0.localSlopes(), c0.runs(), c0.excluded(), c0.competing(), c0.negativeControl(), c0.fixed()));
      VerifyOutcome next = new VerifyOutcome(changed, first.runs().subList(0, 10), first.provenance());
      RuntimeException boom = assertThrows(IllegalStateException.class, () -> ReportWriter.write(next, d, s -> {
        if (s.equals(step)) throw new IllegalStateException("injected at " + s);
      }));
      assertEquals("injected at " + step, boom.getMessage());
      Map<String, byte[]> after = snapshot(d);
      assertEquals(before.keySet(), after.keySet(), step);
      for (String k : before.keySet()) assertArrayEquals(before.get(k), after.get(k), step + ": " + k);
      try (Stream<Path> s = Files.list(d.getParent())) {
        assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("." + d.getFileName() + ".tmp-")),
            "temporary folder removed");
      }
      ReportWriter.write(next, d);
      assertNotEquals(new String(before.get("report.json"), StandardCharsets.UTF_8),
          Files.readString(d.resolve("report.json")));
      assertEquals(ReportReader.read(d).checks(), changed);
    }
  }

  static Map<String, byte[]> snapshot(Path d) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(d)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) m.put(d.relativize(p).toString(), Files.readAllBytes(p));
    }
    return m;
  }

  static int count(String s, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
    int k = 0;
    while (m.find()) k++;
    return k;
  }
}
