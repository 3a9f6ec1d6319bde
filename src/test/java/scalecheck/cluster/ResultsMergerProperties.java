package scalecheck.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static scalecheck.PropertyRuns.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import scalecheck.check.RunRecord;

/** Sharding then merging gives back the sweep, whatever the shard count and repeated runs. */
class ResultsMergerProperties {

  @Test
  void shardThenMergeIsTheSweep() {
    qt(40)
        .forAll(integers().between(1, 9), integers().between(0, 12), longs().between(0, 1_000_000))
        .checkAssert((n, perCheck, seed) -> {
          Path base = Fixtures.tmp("prop");
          List<RunRecord> sweep = Fixtures.sweep(perCheck);
          List<Path> dirs = ResultsMergerTest.shards(base, sweep, n, seed);
          // a resubmitted task may append runs that its folder already holds
          Random r = new Random(seed);
          int repeats = 0;
          for (RunRecord rec : sweep) {
            if (r.nextInt(4) == 0) {
              Fixtures.append(dirs.get(Shard.bucket(rec.key(), n) - 1).resolve("results.jsonl"), Fixtures.line(rec) + "\n");
              repeats++;
            }
          }
          List<Path> shuffled = new ArrayList<>(dirs);
          java.util.Collections.shuffle(shuffled, r);
          ResultsMerger.Outcome o = ResultsMerger.merge(shuffled, base.resolve("merged"), false);
          assertEquals(sweep.size(), o.runs());
          assertEquals(repeats, o.duplicates());
          assertEquals(ResultsMergerTest.lineSet(sweep), new TreeSet<>(Fixtures.lines(o.output())));
        });
  }
}
