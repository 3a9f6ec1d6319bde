package scalecheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL at 20 seeded random points of one sweep, rerunning the same command after each: the final
 * results equal an uninterrupted run's key for key (no run lost or duplicated, the same verdicts and
 * fitted numbers), and no temporary file is left in the output folder or beside it.
 *
 * <p>Slow (a few minutes): tagged {@code slow}, so the default test run skips it; run it with {@code mvn
 * -B test -Pslow -Dtest=SigkillSweepTest}. Each point is drawn from a fixed seed ({@link #points()}): a
 * kill 0 to 4 s after the start (JVM start, theory, lock, repair of the results file), a kill 0 to 300
 * ms after the results file holds a drawn number of runs (inside a run or an append), or a kill 0 to
 * 30 ms after the report's temporary folder appears (while the report is written). The log of the
 * kills and a summary line (kills that landed while the process was alive, how many mid-sweep, wall
 * time) go to {@code target/reliability-sigkill/summary.txt}.
 */
@Tag("slow")
class SigkillSweepTest {
  static final Path ROOT = Path.of("target", "reliability-sigkill");
  static final long SEED = 20261207L;
  static final int KILLS = 20;
  /** One check, 30 runs of 0.04 to 1 s each: slow enough for a kill to land inside the sweep. */
  static final Path CHECKS = Path.of("src", "test", "resources", "reliability", "sweep");
  static final int SWEEP_RUNS = 5 * 6;

  static List<String> verify(Path out) {
    return List.of("verify", CHECKS.toString(), "--theory", "theory", "--out", out.toString(), "--seed", "7",
        "--threads", "2");
  }

  enum Phase { START, RUNS, REPORT }

  /** A kill point: its phase, for RUNS the number of stored runs to wait for, and a delay after that. */
  record Point(Phase phase, int lines, long delayMs) {}

  /**
   * 20 points from {@link #SEED}: 15% shortly after the start, 60% after a drawn number of stored runs
   * (drawn uniformly in 0..SWEEP_RUNS-1, taken in increasing order so that the kills walk through the sweep),
   * 25% while the report is written (last, since the report comes after the runs).
   */
  static List<Point> points() {
    Random rnd = new Random(SEED);
    List<Point> drawn = new ArrayList<>();
    List<Integer> targets = new ArrayList<>();
    for (int k = 0; k < KILLS; k++) {
      double u = rnd.nextDouble();
      Phase phase = u < 0.15 ? Phase.START : u < 0.75 ? Phase.RUNS : Phase.REPORT;
      long delay = switch (phase) {
        case START -> rnd.nextInt(4000);
        case RUNS -> rnd.nextInt(301);
        case REPORT -> rnd.nextInt(31); // a report is written in a few hundred ms at most
      };
      int lines = rnd.nextInt(SWEEP_RUNS);
      if (phase == Phase.RUNS) targets.add(lines);
      drawn.add(new Point(phase, lines, delay));
    }
    targets.sort(null);
    List<Point> ps = new ArrayList<>();
    int t = 0;
    for (Point p : drawn) {
      if (p.phase() == Phase.RUNS) ps.add(new Point(Phase.RUNS, targets.get(t++), p.delayMs()));
      else if (p.phase() == Phase.START) ps.add(p);
    }
    for (Point p : drawn) if (p.phase() == Phase.REPORT) ps.add(p);
    return ps;
  }

  @Test
  void twentyKillsAndRerunsEndWithTheResultsOfAnUninterruptedRun() throws Exception {
    long t0 = System.nanoTime();
    VerifyProcessTest.deleteTree(ROOT);
    Path base = ROOT.resolve("baseline");
    Cli.Done baseline = Cli.run(ROOT.resolve("logs-baseline"), verify(base));
    assertTrue(baseline.exit() == 0 || baseline.exit() == 1 || baseline.exit() == 3, baseline.stderr());
    Map<String, JsonNode> runs = Cli.runsByKey(base.resolve("results.jsonl"));
    Map<String, List<String>> verdicts = Cli.verdicts(base.resolve("report.json"));
    assertEquals(SWEEP_RUNS, runs.size());

    Path work = ROOT.resolve("killed");
    Path out = work.resolve("out");
    Path results = out.resolve("results.jsonl");
    int landed = 0;
    int midSweep = 0;
    int inReport = 0;
    List<String> log = new ArrayList<>();
    List<Point> points = points();
    for (int k = 0; k < points.size(); k++) {
      Point pt = points.get(k);
      Set<String> left = reportFolders(out); // left by an earlier kill, removed once the new process holds the lock
      Process p = Cli.start(work.resolve("logs-" + k), verify(out));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Cli.TIMEOUT_S);
      switch (pt.phase()) {
        case START -> { }
        case RUNS -> {
          while (p.isAlive() && Cli.completeLines(results) < pt.lines()
              && System.nanoTime() < deadline) {
            Thread.sleep(2);
          }
        }
        case REPORT -> {
          while (p.isAlive() && !reporting(out, left) && System.nanoTime() < deadline) {
            Thread.sleep(2);
          }
        }
      }
      Thread.sleep(pt.delayMs());
      long lines = Cli.completeLines(results);
      boolean alive = p.isAlive();
      boolean reporting = alive && reporting(out, left);
      p.destroyForcibly(); // SIGKILL
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      if (alive) {
        landed++;
        if (lines < SWEEP_RUNS) midSweep++;
        if (reporting) inReport++;
      }
      log.add(String.format(Locale.ROOT, "kill %2d %-6s %2s lines +%4d ms: %s, %d lines stored", k + 1, pt.phase(),
          pt.phase() == Phase.RUNS ? Integer.toString(pt.lines()) : "-", pt.delayMs(), alive ? (reporting ? "landed while reporting" : "landed") : "process had ended",
          lines));
    }

    Cli.Done last = Cli.run(work.resolve("logs-final"), verify(out));
    assertEquals(baseline.exit(), last.exit(), last.stderr());
    assertEquals(runs, Cli.runsByKey(results), "every run once, with the numbers of the uninterrupted run");
    assertEquals(SWEEP_RUNS, Cli.completeLines(results));
    assertEquals(verdicts, Cli.verdicts(out.resolve("report.json")));
    assertEquals(List.of(), temporaries(work), "temporary files left");
    assertTrue(landed >= KILLS / 2, "too few kills landed to test anything: " + String.join("\n", log));

    double wall = (System.nanoTime() - t0) / 1e9;
    log.add(String.format(Locale.ROOT, "%d of %d kills landed (%d mid-sweep, %d while reporting); wall %.1f s",
        landed, KILLS, midSweep, inReport, wall));
    Files.write(ROOT.resolve("summary.txt"), log);
  }

  /** Whether a report's temporary folder other than those {@code left} by earlier processes exists. */
  private static boolean reporting(Path out, Set<String> left) {
    Set<String> now = reportFolders(out);
    now.removeAll(left);
    return !now.isEmpty();
  }

  /**
   * The report's temporary folders: inside the output folder ({@code .report.tmp-*}) or, as earlier
   * versions made them, beside it ({@code .out.tmp-*}).
   */
  private static Set<String> reportFolders(Path out) {
    Set<String> names = new HashSet<>();
    names.addAll(named(out, ".report.tmp-"));
    names.addAll(named(out.getParent(), "." + out.getFileName() + ".tmp-"));
    return names;
  }

  private static List<String> named(Path dir, String prefix) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> dir.relativize(p).toString()).filter(n -> n.startsWith(prefix))
          .map(n -> dir.getFileName() + "/" + n).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static boolean isTemporary(String name) {
    return name.startsWith(".") || name.endsWith(".tmp");
  }

  /** Hidden or .tmp entries anywhere under {@code dir}, except the test's own logs. */
  private static List<String> temporaries(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> !p.equals(dir) && isTemporary(p.getFileName().toString()))
          .map(p -> dir.relativize(p).toString()).toList();
    }
  }
}
