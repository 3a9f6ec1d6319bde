package scalecheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL while the report is being written (the moment its temporary folder appears, with every run
 * already stored): the previous report is intact, and after the same command again no temporary
 * file is left in the output folder or beside it, and the results are unchanged.
 */
class KillWhileReportingTest {
  static final Path ROOT = Path.of("target", "reliability-kill-report");

  @Test
  void aKillWhileTheReportIsWrittenKeepsTheOldReportAndTheRerunLeavesNoTemporaryFiles() throws Exception {
    VerifyProcessTest.deleteTree(ROOT);
    Path work = ROOT.resolve("work");
    Path out = work.resolve("out");
    Cli.Done first = Cli.run(ROOT.resolve("logs-1"), OutputLockProcessTest.verify(out));
    assertTrue(first.exit() == 0 || first.exit() == 3, first.stderr());
    Map<String, JsonNode> runs = Cli.runsByKey(out.resolve("results.jsonl"));
    Map<String, byte[]> report = FullDiskTest.snapshot(out);

    Process p = Cli.start(ROOT.resolve("logs-2"), OutputLockProcessTest.verify(out));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.TIMEOUT_S);
    boolean seen = false;
    while (p.isAlive() && System.nanoTime() < deadline
        && !(seen = has(out, ".report.tmp-") || has(work, "." + out.getFileName() + ".tmp-"))) {
      Thread.sleep(1);
    }
    p.destroyForcibly(); // SIGKILL
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertTrue(seen, "the verify ended before its report's temporary folder was seen");
    FullDiskTest.assertSame(report, FullDiskTest.snapshot(withoutHidden(out)), "the previous report is intact");

    Cli.Done again = Cli.run(ROOT.resolve("logs-3"), OutputLockProcessTest.verify(out));
    assertEquals(first.exit(), again.exit(), again.stderr());
    assertEquals(runs, Cli.runsByKey(out.resolve("results.jsonl")));
    FullDiskTest.assertNoTemporaryFiles(work);
  }

  /**
   * Whether {@code dir} holds an entry whose name starts so: the report's temporary folder, inside the
   * output folder ({@code .report.tmp-*}) or, as earlier versions made it, beside it ({@code .out.tmp-*}).
   */
  private static boolean has(Path dir, String prefix) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith(prefix));
    } catch (IOException e) {
      return false;
    }
  }

  /** A copy of {@code dir} without hidden entries (the killed writer's temporary folder). */
  private static Path withoutHidden(Path dir) throws IOException {
    Path copy = ROOT.resolve("visible");
    VerifyProcessTest.deleteTree(copy);
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        String rel = dir.relativize(p).toString();
        if (rel.startsWith(".")) continue;
        Path to = copy.resolve(rel);
        if (Files.isDirectory(p)) Files.createDirectories(to);
        else Files.copy(p, to);
      }
    }
    return copy;
  }
}
