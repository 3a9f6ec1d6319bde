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
 * </ul>
 *
 * <p>Symja (matheclipse-core) is imported only here, in one package-private class.
 */
package scalecheck.theory;
