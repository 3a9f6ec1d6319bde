package scalecheck.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scalecheck.check.ResultStore;
import scalecheck.check.RunRecord;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunStatus;

/**
 * A full disk and a read-only folder, for real: each test mounts a small tmpfs (as root; skipped with
 * the reason where mounting is refused), fills it, and unmounts it in a {@code finally}.
 *
 * <ul>
 *   <li>an append that runs out of space leaves no partial line, and verify exits 4 with {@code cannot
 *       write FILE: No space left on device}; once there is space the same command resumes;
 *   <li>a report that runs out of space keeps the previous report byte for byte;
 *   <li>a read-only folder is named, exit 4, and nothing in it changes.
 * </ul>
 *
 * <p>tmpfs allocates whole pages. To make the failing append cut a line in two (the case a repair is
 * for), the results file is padded with blank lines (which readers skip) so that the free part of its
 * last page is shorter than any line; after filling the disk, the next line is written 40 bytes deep
 * and then refused.
 */
class FullDiskTest {
  static final Path CHECK = OutputLockProcessTest.CHECK;
  static final Path ROOT = Path.of("target", "reliability-disk");
  static final String FULL = "No space left on device";
  static final int SLACK = 40;

  private static Path complete;
  private static Cli.Done first;

  /** One uninterrupted verify on the ordinary disk: each test starts from a copy of its folder. */
  @BeforeAll
  static void uninterrupted() throws IOException {
    try (Stream<Path> s = Files.exists(ROOT) ? Files.list(ROOT) : Stream.empty()) {
      for (Path p : s.toList()) Tmpfs.unmountQuietly(p);
    }
    VerifyProcessTest.deleteTree(ROOT);
    complete = ROOT.resolve("complete");
    first = Cli.run(ROOT.resolve("complete-logs"), verify(complete));
    assertTrue(first.exit() == 0 || first.exit() == 3, first.stderr());
  }

  /** A copy of the uninterrupted run's folder at {@code out}. */
  static void copyComplete(Path out) throws IOException {
    try (Stream<Path> s = Files.walk(complete)) {
      for (Path p : s.toList()) {
        Path to = out.resolve(complete.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
  }

  static List<String> verify(Path out) {
    return OutputLockProcessTest.verify(out);
  }

  @Test
  void anAppendOnAFullDiskCutsItsPartialLineExitsFourAndTheNextRunResumes() throws Exception {
    try (Tmpfs fs = Tmpfs.mount(ROOT.resolve("mnt-append"), "4m")) {
      Path out = fs.dir.resolve("out");
      copyComplete(out);
      Path results = out.resolve("results.jsonl");
      Map<String, JsonNode> all = Cli.runsByKey(results);

      List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
      String kept = lines.get(0) + "\n" + lines.get(1) + "\n";
      long block = Files.getFileStore(out).getBlockSize();
      int len = kept.getBytes(StandardCharsets.UTF_8).length;
      int pad = (int) Math.floorMod(block - SLACK - len, block);
      Files.writeString(results, kept + "\n".repeat(pad), StandardCharsets.UTF_8);
      byte[] before = Files.readAllBytes(results);
      assertEquals(block - SLACK, before.length % block);
      Map<String, byte[]> report = snapshot(out);
      fill(fs.dir.resolve("filler"));

      Cli.Done full = Cli.run(ROOT.resolve("append-logs-2"), verify(out));
      assertEquals(4, full.exit(), full.stderr());
      assertTrue(full.stderr().contains("cannot write " + results + ": " + FULL), full.stderr());
      assertArrayEquals(before, Files.readAllBytes(results), "the part of the line written is cut off again");
      assertSame(report, snapshot(out), "the report and the results are untouched");

      Files.delete(fs.dir.resolve("filler"));
      Cli.Done again = Cli.run(ROOT.resolve("append-logs-3"), verify(out));
      assertEquals(first.exit(), again.exit(), again.stderr());
      assertEquals(all, Cli.runsByKey(results), "resumed: every run once, as in the first run");
      assertNoTemporaryFiles(fs.dir);
    }
  }

  /** The same, one level down: the store itself leaves the file as it was before the failed append. */
  @Test
  void theStoreCutsOffTheBytesOfALineTheDiskRefused() throws Exception {
    try (Tmpfs fs = Tmpfs.mount(ROOT.resolve("mnt-store"), "1m")) {
      Path results = fs.dir.resolve("results.jsonl");
      long block = Files.getFileStore(fs.dir).getBlockSize();
      Files.writeString(results, "\n".repeat((int) block - SLACK), StandardCharsets.UTF_8);
      fill(fs.dir.resolve("filler"));
      byte[] before = Files.readAllBytes(results);
      try (ResultStore store = ResultStore.open(results)) {
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.append(record("k1")));
        assertEquals("cannot write " + results + ": " + FULL, e.getMessage());
        assertThrows(UncheckedIOException.class, () -> store.append(record("k2")), "no append after a failed one");
      }
      assertArrayEquals(before, Files.readAllBytes(results));
      Files.delete(fs.dir.resolve("filler"));
      try (ResultStore store = ResultStore.open(results)) {
        assertEquals(0, store.dropped());
        store.append(record("k1"));
      }
      try (ResultStore store = ResultStore.open(results)) {
        assertEquals(List.of("k1"), store.all().stream().map(RunRecord::key).toList());
      }
    }
  }

  @Test
  void aReportOnAFullDiskKeepsThePreviousReportAndNamesTheFile() throws Exception {
    try (Tmpfs fs = Tmpfs.mount(ROOT.resolve("mnt-report"), "4m")) {
      Path out = fs.dir.resolve("out");
      copyComplete(out);
      Map<String, byte[]> report = snapshot(out);
      byte[] results = Files.readAllBytes(out.resolve("results.jsonl"));
      fill(fs.dir.resolve("filler"));
      Pattern named = Pattern.compile("cannot write " + Pattern.quote(out.toString()) + "/\\S+: " + FULL);

      Cli.Done rebuilt = Cli.run(ROOT.resolve("report-logs-2"), List.of("report", out.toString()));
      assertEquals(4, rebuilt.exit(), rebuilt.stderr());
      assertTrue(named.matcher(rebuilt.stderr()).find(), rebuilt.stderr());
      assertSame(report, snapshot(out), "report: the previous report is intact");
      assertNoTemporaryFiles(fs.dir);

      Cli.Done verified = Cli.run(ROOT.resolve("report-logs-3"), verify(out)); // every run done: fits and reports
      assertEquals(4, verified.exit(), verified.stderr());
      assertTrue(named.matcher(verified.stderr()).find(), verified.stderr());
      assertSame(report, snapshot(out), "verify: the previous report is intact");
      assertArrayEquals(results, Files.readAllBytes(out.resolve("results.jsonl")));
      assertNoTemporaryFiles(fs.dir);

      Files.delete(fs.dir.resolve("filler"));
      Cli.Done again = Cli.run(ROOT.resolve("report-logs-4"), verify(out));
      assertEquals(first.exit(), again.exit(), again.stderr());
      assertNoTemporaryFiles(fs.dir);
    }
  }

  @Test
  void aReadOnlyFolderIsNamedWithExitFourAndTheNextRunResumes() throws Exception {
    try (Tmpfs fs = Tmpfs.mount(ROOT.resolve("mnt-ro"), "4m")) {
      Path out = fs.dir.resolve("out");
      copyComplete(out);
      Path results = out.resolve("results.jsonl");
      Map<String, JsonNode> all = Cli.runsByKey(results);
      List<String> lines = Files.readAllLines(results, StandardCharsets.UTF_8);
      Files.writeString(results, lines.get(0) + "\n", StandardCharsets.UTF_8);
      Map<String, byte[]> before = snapshot(out);

      fs.remount("ro");
      Cli.Done ro = Cli.run(ROOT.resolve("ro-logs-2"), verify(out));
      assertEquals(4, ro.exit(), ro.stderr());
      assertTrue(Pattern.compile("cannot write " + Pattern.quote(out.toString()) + "\\S*: Read-only file system")
          .matcher(ro.stderr()).find(), ro.stderr());
      fs.remount("rw");
      assertSame(before, snapshot(out), "nothing changed");

      Cli.Done again = Cli.run(ROOT.resolve("ro-logs-3"), verify(out));
      assertEquals(first.exit(), again.exit(), again.stderr());
      assertEquals(all, Cli.runsByKey(results));
    }
  }

  private static RunRecord record(String key) {
    return new RunRecord("c", key, Map.of("n", 16.0, "seed", 0.0), null, new RunResult(RunStatus.OK, null, 10, 1.0, 0.5,
        Map.of("dz.mean", 0.25), Map.of()));
  }

  /** Writes zeros until the file system refuses more. */
  static void fill(Path filler) throws IOException {
    byte[] chunk = new byte[1 << 16];
    try (OutputStream o = Files.newOutputStream(filler)) {
      while (true) o.write(chunk);
    } catch (IOException e) {
      assertTrue(String.valueOf(e.getMessage()).contains(FULL), "filling stopped for another reason: " + e);
    }
    assertEquals(0, Files.getFileStore(filler).getUsableSpace(), "the disk is full");
  }

  /** Every regular file under {@code dir} with its bytes, by relative path. */
  static Map<String, byte[]> snapshot(Path dir) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        String name = dir.relativize(p).toString();
        if (!name.equals("scalecheck.lock")) m.put(name, Files.readAllBytes(p));
      }
    }
    return m;
  }

  static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual, String what) {
    assertEquals(expected.keySet(), actual.keySet(), what);
    for (String k : expected.keySet()) assertArrayEquals(expected.get(k), actual.get(k), what + ": " + k);
  }

  /** No hidden temporary file or folder anywhere under {@code dir}. */
  static void assertNoTemporaryFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      List<String> temp = s.map(p -> dir.relativize(p).toString())
          .filter(n -> n.startsWith(".") || n.contains("/.") || n.endsWith(".tmp")).toList();
      assertEquals(List.of(), temp, "temporary files left in " + dir);
    }
  }

  /** A tmpfs mounted for one test; unmounted on close. */
  static final class Tmpfs implements AutoCloseable {
    final Path dir;

    private Tmpfs(Path dir) {
      this.dir = dir;
    }

    static Tmpfs mount(Path dir, String size) throws IOException, InterruptedException {
      Files.createDirectories(dir);
      unmountQuietly(dir);
      List<String> r;
      try {
        r = sh("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", dir.toString());
      } catch (IOException e) {
        r = List.of("-1", "no mount command: " + e.getMessage());
      }
      Assumptions.assumeTrue(r.get(0).equals("0"), "cannot mount a tmpfs for the full-disk tests (they need "
          + "root, or a container allowed to mount): " + r.get(1));
      return new Tmpfs(dir.toAbsolutePath());
    }

    void remount(String mode) throws IOException, InterruptedException {
      List<String> r = sh("mount", "-o", "remount," + mode, dir.toString());
      assertEquals("0", r.get(0), "remount " + mode + ": " + r.get(1));
    }

    @Override
    public void close() throws IOException, InterruptedException {
      List<String> r = sh("umount", dir.toString());
      if (!r.get(0).equals("0")) {
        List<String> lazy = sh("umount", "-l", dir.toString());
        assertEquals("0", lazy.get(0), "cannot unmount " + dir + ": " + r.get(1) + " / " + lazy.get(1));
      }
    }

    static void unmountQuietly(Path dir) {
      try {
        sh("umount", dir.toString());
      } catch (IOException | InterruptedException | RuntimeException ignored) {
        // not mounted
      }
    }

    /** Runs a command; returns its exit code and its output. */
    static List<String> sh(String... cmd) throws IOException, InterruptedException {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return List.of("-1", "timed out");
      }
      return new ArrayList<>(List.of(Integer.toString(p.exitValue()), text));
    }
  }
}
