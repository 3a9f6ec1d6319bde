package scalecheck.sim;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Runs one simulation of a fully connected net (see {@link ModelSpec}) under the dynamics of
 * {@link DynamicsSpec}, and measures the quantities of Geiger et al. (2019, arXiv:1906.08034),
 * Chizat et al. (2019) and Luo et al. (2021) / Li, Luo, Zhou (2024, arXiv:2404.04859).
 *
 * <p>Notation: F(w, x) is the network output including its output scale (alpha/sqrt n, alpha/n or
 * kappa/n, or the last forward multiplier of a {@link Parameterisation}); the trained output is u = F - F0 with F0 = F(w0, .) frozen (centred) or u = F; the loss
 * is (norm / P) sum l(u, y) with norm = alpha^-2 when {@code lossNormalised}. The scalar probes a run
 * records ({@link RunResult#probes()}: per-layer weight and pre-activation changes, rates at t = 0,
 * kernel change and times, losses, errors, output sizes, the linearised model's distances, step
 * counts), each with its norm, what it needs and the method that computes it, are registered in
 * {@link Probes}, the one list of them.
 *
 * <p>Series: {@code loss.t}/{@code loss.v} (checkpoints, log-spaced in time from 1e-6 maxTime),
 * {@code kernel.t}/{@code kernel.v}, {@code out.test} (F(w_T) - F0 on every test input),
 * {@code traj.t}, {@code traj.w} (checkpoints x n x d), {@code traj.a} (checkpoints x n), and for
 * {@code teacher2d} data the teacher: {@code teacher.w} (k x 2 unit directions), {@code teacher.a} (k).
 *
 * <p>Same spec, same result bit for bit (except wall time), whatever runs concurrently.
 */
public final class Simulator {
  private Simulator() {}

  private static final Set<String> ACTIVATIONS = Set.of("relu", "softplus", "tanh", "identity");
  private static final Set<String> PARAMS = Set.copyOf(Parameterisation.NAMES);
  private static final Set<String> LOSSES = Set.of("squared", "hinge", "softhinge");
  private static final Set<String> STOPS = Set.of("margins", "loss", "time");
  private static final Set<String> DATA = Set.copyOf(scalecheck.sim.data.Datasets.KINDS);

  /** Runs {@code spec} to its stop rule; never throws for numerical trouble (status DIVERGED instead). */
  public static RunResult run(RunSpec spec) {
    validate(spec);
    return new Run(spec).run();
  }

  /**
   * Checks every field before any work; throws IllegalArgumentException whose message starts with
   * the dotted field name, e.g. {@code model.width: must be >= 1, got 0}.
   */
  public static void validate(RunSpec spec) {
    if (spec == null) throw new IllegalArgumentException("spec: must not be null");
    ModelSpec m = spec.model();
    DataSpec d = spec.data();
    DynamicsSpec y = spec.dynamics();
    if (m == null) throw new IllegalArgumentException("model: must not be null");
    if (d == null) throw new IllegalArgumentException("data: must not be null");
    if (y == null) throw new IllegalArgumentException("dynamics: must not be null");
    atLeast("model.depth", m.depth(), 1);
    atLeast("model.width", m.width(), 1);
    oneOf("model.activation", m.activation(), ACTIVATIONS);
    oneOf("model.param", m.param(), PARAMS);
    positive("model.alpha", m.alpha());
    if ("softplus".equals(m.activation())) positive("model.beta", m.beta());
    if ("kappa".equals(m.param())) positive("model.kappa", m.kappa());
    if ("abc".equals(m.param())) {
      Parameterisation.of(m, 1);
    } else if (m.abc() != null) {
      throw new IllegalArgumentException("model.abc: only for param abc (param is '" + m.param() + "')");
    }

    oneOf("data.kind", d.kind(), DATA);
    boolean file = scalecheck.sim.data.Datasets.FILE_KINDS.contains(d.kind());
    if (d.kind().equals(scalecheck.sim.data.Datasets.FASHION)) {
      scalecheck.sim.data.FashionMnist.validate(d); // names the package when its files are missing
    } else if (file) {
      readable("data.path", d.path());
      if (d.testPath() != null) readable("data.testPath", d.testPath());
    } else {
      atLeast("data.d", d.d(), 1);
      atLeast("data.train", d.train(), 1);
      atLeast("data.test", d.test(), 1);
      if (d.kind().equals("teacher2d") || d.kind().equals("parity")) atLeast("data.k", d.k(), 1);
      if (d.kind().equals("parity") && d.k() > d.d()) {
        throw new IllegalArgumentException("data.k: parity order must be <= d = " + d.d() + ", got " + d.k());
      }
    }

    oneOf("dynamics.kind", y.kind(), Dynamics.kinds());
    oneOf("dynamics.loss", y.loss(), LOSSES);
    if (y.loss().equals("softhinge")) positive("dynamics.lossBeta", y.lossBeta());
    positive("dynamics.lr", y.lr());
    if ((y.rtol() != 0 || y.atol() != 0) && !Flow.pair(y)) {
      throw new IllegalArgumentException((y.rtol() != 0 ? "dynamics.rtol" : "dynamics.atol")
          + ": only with kind flow and adaptive bs23, dp54 or rkc (kind '" + y.kind() + "', adaptive '" + y.adaptive() + "')");
    }
    Dynamics.of(y).validate(spec);
    oneOf("dynamics.stop", y.stop(), STOPS);
    if (y.stop().equals("loss") && !(y.lossLevel() >= 0 && Double.isFinite(y.lossLevel()))) {
      throw new IllegalArgumentException("dynamics.lossLevel: must be finite and >= 0, got " + y.lossLevel());
    }
    if (Double.isNaN(y.maxTime()) || !(y.maxTime() > 0)) {
      throw new IllegalArgumentException("dynamics.maxTime: must be > 0, got " + y.maxTime());
    }
    if (y.maxSteps() < 1) throw new IllegalArgumentException("dynamics.maxSteps: must be >= 1, got " + y.maxSteps());
    atLeast("dynamics.checkpoints", y.checkpoints(), 2);
    positive("dynamics.t1Level", y.t1Level());

    long bytes = estimateBytes(spec);
    long avail = Runtime.getRuntime().maxMemory();
    if (bytes > avail) {
      int p = d.train();
      String field = y.ntk() && 4 * 8L * p * p > avail / 2 ? "dynamics.ntk" : "model.width";
      String what = field.equals("dynamics.ntk") ? "the NTK Gram of P = " + p + " training points" : "the run";
      throw new IllegalArgumentException(String.format("%s: %s needs %.2f GiB, more than the %.2f GiB available",
          field, what, bytes / 1073741824.0, avail / 1073741824.0));
    }
  }

  /** Off-heap bytes the run allocates: weights and their copies, activations, buffers, Gram. */
  public static long estimateBytes(RunSpec spec) {
    DataSpec d = spec.data();
    int dim = scalecheck.sim.data.Datasets.inputDim(d);
    return Run.estimateBytes(spec, dim, Math.max(1, d.train()), Math.max(0, d.test()));
  }

  /** Sets the number of OpenBLAS threads (global to the process). */
  /**
   * Starts compiling the engine's vectorised kernels in the background (see {@code VectorWarmUp}), so
   * that a process about to simulate has them ready sooner; results do not depend on it.
   */
  public static void warmUpKernels() {
    if (Kernels.VECTOR) VectorWarmUp.start();
  }

  public static void setBlasThreads(int t) {
    if (t < 1) throw new IllegalArgumentException("threads: must be >= 1, got " + t);
    Blas.setThreads(t);
  }

  public static int blasThreads() {
    return Blas.threads();
  }

  /** e.g. "OpenBLAS 0.3.28 (bytedeco 1.5.11), 2 threads". */
  public static String blasInfo() {
    return Blas.info();
  }

  static void atLeast(String f, long v, long min) {
    if (v < min) throw new IllegalArgumentException(f + ": must be >= " + min + ", got " + v);
  }

  static void positive(String f, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(f + ": must be a finite number > 0, got " + v);
    }
  }

  static void oneOf(String f, String v, Set<String> allowed) {
    if (v == null || !allowed.contains(v)) {
      throw new IllegalArgumentException(f + ": unknown '" + v + "', expected one of " + new java.util.TreeSet<>(allowed));
    }
  }

  private static void readable(String f, String path) {
    if (path == null || path.isBlank()) throw new IllegalArgumentException(f + ": a file is required");
    Path p = Path.of(path);
    if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
      throw new IllegalArgumentException(f + ": cannot read '" + path + "'");
    }
  }
}
