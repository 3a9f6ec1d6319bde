package scalecheck.sim;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The network of one run (Geiger et al. 2019, arXiv:1906.08034; Chizat et al. 2019; Li, Luo, Zhou
 * 2024, arXiv:2404.04859; Yang and Hu 2021, Tensor Programs IV). Fully connected, {@code depth} = L
 * hidden layers of {@code width} = n, input dimension from the data, no biases; the forward
 * multipliers, initial standard deviations and learning-rate multipliers of each layer are those of
 * the {@link Parameterisation} named by {@code param}:
 *
 * <ul>
 *   <li>{@code param = "ntk"}: z^1 = W^0 x / sqrt(d), z^{l+1} = W^l phi(z^l) / sqrt(n),
 *       f = alpha * W^L . phi(z^L) / sqrt(n), every weight N(0, 1).</li>
 *   <li>{@code param = "mf"} (mean field): as ntk but the output is alpha * W^L . phi(z^L) / n.</li>
 *   <li>{@code param = "kappa"} (Li-Luo-Zhou / Luo et al., depth 1): f = (kappa / m) sum_k a_k
 *       sigma(w_k . x / sqrt(d)) with m = width.</li>
 *   <li>{@code param = "sp"}, {@code "mup"}: Yang-Hu's standard and maximal-update
 *       parameterisations; {@code "abc"}: the per-layer exponents written in {@code abc}.</li>
 * </ul>
 * {@code inputScale}: divide the input by sqrt(d) in the first layer (true in all three papers except
 * the 2D teacher-student, which uses plain {@code <w_i, x>}). {@code centred}: train alpha (f - f0)
 * with a frozen copy of f0.
 *
 * @param activation relu | softplus | tanh | identity
 * @param normalised scale the activation to unit second moment under N(0,1) (ReLU: sqrt 2)
 * @param beta softplus slope (softplus_beta(x) = log(1 + e^(beta x)) / beta)
 * @param abc for {@code param = "abc"}: the exponents, e.g. {@code "a: 0 1/2 1; b: -1/4 0 0; c: 0 0 0"}
 *     (see {@link Parameterisation}); null otherwise (and then left out of the run's JSON, so the
 *     identity of a preset's run does not change)
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
    boolean inputScale,
    @JsonInclude(JsonInclude.Include.NON_NULL) String abc) {

  /** A preset's model (no abc exponents). */
  public ModelSpec(int depth, int width, String activation, boolean normalised, double beta, String param,
      double alpha, double kappa, boolean centred, boolean inputScale) {
    this(depth, width, activation, normalised, beta, param, alpha, kappa, centred, inputScale, null);
  }

  /** NTK, L = 3, n = 256, normalised ReLU, alpha = 1, centred, input scaled. */
  public static ModelSpec defaults() {
    return new ModelSpec(3, 256, "relu", true, 1.0, "ntk", 1.0, 1.0, true, true, null);
  }

  public ModelSpec withDepth(int v) { return new ModelSpec(v, width, activation, normalised, beta, param, alpha, kappa, centred, inputScale, abc); }
  public ModelSpec withWidth(int v) { return new ModelSpec(depth, v, activation, normalised, beta, param, alpha, kappa, centred, inputScale, abc); }
  public ModelSpec withActivation(String v) { return new ModelSpec(depth, width, v, normalised, beta, param, alpha, kappa, centred, inputScale, abc); }
  public ModelSpec withNormalised(boolean v) { return new ModelSpec(depth, width, activation, v, beta, param, alpha, kappa, centred, inputScale, abc); }
  public ModelSpec withBeta(double v) { return new ModelSpec(depth, width, activation, normalised, v, param, alpha, kappa, centred, inputScale, abc); }
  public ModelSpec withParam(String v) { return new ModelSpec(depth, width, activation, normalised, beta, v, alpha, kappa, centred, inputScale, abc); }
  public ModelSpec withAlpha(double v) { return new ModelSpec(depth, width, activation, normalised, beta, param, v, kappa, centred, inputScale, abc); }
  public ModelSpec withKappa(double v) { return new ModelSpec(depth, width, activation, normalised, beta, param, alpha, v, centred, inputScale, abc); }
  public ModelSpec withCentred(boolean v) { return new ModelSpec(depth, width, activation, normalised, beta, param, alpha, kappa, v, inputScale, abc); }
  public ModelSpec withInputScale(boolean v) { return new ModelSpec(depth, width, activation, normalised, beta, param, alpha, kappa, centred, v, abc); }
  public ModelSpec withAbc(String v) { return new ModelSpec(depth, width, activation, normalised, beta, param, alpha, kappa, centred, inputScale, v); }
}
