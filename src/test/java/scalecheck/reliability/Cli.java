package scalecheck.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code scalecheck.cli.Main} in a separate JVM, and reads what it writes. */
final class Cli {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long TIMEOUT_S = 120;

  private Cli() {}

  /** Outcome of a finished process. */
  record Done(int exit, String stdout, String stderr) {}

  /** Starts {@code java -cp <this JVM's class path> scalecheck.cli.Main args}; output goes to files in {@code logs}. */
  static Process start(Path logs, List<String> args) {
    return start(logs, List.of(), args);
  }

  /** As {@link #start(Path, List)}, with extra JVM options ({@code -Dname=value}) before the class name. */
  static Process start(Path logs, List<String> jvmOptions, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(Path.of("target", "classes") + java.io.File.pathSeparator + System.getProperty("java.class.path"));
    cmd.add("scalecheck.cli.Main");
    cmd.addAll(args);
    try {
      Files.createDirectories(logs);
      return new ProcessBuilder(cmd).redirectOutput(logs.resolve("stdout.txt").toFile())
          .redirectError(logs.resolve("stderr.txt").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs to completion (killed after {@link #TIMEOUT_S}). */
  static Done run(Path logs, List<String> args) {
    return run(logs, List.of(), args);
  }

  /** As {@link #run(Path, List)}, with extra JVM options. */
  static Done run(Path logs, List<String> jvmOptions, List<String> args) {
    return finish(start(logs, jvmOptions, args), logs, args);
  }

  /** Waits for a started process (killed after {@link #TIMEOUT_S}) and reads what it wrote. */
  static Done finish(Process p, Path logs, List<String> args) {
    try {
      if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("scalecheck " + args + " did not finish in " + TIMEOUT_S + " s");
      }
      return new Done(p.exitValue(), read(logs.resolve("stdout.txt")), read(logs.resolve("stderr.txt")));
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static String read(Path f) {
    try {
      return Files.exists(f) ? Files.readString(f, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Complete lines of a file (those ended by a newline). */
  static long completeLines(Path f) {
    try {
      if (!Files.exists(f)) return 0;
      byte[] b = Files.readAllBytes(f);
      long n = 0;
      for (byte x : b) if (x == '\n') n++;
      return n;
    } catch (IOException e) {
      return 0; // being replaced right now
    }
  }

  /**
   * The lines of a results.jsonl by run key, each without its {@code wallSeconds}; fails on a partial
   * line, a line that is not JSON, or a key seen twice.
   */
  static Map<String, JsonNode> runsByKey(Path results) throws IOException {
    String text = Files.readString(results, StandardCharsets.UTF_8);
    if (!text.isEmpty() && !text.endsWith("\n")) throw new AssertionError("partial last line in " + results);
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) continue;
      ObjectNode o = (ObjectNode) JSON.readTree(line);
      o.remove("wallSeconds");
      String key = o.get("key").asText();
      if (out.put(key, o) != null) throw new AssertionError("duplicate run " + key + " in " + results);
    }
    return out;
  }

  /** Per check id: verdict, fitted exponent and its interval, from report.json. */
  static Map<String, List<String>> verdicts(Path report) throws IOException {
    JsonNode r = JSON.readTree(report.toFile());
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (JsonNode c : r.get("checks")) {
      out.put(c.get("id").asText(), List.of(c.get("verdict").asText(), c.path("fitted").asText(),
          c.path("ciLow").asText(), c.path("ciHigh").asText(), c.path("runs").asText(), c.path("excluded").asText()));
    }
    return out;
  }
}
