package scalecheck.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import scalecheck.check.RunRecord;
import scalecheck.check.Sha256;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunStatus;

/** Synthetic run records and results folders for the merge and sharding tests. */
final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  /** A run key as verify makes them: hex SHA-256 of a spec text. */
  static String key(String spec) {
    return Sha256.hex(spec);
  }

  /** Run {@code i} of check {@code check}, its numbers a function of (check, i) only. */
  static RunRecord record(String check, int i, double wallSeconds) {
    Random r = new Random(check.hashCode() * 31L + i);
    Map<String, Double> params = new LinkedHashMap<>();
    params.put("n", (double) (64 << (i % 4)));
    params.put("seed", (double) (i / 4));
    Map<String, Double> probes = new LinkedHashMap<>();
    probes.put("dW.hidden", r.nextDouble());
    probes.put("dz.mean", r.nextGaussian());
    Map<String, double[]> series = new LinkedHashMap<>();
    series.put("loss", new double[] {r.nextDouble(), r.nextDouble() / 2});
    return new RunRecord(check, key(check + "/" + i), params, null,
        new RunResult(RunStatus.OK, "", 100 + i, 1.5 * i, wallSeconds, probes, series));
  }

  static String line(RunRecord rec) {
    try {
      return JSON.writeValueAsString(rec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The records of a small two-check sweep. */
  static List<RunRecord> sweep(int perCheck) {
    List<RunRecord> all = new ArrayList<>();
    for (String c : List.of("dw_hidden", "dz")) {
      for (int i = 0; i < perCheck; i++) all.add(record(c, i, 0.25 + i));
    }
    return all;
  }

  static ShardManifest manifest(Shard s) {
    return ShardManifest.of(s, "0.1.0", 7, true, Map.of("checks/dw_hidden.yaml", key("a"), "checks/dz.yaml", key("b")));
  }

  /** A results folder holding {@code records} (one line each, in the order given) and its manifest. */
  static Path folder(Path dir, ShardManifest m, List<RunRecord> records) {
    m.write(dir);
    StringBuilder sb = new StringBuilder();
    for (RunRecord r : records) sb.append(line(r)).append('\n');
    write(dir.resolve(ResultsMerger.RESULTS), sb.toString());
    return dir;
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh empty folder under target/. */
  static Path tmp(String name) {
    try {
      Path base = Path.of("target", "test-tmp", "cluster");
      Files.createDirectories(base);
      return Files.createTempDirectory(base, name).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
