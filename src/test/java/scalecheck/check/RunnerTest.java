package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import scalecheck.sim.RunSpec;

/** Resume after an interruption, truncated lines, shared runs, and independence from the thread count. */
class RunnerTest {
  private static final Path DIR = Path.of("target", "check-tests", "runner");

  private static Path fresh(String name) throws IOException {
    Path d = DIR.resolve(name + "-" + System.nanoTime());
    Files.createDirectories(d);
    return d;
  }

  private static List<String> lines(Path out) throws IOException {
    return Files.readAllLines(out.resolve("results.jsonl"));
  }

  private static Set<String> keys(Path out) throws IOException {
    Set<String> k = new HashSet<>();
    for (String l : lines(out)) {
      RunRecord r = ResultStore.JSON.readValue(l, RunRecord.class);
      assertTrue(k.add(r.key()), "duplicate key " + r.key());
    }
    return k;
  }

  /** An engine that crashes (an exception, as an interrupt would) after {@code limit} runs. */
  private static RunExecutor crashingAfter(int limit, AtomicInteger count) {
    return spec -> {
      if (count.incrementAndGet() > limit) throw new IllegalStateException("killed");
      return Fixtures.ok(spec, 0.1);
    };
  }

  @Test
  void interruptedVerificationResumesWithoutLossOrDuplicates() throws IOException {
    Path d = fresh("resume");
    Path check = Fixtures.write(d, "a.yaml", Fixtures.dwCheck("a", "t/dW", ""));
    Path reference = d.resolve("reference");
    CheckResult expected = Fixtures.only(Fixtures.verify(List.of(check), Fixtures.powerLaws(0.1), reference, 2, false, 5));

    Path out = d.resolve("out");
    AtomicInteger count = new AtomicInteger();
    assertThrows(IllegalStateException.class,
        () -> Fixtures.verify(List.of(check), crashingAfter(9, count), out, 2, false, 5));
    int stored = lines(out).size();
    assertTrue(stored >= 8 && stored <= 9, "stored " + stored);

    AtomicInteger second = new AtomicInteger();
    RunExecutor counting = spec -> {
      second.incrementAndGet();
      return Fixtures.ok(spec, 0.1);
    };
    CheckResult resumed = Fixtures.only(Fixtures.verify(List.of(check), counting, out, 2, false, 5));
    assertEquals(20 - stored, second.get(), "only the missing runs are run again");
    assertEquals(expected, resumed);
    assertEquals(20, keys(out).size());
    assertEquals(keys(reference), keys(out));
  }

  @Test
  void truncatedLastLineIsDroppedAndRedone() throws IOException {
    Path d = fresh("truncated");
    Path check = Fixtures.write(d, "a.yaml", Fixtures.dwCheck("a", "t/dW", ""));
    Path out = d.resolve("out");
    CheckResult first = Fixtures.only(Fixtures.verify(List.of(check), Fixtures.powerLaws(0.1), out, 1, false, 5));
    List<String> all = lines(out);
    String last = all.get(all.size() - 1);
    StringBuilder cut = new StringBuilder();
    for (int i = 0; i < all.size() - 1; i++) cut.append(all.get(i)).append('\n');
    cut.append(last, 0, last.length() / 2);
    Files.writeString(out.resolve("results.jsonl"), cut.toString());

    try (ResultStore store = ResultStore.open(out.resolve("results.jsonl"))) {
      assertEquals(1, store.dropped());
      assertEquals(19, store.all().size());
    }
    AtomicInteger runs = new AtomicInteger();
    CheckResult again = Fixtures.only(Fixtures.verify(List.of(check), spec -> {
      runs.incrementAndGet();
      return Fixtures.ok(spec, 0.1);
    }, out, 1, false, 5));
    assertEquals(1, runs.get());
    assertEquals(first, again);
    assertEquals(20, keys(out).size());
  }

  @Test
  void sameRunAskedByTwoChecksRunsOnce() throws IOException {
    Path d = fresh("shared");
    Path a = Fixtures.write(d, "a.yaml", Fixtures.dwCheck("a", "t/dW", ""));
    Path b = Fixtures.write(d, "b.yaml", Fixtures.dwCheck("b", "t/dz", "").replace("dW.hidden", "dz.mean"));
    AtomicInteger runs = new AtomicInteger();
    Verifier.Result r = Fixtures.verify(List.of(a, b), spec -> {
      runs.incrementAndGet();
      return Fixtures.ok(spec, 0);
    }, d.resolve("out"), 2, false, 5);
    assertEquals(20, runs.get());
    assertEquals(2, r.checks().size());
    assertEquals(Verdict.PASS, r.checks().get(0).verdict(), r.checks().get(0).reason());
    assertEquals(Verdict.PASS, r.checks().get(1).verdict(), r.checks().get(1).reason());
  }

  @Test
  void resultsDoNotDependOnTheNumberOfThreads() throws IOException {
    Path d = fresh("threads");
    Path check = Fixtures.write(d, "a.yaml", Fixtures.dwCheck("a", "t/dW", ""));
    CheckResult one = Fixtures.only(Fixtures.verify(List.of(check), Fixtures.powerLaws(0.2), d.resolve("t1"), 1, false, 9));
    CheckResult three = Fixtures.only(Fixtures.verify(List.of(check), Fixtures.powerLaws(0.2), d.resolve("t3"), 3, false, 9));
    assertEquals(one, three);
    CheckResult otherSeed = Fixtures.only(Fixtures.verify(List.of(check), Fixtures.powerLaws(0.2), d.resolve("s"), 3, false, 10));
    assertNotEquals(one.fitted(), otherSeed.fitted(), "the seed must matter");
  }

  @Test
  void runKeyIsTheHashOfTheWholeSpec() {
    RunSpec a = new RunSpec(scalecheck.sim.ModelSpec.defaults(), scalecheck.sim.DataSpec.defaults(),
        scalecheck.sim.DynamicsSpec.defaults(), 1, 2);
    assertEquals(RunKey.of(a), RunKey.of(a.withSeed(1)));
    assertNotEquals(RunKey.of(a), RunKey.of(a.withSeed(3)));
    assertNotEquals(RunKey.of(a), RunKey.of(a.withDynamics(a.dynamics().withMaxDgrad(0.02))));
    assertNotEquals(RunKey.of(a), RunKey.of(a.withModel(a.model().withBeta(2))));
    assertEquals(64, RunKey.of(a).length());
    // SHA-256 of "abc" (FIPS 180-4, appendix B.1): the hash behind every key
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex("abc"));
    assertEquals(Sha256.hex(RunKey.canonicalJson(a)), RunKey.of(a));
  }
}
