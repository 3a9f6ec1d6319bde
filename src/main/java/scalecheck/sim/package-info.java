/**
 * The numeric engine: fully connected nets in NTK, mean-field and kappa parameterisations (Geiger,
 * Spigler, Jacot and Wyart, arXiv:1906.08034; Chizat, Oyallon and Bach, NeurIPS 2019; Luo, Xu, Ma
 * and Zhang, JMLR 22(71) 2021; Li, Luo and Zhou, arXiv:2404.04859), trained by gradient flow with
 * an adaptive step, gradient descent, momentum dynamics or online SGD, with the probes of
 * {@link scalecheck.sim.Simulator}: per-layer weight and pre-activation changes, rates at t = 0, the
 * exact empirical NTK Gram by its layer-wise factorisation (Jacot, Gabriel and Hongler, NeurIPS
 * 2018), and the linearised model trained alongside.
 *
 * <p>Entry point: {@link scalecheck.sim.Simulator#run}. Dense products go through OpenBLAS behind the
 * package-private {@code Blas} facade, on off-heap buffers sized once per run. Pointwise passes are
 * in {@code Kernels}; the softplus pass runs on the Vector API ({@code VectorKernels}, the only class
 * that imports jdk.incubator.vector) when that module is present, and on a scalar loop giving the
 * same bits otherwise.
 */
package scalecheck.sim;
