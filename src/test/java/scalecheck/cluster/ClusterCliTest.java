package scalecheck.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import scalecheck.check.RunRecord;
import scalecheck.cli.CliRun;

/** The {@code merge} and {@code slurm} subcommands through the command line. */
class ClusterCliTest {

  /** Runs scalecheck with stderr captured; returns exit code and stderr. */
  static Object[] exec(String... args) {
    CliRun r = CliRun.of(args);
    return new Object[] {r.code(), r.err()};
  }

  @Test
  void mergeExitsZeroAndReportsDroppedLines() {
    Path base = Fixtures.tmp("cli-merge");
    List<RunRecord> sweep = Fixtures.sweep(6);
    List<Path> dirs = ResultsMergerTest.shards(base, sweep, 2, 1);
    Fixtures.append(dirs.get(0).resolve("results.jsonl"), "{\"check\": \"dz\", \"ke");
    Object[] r = exec("merge", dirs.get(0).toString(), dirs.get(1).toString(), "--out", base.resolve("m").toString());
    assertEquals(0, r[0], (String) r[1]);
    assertTrue(((String) r[1]).contains("incomplete last line dropped"), (String) r[1]);
    assertTrue(((String) r[1]).contains("12 runs from 2 folders"), (String) r[1]);
    assertEquals(12, Fixtures.lines(base.resolve("m/results.jsonl")).size());
  }

  @Test
  void mergeExitsTwoOnMismatchNamingTheFolders() {
    Path base = Fixtures.tmp("cli-mismatch");
    Path a = Fixtures.folder(base.resolve("a"), Fixtures.manifest(new Shard(1, 2)), Fixtures.sweep(2));
    Path b = Fixtures.folder(base.resolve("b"),
        ShardManifest.of(new Shard(2, 2), "0.1.0", 7, false, Fixtures.manifest(Shard.ALL).files()), Fixtures.sweep(2));
    Object[] r = exec("merge", a.toString(), b.toString(), "--out", base.resolve("m").toString());
    assertEquals(2, r[0]);
    String err = (String) r[1];
    assertTrue(err.contains(a.toString()) && err.contains(b.toString()) && err.contains("--fast"), err);
    assertFalse(err.contains("Exception"), err);
  }

  @Test
  void slurmWritesScriptsAndDoesNotSubmit() throws Exception {
    Path base = Fixtures.tmp("cli-slurm");
    Path check = base.resolve("c.yaml");
    Files.writeString(check, "id: c\n");
    CliRun c = CliRun.of("slurm", check.toString(), "--shards", "4", "--out", base.resolve("run").toString(),
        "--partition", "gpu", "--time", "1-00:00", "--cpus-per-task", "8", "--mem", "16G", "--seed", "3");
    Object[] r = {c.code(), c.err()};
    assertEquals(0, r[0], (String) r[1]);
    String printed = c.out();
    assertTrue(printed.contains("submit with: " + base.resolve("run/submit.sh")), printed);
    String array = Files.readString(base.resolve("run/array.sbatch"));
    assertTrue(array.contains("#SBATCH --array=1-4\n") && array.contains("#SBATCH --cpus-per-task=8\n")
        && array.contains("#SBATCH --mem=16G\n") && array.contains("#SBATCH --partition=gpu\n"), array);
    assertTrue(array.contains(" -Xmx12288m "), "heap is three quarters of --mem: " + array);
    assertTrue(array.contains(" --seed 3 ") && !array.contains("--fast"), array);
    assertFalse(Files.exists(base.resolve("run/jobs.txt")), "nothing submitted");
  }

  @Test
  void slurmRejectsBadOptionsWithExitTwo() throws Exception {
    Path base = Fixtures.tmp("cli-slurm-bad");
    Path check = base.resolve("c.yaml");
    Files.writeString(check, "id: c\n");
    Object[] r = exec("slurm", check.toString(), "--shards", "4", "--out", base.resolve("run").toString(), "--time", "soon");
    assertEquals(2, r[0]);
    assertTrue(((String) r[1]).contains("--time"), (String) r[1]);
    r = exec("slurm", base.resolve("missing.yaml").toString(), "--shards", "2", "--out", base.resolve("run").toString());
    assertEquals(2, r[0]);
    assertTrue(((String) r[1]).contains("missing.yaml"), (String) r[1]);
  }
}
