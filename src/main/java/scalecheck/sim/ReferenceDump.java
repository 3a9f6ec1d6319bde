package scalecheck.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import scalecheck.sim.data.Datasets;

/**
 * The engine's side of the comparison with the PyTorch reference ({@code bench/torch_reference.py}):
 * writes the initial weights, training data and settings of a run to a folder, and runs the engine
 * from such a folder (adaptive flow steps, the exact NTK Gram, an alpha sweep), printing one JSON
 * object per line.
 *
 * <p>Folder format: {@code meta.json} (n, d, L, P, alpha, act_beta, act_scale = the multiplier c of
 * phi = c softplus_beta, loss_beta, max_dgrad, max_dout, dt, max_time, max_steps, seed, data_seed);
 * little-endian float64 {@code W0.bin} (n x d, row-major), {@code W1.bin} .. {@code W{L-1}.bin}
 * (n x n; z^{l+1} = W^l phi(z^l) / sqrt n), {@code W{L}.bin} (n), {@code x.bin} (P x d),
 * {@code y.bin} (P). The model is the NTK-parameterised softplus net of Geiger et al. (2019,
 * arXiv:1906.08034) with centred output and the alpha^-2 soft-hinge loss, trained by the authors'
 * adaptive gradient flow.
 */
public final class ReferenceDump {
  private ReferenceDump() {}

  /** Settings of a comparison run: everything else is {@link ModelSpec#defaults()} / {@link DynamicsSpec#defaults()}. */
  public record Setup(int n, int d, int depth, int train, double alpha, long seed, long dataSeed) {
    /** The run spec: NTK softplus (beta 1, normalised), centred, flow with the authors' rule, soft hinge. */
    public RunSpec spec(boolean ntk, int test) {
      ModelSpec m = new ModelSpec(depth, n, "softplus", true, 1.0, "ntk", alpha, 1.0, true, true);
      DataSpec data = new DataSpec("linear", d, train, test, 3, null, null);
      return new RunSpec(m, data, DynamicsSpec.defaults().withNtk(ntk), seed, dataSeed);
    }
  }

  /** A dumped problem: its spec, the initial weights (W^0 .. W^L, concatenated) and training data. */
  public record Problem(RunSpec spec, double[] weights, double[] x, double[] y) {
    int n() { return spec.model().width(); }
    int d() { return spec.data().d(); }
    int depth() { return spec.model().depth(); }
    int train() { return y.length; }
  }

  /** The problem a run of {@code spec} starts from: its seeded weights and its training data. */
  public static Problem problem(RunSpec spec) {
    Dataset data = Datasets.make(spec.data(), spec.dataSeed());
    Run run = new Run(spec, data);
    double[] w = new double[run.net.size()];
    run.w0.all.get(0, w);
    return new Problem(spec, w, data.xTrain(), data.yTrain());
  }

  /** Writes {@code pr} to {@code dir} (created if needed). */
  public static void write(Problem pr, Path dir) throws IOException {
    Files.createDirectories(dir);
    RunSpec s = pr.spec();
    ModelSpec m = s.model();
    DynamicsSpec y = s.dynamics();
    Net net = new Net(m, pr.d());
    Map<String, Object> meta = pairs("n", m.width(), "d", pr.d(), "L", m.depth(), "P", pr.train(),
        "alpha", m.alpha(), "act_beta", m.beta(), "act_scale", net.act.scale, "loss_beta", y.lossBeta(),
        "max_dgrad", y.maxDgrad(), "max_dout", y.maxDout(), "dt", y.lr(), "max_time", y.maxTime(),
        "max_steps", y.maxSteps(), "seed", s.seed(), "data_seed", s.dataSeed());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(dir.resolve("meta.json").toFile(), meta);
    for (int l = 0; l <= net.depth; l++) {
      writeBin(dir.resolve("W" + l + ".bin"), pr.weights(), net.off[l], net.len[l]);
    }
    writeBin(dir.resolve("x.bin"), pr.x(), 0, pr.x().length);
    writeBin(dir.resolve("y.bin"), pr.y(), 0, pr.y().length);
  }

  /** Reads a folder written by {@link #write}. */
  public static Problem read(Path dir) throws IOException {
    JsonNode meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
    int n = meta.get("n").asInt(), d = meta.get("d").asInt(), depth = meta.get("L").asInt();
    int p = meta.get("P").asInt();
    Setup setup = new Setup(n, d, depth, p, meta.get("alpha").asDouble(), meta.get("seed").asLong(),
        meta.get("data_seed").asLong());
    RunSpec spec = setup.spec(false, 1);
    DynamicsSpec dy = spec.dynamics().withLossBeta(meta.get("loss_beta").asDouble())
        .withMaxDgrad(meta.get("max_dgrad").asDouble()).withMaxDout(meta.get("max_dout").asDouble())
        .withLr(meta.get("dt").asDouble()).withMaxTime(meta.get("max_time").asDouble())
        .withMaxSteps(meta.get("max_steps").asLong());
    spec = spec.withDynamics(dy).withModel(spec.model().withBeta(meta.get("act_beta").asDouble()));
    Net net = new Net(spec.model(), d);
    if (net.act.scale != meta.get("act_scale").asDouble()) {
      throw new IOException(dir.resolve("meta.json") + ": act_scale " + meta.get("act_scale").asDouble()
          + " differs from the engine's " + net.act.scale);
    }
    double[] w = new double[net.size];
    for (int l = 0; l <= depth; l++) readBin(dir.resolve("W" + l + ".bin"), w, net.off[l], net.len[l]);
    double[] x = new double[p * d], y = new double[p];
    readBin(dir.resolve("x.bin"), x, 0, x.length);
    readBin(dir.resolve("y.bin"), y, 0, y.length);
    return new Problem(spec, w, x, y);
  }

  /** A run of {@code pr} (with {@code spec} replacing its spec's settings) from the dumped weights; begin() done. */
  static Run start(Problem pr, RunSpec spec) {
    Run run = load(pr, spec);
    run.begin();
    return run;
  }

  /** A run of {@code pr} under {@code spec} from the dumped weights (test set: the first training point). */
  static Run load(Problem pr, RunSpec spec) {
    double[] xTe = java.util.Arrays.copyOf(pr.x(), pr.d());
    double[] yTe = {pr.y()[0]};
    Run run = new Run(spec, new Dataset(pr.d(), pr.x(), pr.y(), xTe, yTe, "reference dump"));
    run.setInitialWeights(pr.weights());
    return run;
  }

  /** The exact NTK Gram (P x P, row-major) of the trained output at the initial weights. */
  static double[] gram(Problem pr) {
    GramJob job = new GramJob(pr);
    job.build();
    double[] out = new double[pr.train() * pr.train()];
    job.gram.get(0, out);
    return out;
  }

  /** The buffers of one Gram computation, allocated once (as a run does); {@link #build} times alone. */
  static final class GramJob {
    final Model net;
    final Params w;
    final Batch ws;
    final DoubleBuffer gram, t1, t2;

    GramJob(Problem pr) {
      net = Model.of(pr.spec().model(), pr.d());
      w = net.newParams();
      w.all.put(0, pr.weights());
      ws = net.newBatch(pr.train());
      ws.setX(pr.x());
      int p = pr.train();
      gram = Blas.alloc((long) p * p);
      t1 = Blas.alloc((long) p * p);
      t2 = Blas.alloc((long) p * p);
    }

    /** Forward pass at the weights, then the Gram into {@code gram}. */
    void build() {
      net.forward(w, ws);
      net.ntk(w, ws, gram, t1, t2);
    }
  }

  // ---- command line ----

  /**
   * {@code dump DIR --n N --P P --d D --L L --alpha A --seed S --data-seed S --max-steps M}; {@code check DIR --steps K}
   * (loss after K flow steps, Gram against DIR/torch_gram.bin when present); {@code step DIR --steps K
   * --repeats R} (median ms per evaluation); {@code gram DIR --repeats R}; {@code dgemm --size M
   * --repeats R} (the best of R); {@code sweep DIR --alphas a,b,c [--adaptive code|bs23|dp54|rkc --rtol R --atol A] [--passes K]}; {@code memory --n N --P P} (peak resident memory
   * of a full run with the Gram). Every command takes {@code --threads T}.
   */
  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    Simulator.warmUpKernels();
    if (args.length == 0) {
      System.err.println("usage: ReferenceDump dump|check|step|gram|dgemm|sweep|memory [DIR] [--option value ...]");
      System.exit(2);
    }
    String mode = args[0];
    Map<String, String> o = new LinkedHashMap<>();
    String dir = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].startsWith("--") && i + 1 < args.length) {
        o.put(args[i].substring(2), args[++i]);
      } else {
        dir = args[i];
      }
    }
    int threads = Integer.parseInt(o.getOrDefault("threads", "1"));
    Simulator.setBlasThreads(threads);
    int steps = Integer.parseInt(o.getOrDefault("steps", "20"));
    int repeats = Integer.parseInt(o.getOrDefault("repeats", "5"));
    switch (mode) {
      case "dump" -> {
        Setup s = new Setup(Integer.parseInt(o.getOrDefault("n", "256")), Integer.parseInt(o.getOrDefault("d", "10")),
            Integer.parseInt(o.getOrDefault("L", "3")), Integer.parseInt(o.getOrDefault("P", "1000")),
            Double.parseDouble(o.getOrDefault("alpha", "1")), Long.parseLong(o.getOrDefault("seed", "1")),
            Long.parseLong(o.getOrDefault("data-seed", "2")));
        RunSpec spec = s.spec(false, 1);
        spec = spec.withDynamics(spec.dynamics().withMaxSteps(Long.parseLong(o.getOrDefault("max-steps", "200000"))));
        write(problem(spec), Path.of(dir));
        System.out.println(json("mode", "dump", "dir", dir));
      }
      case "check" -> check(read(Path.of(dir)), Path.of(dir), steps, threads);
      case "step" -> step(read(Path.of(dir)), steps, repeats, threads);
      case "gram" -> {
        Problem pr = read(Path.of(dir));
        GramJob job = new GramJob(pr);
        job.build();
        List<Double> ts = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
          long t0 = System.nanoTime();
          job.build();
          ts.add((System.nanoTime() - t0) / 1e9);
        }
        System.out.println(json("mode", "gram", "n", pr.n(), "P", pr.train(), "threads", threads,
            "seconds", median(ts)));
      }
      case "dgemm" -> dgemm(Integer.parseInt(o.getOrDefault("size", "1024")), repeats, threads);
      case "sweep" -> sweep(read(Path.of(dir)), o.getOrDefault("alphas", "0.1,1,10"), threads,
          o.getOrDefault("adaptive", "code"), Double.parseDouble(o.getOrDefault("rtol", "0")),
          Double.parseDouble(o.getOrDefault("atol", "0")), Integer.parseInt(o.getOrDefault("passes", "1")));
      case "memory" -> memory(Integer.parseInt(o.getOrDefault("n", "4096")), Integer.parseInt(o.getOrDefault("P", "1000")),
          Integer.parseInt(o.getOrDefault("test", "1000")), threads);
      default -> {
        System.err.println("unknown mode " + mode);
        System.exit(2);
      }
    }
  }

  private static void check(Problem pr, Path dir, int steps, int threads) throws IOException {
    Run run = start(pr, pr.spec());
    double loss0 = run.lossNow();
    long t0 = System.nanoTime();
    String err = null;
    for (int k = 0; k < steps && err == null; k++) err = run.step();
    double sec = (System.nanoTime() - t0) / 1e9;
    List<Object> kv = new ArrayList<>(List.of("mode", "check", "threads", threads, "loss0", loss0,
        "loss", run.lossNow(), "t", run.timeNow(), "dt", run.dtNow(), "accepted", steps,
        "rejected", run.rejectedNow(), "seconds", sec, "error", err == null ? "none" : err));
    double[] g = gram(pr);
    writeBin(dir.resolve("java_gram.bin"), g, 0, g.length);
    Path tg = dir.resolve("torch_gram.bin");
    if (Files.exists(tg)) {
      double[] h = new double[g.length];
      readBin(tg, h, 0, h.length);
      double diff = 0, norm = 0, maxDiff = 0, maxAbs = 0;
      for (int i = 0; i < g.length; i++) {
        double e = g[i] - h[i];
        diff += e * e;
        norm += h[i] * h[i];
        maxDiff = Math.max(maxDiff, Math.abs(e));
        maxAbs = Math.max(maxAbs, Math.abs(h[i]));
      }
      kv.addAll(List.of("gram_rel_fro", Math.sqrt(diff / norm), "gram_max_rel", maxDiff / maxAbs));
    }
    System.out.println(json(kv.toArray()));
  }

  private static void step(Problem pr, int steps, int repeats, int threads) {
    Run run = start(pr, pr.spec().withDynamics(pr.spec().dynamics().withStop("time")));
    for (int k = 0; k < 3; k++) run.step();
    List<Double> ms = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      long evals0 = run.rejectedNow();
      long t0 = System.nanoTime();
      for (int k = 0; k < steps; k++) run.step();
      long evals = steps + run.rejectedNow() - evals0;
      ms.add((System.nanoTime() - t0) / 1e6 / evals);
    }
    double med = median(ms);
    double gflops = run.net.stepFlops(pr.train()) / (med * 1e6);
    System.out.println(json("mode", "step", "n", pr.n(), "P", pr.train(), "threads", threads,
        "ms_per_step", med, "gflops", gflops));
  }

  private static void dgemm(int m, int repeats, int threads) {
    System.out.println(json("mode", "dgemm", "size", m, "threads", threads, "gflops", Bench.rawDgemmGflops(m, repeats),
        "blas", Simulator.blasInfo()));
  }

  /**
   * Trains every alpha from the dumped weights to the dump's stop rule with the flow rule {@code adaptive}
   * ("code", the authors' rule of the dump, or bs23 | dp54 | rkc at rtol, atol), {@code passes} times
   * over, and prints the seconds of the first pass (JIT warm-up included) and of the last, the seconds
   * of each alpha in the first pass, and the accepted+rejected steps, gradient evaluations and stop
   * time t of each alpha (the same in every pass).
   */
  private static void sweep(Problem pr, String alphas, int threads, String adaptive, double rtol, double atol,
      int passes) {
    List<Object> kv = new ArrayList<>(List.of("mode", "sweep", "n", pr.n(), "P", pr.train(), "threads", threads,
        "adaptive", adaptive));
    if (!adaptive.equals("code")) kv.addAll(List.of("rtol", rtol, "atol", atol));
    StringBuilder st = new StringBuilder(), ev = new StringBuilder(), tt = new StringBuilder(), sec = new StringBuilder();
    double first = 0, last = 0;
    for (int pass = 0; pass < passes; pass++) {
      long t0 = System.nanoTime();
      for (String a : alphas.split(",")) {
        long ta = System.nanoTime();
        double alpha = Double.parseDouble(a);
        RunSpec s = pr.spec().withModel(pr.spec().model().withAlpha(alpha));
        if (!adaptive.equals("code")) s = s.withDynamics(s.dynamics().withAdaptive(adaptive).withRtol(rtol).withAtol(atol));
        Simulator.validate(s);
        RunResult r = load(pr, s).run();
        if (pass > 0) continue;
        String sep = st.length() == 0 ? "" : ",";
        long rejected = (long) (double) r.probes().get("steps.rejected");
        Double evals = r.probes().get("steps.evaluations");
        st.append(sep).append(r.steps()).append('+').append(rejected);
        if (r.status() != RunStatus.OK) st.append('(').append(r.status()).append(')');
        ev.append(sep).append(evals == null ? r.steps() + rejected : evals.longValue());
        tt.append(sep).append(r.time());
        sec.append(sep).append(String.format(Locale.ROOT, "%.3f", (System.nanoTime() - ta) / 1e9));
      }
      last = (System.nanoTime() - t0) / 1e9;
      if (pass == 0) first = last;
    }
    kv.addAll(List.of("alphas", alphas, "steps", st.toString(), "evaluations", ev.toString(), "t", tt.toString(),
        "seconds_each", sec.toString(), "seconds", first, "seconds_last", last, "passes", passes));
    System.out.println(json(kv.toArray()));
  }

  /**
   * Allocates a full run with the Gram (ntk) at width n on P training and {@code test} test points
   * (every buffer is zero-filled, hence resident), builds the Gram once, and reports the peak resident
   * set (VmHWM) of the process.
   */
  private static void memory(int n, int p, int test, int threads) throws IOException {
    RunSpec s = new Setup(n, 10, 3, p, 1.0, 1, 2).spec(true, test);
    Simulator.validate(s);
    long t0 = System.nanoTime();
    Run run = new Run(s);
    double norm = run.gramNow();
    String hwm = "?";
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) hwm = line.substring(6).trim();
    }
    System.out.println(json("mode", "memory", "n", n, "P", p, "test", test, "threads", threads,
        "gram_norm", norm, "estimate_mib", Simulator.estimateBytes(s) / 1048576.0, "vmhwm", hwm,
        "seconds", (System.nanoTime() - t0) / 1e9));
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(null);
    int m = s.size();
    return m % 2 == 1 ? s.get(m / 2) : (s.get(m / 2 - 1) + s.get(m / 2)) / 2;
  }

  /** The map of alternating keys and values {@code k1, v1, k2, v2, ...}, in that order. */
  private static Map<String, Object> pairs(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  private static String json(Object... kv) {
    StringBuilder b = new StringBuilder("{");
    for (Map.Entry<String, Object> e : pairs(kv).entrySet()) {
      if (b.length() > 1) b.append(", ");
      b.append('"').append(e.getKey()).append("\": ");
      Object v = e.getValue();
      if (v instanceof String str) {
        b.append('"').append(str.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
      } else if (v instanceof Double dv) {
        b.append(Double.isFinite(dv) ? Double.toString(dv) : "null");
      } else {
        b.append(v);
      }
    }
    return b.append('}').toString();
  }

  static void writeBin(Path f, double[] v, int from, int len) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(len * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < len; i++) b.putDouble(v[from + i]);
    Files.write(f, b.array());
  }

  static void readBin(Path f, double[] v, int from, int len) throws IOException {
    byte[] bytes = Files.readAllBytes(f);
    if (bytes.length != 8L * len) {
      throw new IOException(f + ": expected " + len + " float64 values, found " + bytes.length + " bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < len; i++) v[from + i] = b.getDouble();
  }
}
