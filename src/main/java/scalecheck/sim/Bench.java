package scalecheck.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Speed figures of the engine on the benchmark problem: L = 3 hidden layers, d = 10, P = 1000
 * training points, NTK parameterisation, normalised softplus (beta = 1), soft hinge, gradient flow
 * (authors' rule). A step is one forward and one backward pass over the training set, whose flops
 * are {@link Model#stepFlops}.
 */
public final class Bench {
  private Bench() {}

  /** Time spent evaluating before any timing, at least three evaluations. */
  static final long WARM_UP_NANOS = 1_500_000_000L;

  /**
   * One width's figures, medians over repeats: the step's time and GFLOP/s ({@link Model#stepFlops}),
   * the GFLOP/s of the step's own GEMM calls replayed alone back to back (same shapes, same order:
   * what OpenBLAS reaches on those products, the ceiling of any step built from them), the share of
   * the step's time those calls take when alone, and the seconds to build the NTK Gram.
   */
  public record Figures(int n, double msPerStep, double stepGflops, double gemmsGflops, double gemmsShare,
      double ntkSeconds) {}

  /**
   * Raw dgemm GFLOP/s on m x m x m (row-major, no transposes), the best of {@code repeats} after three
   * untimed calls: the machine's speed when nothing else slows it, so that a share of it is never
   * flattered by a slow sample.
   */
  public static double rawDgemmGflops(int m, int repeats) {
    DoubleBuffer a = filled((long) m * m, 0), b = filled((long) m * m, 1), c = Blas.alloc((long) m * m);
    for (int k = 0; k < 3; k++) Blas.gemm(false, false, m, m, m, 1, a, m, b, m, 0, c, m);
    double best = 0;
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      Blas.gemm(false, false, m, m, m, 1, a, m, b, m, 0, c, m);
      best = Math.max(best, 2.0 * m * m * (double) m / (System.nanoTime() - t0));
    }
    return best;
  }

  /** The OpenBLAS kernel set in use, as openblas_get_corename() names it ("Haswell", "SkylakeX", ...). */
  public static String blasCore() {
    return Blas.coreName();
  }

  /** The benchmark run spec at width n. */
  public static RunSpec spec(int n, int p) {
    return spec(n, p, "softplus");
  }

  /** The benchmark run spec at width n with another (normalised) activation. */
  public static RunSpec spec(int n, int p, String activation) {
    return new RunSpec(new ModelSpec(3, n, activation, true, 1.0, "ntk", 1.0, 1.0, true, true),
        DataSpec.defaults().withD(10).withTrain(p).withTest(10),
        DynamicsSpec.defaults().withMaxTime(Double.POSITIVE_INFINITY).withStop("time"), 1, 2);
  }

  /** Measures one width with {@code steps} timed steps per repeat. */
  public static Figures measure(int n, int p, int repeats, int steps, String activation) {
    RunSpec s = spec(n, p, activation);
    Simulator.validate(s);
    Run run = new Run(s);
    run.prepare();
    run.evaluate(run.w, run.g);
    Params scratch = run.net.newParams();
    double[] stepMs = new double[repeats], norms = new double[2];
    // warm-up: the JIT needs thousands of passes before the Vector API code is compiled (and boxes
    // every vector until then), so at small widths a few evaluations are not enough
    long warm = System.nanoTime() + WARM_UP_NANOS;
    for (int i = 0; i < 3 || System.nanoTime() < warm; i++) run.evaluate(run.w, scratch);
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      for (int k = 0; k < steps; k++) {
        // the work of one adaptive trial of the flow step: w' = w - dt g, loss and gradient at w',
        // |g'|^2 and |g' - g|^2
        Kernels.axpyTo(run.w.all, 1e-3, run.g.all, run.w.all, run.net.size());
        run.evaluate(run.w, scratch);
        Kernels.sumSqAndDiffSq(scratch.all, run.g.all, run.net.size(), norms);
      }
      stepMs[r] = (System.nanoTime() - t0) / 1e6 / steps;
    }
    double ms = median(stepMs);
    double flops = run.net.stepFlops(p);

    // the step's GEMM calls alone, replayed on buffers of their own shapes
    List<Blas.GemmShape> calls = Blas.trace(() -> run.evaluate(run.w, scratch));
    double gemmFlops = 0;
    DoubleBuffer[][] ops = new DoubleBuffer[calls.size()][];
    for (int i = 0; i < calls.size(); i++) {
      Blas.GemmShape c = calls.get(i);
      gemmFlops += c.flops();
      ops[i] = new DoubleBuffer[] {
        filled((long) (c.transA() ? c.k() : c.m()) * c.lda(), i), filled((long) (c.transB() ? c.n() : c.k()) * c.ldb(), i + 1),
        Blas.alloc((long) c.m() * c.ldc())};
    }
    Runnable replay = () -> {
      for (int i = 0; i < ops.length; i++) {
        Blas.GemmShape c = calls.get(i);
        Blas.gemm(c.transA(), c.transB(), c.m(), c.n(), c.k(), 1, ops[i][0], c.lda(), ops[i][1], c.ldb(), 0, ops[i][2], c.ldc());
      }
    };
    int reps = Math.max(3, (int) (0.05 / (ms / 1e3))); // about 50 ms per timing
    for (int k = 0; k < reps; k++) replay.run();
    double[] gemm = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      for (int k = 0; k < reps; k++) replay.run();
      gemm[r] = (System.nanoTime() - t0) / 1e6 / reps;
    }
    double gemmMs = median(gemm);

    DoubleBuffer g1 = Blas.alloc((long) p * p), g2 = Blas.alloc((long) p * p), g3 = Blas.alloc((long) p * p);
    double[] ntk = new double[repeats];
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      run.net.forward(run.w, run.tr);
      run.net.ntk(run.w, run.tr, g1, g2, g3);
      ntk[r] = (System.nanoTime() - t0) / 1e9;
    }
    return new Figures(n, ms, flops / (ms / 1e3) / 1e9, gemmFlops / (gemmMs / 1e3) / 1e9, gemmMs / ms, median(ntk));
  }

  /**
   * Writes the benchmark problem at width n to {@code dir} (meta.json, W0.bin .. WL.bin, x.bin,
   * y.bin as little-endian float64, row-major), runs {@code steps} adaptive trials, and writes the
   * engine's initial NTK Gram (java_gram.bin) and its outcome (java.json), for comparison with an
   * independent implementation.
   */
  public static String dump(Path dir, int n, int p, int steps) {
    try {
      Files.createDirectories(dir);
      RunSpec s = spec(n, p);
      Run run = new Run(s);
      Model net = run.net;
      for (int l = 0; l <= net.depth(); l++) write(dir.resolve("W" + l + ".bin"), net.len(l), run.w0.w[l]);
      Dataset data = scalecheck.sim.data.Datasets.make(s.data(), s.dataSeed());
      writeArr(dir.resolve("x.bin"), data.xTrain());
      writeArr(dir.resolve("y.bin"), data.yTrain());
      DynamicsSpec y = s.dynamics();
      String meta = String.format(Locale.ROOT,
          "{\"n\": %d, \"d\": %d, \"L\": %d, \"P\": %d, \"act_beta\": %s, \"act_scale\": %s, \"alpha\": %s,"
              + " \"max_dgrad\": %s, \"max_dout\": %s, \"dt\": %s}%n",
          n, net.inputDim(), net.depth(), p, 1.0, 1 / Activation.of(s.model()).scale, s.model().alpha(), y.maxDgrad(),
          y.maxDout(), y.lr());
      Files.writeString(dir.resolve("meta.json"), meta);
      run.prepare();
      DoubleBuffer g1 = Blas.alloc((long) p * p), g2 = Blas.alloc((long) p * p), g3 = Blas.alloc((long) p * p);
      net.forward(run.w, run.tr);
      long t0 = System.nanoTime();
      net.forward(run.w, run.tr);
      net.ntk(run.w, run.tr, g1, g2, g3);
      double gramSeconds = (System.nanoTime() - t0) / 1e9;
      write(dir.resolve("java_gram.bin"), p * p, g1);
      RunResult r = Simulator.run(s.withDynamics(y.withStop("time").withMaxTime(Double.POSITIVE_INFINITY)
          .withMaxSteps(steps)));
      String out = String.format(Locale.ROOT,
          "{\"loss0\": %s, \"loss\": %s, \"t\": %s, \"accepted\": %d, \"rejected\": %d, \"gram_seconds\": %s}%n",
          r.probes().get("loss.init"), r.probes().get("loss.train"), r.time(), r.steps(),
          r.probes().get("steps.rejected").longValue(), gramSeconds);
      Files.writeString(dir.resolve("java.json"), out);
      return out.trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path f, int len, DoubleBuffer src) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(len * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < len; i++) bb.putDouble(src.get(i));
    Files.write(f, bb.array());
  }

  private static void writeArr(Path f, double[] a) throws IOException {
    ByteBuffer bb = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (double v : a) bb.putDouble(v);
    Files.write(f, bb.array());
  }

  /** A buffer of {@code size} deterministic values in [-1, 1]. */
  private static DoubleBuffer filled(long size, int phase) {
    DoubleBuffer b = Blas.alloc(size);
    for (int i = 0; i < size; i++) b.put(i, Math.sin(i + phase));
    return b;
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int m = s.length;
    return m % 2 == 1 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
  }
}
