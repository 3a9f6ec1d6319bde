package scalecheck.sim;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import scalecheck.sim.data.Datasets;

/**
 * Nanoseconds per element of the engine's softplus pass, {@link Kernels#softplus(DoubleBuffer,
 * DoubleBuffer, DoubleBuffer, int, int, double, double)}, on one thread: Gaussian z of spread 3, beta
 * 1.7, at m = 4096 and m = 200000 elements; a warm-up of several seconds (the Vector API code must be
 * compiled by C2), then the median of 7 timings of about 0.3 s each. Run with {@code java --add-modules
 * jdk.incubator.vector -cp target/classes:target/test-classes:'target/lib/*' scalecheck.sim.SoftplusBench
 * [warmupSeconds]}.
 */
public final class SoftplusBench {
  private SoftplusBench() {}

  private static double sink;

  public static void main(String[] args) {
    double warm = args.length > 0 ? Double.parseDouble(args[0]) : 6;
    int[] sizes = {4096, 200000};
    System.out.println("vector API: " + Kernels.VECTOR);
    for (int m : sizes) {
      SplittableRandom r = new SplittableRandom(20261208L + m);
      DoubleBuffer z = Blas.alloc(m), h = Blas.alloc(m), d = Blas.alloc(m);
      for (int i = 0; i < m; i++) z.put(i, 3 * Datasets.gaussian(r));
      long end = System.nanoTime() + (long) (warm * 1e9);
      while (System.nanoTime() < end) run(z, h, d, m, 1);
      int reps = Math.max(1, (int) (3e8 / (6.0 * m)));
      double[] t = new double[7];
      for (int k = 0; k < t.length; k++) {
        long t0 = System.nanoTime();
        run(z, h, d, m, reps);
        t[k] = (System.nanoTime() - t0) / ((double) reps * m);
      }
      Arrays.sort(t);
      long a0 = allocated();
      run(z, h, d, m, reps);
      double perCall = (allocated() - a0) / (double) reps;
      System.out.printf("m = %6d: %.3f ns/element (median of 7; min %.3f, max %.3f), %.0f bytes allocated per call%n",
          m, t[3], t[0], t[6], perCall);
    }
    if (sink == 42) System.out.println();
  }

  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();

  private static long allocated() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
  }

  private static void run(DoubleBuffer z, DoubleBuffer h, DoubleBuffer d, int m, int reps) {
    for (int k = 0; k < reps; k++) Kernels.softplus(z, h, d, 0, m, 1.7, 1.3);
    sink += h.get(m / 2) + d.get(m / 3);
  }
}
