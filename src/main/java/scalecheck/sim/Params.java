package scalecheck.sim;

import java.nio.DoubleBuffer;

/**
 * A parameter vector of a {@link Model}: one off-heap buffer of {@code size} doubles and a view of each
 * block (layer) of it, block l at {@code off[l]}, {@code len[l]} entries.
 */
final class Params {
  final DoubleBuffer all;
  final DoubleBuffer[] w;
  private final int size;

  Params(int size, int[] off, int[] len) {
    this.size = size;
    all = Blas.alloc(size);
    w = new DoubleBuffer[off.length];
    for (int l = 0; l < off.length; l++) w[l] = Blas.view(all, off[l], len[l]);
  }

  void copyFrom(Params o) {
    for (int i = 0; i < size; i++) all.put(i, o.all.get(i));
  }

  /** this += a x, entry by entry. */
  void addScaled(double a, Params x) {
    for (int i = 0; i < size; i++) all.put(i, all.get(i) + a * x.all.get(i));
  }
}
