package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import scalecheck.spec.SpecException;

/**
 * Checks of measurements files: the formats read (wide CSV, long CSV, JSON Lines) give the same
 * series, and each kind of bad input is refused with its exact {@code file:line: column: message}.
 */
class MeasurementFileTest {
  private static final Path ROOT = Path.of("target", "check-tests", "measurement-file");

  private static final String GOOD = "n,seed,dz.mean,loss\n"
      + "64,0,0.1,1\n64,1,0.11,1\n"
      + "128,0,0.07,1\n128,1,0.072,1\n"
      + "256,0,0.05,1\n256,1,0.049,1\n";

  private static String check(String measure, String file, String extra) {
    return "id: dz\nlaw: t/dz\nvary: n\nmeasurements: " + file + "\nmeasure: " + measure + "\ntolerance: 0.1\n"
        + extra;
  }

  /** Writes the data file and a check naming it, and parses the check. */
  private static CheckSpec parse(String name, String dataName, String data, String measure, String extra) {
    Path dir = ROOT.resolve(name + "-" + System.nanoTime());
    Fixtures.write(dir, dataName, data);
    Path f = Fixtures.write(dir, "c.yaml", check(measure, dataName, extra));
    return new CheckParser(Fixtures.laws()).parse(f, false);
  }

  /** The message for bad data, with the data file's path replaced by FILE. */
  private static String error(String data, String measure) {
    Path dir = ROOT.resolve("bad-" + System.nanoTime());
    Path d = Fixtures.write(dir, "dz.csv", data);
    Path f = Fixtures.write(dir, "c.yaml", check(measure, "dz.csv", ""));
    SpecException e = assertThrows(SpecException.class, () -> new CheckParser(Fixtures.laws()).parse(f, false));
    return e.getMessage().replace(d.normalize().toString(), "FILE");
  }

  private static List<CheckResult> results(CheckSpec c) {
    return Evaluator.evaluate(c, Fixtures.laws(), new FileMeasurements(c.measurements()), 1);
  }

  @Test
  void wideCsvIsReadWithItsSweepAndSeeds() {
    CheckSpec c = parse("wide", "dz.csv", GOOD, "dz.mean", "");
    assertNull(c.base());
    assertEquals(List.of("n"), List.copyOf(c.sweep().keySet()));
    assertEquals(List.of(64.0, 128.0, 256.0), c.sweep().get("n").stream().map(CheckSpec.SweepValue::value).toList());
    assertEquals(2, c.seeds());
    CheckResult r = results(c).get(0);
    assertEquals(6, r.runs());
    assertEquals(List.of(0.1, 0.11), r.points().get(0).perSeed());
    assertEquals(0.0495, r.points().get(2).mean(), 1e-15);
  }

  @Test
  void longFormatAndJsonLinesGiveTheSameFitAsWideCsv() {
    CheckResult wide = results(parse("w", "dz.csv", GOOD, "dz.mean", "")).get(0);
    StringBuilder longCsv = new StringBuilder("n,seed,quantity,value\n");
    StringBuilder jsonl = new StringBuilder();
    String[] lines = GOOD.split("\n");
    for (int i = 1; i < lines.length; i++) {
      String[] c = lines[i].split(",");
      longCsv.append(c[0]).append(',').append(c[1]).append(",loss,").append(c[3]).append('\n');
      longCsv.append(c[0]).append(',').append(c[1]).append(",dz.mean,").append(c[2]).append('\n');
      jsonl.append("{\"n\": ").append(c[0]).append(", \"seed\": ").append(c[1]).append(", \"dz.mean\": ")
          .append(c[2]).append("}\n");
    }
    for (CheckResult other : List.of(results(parse("l", "dz.csv", longCsv.toString(), "dz.mean", "")).get(0),
        results(parse("j", "dz.jsonl", jsonl.toString(), "dz.mean", "")).get(0))) {
      assertEquals(wide.fitted(), other.fitted());
      assertEquals(wide.ciLow(), other.ciLow());
      assertEquals(wide.ciHigh(), other.ciHigh());
      assertEquals(wide.verdict(), other.verdict());
      assertEquals(wide.points(), other.points());
    }
  }

  @Test
  void otherSweptSymbolsGiveOneSeriesEachAndConstantOnesAreHeldFixed() {
    StringBuilder b = new StringBuilder("# written by a test\nalpha,n,P,seed,dz\n");
    for (String a : List.of("1", "8")) {
      for (int n : new int[] {64, 128, 256}) {
        for (int s = 0; s < 2; s++) {
          double v = 0.3 / (Math.sqrt(n) * Double.parseDouble(a)) * (1 + 0.01 * s);
          b.append(a).append(',').append(n).append(",32,").append(s).append(',').append(v).append('\n');
        }
      }
    }
    // exact power laws: no finite-width correction (three widths could not afford one)
    CheckSpec c = parse("series", "dz.csv", b.toString(), "dz", "fit: {correction: none}\n");
    List<CheckResult> rs = results(c);
    assertEquals(List.of("dz[alpha=1]", "dz[alpha=8]"), rs.stream().map(CheckResult::id).toList());
    for (CheckResult r : rs) {
      assertEquals(-0.5, r.fitted(), 1e-12);
      assertEquals(Verdict.PASS, r.verdict(), r.reason());
      assertEquals("32", r.fixed().get("P"));
    }
  }

  @Test
  void aByteOrderMarkCommentsAndQuotedCellsAreRead() {
    String data = "\uFEFF# from a spreadsheet\n" + GOOD.replace("128,0,0.07,1", "\"128\",0,\"0.07\",\"a, b\"");
    CheckResult r = results(parse("bom", "dz.csv", data, "dz.mean", "")).get(0);
    assertEquals(6, r.runs());
    assertEquals(List.of(0.07, 0.072), r.points().get(1).perSeed());
    assertEquals("FILE:7: dz.mean: 'x' is not a number", error(data.replace("256,0,0.05", "256,0,x"), "dz.mean"));
  }

  @Test
  void anEmptyMeasureCellIsAnExcludedRun() {
    CheckResult r = results(parse("empty", "dz.csv", GOOD.replace("128,1,0.072,1", "128,1,,1"), "dz.mean", ""))
        .get(0);
    assertEquals(6, r.runs());
    assertEquals(1, r.excluded());
    assertEquals(List.of(0.07), r.points().get(1).perSeed().stream().filter(v -> !Double.isNaN(v)).toList());
  }

  @Test
  void theSameRunWrittenTwiceWithTheSameValueIsOneRun() {
    CheckResult r = results(parse("dup", "dz.csv", GOOD + "64,0,0.1,1\n", "dz.mean", "")).get(0);
    assertEquals(6, r.runs());
  }

  // --- bad input, each with its exact message ---

  @Test
  void missingFile() {
    Path dir = ROOT.resolve("missing-" + System.nanoTime());
    Path f = Fixtures.write(dir, "c.yaml", check("dz", "results/nope.csv", ""));
    SpecException e = assertThrows(SpecException.class, () -> new CheckParser(Fixtures.laws()).parse(f, false));
    assertEquals(f + ":4: measurements: no such file: " + dir.resolve("results/nope.csv"), e.getMessage());
  }

  @Test
  void misspeltMeasureColumnListsTheColumnsAndSuggestsTheClosest() {
    assertEquals("FILE:1: dz: no such column (columns: n, seed, dz.mean, loss); did you mean dz.mean?",
        error(GOOD, "dz"));
    assertEquals("FILE:1: dz.maen: no such column (columns: n, seed, dz.mean, loss); did you mean dz.mean?",
        error(GOOD, "dz.maen"));
  }

  @Test
  void missingSeedOrVariedColumn() {
    assertEquals("FILE:1: seed: no such column (columns: n, Seed, dz.mean, loss); did you mean Seed?",
        error(GOOD.replace("n,seed", "n,Seed"), "dz.mean"));
    assertEquals("FILE:1: n: no such column (columns: width, seed, dz.mean, loss)",
        error(GOOD.replace("n,seed", "width,seed"), "dz.mean"));
  }

  @Test
  void nonNumericValue() {
    assertEquals("FILE:4: dz.mean: 'abc' is not a number", error(GOOD.replace("128,0,0.07", "128,0,abc"), "dz.mean"));
    assertEquals("FILE:4: dz.mean: '0x1p3' is not a number", error(GOOD.replace("128,0,0.07", "128,0,0x1p3"), "dz.mean"));
    assertEquals("FILE:4: n: 'wide' is not a number", error(GOOD.replace("128,0,0.07", "wide,0,0.07"), "dz.mean"));
  }

  @Test
  void nonFiniteValue() {
    assertEquals("FILE:4: dz.mean: NaN is not finite", error(GOOD.replace("128,0,0.07", "128,0,NaN"), "dz.mean"));
    assertEquals("FILE:4: dz.mean: -inf is not finite", error(GOOD.replace("128,0,0.07", "128,0,-inf"), "dz.mean"));
    assertEquals("FILE:4: dz.mean: 1e999 is not finite (beyond the range of a double)",
        error(GOOD.replace("128,0,0.07", "128,0,1e999"), "dz.mean"));
  }

  @Test
  void zeroOrNegativeWhereALogIsTaken() {
    assertEquals("FILE:4: dz.mean: 0 is not positive: the fit takes the log of dz.mean",
        error(GOOD.replace("128,0,0.07", "128,0,0"), "dz.mean"));
    assertEquals("FILE:4: dz.mean: -0.07 is not positive: the fit takes the log of dz.mean",
        error(GOOD.replace("128,0,0.07", "128,0,-0.07"), "dz.mean"));
    assertEquals("FILE:4: n: -128 is not positive: n is the varied symbol and its log is taken",
        error(GOOD.replace("128,0,0.07", "-128,0,0.07"), "dz.mean"));
  }

  @Test
  void rowWithNoSeed() {
    assertEquals("FILE:5: seed: empty: every row needs a seed", error(GOOD.replace("128,1,0.072", "128,,0.072"), "dz.mean"));
  }

  @Test
  void theSameSymbolsAndSeedTwiceWithDifferentValues() {
    assertEquals("FILE:8: dz.mean: n = 64, seed = 1 is given twice with different values: 0.12 here, 0.11 on line 3",
        error(GOOD + "64,1.0,0.12,1\n", "dz.mean"));
  }

  @Test
  void fewerWidthsThanTheFitNeeds() {
    String two = "n,seed,dz.mean\n64,0,0.1\n128,0,0.07\n64,1,0.1\n";
    assertEquals("FILE:2: n: 2 values (64, 128), the fit needs at least 3 (fit.min_points 3)", error(two, "dz.mean"));
    Path dir = ROOT.resolve("drop-" + System.nanoTime());
    Path d = Fixtures.write(dir, "dz.csv", GOOD);
    Path f = Fixtures.write(dir, "c.yaml", check("dz.mean", "dz.csv", "fit: {drop: 1}\n"));
    SpecException e = assertThrows(SpecException.class, () -> new CheckParser(Fixtures.laws()).parse(f, false));
    assertEquals(d.normalize() + ":2: n: 3 values (64, 128, 256), the fit needs at least 4 (fit.drop 1 + fit.min_points 3)",
        e.getMessage());
  }

  @Test
  void aSeriesWithTooFewWidthsIsNamed() {
    String data = "n,alpha,seed,dz\n64,1,0,0.1\n128,1,0,0.07\n256,1,0,0.05\n64,8,0,0.01\n128,8,0,0.007\n";
    assertEquals("FILE:5: n: 2 values (64, 128) where alpha = 8, the fit needs at least 3 (fit.min_points 3)",
        error(data, "dz"));
  }

  @Test
  void rowWithTooFewCellsAndJsonLinesErrorsNameTheirLine() {
    assertEquals("FILE:4: the row has 3 cells, the header (line 1) has 4", error(GOOD.replace("128,0,0.07,1", "128,0,0.07"), "dz.mean"));
    Path dir = ROOT.resolve("jsonl-" + System.nanoTime());
    Path d = Fixtures.write(dir, "dz.jsonl", "{\"n\": 64, \"seed\": 0, \"dz\": 0.1}\n\n{\"n\": 128, \"seed\": 0, \"dz\": \"x\"}\n");
    Path f = Fixtures.write(dir, "c.yaml", check("dz", "dz.jsonl", ""));
    SpecException e = assertThrows(SpecException.class, () -> new CheckParser(Fixtures.laws()).parse(f, false));
    assertEquals(d.normalize() + ":3: dz: 'x' is not a number", e.getMessage());
  }

  @Test
  void engineSettingsAreRefusedBesideMeasurements() {
    Path dir = ROOT.resolve("engine-keys-" + System.nanoTime());
    Fixtures.write(dir, "dz.csv", GOOD);
    Path f = Fixtures.write(dir, "c.yaml", check("dz.mean", "dz.csv", "model: {depth: 2}\n"));
    SpecException e = assertThrows(SpecException.class, () -> new CheckParser(Fixtures.laws()).parse(f, false));
    assertEquals(f + ":7: model: not used with measurements: (the file holds the measurements, the swept values "
        + "and the seeds); remove it", e.getMessage());
  }
}
