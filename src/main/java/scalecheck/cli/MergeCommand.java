package scalecheck.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scalecheck.cluster.ResultsMerger;

/** {@code scalecheck merge DIR... --out DIR}: combines the results folders of a sharded sweep. */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    description = {
      "Merges the results folders of a sharded sweep (verify --shard I/N) into one, so that "
          + "'scalecheck verify PATH... --out OUT' finds every run done and only fits and reports.",
      "Rejects folders of different sweeps (check files, --seed, --fast, version) and runs that "
          + "differ between folders; keeps one copy of runs found twice; drops an incomplete last "
          + "line (a task killed while writing) and says so. Exit 0 merged, 2 on a mismatch, 4 when the "
          + "output folder cannot be written or another scalecheck process writes it (--wait queues)."
    })
public final class MergeCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Shard results folders (each with shard.json and results.jsonl).")
  List<Path> dirs;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the merged results.jsonl and shard.json.")
  Path out;

  @Option(names = "--allow-partial", description = "Merge even when shards of the sweep are missing.")
  boolean allowPartial;

  @Mixin FolderLock.Wait folder;

  @Override
  public Integer call() {
    return folder.run(out, this::merge);
  }

  private int merge() {
    ResultsMerger.Outcome o = ResultsMerger.merge(dirs, out, allowPartial);
    for (String d : o.dropped()) System.err.println("merge: " + d + ": incomplete last line dropped (task killed while writing?)");
    if (!o.missing().isEmpty()) System.err.println("merge: shards missing: " + String.join(", ", o.missing()));
    System.err.printf("merge: %d runs from %d folders (%d duplicates dropped) -> %s%n",
        o.runs(), o.shards().size(), o.duplicates(), o.output());
    return 0;
  }
}
