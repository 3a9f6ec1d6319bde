package scalecheck.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static scalecheck.sim.data.DatasetsTest.assertMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import scalecheck.sim.DataSpec;
import scalecheck.sim.Dataset;

class CsvFilesTest {
  static final Path DIR = Path.of("target", "test-data", "csv");

  static Path write(String name, String text) {
    try {
      Files.createDirectories(DIR);
      Path p = DIR.resolve(name);
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void headerWithLabelColumnInTheMiddle() {
    Path p = write("middle.csv", "x1,label,x2\n3,4,4\n0,7,-2\n\n# a comment\n1,2,1\n");
    LabeledRows r = CsvFiles.read(p, CsvFiles.Labels.AUTO);
    assertEquals(2, r.d());
    // rows rescaled to |x| = sqrt(2): (3, 4) -> (3, 4) sqrt(2)/5
    double s = Math.sqrt(2);
    assertArrayEquals(new double[] {3 * s / 5, 4 * s / 5, 0, -s, 1, 1}, r.x(), 1e-15);
    assertArrayEquals(new double[] {1, -1, 1}, r.y(), 0); // classes 4, 7, 2 by parity
  }

  @Test
  void noHeaderLastColumnIsTheLabel() {
    Path p = write("plain.csv", "1.5,0,9\n0,2,10\n-1,1,3.0\n");
    LabeledRows r = CsvFiles.read(p, CsvFiles.Labels.PARITY);
    assertEquals(3, r.rows());
    assertArrayEquals(new double[] {-1, 1, -1}, r.y(), 0);
    assertEquals(1.5 * Math.sqrt(2) / 1.5, r.x()[0], 1e-15);
  }

  @Test
  void plusMinusOneLabelsPassThroughOrGoByParity() {
    Path p = write("pm.csv", "a,b,label\n1,0,1\n0,1,-1\n1,1,1\n");
    assertArrayEquals(new double[] {1, -1, 1}, CsvFiles.read(p, CsvFiles.Labels.AUTO).y(), 0);
    assertArrayEquals(new double[] {1, -1, 1}, CsvFiles.read(p, CsvFiles.Labels.PASS_THROUGH).y(), 0);
    assertArrayEquals(new double[] {-1, -1, -1}, CsvFiles.read(p, CsvFiles.Labels.PARITY).y(), 0);
    Path q = write("pm-bad.csv", "a,b,label\n1,0,1\n0,1,2\n");
    assertMessage("data.path: " + q + ":3: label '2' is not -1 or +1",
        () -> CsvFiles.read(q, CsvFiles.Labels.PASS_THROUGH));
  }

  @Test
  void classNamesAreNumberedInSortedOrder() {
    Path p = write("names.csv", "f1,f2,species\n1,2,\"versicolor\"\n2,1,setosa\n3,3,virginica\n1,1,setosa\n");
    // setosa = 0 (+1), versicolor = 1 (-1), virginica = 2 (+1)
    assertArrayEquals(new double[] {-1, 1, 1, 1}, CsvFiles.read(p, CsvFiles.Labels.AUTO).y(), 0);
  }

  @Test
  void badFilesNameTheFileLineAndProblem() {
    Path missing = DIR.resolve("nope.csv");
    assertMessage("data.path: " + missing + ": no such file", () -> CsvFiles.read(missing, CsvFiles.Labels.AUTO));
    Path cell = write("cell.csv", "x1,x2,label\n1,2,0\n1,abc,1\n");
    assertMessage("data.path: " + cell + ":3: cell 2 (column 'x2') is 'abc', not a finite number",
        () -> CsvFiles.read(cell, CsvFiles.Labels.AUTO));
    Path ragged = write("ragged.csv", "1,2,0\n1,2,3,1\n");
    assertMessage("data.path: " + ragged + ":2: 4 cells, expected 3 as on line 1",
        () -> CsvFiles.read(ragged, CsvFiles.Labels.AUTO));
    Path frac = write("frac.csv", "1,2,0\n1,2,0.5\n");
    assertMessage("data.path: " + frac + ":2: label '0.5' is a number but not an integer class",
        () -> CsvFiles.read(frac, CsvFiles.Labels.AUTO));
    Path zero = write("zero.csv", "1,2,0\n0,0,1\n");
    assertMessage("data.path: " + zero + ":2: every feature is 0", () -> CsvFiles.read(zero, CsvFiles.Labels.AUTO));
    Path empty = write("empty.csv", "\n# nothing\n");
    assertMessage("data.path: " + empty + ": the file has no rows", () -> CsvFiles.read(empty, CsvFiles.Labels.AUTO));
    Path onlyHeader = write("header.csv", "a,b,label\n");
    assertMessage("no data rows", () -> CsvFiles.read(onlyHeader, CsvFiles.Labels.AUTO));
    Path inf = write("inf.csv", "1,Infinity,0\n");
    assertMessage(":1: cell 2 is 'Infinity'", () -> CsvFiles.read(inf, CsvFiles.Labels.AUTO));
    assertMessage("data.path: " + DIR + ": is a directory", () -> CsvFiles.read(DIR, CsvFiles.Labels.AUTO));
    assertMessage("data.path: 'a\0b' is not a valid path",
        () -> Datasets.make(new DataSpec("csv", 0, 0, 0, 0, "a\0b", null), 1));
  }

  @Test
  void datasetHoldsOutTheLastRowsOrReadsATestFile() {
    StringBuilder b = new StringBuilder("u,v,label\n");
    for (int i = 1; i <= 10; i++) b.append(i).append(',').append(i % 3 + 1).append(',').append(i).append('\n');
    Path p = write("ten.csv", b.toString());
    DataSpec spec = new DataSpec("csv", 0, 0, 3, 0, p.toString(), null);
    Dataset ds = Datasets.make(spec, 1);
    assertEquals(7, ds.train());
    assertEquals(3, ds.test());
    assertEquals(2, ds.d());
    assertArrayEquals(new double[] {1, -1, 1}, ds.yTest(), 0); // rows 8, 9, 10 -> classes 8, 9, 10
    assertEquals(8 * Math.sqrt(2 / (64.0 + 9)), ds.xTest()[0], 1e-15);
    Dataset capped = Datasets.make(spec.withTrain(4), 1);
    assertEquals(4, capped.train());
    assertArrayEquals(ds.yTest(), capped.yTest(), 0);
    assertEquals(0, Datasets.make(spec.withTest(0), 1).test());
    Path t = write("test.csv", "u,v,label\n1,1,1\n2,2,2\n");
    Dataset two = Datasets.make(spec.withTestPath(t.toString()).withTest(0), 1);
    assertEquals(10, two.train());
    assertArrayEquals(new double[] {-1, 1}, two.yTest(), 0);
    Path wide = write("wide.csv", "1,1,1,1\n");
    assertMessage("data.testPath: " + wide + ": rows have 3 features",
        () -> Datasets.make(spec.withTestPath(wide.toString()), 1));
    assertMessage("data.testPath: ", () -> Datasets.make(spec.withTestPath(DIR.resolve("gone.csv").toString()), 1));
  }

  @Test
  void singleClassTrainingDataIsRejected() {
    Path p = write("oneclass.csv", "1,2,0\n2,1,2\n3,3,4\n1,1,1\n");
    DataSpec spec = new DataSpec("csv", 0, 0, 1, 0, p.toString(), null);
    assertMessage("data.path: " + p + ": the 3 training rows hold a single class (+1)", () -> Datasets.make(spec, 1));
  }
}
