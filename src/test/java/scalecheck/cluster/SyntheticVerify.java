package scalecheck.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import scalecheck.check.ResultsFile;
import scalecheck.check.RunRecord;
import scalecheck.cli.Main;

/**
 * Stand-in for {@code scalecheck verify} in the cluster test when the real verify has no {@code
 * --shard}: the same command line, a fixed synthetic sweep ({@link Fixtures#sweep}), the same folder
 * contract (shard.json, results.jsonl appended one line per finished run, resume by key). {@code merge}
 * is passed to the real command. Each run takes {@code SYNTH_DELAY_MS} milliseconds. A verify into a
 * folder that already holds every run writes {@code report.json} with the number of runs found and
 * exits 0; otherwise it exits 4 (the merged folder must be complete).
 */
public final class SyntheticVerify {
  static final int PER_CHECK = 12;

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("merge")) System.exit(Main.execute(args));
    Shard shard = Shard.ALL;
    Path out = null;
    boolean sharded = false;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--shard")) {
        shard = Shard.parse(args[++i]);
        sharded = true;
      } else if (args[i].equals("--out")) {
        out = Path.of(args[++i]);
      }
    }
    long delay = Long.parseLong(System.getenv().getOrDefault("SYNTH_DELAY_MS", "0"));
    Path results = out.resolve(ResultsMerger.RESULTS);
    ShardManifest m = Fixtures.manifest(shard);
    Files.createDirectories(out);
    ShardManifest.checkResume(out, sharded ? m : m.withShard(Shard.ALL));
    if (sharded) m.write(out);
    ResultsFile.cutIncompleteLastLine(results);
    Set<String> done = new HashSet<>();
    if (Files.exists(results)) {
      for (String l : Fixtures.lines(results)) done.add(l);
    }
    List<RunRecord> todo = new ArrayList<>();
    for (RunRecord r : Fixtures.sweep(PER_CHECK)) {
      if (shard.owns(r.key()) && !done.contains(Fixtures.line(r))) todo.add(r);
    }
    if (!sharded) {
      int total = Fixtures.sweep(PER_CHECK).size();
      Files.writeString(out.resolve("report.json"), "{\"runsFound\": " + done.size() + ", \"runsMissing\": " + todo.size() + "}\n");
      System.exit(todo.isEmpty() && done.size() == total ? 0 : 4);
    }
    System.out.println("shard " + shard + ": " + (done.size()) + " runs already done, " + todo.size() + " to run");
    for (RunRecord r : todo) {
      Thread.sleep(delay);
      Fixtures.append(results, Fixtures.line(r) + "\n");
    }
    System.exit(0);
  }
}
