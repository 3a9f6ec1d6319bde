package scalecheck.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SlurmScriptTest {

  static SlurmJob job(Path run, List<String> launcher) {
    return new SlurmJob(List.of(Path.of("/data/my checks/dw.yaml"), Path.of("/data/checks")), 5, run, launcher,
        "short", "02:30:00", 3, "6G", true, 17L, "sc");
  }

  @Test
  void arrayScriptRunsShardIOfNWithTheTaskCpus() {
    Map<String, String> s = SlurmScript.scripts(job(Path.of("/scratch/run1"), List.of("/opt/java/bin/java", "-jar", "/opt/sc.jar")));
    String a = s.get(SlurmScript.ARRAY);
    assertTrue(a.startsWith("#!/bin/bash\n"));
    assertTrue(a.contains("\n#SBATCH --array=1-5\n"), a);
    assertTrue(a.contains("\n#SBATCH --partition=short\n"));
    assertTrue(a.contains("\n#SBATCH --time=02:30:00\n"));
    assertTrue(a.contains("\n#SBATCH --cpus-per-task=3\n"));
    assertTrue(a.contains("\n#SBATCH --mem=6G\n"));
    assertTrue(a.contains("\n#SBATCH --output=/scratch/run1/logs/shard-%a.out\n"));
    assertTrue(a.contains("/opt/java/bin/java -jar /opt/sc.jar verify '/data/my checks/dw.yaml' /data/checks"
        + " --shard \"$i/5\" --out /scratch/run1/shard-\"$i\" --wait --fast --seed 17 --threads \"$threads\""), a);
    assertTrue(a.contains("threads=\"${SLURM_CPUS_PER_TASK:-3}\""));
  }

  @Test
  void mergeScriptMergesEveryShardThenVerifiesInTheMergedFolder() {
    String m = SlurmScript.scripts(job(Path.of("/scratch/run1"), List.of("/j", "-jar", "/sc.jar"))).get(SlurmScript.MERGE);
    assertFalse(m.contains("--array"));
    assertTrue(m.contains("for i in $(seq 1 5); do dirs+=(\"$run/shard-$i\"); done"), m);
    assertTrue(m.contains("/j -jar /sc.jar merge \"${dirs[@]}\" --out \"$run/merged\" --wait\n"), m);
    assertTrue(m.contains("exec /j -jar /sc.jar verify '/data/my checks/dw.yaml' /data/checks --out \"$run/merged\" --wait"
        + " --fast --seed 17"), m);
    assertTrue(m.contains("#SBATCH --job-name=sc-merge"));
  }

  @Test
  void submitScriptChainsTheMergeJobAfterTheArray() {
    String s = SlurmScript.scripts(job(Path.of("/scratch/run1"), List.of("/j"))).get(SlurmScript.SUBMIT);
    assertTrue(s.contains("tasks=\"${1:-1-5}\""));
    assertTrue(s.contains("sbatch --parsable --array=\"$tasks\" \"$run/array.sbatch\""), s);
    assertTrue(s.contains("sbatch --parsable --dependency=\"afterok:$array_id\" --kill-on-invalid-dep=yes \"$run/merge.sbatch\""), s);
  }

  @Test
  void rejectsWhatSlurmWouldRejectLater() {
    Path run = Path.of("/scratch/r");
    List<String> l = List.of("/j");
    List<Path> c = List.of(Path.of("/c.yaml"));
    assertThrows(IllegalArgumentException.class, () -> new SlurmJob(c, 0, run, l, null, "10", 1, null, false, null, "x"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmJob(c, 2, run, l, null, "ten minutes", 1, null, false, null, "x"))
        .getMessage().contains("--time"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new SlurmJob(c, 2, run, l, null, "10", 1, "lots", false, null, "x"))
        .getMessage().contains("--mem"));
    assertThrows(IllegalArgumentException.class, () -> new SlurmJob(c, 2, run, l, "a b", "10", 1, null, false, null, "x"));
    assertThrows(IllegalArgumentException.class, () -> new SlurmJob(c, 2, Path.of("rel"), l, null, "10", 1, null, false, null, "x"));
    assertThrows(IllegalArgumentException.class, () -> new SlurmJob(c, 2, Path.of("/with space"), l, null, "10", 1, null, false, null, "x"));
    for (String t : List.of("90", "30:00", "04:00:00", "1-12", "1-12:00", "2-00:00:00")) {
      assertEquals(t, new SlurmJob(c, 2, run, l, null, t, 1, null, false, null, "x").time());
    }
  }

  /** Runs the generated array script as Slurm would (task 4 of 5, 3 CPUs) with a launcher that records its arguments. */
  @Test
  void arrayScriptPassesShardOutThreadsAndMapsVerdictExitCodes() throws Exception {
    Path run = Fixtures.tmp("script");
    Path rec = run.resolve("args.txt");
    Path launcher = run.resolve("record.sh");
    Files.writeString(launcher, "#!/bin/bash\nprintf '%s\\n' \"$@\" > \"$REC\"\nexit \"$RC\"\n");
    SlurmJob job = job(run, List.of("bash", launcher.toString()));
    SlurmScript.write(job);
    for (String f : List.of(SlurmScript.ARRAY, SlurmScript.MERGE, SlurmScript.SUBMIT)) {
      assertEquals(0, bash(run, Map.of(), "-n", run.resolve(f).toString()), "bash syntax of " + f);
      assertTrue(Files.isExecutable(run.resolve(f)));
    }
    Map<String, String> env = Map.of("SLURM_ARRAY_TASK_ID", "4", "SLURM_CPUS_PER_TASK", "3", "REC", rec.toString(), "RC", "0");
    assertEquals(0, bash(run, env, run.resolve(SlurmScript.ARRAY).toString()));
    assertEquals(List.of("verify", "/data/my checks/dw.yaml", "/data/checks", "--shard", "4/5", "--out",
        run + "/shard-4", "--wait", "--fast", "--seed", "17", "--threads", "3"), Fixtures.lines(rec));
    for (int rc : new int[] {1, 3}) {
      assertEquals(0, bash(run, Map.of("SLURM_ARRAY_TASK_ID", "4", "REC", rec.toString(), "RC", "" + rc),
          run.resolve(SlurmScript.ARRAY).toString()), "verdict exit " + rc + " is a finished shard");
    }
    assertEquals(2, bash(run, Map.of("SLURM_ARRAY_TASK_ID", "4", "REC", rec.toString(), "RC", "2"), run.resolve(SlurmScript.ARRAY).toString()));
    assertEquals(137, bash(run, Map.of("SLURM_ARRAY_TASK_ID", "4", "REC", rec.toString(), "RC", "137"), run.resolve(SlurmScript.ARRAY).toString()));
    assertEquals(0, bash(run, Map.of("REC", rec.toString(), "RC", "0"), run.resolve(SlurmScript.MERGE).toString()));
    assertEquals(List.of("verify", "/data/my checks/dw.yaml", "/data/checks", "--out", run + "/merged", "--wait", "--fast",
        "--seed", "17", "--threads", "3"), Fixtures.lines(rec));
  }

  static int bash(Path dir, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of("bash"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("bash.log").toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SLURM_"));
    pb.environment().putAll(env);
    Process p = pb.start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return p.exitValue();
  }

  @Test
  void quotesForBash() {
    assertEquals("/a/b.jar", SlurmScript.q("/a/b.jar"));
    assertEquals("'a b'", SlurmScript.q("a b"));
    assertEquals("'it'\\''s'", SlurmScript.q("it's"));
    assertEquals("'$HOME'", SlurmScript.q("$HOME"));
  }

  @Test
  void jarLauncherRunsAPinnedCopy() throws Exception {
    Path base = Fixtures.tmp("pin");
    Path jar = base.resolve("target/scalecheck.jar");
    Fixtures.write(jar, "jar bytes v1");
    Path run = base.resolve("run");
    List<String> l = SlurmScript.launcherForJar(Path.of("/opt/java/bin/java"), List.of("-Xmx2g"), jar, run);
    // the tests run with the Vector API module (surefire argLine), and the tasks get it too
    assertEquals(List.of("/opt/java/bin/java", "-Xmx2g", "--add-modules", "jdk.incubator.vector", "-cp", run.resolve("scalecheck.jar") + ":" + base.resolve("target/lib") + "/*",
        "scalecheck.cli.Main"), l);
    Fixtures.write(jar, "jar bytes v2 (rebuilt)");
    assertEquals(List.of("jar bytes v1"), Fixtures.lines(run.resolve("scalecheck.jar")));
    assertTrue(SlurmScript.array(job(run, l)).contains(" -cp '" + run.resolve("scalecheck.jar") + ":"), "the class path wildcard is quoted");
  }

  @Test
  void launcherForThisJvmUsesAbsoluteJava() {
    List<String> l = SlurmScript.launcherForThisJvm(List.of("-Xmx1g"));
    assertTrue(Path.of(l.get(0)).isAbsolute());
    assertTrue(Files.isExecutable(Path.of(l.get(0))));
    assertEquals(List.of("-Xmx1g", "--add-modules", "jdk.incubator.vector"), l.subList(1, 4));
    assertTrue(l.contains("-jar") || l.get(l.size() - 1).equals("scalecheck.cli.Main"), l.toString());
  }
}
