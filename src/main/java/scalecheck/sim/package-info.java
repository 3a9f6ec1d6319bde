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
 * <p>Seams. A run ({@code Run}) sees the network only as a {@code Model} (parameter blocks, forward,
 * backward, JVP, NTK, initialisation, bytes per batch, flops) and the training only as a
 * {@code Dynamics} kind (a stepper for the net, an update for the linearised twin, both applied to a
 * {@code State}); every buffer goes through a {@code Memory}, so that
 * {@link scalecheck.sim.Simulator#estimateBytes} counts exactly what a run allocates.
 *
 * <p>A new model, e.g. a net with biases: one class implementing {@code Model} (its blocks, passes
 * and {@code init} from its {@link scalecheck.sim.Parameterisation}), and one place to choose it,
 * {@code Model.of}:
 * <pre>{@code
 * static Model of(ModelSpec m, int d) {
 *   return m.biases() ? new BiasNet(m, d) : new Net(m, d);
 * }
 * }</pre>
 *
 * <p>A new dynamics kind, e.g. an embedded Runge-Kutta pair for gradient flow: one subclass of
 * {@code Dynamics} reading its settings from {@link scalecheck.sim.DynamicsSpec}, whose stepper
 * evaluates the right-hand side dw/dt = -g(w) of a {@code State} through
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
 */
package scalecheck.sim;
