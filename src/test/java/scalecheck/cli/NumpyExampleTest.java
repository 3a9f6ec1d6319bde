package scalecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The example of an outside producer: {@code examples/ntk_dz.py} (numpy) trains one-hidden-layer NTK
 * nets of its own and writes dz per width and seed; scalecheck judges the file against geiger/dz. The
 * verdict must equal the verdict on the engine's own simulation of the same setting
 * ({@code examples/dz_engine.yaml}), the two fitted exponents must agree within their intervals (the
 * intervals overlap), and the negative control (a wrong law on the same file) must still FAIL. The
 * shipped design (widths 64 to 2048, 10 seeds) is what the finite-width-corrected fit needs to decide.
 * Needs a python3 with numpy: installed by {@code .ci/install-python-numpy.sh} when missing (as root),
 * else the test is skipped with the reason.
 */
class NumpyExampleTest {
  private static final Path DIR = Path.of("target", "check-tests", "numpy-example");

  private static boolean hasNumpy(String python) {
    try {
      Process p = new ProcessBuilder(python, "-c", "import numpy").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String python() {
    for (String p : List.of("python3", "/usr/bin/python3")) if (hasNumpy(p)) return p;
    return null;
  }

  /** A python3 with numpy, installing Debian's python3-numpy when none is found; null with the reason. */
  private static String pythonOrInstall(StringBuilder why) throws Exception {
    String p = python();
    if (p != null) return p;
    Path log = Files.createDirectories(DIR).resolve("install-python-numpy.log");
    Process install = new ProcessBuilder("bash", ".ci/install-python-numpy.sh").redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!install.waitFor(600, TimeUnit.SECONDS)) {
      install.destroyForcibly();
      why.append("installing python3-numpy took longer than 10 minutes");
      return null;
    }
    p = python();
    if (p == null) why.append("no python3 with numpy, and it could not be installed: ")
        .append(Files.readString(log).strip());
    return p;
  }

  @Test
  void verdictOnTheScriptsMeasurementsEqualsTheEnginesAndTheControlStillFails() throws Exception {
    StringBuilder why = new StringBuilder();
    String python = pythonOrInstall(why);
    assumeTrue(python != null, why::toString);

    Path d = Files.createDirectories(DIR.resolve("run-" + System.nanoTime()));
    Path ex = Files.createDirectories(d.resolve("examples"));
    for (String f : List.of("dz.yaml", "dz_control.yaml", "dz_engine.yaml")) {
      Files.copy(Path.of("examples", f), ex.resolve(f));
    }

    // the shipped design (the script's defaults and dz_engine.yaml's sweep): six widths, 10 seeds
    Path log = d.resolve("ntk_dz.log");
    Process p = new ProcessBuilder(python, "examples/ntk_dz.py", "--out",
        ex.resolve("results/dz.csv").toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "ntk_dz.py did not finish in 300 s");
    assertEquals(0, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));

    FitCommandTest.Done r = FitCommandTest.run("verify", ex.toString(), "--out", d.resolve("out").toString(),
        "--theory", "theory", "--threads", "1");
    Map<String, JsonNode> c = new HashMap<>();
    for (JsonNode n : new ObjectMapper().readTree(d.resolve("out/report.json").toFile()).get("checks")) {
      c.put(n.get("id").asText(), n);
    }
    JsonNode file = c.get("dz_numpy");
    JsonNode sim = c.get("dz_engine_1layer");
    JsonNode control = c.get("dz_numpy_control");
    assertEquals(60, file.get("runs").asInt(), file.toString());
    assertEquals(60, sim.get("runs").asInt(), sim.toString());
    assertEquals(0, file.get("excluded").asInt(), file.toString());
    assertEquals(sim.get("verdict").asText(), file.get("verdict").asText(),
        "script: " + file.get("reason").asText() + " | engine: " + sim.get("reason").asText());
    assertEquals("PASS", file.get("verdict").asText(), file.get("reason").asText());
    double gap = Math.abs(file.get("fitted").asDouble() - sim.get("fitted").asDouble());
    double halfWidths = (file.get("ciHigh").asDouble() - file.get("ciLow").asDouble()) / 2
        + (sim.get("ciHigh").asDouble() - sim.get("ciLow").asDouble()) / 2;
    assertTrue(gap <= halfWidths, "fitted exponents " + file.get("fitted") + " (script) and " + sim.get("fitted")
        + " (engine) differ by " + gap + ", more than their intervals' half-widths together " + halfWidths);
    assertEquals("FAIL", control.get("verdict").asText(), control.get("reason").asText());
    assertEquals(0, r.code(), r.err() + r.out());
  }
}
