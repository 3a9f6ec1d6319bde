package scalecheck.sim.data;

import java.util.SplittableRandom;

/**
 * Draws fresh points from a data distribution, for online SGD (a new batch every step). The teacher
 * is fixed when the sampler is made (by the data seed); {@code rnd} only draws the inputs.
 */
public interface Sampler {
  /** Input dimension. */
  int d();

  /** Fills {@code x} (row-major, batch x d) and {@code y} (batch) with a fresh batch; allocates nothing. */
  void fill(SplittableRandom rnd, double[] x, double[] y);
}
