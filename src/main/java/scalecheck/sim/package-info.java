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
 * <p><b>Seams.</b> A run ({@code Run}) sees the network only as a {@code Model} (parameter blocks,
 * forward, backward, JVP, NTK, initialisation, bytes per batch, flops) and the training only as a
 * {@code Dynamics} kind (a stepper for the net, an update for the linearised twin, both applied to a
 * {@code State}); every buffer goes through a {@code Memory}, so that
 * {@link scalecheck.sim.Simulator#estimateBytes} counts exactly what a run allocates.
 *
 * <p><b>A new model: the one place it goes.</b> Say a net with biases: one class implementing
 * {@code Model} (its blocks, passes and {@code init} from its {@link scalecheck.sim.Parameterisation}),
 * and one line where a spec picks its model, {@code Model.of}:
 * <pre>{@code
 * static Model of(ModelSpec m, int d) {
 *   return m.biases() ? new BiasNet(m, d) : new Net(m, d);
 * }
 * }</pre>
 *
 * <p><b>A new dynamics kind: the one place it goes.</b> Say an embedded Runge-Kutta pair for gradient
 * flow: one subclass of {@code Dynamics} reading its settings from {@link scalecheck.sim.DynamicsSpec},
 * whose stepper evaluates the right-hand side dw/dt = -g(w) of a {@code State} through
 * {@code State.evaluate(at, grad)}, and one line in {@code Dynamics.KINDS}:
 * <pre>{@code
 * final class RungeKutta extends Dynamics {
 *   RungeKutta(DynamicsSpec spec) { super(spec); }
 *   Update update(Memory mem, Model model) { return GradientDescent.EULER; } // the twin's step
 *   Stepper stepper(Memory mem, Setup setup) {
 *     Params[] k = {mem.params(setup.model()), mem.params(setup.model())};  // stage buffers
 *     return new Stepper() {
 *       String step(State s, double left) {
 *         taken = Math.min(spec.lr(), left);
 *         // stages: s.evaluate(trial, k[i]); accept: s.w.copyFrom(...); s.evaluate();
 *         return s.finite() ? null : "non-finite loss or gradient";
 *       }
 *       double dt() { return spec.lr(); }
 *     };
 *   }
 * }
 * // in Dynamics.KINDS:  "rk", RungeKutta::new,
 * }</pre>
 * The check-file parser, validation ({@code Dynamics.kinds()}, the kind's {@code validate}), the
 * memory estimate and the run loop need no change.
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
