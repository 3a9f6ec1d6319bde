package scalecheck.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The spread over seeds and its fit, on outputs whose spread is known by hand. */
class SeedSpreadTest {
  /** Outputs of each seed at one point: the base outputs scaled by {@code factor}. */
  private static List<double[]> scaled(double[][] base, double factor) {
    List<double[]> out = new ArrayList<>();
    for (double[] o : base) {
      double[] v = o.clone();
      for (int j = 0; j < v.length; j++) v[j] *= factor;
      out.add(v);
    }
    return out;
  }

  @Test
  void spreadIsTheRmsOverInputsOfTheStdOverSeeds() {
    // input 1: values 0, 2 (mean 1, sample variance 2); input 2: 1, 1 (variance 0) -> sqrt((2 + 0) / 2) = 1
    assertEquals(1.0, SeedSpread.of(List.of(new double[] {0, 1}, new double[] {2, 1})), 1e-15);
    // three seeds 1, 2, 3 at one input: sample variance 1; the longer output is cut to the shortest
    assertEquals(1.0, SeedSpread.of(List.of(new double[] {1, 9}, new double[] {2}, new double[] {3})), 1e-15);
    assertTrue(Double.isNaN(SeedSpread.of(List.of(new double[] {1, 2}))));
  }

  @Test
  void outputsScalingAsXToThePGiveSlopePWithAZeroWidthInterval() {
    double[][] base = {{0.3, -1.2, 0.5}, {1.1, 0.4, -0.7}, {-0.2, 0.9, 1.3}, {0.6, -0.5, 0.1}};
    double[] x = {256, 64, 128, 512}; // any order
    List<List<double[]>> outputs = new ArrayList<>();
    for (double v : x) outputs.add(scaled(base, Math.pow(v, -0.5)));
    PowerLawFit f = SeedSpread.fit(x, outputs, 0.95);
    assertEquals(-0.5, f.slope(), 1e-12);
    assertEquals(1.0, f.r2(), 1e-12);
    assertEquals(-0.5, f.ciLow(), 1e-12);
    assertEquals(-0.5, f.ciHigh(), 1e-12);
    assertEquals(3, f.df(), "t on seeds - 1 df");
    assertEquals(PowerLawFit.SEED_JACKKNIFE, f.method());
    assertEquals(64, f.x()[0]);
    assertEquals(SeedSpread.of(scaled(base, 1.0 / 8)), f.mean()[0], 1e-15); // 64^-1/2 = 1/8
  }

  @Test
  void fewerThanThreeSeedsAtAPointGivesNoInterval() {
    double[][] base = {{0.3, -1.2}, {1.1, 0.4}};
    List<List<double[]>> outputs = List.of(scaled(base, 1), scaled(base, 0.5), scaled(base, 0.25));
    PowerLawFit f = SeedSpread.fit(new double[] {1, 2, 4}, outputs, 0.9);
    assertEquals(-1.0, f.slope(), 1e-12);
    assertTrue(Double.isNaN(f.ciLow()) && Double.isNaN(f.ciHigh()));
    assertEquals(SeedSpread.NO_INTERVAL, f.method());
    assertThrows(IllegalArgumentException.class, () -> SeedSpread.fit(new double[] {1}, outputs.subList(0, 1), 0.9));
  }
}
