package scalecheck.sim;

import scalecheck.sim.data.Datasets;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Elementwise passes split over the team give exactly the single-thread values. */
class TeamTest {

  @Test
  void splitPassesEqualTheSerialOnes() {
    int before = Simulator.blasThreads();
    try {
      Simulator.setBlasThreads(Math.max(2, Runtime.getRuntime().availableProcessors()));
      ModelSpec m = ModelSpec.defaults().withWidth(300).withDepth(1).withActivation("softplus").withBeta(1.5);
      Net net = new Net(m, 3);
      int b = 301; // b * n = 90300: several chunks of uneven length
      Net.Work ws = net.new Work(b);
      SplittableRandom r = new SplittableRandom(4);
      DoubleBuffer z = Blas.alloc(b * 300);
      for (int i = 0; i < b * 300; i++) z.put(i, 3 * Datasets.gaussian(r));
      for (int rep = 0; rep < 50; rep++) {
        ws.activate(1, z);
        DoubleBuffer h = Blas.alloc(b * 300), d = Blas.alloc(b * 300);
        net.act.apply(z, h, d, b * 300);
        for (int i = 0; i < b * 300; i++) {
          assertEquals(h.get(i), ws.h[1].get(i), 0.0);
          assertEquals(d.get(i), ws.dphi[1].get(i), 0.0);
        }
        DoubleBuffer expect = Blas.alloc(b * 300);
        for (int i = 0; i < b * 300; i++) expect.put(i, z.get(i) * ws.dphi[1].get(i));
        ws.mul(z, ws.dphi[1]);
        for (int i = 0; i < b * 300; i++) assertEquals(expect.get(i), z.get(i), 0.0);
      }
    } finally {
      Simulator.setBlasThreads(before);
    }
  }
}
