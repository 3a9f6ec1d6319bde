package scalecheck.sim;

/**
 * A point of one trajectory that a dynamics kind moves: parameters w, the descent direction
 * g = diag(eta) J^T (norm/P) l'(u) at w ({@link Model#backward}) and the training loss there. The
 * trained net and its linearised twin (F0 + J(w0)(w - w0)) are both states, so that one kind's code
 * steps both. A state's right-hand side (gradient flow: dw/dt = -g(w)) is {@link #evaluate(Params, Params)}.
 */
abstract class State {
  Params w, g;
  /** Loss at w (NaN where the state does not track it). */
  double loss;
  private final int size;

  State(Params w, Params g, int size) {
    this.w = w;
    this.g = g;
    this.size = size;
  }

  /**
   * Loss and descent direction at {@code at} into {@code grad}, the outputs there kept as the last
   * evaluated ones; the current point does not move. The loss is NaN where not tracked.
   */
  abstract double evaluate(Params at, Params grad);

  /** The outputs last evaluated become the current ones. */
  abstract void settle();

  /** max_i |F(x_i) at the last evaluated point - F(x_i) at the current one| over the training inputs. */
  abstract double outputChange();

  /**
   * min_i alpha u_i y_i - 1 over the training inputs at the last evaluated point (the margins stop
   * rule holds where it is &gt;= 0); NaN where the state does not track its outputs.
   */
  double marginGap() {
    return Double.NaN;
  }

  /** Loss and g at w, after w moved; its outputs become the current ones. */
  final void evaluate() {
    loss = evaluate(w, g);
    settle();
  }

  /** Whether the loss and the direction are finite. */
  final boolean finite() {
    return Double.isFinite(loss) && Double.isFinite(Kernels.sumSq(g.all, size));
  }
}
