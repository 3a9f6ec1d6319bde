package scalecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scalecheck.check.VerifyOutcome;

/**
 * Opens the report page in headless Chromium (Debian's package, installed by .ci/install-chromium.sh
 * when missing) and checks that the table and every image render without console errors. Skipped, with
 * the reason, where Chromium cannot be installed.
 */
class HtmlRenderTest {
  static final Path ROOT = Path.of("target", "report-render").toAbsolutePath();
  static String chromium;
  static VerifyOutcome outcome;
  static Path page;

  @BeforeAll
  static void setUp() throws Exception {
    chromium = findOrInstall();
    outcome = Fixtures.outcome(11, true);
    ReportWriter.deleteQuietly(ROOT);
    ReportWriter.write(outcome, ROOT.resolve("report"));
    page = ROOT.resolve("report").resolve("index.html");
  }

  static String findOrInstall() throws Exception {
    String found = which();
    if (found != null) return found;
    Path script = Path.of(".ci", "install-chromium.sh");
    if (Files.isRegularFile(script)) {
      Path log = Files.createDirectories(Path.of("target")).resolve("install-chromium.log");
      Process p = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(15, TimeUnit.MINUTES)) p.destroyForcibly();
    }
    return which();
  }

  static String which() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        File f = new File(dir, name);
        if (f.canExecute()) return f.getAbsolutePath();
      }
    }
    return null;
  }

  record Result(int exit, String stdout, String stderr) {}

  static Result chromium(List<String> extra, Path profile) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--user-data-dir=" + profile,
        "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000"));
    cmd.addAll(extra);
    cmd.add(page.toUri().toString());
    Path out = ROOT.resolve("chromium-" + profile.getFileName() + ".out");
    Path err = ROOT.resolve("chromium-" + profile.getFileName() + ".err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 120 s");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void pageRendersTableAndImagesWithoutConsoleErrors() throws Exception {
    assumeTrue(chromium != null, "chromium is not installed and could not be installed "
        + "(.ci/install-chromium.sh needs root and the Debian archive); see target/install-chromium.log");
    Path profile = Files.createTempDirectory(ROOT, "profile-dom");
    Result dom = chromium(List.of("--dump-dom"), profile);
    assertEquals(0, dom.exit(), dom.stderr());
    String html = dom.stdout();
    Matcher m = Pattern.compile("data-images-loaded=\"(\\d+)\"").matcher(html);
    assertTrue(m.find(), "the page's load handler ran");
    int images = count(Files.readString(page), "<img ");
    assertEquals(18, images); // as in ReportWriterTest: 8 checks, 5 report-wide figures, 5 2D frames
    assertEquals(images, Integer.parseInt(m.group(1)), "every image decoded");
    assertEquals(outcome.checks().size(),
        count(html.substring(html.indexOf("id=\"verdicts\""), html.indexOf("</table>")), "<tr><td>"));
    assertTrue(html.contains("class=\"slides js\"") || html.contains("class=\"js\""), "slider script ran");
    assertEquals(1, count(html, "class=\"slide on\""), "exactly one 2D frame shown");
    assertTrue(html.contains("<output id=\"alpha-label\">alpha = 1 (rich)</output>"));
    List<String> errors = consoleErrors(dom.stderr());
    assertTrue(errors.isEmpty(), "console errors: " + errors);

    Path shot = Path.of("target", "report-screenshot.png").toAbsolutePath();
    Files.deleteIfExists(shot);
    Result s = chromium(List.of("--screenshot=" + shot, "--window-size=1400,2400"),
        Files.createTempDirectory(ROOT, "profile-shot"));
    assertEquals(0, s.exit(), s.stderr());
    BufferedImage img = ImageIO.read(shot.toFile());
    assertNotNull(img, "screenshot written");
    assertEquals(1400, img.getWidth());
    assertTrue(consoleErrors(s.stderr()).isEmpty(), "console errors: " + consoleErrors(s.stderr()));
  }

  /** Console messages (the page writes none) and uncaught script errors from Chromium's stderr log. */
  static List<String> consoleErrors(String stderr) {
    List<String> out = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      if (line.contains(":CONSOLE") || line.contains("Uncaught") || line.contains("net::ERR")) out.add(line);
    }
    return out;
  }

  @Test
  void aScriptErrorInThePageIsDetected() throws Exception {
    assumeTrue(chromium != null, "chromium is not installed and could not be installed");
    Path broken = ROOT.resolve("report").resolve("broken.html");
    Files.writeString(broken, Files.readString(page).replace("</body>",
        "<script>console.error('boom'); notDefined();</script></body>"));
    Path saved = page;
    page = broken;
    try {
      Result r = chromium(List.of("--dump-dom"), Files.createTempDirectory(ROOT, "profile-broken"));
      List<String> errors = consoleErrors(r.stderr());
      assertEquals(2, errors.size(), String.join("\n", errors));
      assertTrue(errors.get(1).contains("notDefined"));
    } finally {
      page = saved;
      Files.deleteIfExists(broken);
    }
  }

  static int count(String s, String needle) {
    Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
    int k = 0;
    while (m.find()) k++;
    return k;
  }
}
