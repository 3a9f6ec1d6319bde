package scalecheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One writer per output folder, with real {@code scalecheck} processes: a second {@code verify} on a
 * folder in use stops at once with exit 4 naming the holder; with {@code --wait} it queues, and two
 * queued verifies store every run exactly once; the lock file left by a SIGKILLed verify does not
 * block; where the file system refuses OS locks, the holder record decides (liveness of its process).
 *
 * <p>To be deterministic the holder is, where it matters, this test JVM itself: it takes the
 * operating-system lock on {@code DIR/scalecheck.lock} with {@link FileChannel#tryLock()} and writes
 * a holder record of its own, so the verify under test finds the folder in use however fast it starts.
 */
class OutputLockProcessTest {
  static final Path CHECK = Path.of("src", "test", "resources", "reliability", "tiny", "r_dz_tiny.yaml");
  static final Path ROOT = Path.of("target", "reliability-lock");
  static final int RUNS = 3 * 2;
  static final String HELD_BY = "scalecheck verify held-by-the-test";

  private static Map<String, JsonNode> baselineRuns;
  private static int baselineExit;

  static List<String> verify(Path out, String... extra) {
    List<String> a = new ArrayList<>(List.of("verify", CHECK.toString(), "--theory", "theory", "--out",
        out.toString(), "--seed", "3", "--threads", "1"));
    a.addAll(List.of(extra));
    return a;
  }

  @BeforeAll
  static void uninterrupted() throws IOException {
    VerifyProcessTest.deleteTree(ROOT);
    Path out = ROOT.resolve("baseline");
    Cli.Done d = Cli.run(ROOT.resolve("baseline-logs"), verify(out));
    assertTrue(d.exit() == 0 || d.exit() == 3, d.stderr());
    baselineExit = d.exit();
    baselineRuns = Cli.runsByKey(out.resolve("results.jsonl"));
    assertEquals(RUNS, baselineRuns.size());
  }

  /** The OS lock on DIR/scalecheck.lock, held by this JVM, with a holder record naming it. */
  static final class TestHolder implements AutoCloseable {
    final FileChannel ch;
    final FileLock lock;
    final String started = Instant.now().toString();

    TestHolder(Path dir) throws IOException {
      Files.createDirectories(dir);
      ch = FileChannel.open(dir.resolve("scalecheck.lock"), StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      lock = ch.tryLock();
      assertTrue(lock != null, "the test could not lock " + dir);
      ObjectNode rec = Cli.JSON.createObjectNode();
      rec.put("host", "test-host");
      rec.put("pid", ProcessHandle.current().pid());
      rec.put("started", started);
      rec.put("command", HELD_BY);
      ch.truncate(0);
      ch.write(ByteBuffer.wrap((rec + "\n").getBytes(StandardCharsets.UTF_8)), 0);
    }

    @Override
    public void close() throws IOException {
      ch.truncate(0); // a clean release, as scalecheck does it
      lock.release();
      ch.close();
    }
  }

  @Test
  void aSecondVerifyStopsAtOnceWithExitFourNamingTheHolder() throws Exception {
    Path out = ROOT.resolve("busy");
    Cli.Done d;
    try (TestHolder h = new TestHolder(out)) {
      d = Cli.run(ROOT.resolve("busy-logs"), verify(out));
      assertEquals(4, d.exit(), "a verify on a folder in use: " + d.stderr());
      String pid = Long.toString(ProcessHandle.current().pid());
      for (String part : List.of("pid " + pid, "test-host", h.started, HELD_BY, "--wait", out.toString())) {
        assertTrue(d.stderr().contains(part), "the message names " + part + ": " + d.stderr());
      }
    }
    assertFalse(Files.exists(out.resolve("results.jsonl")), "nothing run");
    assertFalse(Files.exists(out.resolve("shard.json")), "nothing written");
  }

  @Test
  void twoVerifiesWithWaitQueueBehindTheHolderAndStoreEveryRunOnce() throws Exception {
    Path out = ROOT.resolve("wait");
    Process a;
    Process b;
    Path logsA = ROOT.resolve("wait-logs-a");
    Path logsB = ROOT.resolve("wait-logs-b");
    try (TestHolder h = new TestHolder(out)) {
      a = Cli.start(logsA, verify(out, "--wait"));
      b = Cli.start(logsB, verify(out, "--wait"));
      waitFor(() -> waiting(logsA) && waiting(logsB) || !a.isAlive() || !b.isAlive(), "both verifies to queue");
      assertTrue(a.isAlive() && b.isAlive(), "both wait: " + Cli.read(logsA.resolve("stderr.txt"))
          + Cli.read(logsB.resolve("stderr.txt")));
      assertTrue(Cli.read(logsA.resolve("stderr.txt")).contains(HELD_BY));
      assertEquals(0, Cli.completeLines(out.resolve("results.jsonl")), "nothing runs while the folder is held");
    }
    Cli.Done da = Cli.finish(a, logsA, List.of("verify a"));
    Cli.Done db = Cli.finish(b, logsB, List.of("verify b"));
    assertEquals(baselineExit, da.exit(), da.stderr());
    assertEquals(baselineExit, db.exit(), db.stderr());
    Path results = out.resolve("results.jsonl");
    assertEquals(baselineRuns, Cli.runsByKey(results), "every run stored exactly once, as in one run");
    assertEquals(RUNS, Cli.completeLines(results));
    assertEquals("", Files.readString(out.resolve("scalecheck.lock")), "released: no holder record left");
  }

  @Test
  void theLockFileOfAKilledVerifyDoesNotBlockAndTheTakeOverIsSaid() throws Exception {
    Path out = ROOT.resolve("stale");
    Path lockFile = out.resolve("scalecheck.lock");
    Process p = Cli.start(ROOT.resolve("stale-logs"), verify(out));
    String pid = "\"pid\":" + p.pid();
    waitFor(() -> !p.isAlive() || Cli.read(lockFile).contains(pid), "the verify to hold its folder");
    p.destroyForcibly(); // SIGKILL: no clean release
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(Cli.read(lockFile).contains(pid), "the killed verify's record is left behind: " + Cli.read(lockFile));

    Cli.Done d = Cli.run(ROOT.resolve("stale-logs-rerun"), verify(out));
    assertEquals(baselineExit, d.exit(), d.stderr());
    assertTrue(d.stderr().contains("taking over") && d.stderr().contains("pid " + p.pid()), d.stderr());
    assertEquals(baselineRuns, Cli.runsByKey(out.resolve("results.jsonl")));
    assertEquals("", Cli.read(lockFile));
  }

  /**
   * With OS locks off ({@code -Dscalecheck.lock.os=false}, as where the file system refuses them), a
   * record naming a running process keeps a second process out, and one naming a process that has
   * ended is taken over.
   */
  @Test
  void whereOsLocksAreRefusedTheHolderRecordAndItsProcessDecide() throws Exception {
    List<String> noOsLocks = List.of("-Dscalecheck.lock.os=false");
    Path out = ROOT.resolve("record");
    Path lockFile = out.resolve("scalecheck.lock");
    Files.createDirectories(out);
    String host = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();

    ProcessHandle self = ProcessHandle.current();
    Files.writeString(lockFile, record(host, self.pid(), self.info().startInstant().orElseThrow(), HELD_BY));
    Cli.Done busy = Cli.run(ROOT.resolve("record-logs-busy"), noOsLocks, verify(out));
    assertEquals(4, busy.exit(), busy.stderr());
    assertTrue(busy.stderr().contains("pid " + self.pid()) && busy.stderr().contains(HELD_BY), busy.stderr());
    assertFalse(Files.exists(out.resolve("results.jsonl")), "nothing run");

    Process gone = new ProcessBuilder("true").start();
    assertTrue(gone.waitFor(30, TimeUnit.SECONDS));
    Instant goneStart = gone.info().startInstant().orElse(Instant.now());
    Files.writeString(lockFile, record(host, gone.pid(), goneStart, "scalecheck verify (ended)"));
    Cli.Done d = Cli.run(ROOT.resolve("record-logs-stale"), noOsLocks, verify(out));
    assertEquals(baselineExit, d.exit(), d.stderr());
    assertTrue(d.stderr().contains("no longer running") && d.stderr().contains("pid " + gone.pid()), d.stderr());
    assertEquals(baselineRuns, Cli.runsByKey(out.resolve("results.jsonl")));
    assertFalse(Files.exists(lockFile), "the record is removed when its holder ends");
  }

  private static String record(String host, long pid, Instant started, String command) {
    ObjectNode rec = Cli.JSON.createObjectNode();
    rec.put("host", host);
    rec.put("pid", pid);
    rec.put("started", started.toString());
    rec.put("command", command);
    return rec + "\n";
  }

  private static boolean waiting(Path logs) {
    return Cli.read(logs.resolve("stderr.txt")).contains("waiting");
  }

  static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.TIMEOUT_S);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      Thread.sleep(20);
    }
  }
}
