package scalecheck.sim;

import java.util.SplittableRandom;

/**
 * Tells when the Vector API softplus pass ({@link VectorKernels#softplus}) is worth calling. Until the
 * JIT has compiled it, every vector operation is boxed on the heap and the pass runs about 50 to 100
 * times slower than the scalar loop; in a short run (the alpha sweep of {@code bench/compare.sh}: 0.8
 * s of its 1.9 s at n = 64, P = 200) that warm-up is most of the cost. So {@link #start} (called
 * where a process is about to simulate, so that the warm-up overlaps its set-up) or the first use starts a
 * daemon thread that calls the vector pass on a small scratch array until one call takes less time
 * than the compiled scalar loop on the same input (or {@link #LIMIT_NANOS} has passed), and only
 * then does {@link Kernels#softplus(java.nio.DoubleBuffer, java.nio.DoubleBuffer,
 * java.nio.DoubleBuffer, int, int, double, double)} switch to it. Both passes give the same bits, so
 * when the switch happens changes the speed of a run, never its results.
 */
final class VectorWarmUp {
  private VectorWarmUp() {}

  /** The longest the warm-up thread runs before the vector pass is used whatever its speed. */
  static final long LIMIT_NANOS = 5_000_000_000L;

  private static final int M = 16;
  private static volatile boolean ready;

  static {
    Thread t = new Thread(VectorWarmUp::warmUp, "scalecheck-vector-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** Starts the warm-up (when the Vector API is present) if it has not started yet. */
  static void start() {
    // the class initialiser starts the thread
  }

  /** Whether the vector pass is compiled (or the warm-up gave up waiting); the first call starts the warm-up. */
  static boolean ready() {
    return ready;
  }

  private static void warmUp() {
    try {
      double[] z = new double[M], h = new double[M], dphi = new double[M];
      SplittableRandom rnd = new SplittableRandom(20261208);
      for (int i = 0; i < M; i++) z[i] = rnd.nextDouble(-12, 12);
      long end = System.nanoTime() + LIMIT_NANOS;
      long scalar = Long.MAX_VALUE;
      for (int k = 0; k < 2000 && System.nanoTime() < end; k++) {
        long t0 = System.nanoTime();
        Kernels.softplus(z, h, dphi, 0, M, 1.0, 1.0);
        if (k >= 1000) scalar = Math.min(scalar, System.nanoTime() - t0);
      }
      while (System.nanoTime() < end) {
        long t0 = System.nanoTime();
        VectorKernels.softplus(z, h, dphi, M, 1.0, 1.0);
        if (System.nanoTime() - t0 < scalar) break;
      }
    } finally {
      ready = true;
    }
  }
}
