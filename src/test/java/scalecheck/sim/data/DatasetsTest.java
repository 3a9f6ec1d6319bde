package scalecheck.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import scalecheck.sim.DataSpec;
import scalecheck.sim.Dataset;

class DatasetsTest {

  /** The linear teacher as first written: the data of existing seeds must not change. */
  private static Dataset linearReference(DataSpec spec, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int d = spec.d();
    double[] w = new double[d];
    for (int i = 0; i < d; i++) w[i] = normal(rnd);
    double[][] x = new double[2][];
    double[][] y = new double[2][];
    int[] sizes = {spec.train(), spec.test()};
    for (int part = 0; part < 2; part++) {
      x[part] = new double[sizes[part] * d];
      for (int a = 0; a < sizes[part]; a++) {
        double s = 0;
        for (int i = 0; i < d; i++) {
          double v = normal(rnd);
          x[part][a * d + i] = v;
          s += v * v;
        }
        double scale = Math.sqrt(d / s);
        for (int i = 0; i < d; i++) x[part][a * d + i] *= scale;
      }
    }
    for (int part = 0; part < 2; part++) {
      y[part] = new double[sizes[part]];
      for (int a = 0; a < sizes[part]; a++) {
        double s = 0;
        for (int i = 0; i < d; i++) s += x[part][a * d + i] * w[i];
        y[part][a] = s >= 0 ? 1 : -1;
      }
    }
    return new Dataset(d, x[0], y[0], x[1], y[1], "linear teacher, d=" + d);
  }

  private static double normal(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }

  @Test
  void linearTeacherIsUnchangedBitForBit() {
    for (long seed : new long[] {0, 1, 42, -7}) {
      DataSpec spec = DataSpec.defaults().withTrain(50).withTest(20).withD(7);
      Dataset got = Datasets.make(spec, seed);
      Dataset want = linearReference(spec, seed);
      assertArrayEquals(want.xTrain(), got.xTrain(), 0);
      assertArrayEquals(want.yTrain(), got.yTrain(), 0);
      assertArrayEquals(want.xTest(), got.xTest(), 0);
      assertArrayEquals(want.yTest(), got.yTest(), 0);
      assertEquals(want.description(), got.description());
    }
  }

  @Test
  void reluTeacherLabelsAreBalanced() {
    for (long seed = 0; seed < 5; seed++) {
      Dataset ds = Datasets.make(DataSpec.defaults().withKind("relu").withK(8).withTrain(4000).withTest(0), seed);
      double mean = Arrays.stream(ds.yTrain()).average().orElseThrow();
      // the median of 20001 draws splits the classes to within about 0.02 of even; the sampling sd
      // of the mean of 4000 balanced signs is 0.016
      assertEquals(0, mean, 0.08, "seed " + seed);
      for (double v : ds.yTrain()) assertTrue(v == 1 || v == -1);
    }
  }

  @Test
  void reluTeacherIsNotTheLinearOne() {
    DataSpec spec = DataSpec.defaults().withTrain(2000).withK(16);
    Dataset relu = Datasets.make(spec.withKind("relu"), 3);
    // a ReLU teacher's labels are not a half-space: no linear separator fitted by least squares
    // reproduces them (for a linear teacher it reproduces nearly all)
    assertTrue(leastSquaresAgreement(relu) < 0.97, "agreement " + leastSquaresAgreement(relu));
    assertTrue(leastSquaresAgreement(Datasets.make(spec, 3)) > 0.97);
  }

  /** Fraction of labels matched by sign(x . w) for the least-squares w. */
  private static double leastSquaresAgreement(Dataset ds) {
    int d = ds.d();
    int p = ds.train();
    double[][] a = new double[d][d + 1];
    for (int r = 0; r < p; r++) {
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) a[i][j] += ds.xTrain()[r * d + i] * ds.xTrain()[r * d + j];
        a[i][d] += ds.xTrain()[r * d + i] * ds.yTrain()[r];
      }
    }
    for (int c = 0; c < d; c++) { // Gauss-Jordan on the normal equations (well conditioned here)
      for (int r = 0; r < d; r++) {
        if (r == c) continue;
        double f = a[r][c] / a[c][c];
        for (int k = c; k <= d; k++) a[r][k] -= f * a[c][k];
      }
    }
    int agree = 0;
    for (int r = 0; r < p; r++) {
      double s = 0;
      for (int i = 0; i < d; i++) s += ds.xTrain()[r * d + i] * a[i][d] / a[i][i];
      if ((s >= 0 ? 1 : -1) == ds.yTrain()[r]) agree++;
    }
    return agree / (double) p;
  }

  @Test
  void parityLabelsAreTheProductOfTheFirstKSigns() {
    for (int k = 1; k <= 5; k++) {
      Dataset ds = Datasets.make(DataSpec.defaults().withKind("parity").withD(5).withK(k).withTrain(300), k);
      for (int p = 0; p < ds.train(); p++) {
        double prod = 1;
        for (int i = 0; i < k; i++) prod *= Math.signum(ds.xTrain()[p * 5 + i]);
        assertEquals(prod, ds.yTrain()[p], "point " + p + " k " + k);
      }
      double mean = Arrays.stream(ds.yTrain()).average().orElseThrow();
      assertTrue(Math.abs(mean) < 0.25, "parity classes are balanced, mean " + mean);
    }
  }

  @Test
  void teacher2dInputsAreStandardNormalNotNormalised() {
    Dataset ds = Datasets.make(DataSpec.defaults().withKind("teacher2d").withTrain(5000), 11);
    assertEquals(2, ds.d());
    double sq = 0;
    double min = Double.MAX_VALUE;
    double max = 0;
    for (int p = 0; p < ds.train(); p++) {
      double r2 = ds.xTrain()[2 * p] * ds.xTrain()[2 * p] + ds.xTrain()[2 * p + 1] * ds.xTrain()[2 * p + 1];
      sq += r2;
      min = Math.min(min, r2);
      max = Math.max(max, r2);
    }
    assertEquals(2, sq / ds.train(), 0.15); // E|x|^2 = 2, sd of the mean 0.03
    assertTrue(min < 0.05 && max > 8, "radii spread like a chi^2_2");
  }

  /**
   * The teacher (1/sqrt k) sum_j a*_j ReLU(&lt;w*_j, x&gt;) with unit w*_j: positively homogeneous of
   * degree 1, and y(x) - y(-x) = (1/sqrt k) sum_j a*_j &lt;w*_j, x&gt; is linear in x.
   */
  @Test
  void teacher2dHasTheStatedForm() {
    Datasets.SyntheticSampler s = (Datasets.SyntheticSampler) Datasets.sampler(
        DataSpec.defaults().withKind("teacher2d").withK(3), 5);
    double[] x = {1, 0, 0, 1, -1, 0, 0, -1, 0.6, -0.8, -0.6, 0.8, 2.4, -3.2};
    double[] y = new double[7];
    s.label(x, y);
    assertEquals(4 * y[4], y[6], 1e-12); // (2.4, -3.2) = 4 (0.6, -0.8)
    double vx = y[0] - y[2];
    double vy = y[1] - y[3];
    assertEquals(0.6 * vx - 0.8 * vy, y[4] - y[5], 1e-12);
    assertFalse(y[0] == 0 && y[1] == 0 && y[2] == 0 && y[3] == 0);
    // |y| <= (1/sqrt k) sum |a_j| |x|, and the teacher is not identically 0
    assertNotEquals(0, Math.abs(vx) + Math.abs(vy));
  }

  /** The teacher handed to plots is the one that labels the data: recomputing y from it matches. */
  @Test
  void teacher2dWeightsAreTheTeacherThatLabelsTheData() {
    DataSpec spec = DataSpec.defaults().withKind("teacher2d").withK(3).withTrain(50).withTest(1);
    Dataset data = Datasets.make(spec, 17);
    double[][] t = Datasets.teacher2d(spec, 17);
    assertEquals(6, t[0].length);
    assertEquals(3, t[1].length);
    for (int j = 0; j < 3; j++) assertEquals(1, Math.hypot(t[0][2 * j], t[0][2 * j + 1]), 1e-12);
    for (int p = 0; p < 50; p++) {
      double s = 0;
      for (int j = 0; j < 3; j++) {
        s += t[1][j] * Math.max(0, t[0][2 * j] * data.xTrain()[2 * p] + t[0][2 * j + 1] * data.xTrain()[2 * p + 1]);
      }
      assertEquals(s / Math.sqrt(3), data.yTrain()[p], 1e-12);
    }
    assertThrows(IllegalArgumentException.class, () -> Datasets.teacher2d(DataSpec.defaults(), 17));
  }

  @Test
  void teacher2dSamplerDrawsFreshInputsWithTheSameTeacher() {
    DataSpec spec = DataSpec.defaults().withKind("teacher2d").withTrain(64);
    Datasets.SyntheticSampler s = (Datasets.SyntheticSampler) Datasets.sampler(spec, 9);
    SplittableRandom rnd = new SplittableRandom(1);
    double[] x1 = new double[128];
    double[] y1 = new double[64];
    double[] x2 = new double[128];
    double[] y2 = new double[64];
    s.fill(rnd, x1, y1);
    s.fill(rnd, x2, y2);
    assertFalse(Arrays.equals(x1, x2), "a fresh batch each call");
    double[] again = new double[64];
    s.label(x1, again);
    assertArrayEquals(y1, again, 0, "the teacher did not move between calls");
    Dataset ds = Datasets.make(spec, 9);
    double[] fromSampler = new double[64];
    s.label(ds.xTrain(), fromSampler);
    assertArrayEquals(ds.yTrain(), fromSampler, 0, "the sampler's teacher is the dataset's teacher");
    Datasets.SyntheticSampler other = (Datasets.SyntheticSampler) Datasets.sampler(spec, 10);
    double[] otherY = new double[64];
    other.label(x1, otherY);
    assertFalse(Arrays.equals(y1, otherY), "another data seed, another teacher");
  }

  @Test
  void samplersOfTheClassificationKindsMatchTheirDatasets() {
    for (String kind : new String[] {"linear", "relu", "parity"}) {
      DataSpec spec = DataSpec.defaults().withKind(kind).withTrain(200).withD(6).withK(3);
      Datasets.SyntheticSampler s = (Datasets.SyntheticSampler) Datasets.sampler(spec, 21);
      Dataset ds = Datasets.make(spec, 21);
      double[] y = new double[200];
      s.label(ds.xTrain(), y);
      assertArrayEquals(ds.yTrain(), y, 0, kind);
      double[] x = new double[30 * 6];
      double[] yb = new double[30];
      s.fill(new SplittableRandom(2), x, yb);
      for (int p = 0; p < 30; p++) {
        double n2 = 0;
        for (int i = 0; i < 6; i++) n2 += x[p * 6 + i] * x[p * 6 + i];
        assertEquals(6, n2, 1e-12, kind + " sampler inputs are normalised");
      }
    }
  }

  @Test
  void badSpecsAreRejectedWithTheField() {
    assertMessage("data.kind: 'cifar'", () -> Datasets.make(DataSpec.defaults().withKind("cifar"), 1));
    assertMessage("data.k: parity order", () -> Datasets.make(DataSpec.defaults().withKind("parity").withK(11), 1));
    assertMessage("data.d: must be >= 1", () -> Datasets.make(DataSpec.defaults().withD(0), 1));
    assertMessage("data.train: must be >= 1", () -> Datasets.make(DataSpec.defaults().withTrain(0), 1));
    assertMessage("data.k: the relu teacher width", () -> Datasets.make(DataSpec.defaults().withKind("relu").withK(0), 1));
    assertMessage("data.path: required", () -> Datasets.make(DataSpec.defaults().withKind("csv"), 1));
    assertMessage("data.kind: online sampling", () -> Datasets.sampler(DataSpec.defaults().withKind("idx"), 1));
    assertMessage("do not fit", () -> Datasets.make(DataSpec.defaults().withD(100000).withTrain(100000), 1));
    Sampler s = Datasets.sampler(DataSpec.defaults(), 1);
    assertMessage("Sampler.fill", () -> s.fill(new SplittableRandom(1), new double[5], new double[1]));
  }

  @Test
  void anUnknownKindIsNamedWithEveryKindTheSimulatorAccepts() {
    DataSpec bad = DataSpec.defaults().withKind("mnist");
    assertMessage("data.kind: 'mnist' is not one of linear, relu, parity, teacher2d, csv, idx, fashion-mnist",
        () -> Datasets.make(bad, 1));
    // the simulator's validation reads the same list: it names the same seven kinds (sorted)
    assertMessage("data.kind: unknown 'mnist', expected one of [csv, fashion-mnist, idx, linear, parity, relu, teacher2d]",
        () -> scalecheck.sim.Simulator.validate(new scalecheck.sim.RunSpec(scalecheck.sim.ModelSpec.defaults(), bad,
            scalecheck.sim.DynamicsSpec.defaults(), 1, 1)));
  }

  @Test
  void inputDimensionIsTwoForTheChizatTeacherThePixelsOrComponentsForImagesElseD() {
    DataSpec d = DataSpec.defaults().withD(17);
    assertEquals(17, Datasets.inputDim(d));
    assertEquals(17, Datasets.inputDim(d.withKind("parity")));
    assertEquals(2, Datasets.inputDim(d.withKind("teacher2d")));
    assertEquals(28 * 28, Datasets.inputDim(d.withKind(Datasets.FASHION)));
    assertEquals(50, Datasets.inputDim(d.withKind(Datasets.FASHION).withPca(50)));
    assertEquals(1, Datasets.inputDim(d.withD(0)));
  }

  static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable e) {
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
    assertTrue(ex.getMessage().contains(fragment), () -> "message '" + ex.getMessage() + "' lacks '" + fragment + "'");
  }
}
