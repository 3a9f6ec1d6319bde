package scalecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@code scalecheck fit} and {@code verify} of measurements files through the command line, with the
 * shipped theory files: the verdict, the exit code, the report folder, and that bad input writes nothing.
 */
class FitCommandTest {
  private static final Path DIR = Path.of("target", "check-tests", "fit-command");

  record Done(int code, String out, String err) {}

  static Done run(String... args) {
    CliRun r = CliRun.of(args);
    return new Done(r.code(), r.out(), r.err());
  }

  /** dz = 0.3 / (alpha sqrt n) times 5% noise, 4 seeds, n = 64..512, alpha = 8. */
  static String lazyDz() {
    SplittableRandom r = new SplittableRandom(7);
    StringBuilder b = new StringBuilder("n,alpha,seed,dz,steps\n");
    for (int n : new int[] {64, 128, 256, 512}) {
      for (int s = 0; s < 4; s++) {
        double v = 0.3 / (8 * Math.sqrt(n)) * (1 + 0.05 * r.nextGaussian());
        b.append(String.format(Locale.ROOT, "%d,8,%d,%s,%d%n", n, s, Double.toString(v), 100 + s));
      }
    }
    return b.toString();
  }

  private static Path folder(String name) throws IOException {
    return Files.createDirectories(DIR.resolve(name + "-" + System.nanoTime()));
  }

  @Test
  void fitJudgesAFileAndWritesTheReport() throws IOException {
    Path d = folder("pass");
    Files.writeString(d.resolve("dz.csv"), lazyDz());
    // an exact power law with noise: no finite-width correction to fit
    Done r = run("fit", d.resolve("dz.csv").toString(), "--law", "geiger/dz", "--vary", "n", "--measure", "dz",
        "--correction", "none", "--out", d.resolve("out").toString(), "--theory", "theory",
        "--junit", d.resolve("ci/junit.xml").toString());
    assertEquals(0, r.code(), r.err() + r.out());
    JsonNode c = new ObjectMapper().readTree(d.resolve("out/report.json").toFile()).get("checks").get(0);
    assertEquals("dz", c.get("id").asText());
    assertEquals("-1/2", c.get("predicted").asText());
    assertEquals("PASS", c.get("verdict").asText());
    assertEquals(16, c.get("runs").asInt());
    assertEquals("8", c.get("fixed").get("alpha").asText());
    assertTrue(Files.readString(d.resolve("out/report.json")).contains("--correction none"), "in the command line");
    for (String f : List.of("summary.md", "index.html", "junit.xml", "summary.tex", "plots")) {
      assertTrue(Files.exists(d.resolve("out").resolve(f)), f);
    }
    assertTrue(Files.readString(d.resolve("ci/junit.xml")).contains("<testcase name=\"dz\""));
  }

  @Test
  void aWrongLawOnTheSameFileFailsAndAsANegativeControlPasses() throws IOException {
    Path d = folder("control");
    Files.writeString(d.resolve("dz.csv"), lazyDz());
    Done wrong = run("fit", d.resolve("dz.csv").toString(), "--law", "controls/dz_inverse_n", "--vary", "n",
        "--measure", "dz", "--out", d.resolve("out1").toString(), "--theory", "theory");
    assertEquals(1, wrong.code(), wrong.err() + wrong.out());
    assertTrue(wrong.out().startsWith("FAIL"), wrong.out());
    Done control = run("fit", d.resolve("dz.csv").toString(), "--law", "controls/dz_inverse_n", "--vary", "n",
        "--measure", "dz", "--must-fail", "--out", d.resolve("out2").toString(), "--theory", "theory");
    assertEquals(0, control.code(), control.err() + control.out());
    assertTrue(control.out().contains("(negative control)"), control.out());
  }

  @Test
  void badInputExitsTwoAndWritesNothing() throws IOException {
    Path d = folder("bad");
    Files.writeString(d.resolve("dz.csv"), lazyDz().replace("128,8,2,", "128,8,2,-"));
    Path out = d.resolve("out");
    Done r = run("fit", d.resolve("dz.csv").toString(), "--law", "geiger/dz", "--vary", "n", "--measure", "dz",
        "--out", out.toString(), "--theory", "theory");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith(d.resolve("dz.csv") + ":8: dz: -"), r.err());
    assertTrue(r.err().contains(" is not positive: the fit takes the log of dz"), r.err());
    assertFalse(Files.exists(out), "nothing written");

    Done misspelt = run("fit", d.resolve("dz.csv").toString(), "--law", "geiger/dz", "--vary", "n", "--measure",
        "dZ", "--out", out.toString(), "--theory", "theory");
    assertEquals(2, misspelt.code());
    assertEquals(d.resolve("dz.csv") + ":1: dZ: no such column (columns: n, alpha, seed, dz, steps); did you mean dz?",
        misspelt.err().strip());
    Done noLaw = run("fit", d.resolve("dz.csv").toString(), "--law", "geiger/nope", "--vary", "n", "--measure", "dz",
        "--out", out.toString(), "--theory", "theory");
    assertEquals(2, noLaw.code());
    assertTrue(noLaw.err().startsWith("scalecheck fit: --law: unknown law 'geiger/nope'"), noLaw.err());
    Done noFile = run("fit", d.resolve("nope.csv").toString(), "--law", "geiger/dz", "--vary", "n", "--measure", "dz",
        "--out", out.toString(), "--theory", "theory");
    assertEquals(2, noFile.code());
    assertEquals("scalecheck fit: FILE: no such file: " + d.resolve("nope.csv"), noFile.err().strip());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void verifyOfABadMeasurementsCheckExitsTwoAndWritesNothing() throws IOException {
    Path d = folder("verify-bad");
    Files.writeString(d.resolve("dz.csv"), lazyDz().replace("n,alpha,seed", "n,alpha,sed"));
    Files.writeString(d.resolve("c.yaml"), "id: dz\nlaw: geiger/dz\nvary: n\nmeasurements: dz.csv\nmeasure: dz\n"
        + "tolerance: 0.1\n");
    Path out = d.resolve("out");
    Done r = run("verify", d.resolve("c.yaml").toString(), "--out", out.toString(), "--theory", "theory");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith(d.resolve("dz.csv") + ":1: seed: no such column (columns: n, alpha, sed, dz, steps);"
        + " did you mean sed?"), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void aFittedOmegaNeedsFiveWidthsAndABadCorrectionIsRefused() throws IOException {
    Path d = folder("correction");
    Files.writeString(d.resolve("dz.csv"), lazyDz());
    Done corrected = run("fit", d.resolve("dz.csv").toString(), "--law", "geiger/dz", "--vary", "n", "--measure", "dz",
        "--correction", "fit", "--out", d.resolve("out").toString(), "--theory", "theory");
    assertEquals(3, corrected.code(), corrected.err() + corrected.out());
    assertTrue(corrected.out().startsWith("INCONCLUSIVE"), corrected.out());
    Path out = d.resolve("out-bad");
    Done bad = run("fit", d.resolve("dz.csv").toString(), "--law", "geiger/dz", "--vary", "n", "--measure", "dz",
        "--correction", "often", "--out", out.toString(), "--theory", "theory");
    assertEquals(2, bad.code(), bad.err());
    assertTrue(bad.err().startsWith("scalecheck fit: --correction: "), bad.err());
    assertTrue(bad.err().contains("'often'"), bad.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void helpListsTheOptions() {
    Done r = run("fit", "--help");
    assertEquals(0, r.code());
    for (String o : List.of("--law", "--vary", "--measure", "--tolerance", "--correction", "--out", "Exit codes")) {
      assertTrue(r.out().contains(o), o + " in " + r.out());
    }
  }
}
