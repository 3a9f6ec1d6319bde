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
 *
 * <p><b>Probes.</b> Every quantity a check can measure or a law can name is registered once, in
 * {@link scalecheck.sim.Probes}: its name (or per-layer pattern), its norm in words, what the run needs
 * for it ({@link scalecheck.sim.Probe.Need}: the NTK Gram, the linearised twin, a test set, an event such
 * as the loss halving) and the method that computes it. Check files and theory files are validated
 * against it when read, the check layer turns on the engine features a measure needs from it, and
 * {@code ProbeRegistryTest} runs the engine with every feature on and requires every registered name
 * to be recorded with a finite value, and nothing unregistered.
 *
 * <p><b>A new probe: the one place it goes.</b> Say a check should measure the RMS of the trained
 * output on the training inputs, {@code out.train.rms}:
 * <ol>
 *   <li>Register it in {@code Probes}, next to its kind, and add it to {@code Probes.ALL}:
 *       <pre>{@code
 * // RMS over training inputs of F(w_T, x) - F0(x)
 * public static final Probe OUT_TRAIN_RMS = run("out.train.rms",
 *     "RMS over training inputs of alpha (f - f0) after training", FINAL, FINISHED);
 * }</pre>
 *       A feature the engine computes only on request is a {@link scalecheck.sim.Probe.Need} with its
 *       switch in {@code Need.enable} (as {@code NTK} turns on {@code dynamics.ntk}); the check layer
 *       then turns it on for every check that measures the probe.</li>
 *   <li>Compute it in the method the entry names, under the registered name:
 *       {@code probes.put(Probes.OUT_TRAIN_RMS.name(), ...)} in {@code Run.finalProbes}.</li>
 *   <li>Nothing else: {@code measure: out.train.rms} in a check file and {@code quantity:
 *       out.train.rms} in a theory file are accepted, reports print the norm, and the registry test
 *       fails until the engine records the value (and fails for a value recorded but not
 *       registered).</li>
 * </ol>
 */
package scalecheck.sim;
