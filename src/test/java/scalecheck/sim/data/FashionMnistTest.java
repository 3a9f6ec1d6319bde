package scalecheck.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import scalecheck.sim.DataSpec;
import scalecheck.sim.Dataset;

/**
 * The fashion-mnist kind: the PCA against an independent computation (power iteration with
 * deflation, written here), the missing-package message, and, where the Debian package is installed
 * (.ci/run installs it), the real files.
 */
class FashionMnistTest {
  /** Rows with a known dominant structure: x = A z with z ~ N(0, diag(9, 4, 1, 0.25, ...)). */
  static double[] correlated(int rows, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] a = new double[d][d];
    for (double[] row : a) for (int j = 0; j < d; j++) row[j] = r.nextGaussian();
    double[] x = new double[rows * d];
    for (int i = 0; i < rows; i++) {
      double[] z = new double[d];
      for (int j = 0; j < d; j++) z[j] = r.nextGaussian() * 3 / (j + 1) + (j == 0 ? 5 : 0);
      for (int k = 0; k < d; k++) {
        double s = 0;
        for (int j = 0; j < d; j++) s += a[k][j] * z[j];
        x[i * d + k] = s;
      }
    }
    return x;
  }

  /** Top k eigenvectors of the centred scatter matrix by power iteration with deflation. */
  static double[][] powerIteration(double[] x, int rows, int d, int k) {
    double[] m = new double[d];
    for (int i = 0; i < rows; i++) for (int j = 0; j < d; j++) m[j] += x[i * d + j] / rows;
    double[][] s = new double[d][d];
    for (int i = 0; i < rows; i++) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) s[a][b] += (x[i * d + a] - m[a]) * (x[i * d + b] - m[b]);
      }
    }
    double[][] out = new double[k][];
    for (int c = 0; c < k; c++) {
      double[] v = new double[d];
      Arrays.fill(v, 1);
      v[c % d] += 1;
      double lambda = 0;
      for (int it = 0; it < 5000; it++) {
        double[] w = new double[d];
        for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) w[a] += s[a][b] * v[b];
        double n = Math.sqrt(Arrays.stream(w).map(t -> t * t).sum());
        for (int a = 0; a < d; a++) v[a] = w[a] / n;
        lambda = n;
      }
      out[c] = v.clone();
      for (int a = 0; a < d; a++) for (int b = 0; b < d; b++) s[a][b] -= lambda * v[a] * v[b];
    }
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) s += a[i] * b[i];
    return s;
  }

  @Test
  void principalComponentsMatchPowerIterationThroughTheScatterMatrix() {
    int rows = 200;
    int d = 8;
    double[] x = correlated(rows, d, 3);
    double[][] v = FashionMnist.principalComponents(x, rows, d, 3);
    double[][] ref = powerIteration(x, rows, d, 3);
    for (int c = 0; c < 3; c++) {
      assertEquals(1.0, Math.abs(dot(v[c], ref[c])), 1e-8, "component " + c);
      for (int e = 0; e < 3; e++) assertEquals(c == e ? 1 : 0, dot(v[c], v[e]), 1e-10);
      int big = 0;
      for (int j = 0; j < d; j++) if (Math.abs(v[c][j]) > Math.abs(v[c][big])) big = j;
      assertTrue(v[c][big] > 0, "sign convention");
    }
  }

  @Test
  void principalComponentsMatchPowerIterationThroughTheGramMatrix() {
    int rows = 6; // fewer rows than dimensions: the Gram route
    int d = 12;
    double[] x = correlated(rows, d, 5);
    double[][] v = FashionMnist.principalComponents(x, rows, d, 3);
    double[][] ref = powerIteration(x, rows, d, 3);
    for (int c = 0; c < 3; c++) assertEquals(1.0, Math.abs(dot(v[c], ref[c])), 1e-8, "component " + c);
  }

  @Test
  void aMissingPackagedFileNamesThePackageAndItsInstallCommand() {
    DataSpec spec = new DataSpec("fashion-mnist", 0, 10, 10, 0, FashionMnist.DIR + "/no-images-idx3-ubyte.gz", null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.validate(spec));
    assertTrue(e.getMessage().startsWith("data.path: "), e.getMessage());
    assertTrue(e.getMessage().contains("dataset-fashion-mnist") && e.getMessage().contains("apt-get install"),
        e.getMessage());
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class,
        () -> FashionMnist.validate(new DataSpec("fashion-mnist", 0, 10, 10, 0, null, null, 10, true)));
    assertTrue(p.getMessage().startsWith("data.pca: "), p.getMessage());
  }

  @Test
  void realFilesGiveProjectedNormalisedBalancedData() {
    assumeTrue(Files.isReadable(java.nio.file.Path.of(FashionMnist.DIR, "train-images-idx3-ubyte.gz")),
        "the Debian package dataset-fashion-mnist is not installed (" + FashionMnist.INSTALL + ")");
    DataSpec spec = new DataSpec("fashion-mnist", 0, 200, 100, 0, null, null, 5, true);
    Dataset a = Datasets.make(spec, 11);
    assertEquals(5, a.d());
    assertEquals(200, a.train());
    assertEquals(100, a.test());
    for (int r = 0; r < a.train(); r++) {
      double s = 0;
      for (int j = 0; j < 5; j++) s += a.xTrain()[r * 5 + j] * a.xTrain()[r * 5 + j];
      assertEquals(5, s, 1e-9);
    }
    long plus = Arrays.stream(a.yTrain()).filter(y -> y == 1).count();
    assertTrue(plus > 60 && plus < 140, "parity classes are balanced in Fashion-MNIST: " + plus + " of 200");
    assertArrayEquals(a.xTest(), Datasets.make(spec, 11).xTest(), "same data seed, same data");
    assertFalse(Arrays.equals(a.xTrain(), Datasets.make(spec, 12).xTrain()), "another seed draws other images");
    Dataset raw = Datasets.make(spec.withPca(0).withCentre(false), 11);
    assertEquals(FashionMnist.PIXELS, raw.d());
    for (double v : raw.xTrain()) assertTrue(v >= 0, "uncentred pixels are not negative");
  }
}
