package scalecheck.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scripts that run a {@link SlurmJob} on a Slurm cluster, written into its run folder:
 *
 * <ul>
 *   <li>{@value #ARRAY}: a job array {@code --array=1-N}; task {@code I} (Slurm's {@code
 *       SLURM_ARRAY_TASK_ID}, 1-based like {@link Shard}) runs {@code verify PATH... --shard I/N --out
 *       RUN/shard-I --wait --threads $SLURM_CPUS_PER_TASK}, logging to {@code RUN/logs/shard-I.out}. The task
 *       succeeds when its runs are done: verify's verdict exit codes (1 FAIL, 3 INCONCLUSIVE) count as
 *       success here, bad input (2) and crashes fail it.
 *   <li>{@value #MERGE}: {@code merge RUN/shard-1 .. RUN/shard-N --out RUN/merged --wait}, then {@code
 *       verify PATH... --out RUN/merged --wait}, which finds every run done and only fits and writes the
 *       report; the job's exit code is verify's.
 *   <li>{@value #SUBMIT}: submits the array with {@code sbatch --parsable} and the merge job with
 *       {@code --dependency=afterok:<array job>} and {@code --kill-on-invalid-dep=yes}. With an argument
 *       ({@code submit.sh 3,7}) it resubmits only those array tasks, then a new merge job: a task that
 *       was killed keeps its finished runs in {@code RUN/shard-I/results.jsonl} and its rerun resumes.
 * </ul>
 *
 * Every step passes {@code --wait}: a job that finds its output folder held by another scalecheck
 * process (the folder lock, {@link scalecheck.check.OutputLock}) queues behind it instead of failing.
 * Every path in the scripts is absolute, so they run on compute nodes that share the file system.
 */
public final class SlurmScript {
  public static final String ARRAY = "array.sbatch";
  public static final String MERGE = "merge.sbatch";
  public static final String SUBMIT = "submit.sh";

  private SlurmScript() {}

  /** File name to content of the three scripts, in the order above. */
  public static Map<String, String> scripts(SlurmJob job) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(ARRAY, array(job));
    m.put(MERGE, merge(job));
    m.put(SUBMIT, submit(job));
    return m;
  }

  /** Writes the scripts (executable) and the {@code logs} folder into the run folder; returns their paths. */
  public static List<Path> write(SlurmJob job) {
    List<Path> out = new ArrayList<>();
    try {
      Files.createDirectories(job.runDir().resolve("logs"));
      for (Map.Entry<String, String> e : scripts(job).entrySet()) {
        Path p = job.runDir().resolve(e.getKey());
        AtomicFiles.write(p, e.getValue().getBytes(StandardCharsets.UTF_8));
        try {
          Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException ignored) {
          // not a POSIX file system: sbatch reads the script anyway; run submit.sh with bash
        }
        out.add(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the scripts into " + job.runDir(), e);
    }
    return out;
  }

  /**
   * The command that starts scalecheck the way this JVM was started: this Java, the Vector API module
   * when this JVM has it, {@code -jar} the scalecheck jar when running from one, otherwise this class
   * path and the main class.
   */
  public static List<String> launcherForThisJvm(List<String> javaOptions) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(javaOptions);
    cmd.addAll(vectorModule());
    Path jar = codeSource();
    if (jar != null && jar.toString().endsWith(".jar")) {
      cmd.add("-jar");
      cmd.add(jar.toString());
    } else {
      List<String> cp = new ArrayList<>();
      for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        if (!e.isEmpty()) cp.add(Path.of(e).toAbsolutePath().toString());
      }
      cmd.add("-cp");
      cmd.add(String.join(java.io.File.pathSeparator, cp));
      cmd.add("scalecheck.cli.Main");
    }
    return cmd;
  }

  /**
   * Like {@link #launcherForThisJvm}, but when running from the scalecheck jar, that jar is first copied
   * to {@code runDir/scalecheck.jar} and the tasks run the copy (with the dependencies from the
   * original jar's {@code lib/} folder): rebuilding scalecheck while the array waits in the queue
   * then cannot make shards of one sweep run different code.
   */
  public static List<String> pinnedLauncher(List<String> javaOptions, Path runDir) {
    Path jar = codeSource();
    if (jar == null || !jar.toString().endsWith(".jar")) return launcherForThisJvm(javaOptions);
    return launcherForJar(Path.of(System.getProperty("java.home"), "bin", "java"), javaOptions, jar, runDir);
  }

  /** Copies {@code jar} to {@code runDir/scalecheck.jar}; the command runs it with {@code lib/*} beside the original. */
  static List<String> launcherForJar(Path javaBin, List<String> javaOptions, Path jar, Path runDir) {
    Path copy = runDir.resolve("scalecheck.jar");
    try {
      Files.createDirectories(runDir);
      AtomicFiles.write(copy, Files.readAllBytes(jar));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + jar + " to " + copy, e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin.toString());
    cmd.addAll(javaOptions);
    cmd.addAll(vectorModule());
    cmd.add("-cp");
    cmd.add(copy + java.io.File.pathSeparator + jar.toAbsolutePath().getParent().resolve("lib").resolve("*"));
    cmd.add("scalecheck.cli.Main");
    return cmd;
  }

  /** {@code --add-modules jdk.incubator.vector} when this JVM runs with it (the engine's fast pointwise passes), else nothing. */
  static List<String> vectorModule() {
    return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
        ? List.of("--add-modules", "jdk.incubator.vector") : List.of();
  }

  private static Path codeSource() {
    try {
      var src = SlurmScript.class.getProtectionDomain().getCodeSource();
      return src == null ? null : Path.of(src.getLocation().toURI()).toAbsolutePath();
    } catch (Exception e) {
      return null;
    }
  }

  static String array(SlurmJob job) {
    StringBuilder s = header(job, job.jobName(), "shard-%a.out");
    s.append("#SBATCH --array=1-").append(job.shards()).append('\n');
    s.append("# Task I of ").append(job.shards())
        .append(" runs shard I/").append(job.shards()).append(" of the sweep (resumes if rerun).\n");
    s.append("set -uo pipefail\n");
    s.append("i=\"${SLURM_ARRAY_TASK_ID:?submit this script with sbatch (see submit.sh)}\"\n");
    s.append("threads=\"${SLURM_CPUS_PER_TASK:-").append(job.cpusPerTask()).append("}\"\n");
    s.append("echo \"scalecheck shard $i/").append(job.shards())
        .append(" on $(hostname) with $threads CPUs, job ${SLURM_JOB_ID:-?}\"\n");
    s.append(launcher(job)).append(" verify");
    for (Path p : job.checks()) s.append(' ').append(q(p.toString()));
    s.append(" --shard \"$i/").append(job.shards()).append('"');
    out(s, q(job.runDir().toString()) + "/shard-\"$i\"");
    settings(job, s);
    s.append(" --threads \"$threads\"\n");
    s.append("rc=$?\n");
    s.append("# 1 (a FAIL) and 3 (INCONCLUSIVE) are verdicts, and a shard's verdicts are not final:\n");
    s.append("# the task succeeded when its runs are done. 2 (bad input) and crashes fail the task.\n");
    s.append("case \"$rc\" in 0|1|3) exit 0 ;; *) echo \"scalecheck shard $i/").append(job.shards()).append(" failed with exit code $rc\" >&2; exit \"$rc\" ;; esac\n");
    return s.toString();
  }

  static String merge(SlurmJob job) {
    StringBuilder s = header(job, job.jobName() + "-merge", "merge-%j.out");
    s.append("# Runs after every array task succeeded: merges the shards, then verify finds every run\n");
    s.append("# done and only fits and writes the report. The exit code is verify's (0 all PASS,\n");
    s.append("# 1 a FAIL, 3 INCONCLUSIVE, 2 bad input).\n");
    s.append("set -euo pipefail\n");
    s.append("run=").append(q(job.runDir().toString())).append('\n');
    s.append("dirs=()\n");
    s.append("for i in $(seq 1 ").append(job.shards()).append("); do dirs+=(\"$run/shard-$i\"); done\n");
    s.append(launcher(job)).append(" merge \"${dirs[@]}\"");
    out(s, "\"$run/merged\"");
    s.append('\n');
    s.append("exec ").append(launcher(job)).append(" verify");
    for (Path p : job.checks()) s.append(' ').append(q(p.toString()));
    out(s, "\"$run/merged\"");
    settings(job, s);
    s.append(" --threads \"${SLURM_CPUS_PER_TASK:-").append(job.cpusPerTask()).append("}\"\n");
    return s.toString();
  }

  static String submit(SlurmJob job) {
    String run = q(job.runDir().toString());
    int n = job.shards();
    return "#!/bin/bash\n"
        + "# Submits the sweep: a job array of " + n + " shards, then the merge-and-report job that\n"
        + "# starts when every array task succeeded.\n"
        + "#   ./submit.sh        all tasks 1-" + n + "\n"
        + "#   ./submit.sh 3,7    only tasks 3 and 7 (e.g. after they were killed: their finished\n"
        + "#                      runs are kept, the rest is run), then a new merge job\n"
        + "set -euo pipefail\n"
        + "run=" + run + "\n"
        + "tasks=\"${1:-1-" + n + "}\"\n"
        + "if ! [[ \"$tasks\" =~ ^[0-9][0-9,:%-]*$ ]]; then\n"
        + "  echo \"submit.sh: expected array task ids such as 1-" + n + " or 3,7, got '$tasks'\" >&2; exit 2\n"
        + "fi\n"
        + "array_id=\"$(sbatch --parsable --array=\"$tasks\" \"$run/" + ARRAY + "\")\"\n"
        + "array_id=\"${array_id%%;*}\"\n"
        + "merge_id=\"$(sbatch --parsable --dependency=\"afterok:$array_id\" --kill-on-invalid-dep=yes \"$run/" + MERGE + "\")\"\n"
        + "merge_id=\"${merge_id%%;*}\"\n"
        + "echo \"$array_id $merge_id $tasks\" >> \"$run/jobs.txt\"\n"
        + "echo \"submitted array job $array_id (tasks $tasks) and merge job $merge_id\"\n"
        + "echo \"watch: squeue -j $array_id,$merge_id    logs: $run/logs/    report: $run/merged/report.json\"\n";
  }

  private static StringBuilder header(SlurmJob job, String name, String log) {
    StringBuilder s = new StringBuilder("#!/bin/bash\n");
    s.append("#SBATCH --job-name=").append(name).append('\n');
    if (job.partition() != null) s.append("#SBATCH --partition=").append(job.partition()).append('\n');
    s.append("#SBATCH --time=").append(job.time()).append('\n');
    s.append("#SBATCH --nodes=1\n");
    s.append("#SBATCH --ntasks=1\n");
    s.append("#SBATCH --cpus-per-task=").append(job.cpusPerTask()).append('\n');
    if (job.mem() != null) s.append("#SBATCH --mem=").append(job.mem()).append('\n');
    s.append("#SBATCH --chdir=").append(job.runDir()).append('\n');
    s.append("#SBATCH --output=").append(job.runDir().resolve("logs").resolve(log)).append('\n');
    s.append("#SBATCH --open-mode=append\n");
    return s;
  }

  /**
   * {@code --out DIR --wait}: every step that writes a folder queues behind another scalecheck process
   * writing it (a task resubmitted while its first run still holds the shard folder, a second merge job)
   * instead of failing with exit 4.
   */
  private static void out(StringBuilder s, String dir) {
    s.append(" --out ").append(dir).append(" --wait");
  }

  private static void settings(SlurmJob job, StringBuilder s) {
    if (job.fast()) s.append(" --fast");
    if (job.seed() != null) s.append(" --seed ").append(job.seed());
  }

  private static String launcher(SlurmJob job) {
    StringBuilder s = new StringBuilder();
    for (String a : job.launcher()) {
      if (s.length() > 0) s.append(' ');
      s.append(q(a));
    }
    return s.toString();
  }

  /** {@code s} quoted for bash: single quotes, with embedded single quotes escaped. */
  static String q(String s) {
    if (s.matches("[A-Za-z0-9_./=:,+@%-]+")) return s;
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
