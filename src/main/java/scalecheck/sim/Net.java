package scalecheck.sim;

import scalecheck.sim.data.Datasets;
import java.nio.DoubleBuffer;
import java.util.SplittableRandom;

/**
 * A fully connected net without biases in any {@link Parameterisation} (Geiger et al. 2019,
 * arXiv:1906.08034; Chizat et al. 2019; Li, Luo, Zhou 2024, arXiv:2404.04859; Yang and Hu 2021,
 * Tensor Programs IV): z^1 = s_0 W^0 x, z^{l+1} = s_l W^l phi(z^l), F = s_L W^L . phi(z^L), with
 * the forward multipliers s_l of the parameterisation (ntk: s_0 = 1/sqrt(d), s_l = 1/sqrt(n),
 * s_L = alpha/sqrt(n)). Batches are row-major (B x n).
 *
 * <p>Gradients are weighted by the per-layer learning-rate multipliers eta_l: {@link #backward}
 * returns the descent direction diag(eta) J^T g, so that every dynamics steps dW^l/dt = -eta_l dL/dW^l
 * with the same code. The exact training-set NTK of that flow is J diag(eta) J^T, by
 * dF(x)/dW^l_ij = s_l delta^{l+1}_i(x) h^l_j(x):
 * Theta = eta_L s_L^2 H^L H^L^T + sum_l eta_l s_l^2 (D^{l+1} D^{l+1}^T) o (H^l H^l^T) (o: entrywise
 * product), with h^0 = x and D^l the back-propagated signals dF/dz^l of every input. With every
 * eta_l = 1 (ntk, mf, kappa) the weights are exactly 1.0 and the arithmetic is that of the plain
 * gradient, to the bit.
 */
final class Net implements Model {
  final int depth, n, d, size;
  final Parameterisation param;
  /** forward multiplier s_l, initial std and learning-rate multiplier eta_l of layer l = 0..L. */
  final double[] mult, std, rate;
  final Activation act;
  /** offset of W^l in a parameter vector; W^0 n x d, W^l n x n, W^L n. */
  final int[] off;
  final int[] len;

  Net(ModelSpec m, int d) {
    this.depth = m.depth();
    this.n = m.width();
    this.d = d;
    this.param = Parameterisation.of(m, d);
    mult = new double[depth + 1];
    std = new double[depth + 1];
    rate = new double[depth + 1];
    for (int l = 0; l <= depth; l++) {
      mult[l] = param.multiplier(l, n);
      std[l] = param.std(l, n);
      rate[l] = param.rate(l, n);
    }
    this.act = Activation.of(m);
    off = new int[depth + 1];
    len = new int[depth + 1];
    int o = 0;
    for (int l = 0; l <= depth; l++) {
      off[l] = o;
      len[l] = l == 0 ? n * d : (l == depth ? n : n * n);
      o += len[l];
    }
    size = o;
  }

  @Override public int size() { return size; }
  @Override public int depth() { return depth; }
  @Override public int width() { return n; }
  @Override public int inputDim() { return d; }
  @Override public int len(int l) { return len[l]; }

  @Override
  public Params newParams() {
    return new Params(size, off, len);
  }

  @Override
  public Work newBatch(int b) {
    return new Work(b);
  }

  /** W^l with entries N(0, std_l^2) of the parameterisation, layer by layer, W^0 first. */
  @Override
  public void init(Params w, SplittableRandom rnd) {
    for (int l = 0; l <= depth; l++) {
      double sd = std[l];
      for (int i = off[l]; i < off[l] + len[l]; i++) w.all.put(i, sd * Datasets.gaussian(rnd));
    }
  }

  /**
   * Activations and scratch for a batch of B inputs: h^l = phi(z^l) and phi'(z^l) per layer; the
   * pre-activations z^l are not kept (the forward pass puts each in d1 just before its activation and
   * hands it to a {@link ZSink}).
   */
  final class Work extends Batch {
    final DoubleBuffer[] h, dphi;
    final DoubleBuffer d1, d2;

    Work(int b) {
      super(b, d);
      h = new DoubleBuffer[depth + 1];
      dphi = new DoubleBuffer[depth + 1];
      for (int l = 1; l <= depth; l++) {
        h[l] = Blas.alloc((long) b * n);
        dphi[l] = Blas.alloc((long) b * n);
      }
      d1 = Blas.alloc((long) b * n);
      d2 = Blas.alloc((long) b * n);
    }

    private DoubleBuffer pa, pb, pc;
    private final Team.Body actPass = (from, to) -> act.apply(pa, pb, pc, from, to);
    private final Team.Body mulPass = (from, to) -> Kernels.mulInPlace(pa, pb, from, to);

    /** h^l = phi(z), dphi^l = phi'(z) over the batch, split over the BLAS thread count. */
    void activate(int l, DoubleBuffer z) {
      pa = z;
      pb = h[l];
      pc = dphi[l];
      Team.run(b * n, Blas.threads(), actPass);
    }

    /** a o= m over the batch. */
    void mul(DoubleBuffer a, DoubleBuffer m) {
      pa = a;
      pb = m;
      Team.run(b * n, Blas.threads(), mulPass);
    }

    /** Input to layer l: x for l = 0, phi(z^l) otherwise. */
    DoubleBuffer in(int l) {
      return l == 0 ? x : h[l];
    }
  }

  /** x, out, and per hidden layer h, phi' and two scratch rows: {@link Work}. */
  @Override
  public long batchBytes(int b) {
    return 8L * ((long) b * d + (2L * depth + 2) * b * n + b);
  }

  /**
   * Forward: 2Bnd + 2B(L-1)n^2 + 2Bn; weight gradients the same; back-propagation 2B(L-1)n^2 (the
   * GEMMs and matrix-vector products; pointwise passes not counted).
   */
  @Override
  public double stepFlops(int b) {
    return 6.0 * (depth - 1) * b * (double) n * n + 4.0 * b * n * d + 4.0 * b * n;
  }

  /** Forward pass at w on ws.x: fills h, dphi and out = F, handing each z^l to {@code sink} (when not null). Modifies ws (d1 too). */
  @Override
  public void forward(Params w, Batch batch, ZSink sink) {
    Work ws = (Work) batch;
    int b = ws.b;
    DoubleBuffer z = ws.d1;
    Blas.gemm(false, true, b, n, d, mult[0], ws.x, d, w.w[0], d, 0, z, n);
    if (sink != null) sink.accept(1, z);
    ws.activate(1, z);
    for (int l = 1; l < depth; l++) {
      Blas.gemm(false, true, b, n, n, mult[l], ws.h[l], n, w.w[l], n, 0, z, n);
      if (sink != null) sink.accept(l + 1, z);
      ws.activate(l + 1, z);
    }
    Kernels.matVec(b, n, mult[depth], ws.h[depth], w.w[depth], 0, ws.out);
  }

  /**
   * grad = diag(eta) sum_p g_p dF(x_p)/dw (the learning-rate weighted descent direction), with ws
   * holding the forward pass at w. Modifies grad and ws.d1/d2 (not z, h, dphi).
   */
  @Override
  public void backward(Params w, Batch batch, DoubleBuffer g, Params grad) {
    Work ws = (Work) batch;
    int b = ws.b;
    double sOut = mult[depth];
    Kernels.matTVec(b, n, sOut * rate[depth], ws.h[depth], g, grad.w[depth]);
    DoubleBuffer a = w.w[depth], pl = ws.dphi[depth], cur = ws.d1, nxt = ws.d2;
    Kernels.scaledRows(b, n, sOut, g, a, pl, cur);
    for (int l = depth - 1; l >= 0; l--) {
      int fan = l == 0 ? d : n;
      Blas.gemm(true, false, n, fan, b, mult[l] * rate[l], cur, n, ws.in(l), fan, 0, grad.w[l], fan);
      if (l > 0) {
        Blas.gemm(false, false, b, n, n, mult[l], cur, n, w.w[l], n, 0, nxt, n);
        ws.mul(nxt, ws.dphi[l]);
        DoubleBuffer t = cur; cur = nxt; nxt = t;
      }
    }
  }

  /**
   * Forward-mode derivative along v: out = sum over parameters of dF/dw . v for each input (written
   * to ws.out), with ws holding the forward pass at w. When {@code dzSq} is not null, dzSq[l] gets
   * the sum of squares of dz^l/dv over neurons and inputs. Modifies ws.out, ws.d1/d2.
   */
  @Override
  public void jvp(Params w, Batch batch, Params v, double[] dzSq) {
    Work ws = (Work) batch;
    int b = ws.b;
    DoubleBuffer cur = ws.d1, nxt = ws.d2;
    Blas.gemm(false, true, b, n, d, mult[0], ws.x, d, v.w[0], d, 0, cur, n);
    for (int l = 1; l <= depth; l++) {
      if (dzSq != null) dzSq[l] = Kernels.sumSq(cur, b * n);
      ws.mul(cur, ws.dphi[l]); // dh^l
      if (l < depth) {
        Blas.gemm(false, true, b, n, n, mult[l], cur, n, w.w[l], n, 0, nxt, n);
        Blas.gemm(false, true, b, n, n, mult[l], ws.h[l], n, v.w[l], n, 1, nxt, n);
        DoubleBuffer t = cur; cur = nxt; nxt = t;
      }
    }
    Kernels.matVec(b, n, mult[depth], cur, w.w[depth], 0, ws.out);
    Kernels.matVec(b, n, mult[depth], ws.h[depth], v.w[depth], 1, ws.out);
  }

  /**
   * The exact NTK Gram J diag(eta) J^T on the batch (B x B, full symmetric) by the layer-wise factorisation, with ws
   * holding the forward pass at w. Modifies gram, t1, t2 (each B x B) and ws.d1/d2.
   */
  @Override
  public void ntk(Params w, Batch batch, DoubleBuffer gram, DoubleBuffer t1, DoubleBuffer t2) {
    Work ws = (Work) batch;
    int b = ws.b;
    double sOut = mult[depth];
    Blas.syrk(b, n, sOut * sOut * rate[depth], ws.h[depth], 0, gram);
    DoubleBuffer a = w.w[depth], pl = ws.dphi[depth], cur = ws.d1, nxt = ws.d2;
    Kernels.scaledRows(b, n, sOut, null, a, pl, cur);
    for (int l = depth - 1; l >= 0; l--) {
      int fan = l == 0 ? d : n;
      double s = mult[l];
      Blas.syrk(b, n, s * s * rate[l], cur, 0, t1);
      Blas.syrk(b, fan, 1, ws.in(l), 0, t2);
      Kernels.addProductUpper(b, gram, t1, t2);
      if (l > 0) {
        Blas.gemm(false, false, b, n, n, s, cur, n, w.w[l], n, 0, nxt, n);
        ws.mul(nxt, ws.dphi[l]);
        DoubleBuffer t = cur; cur = nxt; nxt = t;
      }
    }
    Kernels.symmetrise(b, gram);
  }
}
