package scalecheck.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import scalecheck.check.ResultsFile;
import scalecheck.spec.SpecException;

/**
 * Combines the results folders of a sharded sweep into one.
 *
 * <p>Each input folder holds {@code shard.json} ({@link ShardManifest}) and {@code results.jsonl} (one
 * run record per line, each with a {@code check} and a {@code key}). The merge
 *
 * <ul>
 *   <li>rejects folders whose check files or settings differ (seed, {@code --fast}, version), naming
 *       both folders and every difference;
 *   <li>rejects an incomplete set of shards (some {@code I/N} missing) unless partial merges are
 *       allowed, since verifying an incomplete merge would run the missing runs on the merge machine;
 *   <li>keeps one copy of a run found more than once with the same content, and rejects a run found
 *       with different content (same key, a field other than {@code wallSeconds} differs), naming the
 *       file and line of both copies;
 *   <li>skips an incomplete last line (a task killed while writing, see {@link ResultsFile}) and reports
 *       it; an unreadable line elsewhere is an error naming its file and line;
 *   <li>writes the lines, byte for byte as read, sorted by check id and then run key, to
 *       {@code OUT/results.jsonl} atomically (temporary file, then move), and the merged manifest to
 *       {@code OUT/shard.json} (shard {@code 1/1}).
 * </ul>
 *
 * Sorting makes the merged file independent of the number of shards and of the order runs finished
 * in: the file of a single-machine run sorted the same way has the same lines, up to the measured
 * {@code wallSeconds} of each run.
 */
public final class ResultsMerger {
  /** File name of the run records inside a results folder. */
  public static final String RESULTS = ResultsFile.NAME;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Field that may differ between two copies of the same run (it is measured, not computed). */
  static final String WALL = "wallSeconds";

  private ResultsMerger() {}

  /**
   * What a merge did.
   *
   * @param output the merged results file
   * @param runs number of distinct runs written
   * @param duplicates copies of a run dropped because an identical one was kept
   * @param dropped incomplete last lines dropped, as {@code file:line}
   * @param shards the shards merged, {@code I/N} in input order
   * @param missing shards of the sweep not among the inputs ({@code I/N}); empty when complete
   * @param manifest the merged folder's manifest
   */
  public record Outcome(
      Path output,
      int runs,
      int duplicates,
      List<String> dropped,
      List<String> shards,
      List<String> missing,
      ShardManifest manifest) {}

  /**
   * Merges {@code folders} into {@code out}.
   *
   * @param allowPartial merge even when shards of the sweep are missing (they are listed in the outcome)
   * @throws SpecException on mismatched folders, conflicting runs, unreadable lines or missing shards
   */
  public static Outcome merge(List<Path> folders, Path out, boolean allowPartial) {
    if (folders.isEmpty()) throw new SpecException("merge", 0, null, "no results folders given");
    List<ShardManifest> manifests = new ArrayList<>();
    for (Path f : folders) {
      if (!Files.isDirectory(f)) {
        throw new SpecException(f, 0, null, "not a folder (expected a results folder with "
            + ShardManifest.FILE_NAME + " and " + RESULTS + ")");
      }
      manifests.add(ShardManifest.read(f).orElseThrow(() -> new SpecException(
          ShardManifest.file(f), 0, null, "missing: not a results folder of a scalecheck verify run")));
    }
    ShardManifest first = manifests.get(0);
    for (int i = 1; i < folders.size(); i++) {
      List<String> d = first.differences(manifests.get(i));
      if (!d.isEmpty()) {
        throw new SpecException(folders.get(i).toString(), 0, null,
            "results do not match " + folders.get(0) + ": " + String.join("; ", d)
                + " (merge only shards of one sweep: same check files, --seed, --fast and version)");
      }
    }

    List<String> shards = manifests.stream().map(ShardManifest::shard).toList();
    List<String> missing = missingShards(manifests);
    if (!missing.isEmpty() && !allowPartial) {
      throw new SpecException("merge", 0, null,
          "shards " + String.join(", ", missing) + " are missing (given: " + String.join(", ", shards)
              + "); run them, or merge with --allow-partial");
    }

    Map<String, Line> byKey = new HashMap<>();
    List<String> dropped = new ArrayList<>();
    int duplicates = 0;
    for (Path f : folders) {
      Path file = f.resolve(RESULTS);
      if (!Files.exists(file)) continue;
      for (Line l : readLines(file, dropped)) {
        Line old = byKey.get(l.key);
        if (old == null) {
          byKey.put(l.key, l);
        } else if (old.content.equals(l.content)) {
          duplicates++;
          if (l.text.compareTo(old.text) < 0) byKey.put(l.key, l);
        } else {
          throw new SpecException(l.where(), 0, null,
              "run " + l.key + " of check '" + l.check + "' conflicts with " + old.where()
                  + ": same run, different " + String.join(", ", differingFields(old.content, l.content))
                  + " (were these folders produced by different builds?)");
        }
      }
    }

    List<Line> sorted = new ArrayList<>(byKey.values());
    sorted.sort(Comparator.comparing((Line l) -> l.check).thenComparing(l -> l.key));
    StringBuilder sb = new StringBuilder();
    for (Line l : sorted) sb.append(l.text).append('\n');

    ShardManifest merged = first.withShard(Shard.ALL)
        .withMergedFrom(folders.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList());
    ShardManifest.read(out).ifPresent(old -> {
      List<String> d = old.differences(merged);
      if (!d.isEmpty() || !old.shard().equals(merged.shard())) {
        throw new SpecException(ShardManifest.file(out), 0, null,
            "--out already holds results of another sweep"
                + (d.isEmpty() ? " (shard " + old.shard() + ")" : " (" + String.join("; ", d) + ")")
                + "; choose an empty --out folder");
      }
    });
    Path output = out.resolve(RESULTS);
    try {
      Files.createDirectories(out);
      AtomicFiles.write(output, sb.toString().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
    merged.write(out);
    return new Outcome(output, sorted.size(), duplicates, List.copyOf(dropped), shards, missing, merged);
  }

  /** The shards {@code I/N} of the sweep that none of {@code manifests} holds. */
  static List<String> missingShards(List<ShardManifest> manifests) {
    TreeMap<Integer, TreeSet<Integer>> byCount = new TreeMap<>();
    for (ShardManifest m : manifests) {
      Shard s = m.shardValue();
      byCount.computeIfAbsent(s.count(), k -> new TreeSet<>()).add(s.index());
    }
    if (byCount.containsKey(1)) return List.of();
    // The sweep is complete when, for some N, shards 1..N are all present.
    List<String> best = null;
    for (Map.Entry<Integer, TreeSet<Integer>> e : byCount.entrySet()) {
      List<String> miss = new ArrayList<>();
      for (int i = 1; i <= e.getKey(); i++) if (!e.getValue().contains(i)) miss.add(i + "/" + e.getKey());
      if (best == null || miss.size() < best.size()) best = miss;
    }
    return best;
  }

  private record Line(String check, String key, String text, JsonNode content, Path file, int lineNo) {
    String where() {
      return file + ":" + lineNo;
    }
  }

  private static List<Line> readLines(Path file, List<String> dropped) {
    ResultsFile.Content read;
    try {
      read = ResultsFile.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    read.incomplete().ifPresent(dropped::add);
    List<Line> lines = new ArrayList<>();
    for (ResultsFile.Line l : read.lines()) {
      ObjectNode node = parseObject(l.text());
      if (node == null) {
        throw new SpecException(file, l.number(), null, "not a JSON run record (a corrupt or hand-edited line?)");
      }
      JsonNode check = node.get("check");
      JsonNode key = node.get("key");
      if (check == null || !check.isTextual() || key == null || !key.isTextual() || key.asText().isEmpty()) {
        throw new SpecException(file, l.number(), check == null || !check.isTextual() ? "check" : "key",
            "missing or not a string: every run record needs a check id and a run key");
      }
      if (l.record() == null) {
        throw new SpecException(file, l.number(), null,
            "not a run record (a corrupt or hand-edited line?): " + l.error());
      }
      ObjectNode content = node.deepCopy();
      content.remove(WALL);
      lines.add(new Line(check.asText(), key.asText(), l.text(), content, file, l.number()));
    }
    return lines;
  }

  private static ObjectNode parseObject(String text) {
    try {
      JsonNode n = JSON.readTree(text);
      return n instanceof ObjectNode o ? o : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static List<String> differingFields(JsonNode a, JsonNode b) {
    TreeSet<String> names = new TreeSet<>();
    for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) names.add(it.next());
    for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) names.add(it.next());
    List<String> d = new ArrayList<>();
    for (String name : names) {
      JsonNode x = a.get(name);
      JsonNode y = b.get(name);
      if (x == null || !x.equals(y)) d.add(name);
    }
    return d;
  }
}
