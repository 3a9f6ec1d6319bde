package scalecheck.sim;

/**
 * The network of one run (Geiger et al. 2019, arXiv:1906.08034; Chizat et al. 2019; Li, Luo, Zhou
 * 2024, arXiv:2404.04859). Fully connected, {@code depth} = L hidden layers of {@code width} = n,
 * input dimension from the data, no biases, every weight N(0, 1) at t = 0.
 *
 * <ul>
 *   <li>{@code param = "ntk"}: z^1 = W^0 x / sqrt(d), z^{l+1} = W^l phi(z^l) / sqrt(n),
 *       f = alpha * W^L . phi(z^L) / sqrt(n).</li>
 *   <li>{@code param = "mf"} (mean field): as ntk but the output is alpha * W^L . phi(z^L) / n.</li>
 *   <li>{@code param = "kappa"} (Li-Luo-Zhou / Luo et al., depth 1): f = (kappa / m) sum_k a_k
 *       sigma(w_k . x / sqrt(d)) with m = width.</li>
 * </ul>
 * {@code inputScale}: divide the input by sqrt(d) in the first layer (true in all three papers except
 * the 2D teacher-student, which uses plain {@code <w_i, x>}). {@code centred}: train alpha (f - f0)
 * with a frozen copy of f0.
 *
 * @param activation relu | softplus | tanh | identity
 * @param normalised scale the activation to unit second moment under N(0,1) (ReLU: sqrt 2)
 * @param beta softplus slope (softplus_beta(x) = log(1 + e^(beta x)) / beta)
 */
public record ModelSpec(
    int depth,
    int width,
    String activation,
    boolean normalised,
    double beta,
    String param,
    double alpha,
    double kappa,
    boolean centred,
    boolean inputScale) {

  /** NTK, L = 3, n = 256, normalised ReLU, alpha = 1, centred, input scaled. */
  public static ModelSpec defaults() {
    return new ModelSpec(3, 256, "relu", true, 1.0, "ntk", 1.0, 1.0, true, true);
  }

  public ModelSpec withDepth(int v) { return new ModelSpec(v, width, activation, normalised, beta, param, alpha, kappa, centred, inputScale); }
  public ModelSpec withWidth(int v) { return new ModelSpec(depth, v, activation, normalised, beta, param, alpha, kappa, centred, inputScale); }
  public ModelSpec withActivation(String v) { return new ModelSpec(depth, width, v, normalised, beta, param, alpha, kappa, centred, inputScale); }
  public ModelSpec withNormalised(boolean v) { return new ModelSpec(depth, width, activation, v, beta, param, alpha, kappa, centred, inputScale); }
  public ModelSpec withBeta(double v) { return new ModelSpec(depth, width, activation, normalised, v, param, alpha, kappa, centred, inputScale); }
  public ModelSpec withParam(String v) { return new ModelSpec(depth, width, activation, normalised, beta, v, alpha, kappa, centred, inputScale); }
  public ModelSpec withAlpha(double v) { return new ModelSpec(depth, width, activation, normalised, beta, param, v, kappa, centred, inputScale); }
  public ModelSpec withKappa(double v) { return new ModelSpec(depth, width, activation, normalised, beta, param, alpha, v, centred, inputScale); }
  public ModelSpec withCentred(boolean v) { return new ModelSpec(depth, width, activation, normalised, beta, param, alpha, kappa, v, inputScale); }
  public ModelSpec withInputScale(boolean v) { return new ModelSpec(depth, width, activation, normalised, beta, param, alpha, kappa, centred, v); }
}
