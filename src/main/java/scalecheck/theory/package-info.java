/**
 * Laws as formulas, and their exponents derived exactly.
 *
 * <p>Theory files ({@code theory/*.yaml}) state each predicted scaling law as a Symja formula, e.g.
 * {@code dW.hidden ~ 1/(alpha*n)}; {@link scalecheck.theory.TheoryBook} loads them and
 * {@link scalecheck.theory.Law#exponent(String)} returns the leading exponent in a symbol as an exact
 * {@link scalecheck.theory.Rational}. Regimes are substitutions: the mean-field line
 * {@code alpha = n^(-1/2)}, or {@code alpha = kappa/Sqrt(n)}, which turns Geiger et al.'s laws into
 * Li-Luo-Zhou's {@code 1/kappa} forms (kappa = alpha sqrt(n)).
 *
 * <p>Sources of the shipped laws:
 * <ul>
 *   <li>M. Geiger, S. Spigler, A. Jacot, M. Wyart, "Disentangling feature and lazy training in deep
 *       neural networks", J. Stat. Mech. (2020), arXiv:1906.08034.
 *   <li>L. Chizat, E. Oyallon, F. Bach, "On lazy training in differentiable programming", NeurIPS 2019.
 *   <li>Y. Li, T. Luo, Q. Zhou, "Demystifying lazy training of neural networks from a macroscopic
 *       viewpoint", arXiv:2404.04859 (2024).
 *   <li>T. Luo, Z.-Q. J. Xu, Z. Ma, Y. Zhang, "Phase diagram for two-layer ReLU neural networks at
 *       infinite-width limit", JMLR 22(71), 2021.
 *   <li>E. Dyer, G. Gur-Ari, "Asymptotics of wide networks from Feynman diagrams", ICLR 2020.
 *   <li>G. Yang, E. J. Hu, "Tensor Programs IV: Feature Learning in Infinite-Width Neural Networks",
 *       ICML 2021, arXiv:2011.14522.
 * </ul>
 *
 * <p><b>Parameterisations</b> ({@code parameterisations:} in a theory file, {@link scalecheck.theory.Scheme},
 * {@link scalecheck.theory.Derivation}). Layer l = 0 (input) .. L (output) has forward multiplier
 * n^(-a_l), initial std n^(-b_l), learning-rate multiplier n^(-c_l): the abc-parameterisation of Yang and
 * Hu (Tensor Programs IV, Definition 3.1; their layer l + 1 is layer l here; one c per layer, theirs is
 * the common-c case). With s_0 = n^(-a_0 - b_0) and s_l = n^(1/2 - a_l - b_l) (l &gt;= 1; an output scale
 * ~ n^e adds e to s_L) the size factors of the layers at initialisation, and a positively homogeneous
 * activation (ReLU), the net is f = K F~(W~) with K = prod_l s_l, F~ the NTK-normalised net of the
 * unit-variance weights W~^l = W^l / B_l, and each layer trained at the effective rate
 * eta~_l = C_l / B_l^2 ~ n^(2 b_l - c_l). Then:
 * <ul>
 *   <li>kappa = K sqrt(n) ~ n^G (Li-Luo-Zhou's f = (kappa/m) sum_k a_k sigma(.), so
 *       G = 1/2 + sum_l log_n s_l); regime theta-lazy G &gt; 0, critical G = 0, condensed G &lt; 0
 *       (Li, Luo, Zhou 2024, arXiv:2404.04859; Luo et al. 2021's gamma = 1 - G). The product form of K
 *       is derived here from homogeneity.
 *   <li>theta-lazy side, gradient flow to a fit (derived here, not stated in a paper): fit time
 *       ~ 1/(K^2 max_l eta~_l); relative change of W^l (Frobenius) ~ (eta~_l / max eta~) e_l / K with
 *       e_l = n^(-1/2) for the first and last layer and n^(-1) for hidden ones (entry sizes of dF~/dW~);
 *       RMS entry change = B_l times that; pre-activation change of layer k ~
 *       (prod_{j&lt;k} s_j)(max_{j&lt;k} eta~_j / max eta~) n^(-1/2) / K. For ntk these are Geiger et al.'s
 *       dW ~ 1/(alpha n), 1/(alpha sqrt n), dz ~ 1/(alpha sqrt n); for kappa Li-Luo-Zhou's 1/kappa.
 *   <li>Yang-Hu (Tensor Programs IV, Definition 3.2, Theorems 3.3 and 3.8), written with per-layer c:
 *       r = min(a_L + b_L, 2 a_L + c_L) + min_{l &lt; L}(2 a_l + c_l - 1 + [l = 0]); stable iff
 *       a_0 + b_0 = 0, a_l + b_l = 1/2 (hidden), a_L + b_L &gt;= 1/2, a_L + b_L + r &gt;= 1,
 *       2 a_L + c_L &gt;= 1, r &gt;= 0; nontrivial iff a_L + b_L + r = 1 or 2 a_L + c_L = 1; a stable
 *       nontrivial choice learns features iff r = 0 and is in the kernel regime iff r &gt; 0. muP: r = 0;
 *       NTP (ntk): r = 1/2; SP with a constant rate: r = -1, unstable.
 *   <li>coordinate check after a fixed number of gradient steps (loss derivative O(1)): Yang-Hu's
 *       argument for r applied to each layer (derived here per layer; the paper states r, the smallest):
 *       the change of z^{j+1} due to W^j's update is ~ n^(-2 a_j - c_j + [j &gt;= 1]) times the
 *       squared input size and the back-propagated signal, whose output end is
 *       max(n^(-(a_L + b_L)), n^(-(2 a_L + c_L))); it propagates through later layers by s_l. muP: flat;
 *       NTP: n^(-1/2); SP: hidden layers n^1 (a lower bound, since SP is unstable).
 * </ul>
 * Exponents are exact {@link scalecheck.theory.Affine} values (rational, affine in g); where an order
 * between two of them changes with g, the derivation picks the one just past the theta-lazy threshold
 * and says so. An unstable choice is an answer ("unstable" with the failing conditions), never an error.
 *
 * <p>Symja (matheclipse-core) is imported only here, in one package-private class.
 */
package scalecheck.theory;
