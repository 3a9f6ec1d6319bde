package scalecheck.sim;

import java.nio.DoubleBuffer;

/**
 * A batch of B inputs (row-major B x d) and the model's output F on each; a {@link Model} keeps its
 * activations and scratch for the batch in a subclass of its own ({@link Model#newBatch}).
 */
class Batch {
  final int b;
  final DoubleBuffer x, out;
  private final int d;

  Batch(int b, int d) {
    this.b = b;
    this.d = d;
    x = Blas.alloc((long) b * d);
    out = Blas.alloc(b);
  }

  void setX(double[] src) {
    for (int i = 0; i < b * d; i++) x.put(i, src[i]);
  }
}
