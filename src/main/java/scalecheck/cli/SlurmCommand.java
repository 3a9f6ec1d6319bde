package scalecheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scalecheck.cluster.SlurmJob;
import scalecheck.cluster.SlurmScript;

/** {@code scalecheck slurm PATH... --shards N}: writes sbatch scripts for a job array and a merge job. */
@Command(
    name = "slurm",
    mixinStandardHelpOptions = true,
    description = {
      "Writes Slurm scripts that run a sweep as a job array of N shards, then merge and report: "
          + "RUNDIR/array.sbatch (task I runs 'verify --shard I/N --out RUNDIR/shard-I'), "
          + "RUNDIR/merge.sbatch (merge, then verify --out RUNDIR/merged writes the report) and "
          + "RUNDIR/submit.sh (submits both, the merge job after the array succeeded; "
          + "'submit.sh 3,7' resubmits only tasks 3 and 7 and a new merge job).",
      "Prints how to submit; submits only with --submit. Paths in the scripts are absolute: "
          + "RUNDIR, the check files and scalecheck must be on a file system the compute nodes share."
    })
public final class SlurmCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Check files or folders of them.")
  List<Path> paths;

  @Option(names = "--shards", required = true, paramLabel = "N", description = "Number of array tasks (shards).")
  int shards;

  @Option(names = "--out", paramLabel = "RUNDIR", defaultValue = "slurm-run",
      description = "Folder for scripts, logs, shard results and the merged report (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--partition", paramLabel = "P", description = "Slurm partition (default: the cluster's default).") String partition;

  @Option(names = "--time", paramLabel = "T", defaultValue = "04:00:00", description = "Time limit per task, Slurm format (default: ${DEFAULT-VALUE}).") String time;

  @Option(names = "--cpus-per-task", paramLabel = "C", defaultValue = "2", description = "CPUs per task, also each shard's --threads (default: ${DEFAULT-VALUE}).") int cpus;

  @Option(names = "--mem", paramLabel = "M", description = "Memory per task, e.g. 8G (default: the cluster's default).") String mem;

  @Option(names = "--fast", description = "Run the checks' fast sweeps.") boolean fast;

  @Option(names = "--seed", paramLabel = "S", description = "Base seed (default: verify's).") Long seed;

  @Option(names = "--job-name", paramLabel = "NAME", defaultValue = "scalecheck", description = "Job name (default: ${DEFAULT-VALUE}).")
  String jobName;

  @Option(names = "--java-opts", paramLabel = "OPTS",
      description = "JVM options for the tasks (default: -Xmx from --mem, else -Xmx4g).")
  String javaOpts;

  @Option(names = "--launcher", paramLabel = "CMD",
      description = "Command that starts scalecheck on a compute node, absolute paths "
          + "(default: this Java and a copy of this scalecheck jar in RUNDIR, so that rebuilding "
          + "scalecheck while the jobs wait cannot change what they run).")
  String launcher;

  @Option(names = "--submit", description = "Also submit (runs RUNDIR/submit.sh).")
  boolean submit;

  @Option(names = "--gflops", paramLabel = "G", defaultValue = "5",
      description = "Engine speed per core for the cost estimate, GFLOP/s (default: ${DEFAULT-VALUE}; "
          + "'scalecheck bench' measures it).")
  double gflops;

  @Mixin FolderLock.Wait folder;

  @Override
  public Integer call() {
    return folder.run(out, () -> {
      try {
        return write();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    });
  }

  private int write() throws IOException, InterruptedException {
    List<Path> checks = new ArrayList<>();
    for (Path p : paths) {
      if (!Files.exists(p)) throw new CommandLine.ParameterException(spec.commandLine(), "no such check file or folder: " + p);
      checks.add(p.toAbsolutePath().normalize());
    }
    Path runDir = out.toAbsolutePath().normalize();
    List<String> cmd = launcher != null
        ? Arrays.asList(launcher.trim().split("\\s+"))
        : SlurmScript.pinnedLauncher(javaOptions(), runDir);
    SlurmJob job;
    try {
      job = new SlurmJob(checks, shards, runDir, cmd, partition, time, cpus, mem, fast, seed, jobName);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<Path> written = SlurmScript.write(job);
    var err = spec.commandLine().getErr();
    for (Path p : written) err.println("wrote " + p);
    Path submitScript = runDir.resolve(SlurmScript.SUBMIT);
    if (!submit) { // dry run: what would run, and what it would cost
      try {
        List<Path> files = VerifyCommand.checkFiles(paths);
        var laws = VerifyCommand.lawLoader.apply(VerifyCommandTheory.files(paths.get(0)));
        spec.commandLine().getOut().print(CostEstimate.table(
            CostEstimate.estimate(files, laws, fast, seed == null ? 1 : seed), gflops, shards, cpus));
      } catch (RuntimeException e) { // the scripts are written; verify reports bad checks with file:line
        err.println("no cost estimate: " + e.getMessage());
      }
      spec.commandLine().getOut().println("submit with: " + submitScript
          + "\n(after a task failed, resubmit only it: " + submitScript + " I)");
      return 0;
    }
    Process p = new ProcessBuilder("bash", submitScript.toString()).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    if (rc != 0) {
      err.println("slurm: submitting failed (exit " + rc + "); the scripts are in " + runDir);
      return Main.EXIT_BAD_INPUT;
    }
    return 0;
  }

  private List<String> javaOptions() {
    List<String> o = new ArrayList<>();
    if (javaOpts != null && !javaOpts.isBlank()) {
      o.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
    } else {
      o.add("-Xmx" + heapFor(mem));
    }
    if (o.stream().noneMatch(s -> s.startsWith("-Djava.awt.headless"))) o.add("-Djava.awt.headless=true");
    return o;
  }

  /** Three quarters of the task's memory for the heap (the rest for native BLAS buffers), or 4g. */
  static String heapFor(String mem) {
    if (mem == null || !mem.matches("\\d+[KMGT]?")) return "4g";
    char unit = Character.isDigit(mem.charAt(mem.length() - 1)) ? 'M' : mem.charAt(mem.length() - 1);
    long v = Long.parseLong(mem.replaceAll("[KMGT]$", ""));
    long mb = switch (unit) {
      case 'K' -> v / 1024;
      case 'G' -> v * 1024;
      case 'T' -> v * 1024 * 1024;
      default -> v;
    };
    return Math.max(256, mb * 3 / 4) + "m";
  }
}
