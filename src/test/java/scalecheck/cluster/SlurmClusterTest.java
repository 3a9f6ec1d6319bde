package scalecheck.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import scalecheck.cli.Main;

/**
 * A real one-node Slurm cluster on this machine ({@code .ci/slurm-cluster.sh start}, loopback only):
 * the generated scripts are submitted as a job array of 3 shards plus the dependent merge job.
 *
 * <ul>
 *   <li>{@link #killedTaskResubmittedAloneCompletesTheSweep}: a synthetic sweep ({@link SyntheticVerify},
 *       same command line and folder contract as verify); task 2 is cancelled mid-run, the merge job is
 *       cancelled with it, {@code submit.sh 2} reruns only that task, which resumes, and the merged
 *       results equal the whole sweep.
 *   <li>{@link #verifyAsJobArrayMatchesTheInProcessRun}: the real {@code verify --shard} on a fast check,
 *       compared with an in-process run (results as sets, verdicts and fitted numbers); runs when verify
 *       has {@code --shard}.
 * </ul>
 *
 * Skipped, with the reason, where the cluster cannot start (not root, packages unavailable), or when
 * switched off with {@code -Dscalecheck.slurm=skip} (or {@code SCALECHECK_SLURM=skip}). Every daemon
 * started is stopped at the end, also on failure.
 */
class SlurmClusterTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SUBMITTED = Pattern.compile("submitted array job (\\d+) \\(tasks [^)]*\\) and merge job (\\d+)");
  private static Path dir;
  private static final Map<String, String> env = new HashMap<>();
  private static Thread stopHook;

  @BeforeAll
  static void startCluster() throws Exception {
    Assumptions.assumeFalse("skip".equals(System.getProperty("scalecheck.slurm", System.getenv("SCALECHECK_SLURM"))),
        "Slurm cluster test switched off (scalecheck.slurm=skip)");
    Path script = Path.of(".ci", "slurm-cluster.sh").toAbsolutePath();
    Assumptions.assumeTrue(Files.isRegularFile(script), "no " + script);
    dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "scalecheck-slurm-");
    env.put("SCALECHECK_SLURM_DIR", dir.toString());
    env.put("SCALECHECK_SLURM_PORT", Integer.toString(freePortPair()));
    env.put("SLURM_CONF", dir.resolve("slurm.conf").toString());
    stopHook = new Thread(SlurmClusterTest::stopQuietly);
    Runtime.getRuntime().addShutdownHook(stopHook);
    Result r = run(List.of("bash", script.toString(), "start"), Map.of(), 900);
    if (r.rc == 10) Assumptions.abort("Slurm cluster cannot start here: " + r.out.strip());
    if (r.rc != 0) fail("Slurm cluster did not start (exit " + r.rc + "):\n" + r.out);
  }

  @AfterAll
  static void stopCluster() throws IOException {
    stopQuietly();
    if (dir != null) keepLogsAndDelete(dir, Path.of("target", "slurm-cluster-test"));
    if (stopHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(stopHook);
      } catch (IllegalStateException ignored) {
        // already shutting down
      }
    }
  }

  private static void stopQuietly() {
    if (dir == null) return;
    try {
      run(List.of("bash", Path.of(".ci", "slurm-cluster.sh").toAbsolutePath().toString(), "stop"), Map.of(), 60);
    } catch (Exception ignored) {
      // best effort: the pid files are in dir
    }
  }

  @Test
  void killedTaskResubmittedAloneCompletesTheSweep() throws Exception {
    Path run = dir.resolve("synthetic");
    Path check = Files.createDirectories(dir.resolve("checks")).resolve("synthetic.yaml");
    Files.writeString(check, "id: synthetic\n");
    List<String> launcher = new ArrayList<>(SlurmScript.launcherForThisJvm(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1")));
    launcher.set(launcher.size() - 1, SyntheticVerify.class.getName());
    SlurmJob job = new SlurmJob(List.of(check), 3, run, launcher, "debug", "10", 1, null, true, 7L, "sctest");
    SlurmScript.write(job);
    Map<String, String> jobEnv = Map.of("SYNTH_DELAY_MS", "400");

    long[] ids = submit(run, jobEnv);
    // Kill task 2 once it has finished two runs, as a node failure or the OOM killer would.
    Path shard2 = job.shardDir(2).resolve(ResultsMerger.RESULTS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!(Files.exists(shard2) && Fixtures.lines(shard2).size() >= 2)) {
      if (System.nanoTime() > deadline) fail("task 2 did not start within 90 s:\n" + logs(run));
      Thread.sleep(50);
    }
    assertEquals(0, run(List.of("scancel", ids[0] + "_2"), Map.of(), 30).rc);
    waitFor(ids, 120);
    int keptRuns = Fixtures.lines(shard2).size();
    int shard2Runs = (int) Fixtures.sweep(SyntheticVerify.PER_CHECK).stream().filter(r -> new Shard(2, 3).owns(r.key())).count();
    assertTrue(keptRuns >= 2 && keptRuns < shard2Runs, "task 2 was killed mid-sweep with " + keptRuns + " of " + shard2Runs + " runs");
    assertTrue(states(ids[0] + "_2").contains("CANCELLED"), states(ids[0] + "_2").toString());
    assertFalse(states(Long.toString(ids[1])).contains("COMPLETED"), "merge must not run after a failed task");
    assertFalse(Files.exists(job.mergedDir().resolve(ResultsMerger.RESULTS)));

    long[] again = submit(run, jobEnv, "2");
    waitFor(again, 120);
    assertEquals(Set.of("COMPLETED"), states(Long.toString(again[1])), logs(run));
    Set<String> expected = Fixtures.sweep(SyntheticVerify.PER_CHECK).stream().map(Fixtures::line).collect(Collectors.toCollection(TreeSet::new));
    assertEquals(expected, new TreeSet<>(Fixtures.lines(job.mergedDir().resolve(ResultsMerger.RESULTS))));
    assertEquals(expected.size(), JSON.readTree(job.mergedDir().resolve("report.json").toFile()).get("runsFound").asInt());
    String log2 = Files.readString(run.resolve("logs/shard-2.out"));
    assertTrue(log2.contains("shard 2/3: " + keptRuns + " runs already done, " + (shard2Runs - keptRuns) + " to run"), log2);
  }

  /** The fast check used against the real verify: system property scalecheck.cluster.check, or the first that exists. */
  static Path realCheck() {
    String p = System.getProperty("scalecheck.cluster.check");
    List<String> candidates = p != null ? List.of(p)
        : List.of("checks/dw_hidden.yaml", "checks/dW_hidden.yaml", "checks/dz.yaml");
    for (String c : candidates) if (Files.isRegularFile(Path.of(c))) return Path.of(c).toAbsolutePath();
    return null;
  }

  static boolean verifyHasShardOption() {
    CommandLine verify = new CommandLine(new Main()).getSubcommands().get("verify");
    return verify != null && verify.getCommandSpec().findOption("--shard") != null;
  }

  @Test
  void verifyAsJobArrayMatchesTheInProcessRun() throws Exception {
    Assumptions.assumeTrue(verifyHasShardOption(), "verify has no --shard option yet");
    Path check = realCheck();
    Assumptions.assumeTrue(check != null, "no fast check file found (set -Dscalecheck.cluster.check=PATH)");
    Path run = dir.resolve("real");
    List<String> launcher = SlurmScript.launcherForThisJvm(List.of("-Xmx1g", "-Djava.awt.headless=true"));
    SlurmJob job = new SlurmJob(List.of(check), 3, run, launcher, "debug", "10", 1, null, true, 11L, "screal");
    SlurmScript.write(job);
    long[] ids = submit(run, Map.of());

    Path local = dir.resolve("in-process");
    int localExit;
    java.io.PrintStream oldOut = System.out;
    java.io.PrintStream oldErr = System.err;
    Files.createDirectories(local);
    try (java.io.PrintStream log = new java.io.PrintStream(Files.newOutputStream(local.resolve("verify.log")), true, StandardCharsets.UTF_8)) {
      System.setOut(log);
      System.setErr(log);
      localExit = Main.execute("verify", check.toString(), "--fast", "--seed", "11", "--out", local.toString(), "--threads", "1");
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    waitFor(ids, 170);

    String mergeExit = exitCode(Long.toString(ids[1]));
    assertEquals(localExit + ":0", mergeExit, "merge job exit code is verify's\n" + logs(run));
    for (int i = 1; i <= 3; i++) assertTrue(Files.exists(job.shardDir(i).resolve(ShardManifest.FILE_NAME)), "shard " + i);
    Map<String, JsonNode> inProcess = runsByKey(local.resolve(ResultsMerger.RESULTS));
    Map<String, JsonNode> merged = runsByKey(job.mergedDir().resolve(ResultsMerger.RESULTS));
    assertEquals(new TreeSet<>(inProcess.keySet()), new TreeSet<>(merged.keySet()), "the same runs");
    for (Map.Entry<String, JsonNode> e : inProcess.entrySet()) {
      JsonNode m = merged.get(e.getKey());
      if (!e.getValue().equals(m)) fail("run " + e.getKey() + " differs in " + differing(e.getValue(), m));
    }
    JsonNode a = JSON.readTree(local.resolve("report.json").toFile()).get("checks");
    JsonNode b = JSON.readTree(job.mergedDir().resolve("report.json").toFile()).get("checks");
    assertEquals(a.size(), b.size());
    assertTrue(a.size() > 0);
    for (int i = 0; i < a.size(); i++) {
      for (String f : List.of("id", "verdict", "predicted", "fitted", "ciLow", "ciHigh", "reason")) {
        assertEquals(a.get(i).get(f), b.get(i).get(f), "checks[" + i + "]." + f);
      }
    }
  }

  /** The runs of a results file by key, each without its measured wallSeconds (JSON values: field order aside). */
  static Map<String, JsonNode> runsByKey(Path file) throws IOException {
    Map<String, JsonNode> m = new HashMap<>();
    for (String l : Fixtures.lines(file)) {
      ObjectNode n = (ObjectNode) JSON.readTree(l);
      n.remove("wallSeconds");
      assertTrue(m.put(n.get("key").asText(), n) == null, "run " + n.get("key") + " twice in " + file);
    }
    return m;
  }

  static List<String> differing(JsonNode a, JsonNode b) {
    Set<String> names = new TreeSet<>();
    a.fieldNames().forEachRemaining(names::add);
    b.fieldNames().forEachRemaining(names::add);
    return names.stream().filter(f -> !java.util.Objects.equals(a.get(f), b.get(f))).toList();
  }

  // ---------------------------------------------------------------------------------------------

  private record Result(int rc, String out) {}

  private static Result run(List<String> cmd, Map<String, String> extraEnv, int timeoutSeconds) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    Path log = Files.createTempFile(dir, "cmd", ".log");
    pb.redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SLURM_") && !k.equals("SLURM_CONF"));
    pb.environment().putAll(env);
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(log);
    return new Result(p.exitValue(), out);
  }

  /** Runs submit.sh; returns the array and merge job ids. */
  private static long[] submit(Path run, Map<String, String> jobEnv, String... tasks) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", run.resolve(SlurmScript.SUBMIT).toString()));
    cmd.addAll(List.of(tasks));
    Result r = run(cmd, jobEnv, 60);
    Matcher m = SUBMITTED.matcher(r.out);
    if (r.rc != 0 || !m.find()) fail("submit.sh failed (exit " + r.rc + "):\n" + r.out);
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
  }

  /** Waits until none of the jobs is pending or running. */
  private static void waitFor(long[] ids, int timeoutSeconds) throws Exception {
    String list = ids[0] + "," + ids[1];
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      Result r = run(List.of("squeue", "-h", "-o", "%i %T", "-j", list), Map.of(), 30);
      if (r.rc == 0 && r.out.isBlank()) return;
      if (System.nanoTime() > deadline) {
        run(List.of("scancel", Long.toString(ids[0]), Long.toString(ids[1])), Map.of(), 30);
        fail("jobs " + list + " still queued after " + timeoutSeconds + " s: " + r.out + "\n" + logs(dir));
      }
      Thread.sleep(300);
    }
  }

  /** JobState of a job (all tasks of an array job). */
  private static Set<String> states(String id) throws Exception {
    return fields(id, "JobState");
  }

  private static String exitCode(String id) throws Exception {
    Set<String> s = fields(id, "ExitCode");
    assertEquals(1, s.size(), "exit codes of job " + id + ": " + s);
    return s.iterator().next();
  }

  private static Set<String> fields(String id, String field) throws Exception {
    Result r = run(List.of("scontrol", "-o", "show", "job", id), Map.of(), 30);
    assertEquals(0, r.rc, r.out);
    Set<String> s = new TreeSet<>();
    Matcher m = Pattern.compile("\\b" + field + "=(\\S+)").matcher(r.out);
    while (m.find()) s.add(m.group(1));
    return s;
  }

  private static String logs(Path base) {
    StringBuilder sb = new StringBuilder();
    try (var files = Files.walk(base)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".out") || f.toString().endsWith(".log")).sorted().toList()) {
        sb.append("== ").append(p).append('\n').append(Files.readString(p, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  /** Copies the daemons' and jobs' logs to {@code keep} (for a look after a failure), then deletes {@code base}. */
  private static void keepLogsAndDelete(Path base, Path keep) throws IOException {
    try (var files = Files.walk(base)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        String rel = base.relativize(p).toString();
        boolean isLog = Files.isRegularFile(p) && (rel.startsWith("log/") || rel.contains("/logs/") || rel.endsWith(".conf"));
        if (isLog) {
          Path to = keep.resolve(rel);
          Files.createDirectories(to.getParent());
          Files.copy(p, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.deleteIfExists(p);
      }
    }
  }

  private static int freePortPair() throws IOException {
    Random r = new Random();
    for (int attempt = 0; attempt < 200; attempt++) {
      int p = 20000 + r.nextInt(30000);
      try (ServerSocket a = new ServerSocket(p, 1, InetAddress.getLoopbackAddress());
          ServerSocket b = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
        return p;
      } catch (IOException busy) {
        // try another
      }
    }
    throw new IOException("no two free consecutive ports on 127.0.0.1");
  }

}
