package scalecheck.cluster;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import scalecheck.check.Sha256;
import scalecheck.spec.SpecException;

/**
 * What produced a results folder: written as {@code shard.json} beside {@code results.jsonl} by every
 * {@code verify} run (sharded or not) and by {@code merge}. Folders may be merged, or a run resumed into
 * a folder, only when the inputs and the settings that change results agree: the SHA-256 of every
 * check and theory file, the scalecheck version, the seed and the {@code --fast} flag. Thread counts
 * are not recorded: they do not change results.
 *
 * @param format manifest format, {@value #FORMAT}
 * @param scalecheck scalecheck version that wrote the folder
 * @param shard the slice this folder holds, {@code I/N} ({@code 1/1} for a whole sweep or a merge)
 * @param seed the base seed ({@code --seed})
 * @param fast whether the {@code fast} sweeps were run
 * @param files input file name to lower-case hex SHA-256 of its bytes
 * @param mergedFrom for a merged folder, the folders it was merged from; empty otherwise
 */
public record ShardManifest(
    int format,
    String scalecheck,
    String shard,
    long seed,
    boolean fast,
    Map<String, String> files,
    List<String> mergedFrom) {

  /** Current manifest format. */
  public static final int FORMAT = 1;

  /** File name of the manifest inside a results folder. */
  public static final String FILE_NAME = "shard.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public ShardManifest {
    if (scalecheck == null || scalecheck.isBlank()) throw new IllegalArgumentException("scalecheck version is empty");
    Shard.parse(shard);
    files = Map.copyOf(new TreeMap<>(files == null ? Map.of() : files));
    mergedFrom = List.copyOf(mergedFrom == null ? List.of() : mergedFrom);
  }

  /** The manifest of a verify run over {@code files} (name to SHA-256, see {@link #hashFiles}). */
  public static ShardManifest of(Shard shard, String version, long seed, boolean fast, Map<String, String> files) {
    return new ShardManifest(FORMAT, version, shard.toString(), seed, fast, files, List.of());
  }

  /** This manifest for another shard (e.g. the merged folder, {@link Shard#ALL}). */
  public ShardManifest withShard(Shard s) {
    return new ShardManifest(format, scalecheck, s.toString(), seed, fast, files, mergedFrom);
  }

  /** This manifest marked as merged from {@code folders}. */
  public ShardManifest withMergedFrom(List<String> folders) {
    return new ShardManifest(format, scalecheck, shard, seed, fast, files, folders);
  }

  /** The shard as a value. */
  public Shard shardValue() {
    return Shard.parse(shard);
  }

  /**
   * SHA-256 of each file's bytes, keyed by the path as given (normalised). The keys are only for
   * messages: folders are compared by the hashes.
   */
  public static Map<String, String> hashFiles(List<Path> paths) {
    Map<String, String> out = new TreeMap<>();
    for (Path p : paths) {
      try {
        out.put(p.normalize().toString(), Sha256.ofFile(p));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p, e);
      }
    }
    return out;
  }

  /**
   * The settings in which {@code other} differs from this manifest, in words (empty when results from
   * the two can be combined). The shard and merge history are not compared.
   */
  public List<String> differences(ShardManifest other) {
    List<String> d = new ArrayList<>();
    if (format != other.format) d.add("manifest format " + format + " vs " + other.format);
    if (!scalecheck.equals(other.scalecheck)) d.add("scalecheck version " + scalecheck + " vs " + other.scalecheck);
    if (seed != other.seed) d.add("--seed " + seed + " vs " + other.seed);
    if (fast != other.fast) d.add("--fast " + fast + " vs " + other.fast);
    Map<String, String> byHashA = invert(files);
    Map<String, String> byHashB = invert(other.files);
    for (Map.Entry<String, String> e : byHashA.entrySet()) {
      if (!byHashB.containsKey(e.getKey())) d.add("check file " + e.getValue() + " (sha256 " + e.getKey().substring(0, 12) + ") only on one side");
    }
    for (Map.Entry<String, String> e : byHashB.entrySet()) {
      if (!byHashA.containsKey(e.getKey())) d.add("check file " + e.getValue() + " (sha256 " + e.getKey().substring(0, 12) + ") only on the other side");
    }
    return d;
  }

  private static Map<String, String> invert(Map<String, String> files) {
    Map<String, String> m = new TreeMap<>();
    files.forEach((name, hash) -> m.merge(hash, name, (a, b) -> a + ", " + b));
    return m;
  }

  /** Path of the manifest in {@code dir}. */
  public static Path file(Path dir) {
    return dir.resolve(FILE_NAME);
  }

  /** Writes {@code dir/shard.json} atomically (temporary file, then move). */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      AtomicFiles.write(file(dir), JSON.writeValueAsBytes(this));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file(dir), e);
    }
  }

  /**
   * Reads {@code dir/shard.json}, or empty when there is none.
   *
   * @throws SpecException when the file exists but is not a manifest
   */
  public static Optional<ShardManifest> read(Path dir) {
    Path f = file(dir);
    if (!Files.isRegularFile(f)) return Optional.empty();
    try {
      return Optional.of(JSON.readValue(f.toFile(), ShardManifest.class));
    } catch (IOException | IllegalArgumentException e) {
      throw new SpecException(f, 0, null, "not a scalecheck shard manifest: " + firstLine(e.getMessage()));
    }
  }

  /**
   * Checks that a run described by {@code current} may resume into {@code dir}: when the folder already
   * has a manifest, the settings and the shard must be the same; otherwise the finished runs there
   * would mix with runs of another sweep.
   *
   * @throws SpecException naming the folder and every difference
   */
  public static void checkResume(Path dir, ShardManifest current) {
    Optional<ShardManifest> old = read(dir);
    if (old.isEmpty()) return;
    List<String> d = old.get().differences(current);
    if (!old.get().shard.equals(current.shard)) {
      d.add(0, "shard " + old.get().shard + " vs " + current.shard);
    }
    if (!d.isEmpty()) {
      throw new SpecException(file(dir), 0, null,
          "this folder holds results of another sweep (" + String.join("; ", d)
              + "); use a fresh --out folder or the same settings");
    }
  }

  static String firstLine(String s) {
    if (s == null) return "";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
