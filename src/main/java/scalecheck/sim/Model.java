package scalecheck.sim;

import java.nio.DoubleBuffer;
import java.util.SplittableRandom;

/**
 * A network the engine trains: its parameters (blocks of one vector, a block per layer), its
 * forward pass F(w, x), the learning-rate weighted descent direction diag(eta) J^T g, the forward-mode
 * derivative J v, the exact NTK Gram J diag(eta) J^T, its initialisation and its memory per batch.
 * {@link Net} (fully connected) is the one implementation; {@link #of} picks it from a
 * {@link ModelSpec}. A batch passed to a model must come from its own {@link #newBatch}.
 */
interface Model {
  /** The model of a spec on inputs of dimension d. */
  static Model of(ModelSpec m, int d) {
    return new Net(m, d);
  }

  /** Number of parameters. */
  int size();

  /** Number of weight layers less one (blocks 0..depth of the parameter vector). */
  int depth();

  /** Width n of the hidden layers (neurons per pre-activation z^l, l = 1..depth). */
  int width();

  /** Input dimension d. */
  int inputDim();

  /** Entries of block l. */
  int len(int l);

  Params newParams();

  /** Activations and scratch for a batch of b inputs. */
  Batch newBatch(int b);

  /** Off-heap bytes of {@link #newBatch}(b). */
  long batchBytes(int b);

  /** Flops of one forward and backward pass over b inputs (multiply and add counted as two). */
  double stepFlops(int b);

  /** Draws the initial weights into w (the parameterisation's std per block). */
  void init(Params w, SplittableRandom rnd);

  /** Forward pass at w on ws.x: out = F; each pre-activation z^l goes to {@code sink} (when not null). */
  void forward(Params w, Batch ws, ZSink sink);

  default void forward(Params w, Batch ws) {
    forward(w, ws, null);
  }

  /** grad = diag(eta) sum_p g_p dF(x_p)/dw, with ws holding the forward pass at w. */
  void backward(Params w, Batch ws, DoubleBuffer g, Params grad);

  /** ws.out = J v, with ws holding the forward pass at w; dzSq[l] (when not null) = ||dz^l/dv||^2. */
  void jvp(Params w, Batch ws, Params v, double[] dzSq);

  /** The exact NTK Gram (B x B) on the batch, with ws holding the forward pass at w. */
  void ntk(Params w, Batch ws, DoubleBuffer gram, DoubleBuffer t1, DoubleBuffer t2);

  /** Receives the pre-activation z^l (B x n) of each layer during a forward pass; valid only during the call. */
  interface ZSink {
    void accept(int l, DoubleBuffer z);
  }
}
