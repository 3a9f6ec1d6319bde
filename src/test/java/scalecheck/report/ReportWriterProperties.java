package scalecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;
import static scalecheck.PropertyRuns.qt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import scalecheck.check.CheckResult;
import scalecheck.check.FitPoint;
import scalecheck.check.RunRecord;
import scalecheck.check.Verdict;
import scalecheck.check.VerifyOutcome;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunStatus;
import scalecheck.theory.Rational;

/** Whatever the numbers (zeros, negatives, NaN, missing fits), a report is written and reads back. */
class ReportWriterProperties {
  static final double[] AWKWARD = {0, -1, Double.NaN, Double.POSITIVE_INFINITY, 1e-300, 1e300, 1, 2.5};

  static double pick(Random r) {
    return r.nextInt(3) == 0 ? AWKWARD[r.nextInt(AWKWARD.length)] : Math.exp(3 * r.nextGaussian());
  }

  static Double maybe(Random r) {
    return r.nextInt(4) == 0 ? null : pick(r);
  }

  static VerifyOutcome awkward(long seed, int points) {
    Random r = new Random(seed);
    List<FitPoint> pts = new ArrayList<>();
    for (int i = 0; i < points; i++) pts.add(new FitPoint(pick(r), pick(r), List.of(pick(r), pick(r))));
    CheckResult c = new CheckResult("c" + seed, "law/x", r.nextBoolean() ? "n" : null, "dW.hidden", null,
        r.nextBoolean() ? Rational.of(-1, 2) : null, maybe(r), maybe(r), maybe(r), maybe(r), maybe(r), 0.1,
        "exponent", Verdict.values()[r.nextInt(3)], null, pts, List.of(), points, 0, List.of(), false, Map.of());
    List<RunRecord> runs = new ArrayList<>();
    for (int i = 0; i < points; i++) {
      runs.add(new RunRecord("c" + seed, "k" + i, Map.of("n", pick(r), "alpha", pick(r)), null,
          new RunResult(RunStatus.OK, null, 1, 1, 1,
          Map.of("kernel.change", pick(r), "dz.l1", pick(r), "t1.loss_half", pick(r)),
          Map.of("loss.t", new double[] {pick(r), pick(r)}, "loss.v", new double[] {pick(r), pick(r)}))));
    }
    return new VerifyOutcome(List.of(c), runs, null);
  }

  @Test
  void awkwardNumbersNeverBreakTheReport() {
    Path root = Path.of("target", "report-properties");
    qt(12).forAll(longs().all(), integers().between(0, 6)).checkAssert((seed, points) -> {
      VerifyOutcome o = awkward(seed, points);
      Path d = root.resolve("p");
      ReportWriter.deleteQuietly(d);
      ReportWriter.write(o, d);
      assertEquals(o.checks(), ReportReader.read(d).checks());
      try {
        String html = Files.readString(d.resolve("index.html"));
        assertTrue(html.contains(">c" + seed + "<"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
