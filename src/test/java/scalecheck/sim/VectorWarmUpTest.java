package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VectorWarmUpTest {
  /** The softplus pass gives the scalar loop's bits before and after the switch to the vector pass. */
  @Test
  void switchesToTheVectorPassWithinItsLimitAndKeepsTheBits() throws InterruptedException {
    int m = 5000;
    DoubleBuffer z = Blas.alloc(m), h = Blas.alloc(m), dphi = Blas.alloc(m);
    double[] zs = new double[m], hs = new double[m], ds = new double[m];
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < m; i++) {
      zs[i] = rnd.nextDouble(-40, 40);
      z.put(i, zs[i]);
    }
    Kernels.softplus(zs, hs, ds, 0, m, 1.7, 1.3);
    long limit = System.nanoTime() + VectorWarmUp.LIMIT_NANOS + 10_000_000_000L;
    boolean switched = false;
    while (System.nanoTime() < limit) {
      boolean ready = VectorWarmUp.ready();
      Kernels.softplus(z, h, dphi, 0, m, 1.7, 1.3);
      double[] hv = new double[m], dv = new double[m];
      h.get(0, hv);
      dphi.get(0, dv);
      assertArrayEquals(hs, hv, 0.0);
      assertArrayEquals(ds, dv, 0.0);
      if (ready) {
        switched = true;
        break;
      }
      Thread.sleep(20);
    }
    assertTrue(switched || !Kernels.VECTOR, "the vector pass was never switched on");
  }
}
