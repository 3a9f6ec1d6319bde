package scalecheck.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A sweep to run as a Slurm job array: what {@link SlurmScript} turns into sbatch scripts.
 *
 * @param checks check files or folders, absolute paths (compute nodes share the file system)
 * @param shards number of array tasks, one shard each
 * @param runDir absolute folder for the scripts, logs, shard results and the merged report
 * @param launcher command that starts scalecheck on a compute node, absolute paths (e.g. {@code
 *     /usr/lib/jvm/java-17/bin/java -Xmx4g -jar /home/me/scalecheck/target/scalecheck.jar})
 * @param partition Slurm partition, or null for the cluster's default
 * @param time wall-clock limit per task in a Slurm time format ({@code MM}, {@code HH:MM:SS},
 *     {@code D-HH:MM}, ...)
 * @param cpusPerTask CPUs per task; also the {@code --threads} of each shard's verify
 * @param mem memory per task ({@code 8G}, {@code 4000M}), or null for the cluster's default
 * @param fast run the checks' {@code fast} sweeps
 * @param seed base seed, or null for verify's default
 * @param jobName job name ({@code -merge} is appended for the merge job)
 */
public record SlurmJob(
    List<Path> checks,
    int shards,
    Path runDir,
    List<String> launcher,
    String partition,
    String time,
    int cpusPerTask,
    String mem,
    boolean fast,
    Long seed,
    String jobName) {

  private static final Pattern TIME = Pattern.compile("\\d+|\\d+:\\d{1,2}|\\d+:\\d{1,2}:\\d{1,2}|\\d+-\\d+(:\\d{1,2}(:\\d{1,2})?)?");
  private static final Pattern MEM = Pattern.compile("\\d+[KMGT]?");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.,+-]+");

  public SlurmJob {
    checks = List.copyOf(checks);
    launcher = List.copyOf(launcher);
    if (checks.isEmpty()) throw new IllegalArgumentException("no check files or folders given");
    for (Path p : checks) {
      if (!p.isAbsolute()) throw new IllegalArgumentException("check path must be absolute: " + p);
    }
    if (shards < 1) throw new IllegalArgumentException("--shards must be >= 1, got " + shards);
    if (!runDir.isAbsolute()) throw new IllegalArgumentException("run folder must be absolute: " + runDir);
    if (runDir.toString().chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("--out: #SBATCH lines cannot hold a folder with spaces: '" + runDir + "'");
    }
    if (launcher.isEmpty()) throw new IllegalArgumentException("launcher command is empty");
    if (partition != null && !NAME.matcher(partition).matches()) {
      throw new IllegalArgumentException("--partition: not a Slurm partition name: '" + partition + "'");
    }
    if (time == null || !TIME.matcher(time).matches()) {
      throw new IllegalArgumentException("--time: expected a Slurm time limit such as 90, 04:00:00 or 1-12:00, got '" + time + "'");
    }
    if (cpusPerTask < 1) throw new IllegalArgumentException("--cpus-per-task must be >= 1, got " + cpusPerTask);
    if (mem != null && !MEM.matcher(mem).matches()) {
      throw new IllegalArgumentException("--mem: expected a size such as 8G or 4000M, got '" + mem + "'");
    }
    if (jobName == null || !NAME.matcher(jobName).matches()) {
      throw new IllegalArgumentException("--job-name: letters, digits and _.,+- only, got '" + jobName + "'");
    }
  }

  /** Folder of shard {@code i}'s results: {@code runDir/shard-i}. */
  public Path shardDir(int i) {
    return runDir.resolve("shard-" + i);
  }

  /** Folder of the merged results and the report: {@code runDir/merged}. */
  public Path mergedDir() {
    return runDir.resolve("merged");
  }
}
