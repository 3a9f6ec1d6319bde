package scalecheck.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scalecheck.PropertyRuns.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import scalecheck.sim.DataSpec;
import scalecheck.sim.Dataset;

class DatasetsProperties {
  private static final String[] KINDS = {"linear", "relu", "parity", "teacher2d"};

  private static DataSpec spec(int kind, int d, int k) {
    return DataSpec.defaults().withKind(KINDS[kind]).withD(d).withK(Math.min(k, d)).withTrain(40).withTest(15);
  }

  @Test
  void sameSeedSameDataDifferentSeedDifferentData() {
    qt(60).forAll(longs().all(), integers().between(0, 3), integers().between(1, 12),
        integers().between(1, 6)).checkAssert((seed, kind, d, k) -> {
          DataSpec s = spec(kind, d, k);
          Dataset a = Datasets.make(s, seed);
          Dataset b = Datasets.make(s, seed);
          assertArrayEquals(a.xTrain(), b.xTrain(), 0);
          assertArrayEquals(a.yTrain(), b.yTrain(), 0);
          assertArrayEquals(a.xTest(), b.xTest(), 0);
          assertArrayEquals(a.yTest(), b.yTest(), 0);
          Dataset c = Datasets.make(s, seed + 1);
          assertFalse(Arrays.equals(a.xTrain(), c.xTrain()));
          assertFalse(Arrays.equals(a.xTrain(), a.xTest()) && a.d() * 40 == a.xTest().length);
        });
  }

  @Test
  void inputsLieOnTheSphereOfRadiusSqrtD() {
    qt(60).forAll(longs().all(), integers().between(0, 2), integers().between(1, 50),
        integers().between(1, 6)).checkAssert((seed, kind, d, k) -> {
          Dataset ds = Datasets.make(spec(kind, d, k), seed);
          assertEquals(d, ds.d());
          for (double[] x : new double[][] {ds.xTrain(), ds.xTest()}) {
            for (int p = 0; p < x.length / d; p++) {
              double s = 0;
              for (int i = 0; i < d; i++) s += x[p * d + i] * x[p * d + i];
              assertEquals(d, s, 1e-12 * d);
            }
          }
          for (double y : ds.yTrain()) assertTrue(y == 1 || y == -1);
        });
  }
}
