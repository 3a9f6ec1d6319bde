package scalecheck.sim;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.SplittableRandom;
import scalecheck.sim.data.Datasets;
import scalecheck.sim.data.Sampler;

/**
 * One training run: initialisation, dynamics, stop rule, checkpoints and probes (names and norms in
 * {@link Simulator}). Every buffer is sized in the constructor; the steps allocate nothing.
 */
final class Run {
  private final RunSpec spec;
  private final ModelSpec ms;
  private final DynamicsSpec dy;
  private final Dataset data;
  final Net net;
  private final Loss loss;
  private final double norm;
  private final int p;
  private final boolean classification;
  private final boolean centred;

  final Net.Params w0;
  Net.Params w, g;
  private Net.Params wTrial, gTrial, v;
  final Net.Work tr;
  /** Test inputs go through the net in chunks of te.b rows (teRest: the last, shorter chunk), into teOut. */
  private final Net.Work te, teRest;
  private final DoubleBuffer teOut;
  private final DoubleBuffer yTr, f0Tr, f0Te, fCur, coef;
  private final DoubleBuffer[] z0;

  // linearised model f0 + J(w0) (w - w0): state dLin = w_lin - w0
  private Net.Work ws0;
  private Net.Params dLin, gLin, vLin;
  private DoubleBuffer coefLin;

  // NTK
  private DoubleBuffer gram0, gram, t1, t2;

  // SGD
  private Sampler sampler;
  private Net.Work bw;
  private double[] bx, by;
  private DoubleBuffer byBuf, bcoef;
  private SplittableRandom batchRnd;

  private double t, dt, lossCur, lossInit, lossPrevT, lossPrevV;
  private long steps, rejected, forced;
  private double dtMaxAccepted;
  /** Smallest adaptive step, as a fraction of the largest accepted one (see flowStep). */
  static final double STALL_FRACTION = 1e-2;
  private final Map<String, Double> probes = new LinkedHashMap<>();
  private final Map<String, double[]> series = new LinkedHashMap<>();
  private final List<Double> lossT = new ArrayList<>(), lossV = new ArrayList<>();
  private final List<Double> kerT = new ArrayList<>(), kerV = new ArrayList<>();
  private final List<Double> trajT = new ArrayList<>();
  private final List<double[]> trajW = new ArrayList<>(), trajA = new ArrayList<>();
  private double rdSup, gram0Norm, prevKerT, prevKerV;

  Run(RunSpec spec) {
    this(spec, Datasets.make(spec.data(), spec.dataSeed()));
  }

  Run(RunSpec spec, Dataset data) {
    this.spec = spec;
    this.ms = spec.model();
    this.dy = spec.dynamics();
    this.data = data;
    this.net = new Net(ms, data.d());
    this.loss = new Loss(dy.loss(), dy.lossBeta());
    this.norm = dy.lossNormalised() ? 1 / (ms.alpha() * ms.alpha()) : 1.0;
    this.p = data.train();
    this.centred = ms.centred();
    boolean cls = true;
    for (double y : data.yTrain()) cls &= Math.abs(y) == 1.0;
    this.classification = cls;

    w0 = net.new Params();
    w = net.new Params();
    g = net.new Params();
    tr = net.new Work(p);
    tr.setX(data.xTrain());
    int rows = testRows(net.depth, net.n, data.test());
    te = net.new Work(rows);
    teRest = data.test() % rows == 0 ? null : net.new Work(data.test() % rows);
    teOut = Blas.alloc(data.test());
    yTr = Blas.alloc(p);
    for (int i = 0; i < p; i++) yTr.put(i, data.yTrain()[i]);
    f0Tr = Blas.alloc(p);
    f0Te = Blas.alloc(data.test());
    fCur = Blas.alloc(p);
    coef = Blas.alloc(p);
    z0 = new DoubleBuffer[net.depth + 1];
    String kind = dy.kind();
    if (kind.equals("flow")) {
      wTrial = net.new Params();
      gTrial = net.new Params();
    }
    if (kind.equals("momentum")) v = net.new Params();
    if (dy.linearised()) {
      ws0 = net.new Work(p);
      ws0.setX(data.xTrain());
      dLin = net.new Params();
      gLin = net.new Params();
      coefLin = Blas.alloc(p);
      if (v != null) vLin = net.new Params();
    }
    for (int l = 1; l <= net.depth; l++) z0[l] = Blas.alloc((long) p * net.n);
    if (dy.ntk()) {
      gram0 = Blas.alloc((long) p * p);
      gram = Blas.alloc((long) p * p);
      t1 = Blas.alloc((long) p * p);
      t2 = Blas.alloc((long) p * p);
    }
    if (kind.equals("sgd")) {
      sampler = Datasets.sampler(spec.data(), spec.dataSeed());
      int b = dy.batch();
      bw = net.new Work(b);
      bx = new double[b * data.d()];
      by = new double[b];
      byBuf = Blas.alloc(b);
      bcoef = Blas.alloc(b);
      batchRnd = new SplittableRandom(spec.seed()).split();
    }
    SplittableRandom rnd = new SplittableRandom(spec.seed());
    for (int l = 0; l <= net.depth; l++) {
      double sd = net.std[l];
      for (int i = net.off[l]; i < net.off[l] + net.len[l]; i++) w0.all.put(i, sd * gaussian(rnd));
    }
    w.copyFrom(w0);
  }

  /** Bytes of off-heap memory the run allocates (weights, activations, buffers, Gram). */
  static long estimateBytes(RunSpec s, int d, int train, int test) {
    ModelSpec m = s.model();
    DynamicsSpec y = s.dynamics();
    int n = m.width(), depth = m.depth();
    long size = (long) n * d + (long) (depth - 1) * n * n + n;
    int params = 3 + (y.kind().equals("flow") ? 2 : 0) + (y.kind().equals("momentum") ? 1 : 0)
        + (y.linearised() ? 2 + (y.kind().equals("momentum") ? 1 : 0) : 0);
    long bytes = 8 * size * params;
    int rows = testRows(depth, n, test);
    bytes += Net.workBytes(depth, n, d, train) + Net.workBytes(depth, n, d, rows) + 8L * test;
    if (test % rows != 0) bytes += Net.workBytes(depth, n, d, test % rows);
    bytes += (y.linearised() ? Net.workBytes(depth, n, d, train) : 0) + 8L * depth * train * n;
    if (y.ntk()) bytes += 4 * 8L * train * train;
    if (y.kind().equals("sgd")) bytes += Net.workBytes(depth, n, d, y.batch());
    bytes += 8L * 6 * (train + test);
    return bytes;
  }

  /** Rows per test chunk: the whole test set, or as many as keep a chunk's activations near 32 MiB. */
  static int testRows(int depth, int n, int test) {
    long perRow = (2L * depth + 2) * n + 1;
    return (int) Math.max(1, Math.min(Math.max(1, test), (1L << 22) / perRow));
  }

  /** F(at, x) on every test input, chunk by chunk, into teOut. */
  private void forwardTest(Net.Params at) {
    int nt = data.test(), d = data.d();
    double[] x = data.xTest();
    for (int c = 0; c < nt; c += te.b) {
      Net.Work ws = nt - c >= te.b ? te : teRest;
      for (int i = 0; i < ws.b * d; i++) ws.x.put(i, x[c * d + i]);
      net.forward(at, ws);
      for (int i = 0; i < ws.b; i++) teOut.put(c + i, ws.out.get(i));
    }
  }

  /** Standard normal by Box-Muller, one per two uniforms (deterministic given the generator). */
  static double gaussian(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** The trained output u = F - F0 (centred) or F at a training index, from out. */
  private double u(DoubleBuffer out, DoubleBuffer f0, int i) {
    return centred ? out.get(i) - f0.get(i) : out.get(i);
  }

  /**
   * Loss and gradient at {@code at} on the training set: forward into tr, coef = norm/P l'(u, y),
   * backward into {@code grad}. Returns the loss (maybe non-finite).
   */
  double evaluate(Net.Params at, Net.Params grad) {
    net.forward(at, tr);
    double s = 0;
    double inv = norm / p;
    for (int i = 0; i < p; i++) {
      double ui = u(tr.out, f0Tr, i), yi = yTr.get(i);
      s += loss.value(ui, yi);
      coef.put(i, inv * loss.derivative(ui, yi));
    }
    net.backward(at, tr, coef, grad);
    return s * inv;
  }

  private double trainLossOnly() {
    net.forward(w, tr);
    double s = 0;
    for (int i = 0; i < p; i++) s += loss.value(u(tr.out, f0Tr, i), yTr.get(i));
    return s * norm / p;
  }

  /** Gradient of the linearised model at its current state (into gLin). */
  private void evaluateLin() {
    net.jvp(w0, ws0, dLin, null);
    double inv = norm / p;
    for (int i = 0; i < p; i++) {
      double ui = ws0.out.get(i) + (centred ? 0 : f0Tr.get(i));
      coefLin.put(i, inv * loss.derivative(ui, yTr.get(i)));
    }
    net.backward(w0, ws0, coefLin, gLin);
  }

  /** Computes the frozen outputs F0 on the training and test sets (before any training). */
  void prepare() {
    forwardTest(w0);
    for (int i = 0; i < data.test(); i++) f0Te.put(i, teOut.get(i));
    net.forward(w0, tr);
    for (int i = 0; i < p; i++) f0Tr.put(i, tr.out.get(i));
  }

  RunResult run() {
    long startNs = System.nanoTime();
    prepare();
    // z^l at the initial weights, kept for the dz probes (ws0 also holds the linearised model's forward pass)
    Net.ZSink keep = (l, z) -> z0[l].put(0, z, 0, p * net.n);
    if (ws0 != null) {
      net.forward(w0, ws0, keep);
    } else {
      net.forward(w0, tr, keep);
    }
    lossCur = evaluate(w, g);
    for (int i = 0; i < p; i++) fCur.put(i, tr.out.get(i));
    lossInit = lossCur;
    probes.put("loss.init", lossInit);
    probes.put("out.init.rms", rms(f0Te, data.test()));
    initRates();
    if (dy.ntk()) {
      net.forward(w, tr);
      net.ntk(w, tr, gram0, t1, t2);
      gram0Norm = Math.sqrt(Net.sumSq(gram0, p * p));
    }
    if (dLin != null) evaluateLin();

    double tMax = Double.isFinite(dy.maxTime()) ? dy.maxTime()
        : (dy.kind().equals("flow") ? 1e6 : dy.lr() * dy.maxSteps());
    double tMin = tMax * 1e-6;
    int nCk = dy.checkpoints();
    int nextCk = 0;
    checkpoint();
    dt = dy.lr();
    lossPrevT = 0;
    lossPrevV = lossInit;
    RunStatus status;
    String reason;
    long sgdEvalEvery = dy.kind().equals("sgd") ? Math.max(1, p / dy.batch()) : 1;
    boolean lossKnown = true;
    while (true) {
      if (lossKnown && stopMet()) {
        status = RunStatus.OK;
        reason = "stop rule '" + dy.stop() + "' met";
        probes.put("t.fit", t);
        break;
      }
      if (t >= tMaxReached()) {
        status = dy.stop().equals("time") ? RunStatus.OK : RunStatus.LIMIT;
        reason = "reached maxTime " + dy.maxTime();
        if (status == RunStatus.OK) probes.put("t.fit", t);
        break;
      }
      if (steps >= dy.maxSteps()) {
        status = RunStatus.LIMIT;
        reason = "reached maxSteps " + dy.maxSteps();
        break;
      }
      String err = switch (dy.kind()) {
        case "flow" -> flowStep();
        case "gd" -> gdStep();
        case "momentum" -> momentumStep();
        default -> sgdStep();
      };
      if (err != null) {
        status = RunStatus.DIVERGED;
        reason = err + " at step " + (steps + 1);
        break;
      }
      steps++;
      lossKnown = !dy.kind().equals("sgd") || steps % sgdEvalEvery == 0;
      if (dy.kind().equals("sgd") && lossKnown) {
        lossCur = trainLossOnly();
        if (!Double.isFinite(lossCur)) {
          status = RunStatus.DIVERGED;
          reason = "non-finite training loss at step " + steps;
          break;
        }
      }
      if (lossKnown) {
        if (!probes.containsKey("t1.loss_half") && lossCur <= lossInit / 2) {
          double th = lossPrevV == lossCur ? t
              : lossPrevT + (t - lossPrevT) * (lossPrevV - lossInit / 2) / (lossPrevV - lossCur);
          probes.put("t1.loss_half", th);
        }
        lossPrevT = t;
        lossPrevV = lossCur;
      }
      boolean ck = false;
      while (nextCk < nCk && t >= tMin * Math.pow(tMax / tMin, nextCk / (double) (nCk - 1))) {
        nextCk++;
        ck = true;
      }
      if (ck) {
        if (!lossKnown) lossCur = trainLossOnly();
        checkpoint();
      }
    }
    if (status != RunStatus.DIVERGED) {
      if (dy.kind().equals("sgd")) lossCur = trainLossOnly();
      if (lossT.isEmpty() || lossT.get(lossT.size() - 1) != t) checkpoint();
      finalProbes();
    } else {
      probes.put("loss.train", lossCur);
    }
    series.put("loss.t", toArray(lossT));
    series.put("loss.v", toArray(lossV));
    if (dy.ntk()) {
      series.put("kernel.t", toArray(kerT));
      series.put("kernel.v", toArray(kerV));
    }
    if (dy.keepTrajectories()) {
      series.put("traj.t", toArray(trajT));
      series.put("traj.w", concat(trajW));
      series.put("traj.a", concat(trajA));
      if (spec.data().kind().equals("teacher2d")) {
        double[][] teacher = Datasets.teacher2d(spec.data(), spec.dataSeed());
        series.put("teacher.w", teacher[0]);
        series.put("teacher.a", teacher[1]);
      }
    }
    probes.put("steps.rejected", (double) rejected);
    if (dy.kind().equals("flow")) probes.put("steps.forced", (double) forced);
    double wall = (System.nanoTime() - startNs) / 1e9;
    return new RunResult(status, reason, steps, t, wall, Collections.unmodifiableMap(new TreeMap<>(probes)),
        Collections.unmodifiableMap(new TreeMap<>(series)));
  }

  private double tMaxReached() {
    return dy.maxTime() * (1 - 1e-12);
  }

  private boolean stopMet() {
    switch (dy.stop()) {
      case "margins":
        if (dy.kind().equals("sgd")) net.forward(w, tr);
        for (int i = 0; i < p; i++) {
          if (u(dy.kind().equals("sgd") ? tr.out : fCur, f0Tr, i) * yTr.get(i) < 1) return false;
        }
        return true;
      case "loss":
        return lossCur <= dy.lossLevel();
      default:
        return false;
    }
  }

  // ---- dynamics ----

  private String flowStep() {
    boolean code = !"slides".equals(dy.adaptive());
    double gNorm = Math.sqrt(Kernels.sumSq(g.all, net.size));
    while (true) {
      double step = Math.min(dt, dy.maxTime() - t);
      Kernels.axpyTo(w.all, step, g.all, wTrial.all, net.size);
      double lt = evaluate(wTrial, gTrial);
      double gtNorm = Math.sqrt(Kernels.sumSq(gTrial.all, net.size));
      boolean finite = Double.isFinite(lt) && Double.isFinite(gtNorm);
      double dgrad = Double.NaN, dout = Double.NaN;
      if (finite) {
        double num = Kernels.diffSq(gTrial.all, g.all, net.size);
        dgrad = num == 0 ? 0 : num / (gNorm * gtNorm);
        double mx = 0;
        for (int i = 0; i < p; i++) mx = Math.max(mx, Math.abs(tr.out.get(i) - fCur.get(i)));
        dout = mx;
      }
      boolean ok = code ? (dgrad < dy.maxDgrad() && dout < dy.maxDout()) : dgrad <= dy.maxDgrad();
      // stall guard: at the kinks of relu / hinge the gradient jumps whatever the step, and the rule
      // alone would shrink dt without end (theory/README.md section 4); a finite step is then accepted at
      // STALL_FRACTION of the largest step accepted so far
      boolean forced = !ok && finite && step <= STALL_FRACTION * dtMaxAccepted;
      if (forced) this.forced++;
      if (ok || forced) {
        Net.Params tmp = w; w = wTrial; wTrial = tmp;
        tmp = g; g = gTrial; gTrial = tmp;
        for (int i = 0; i < p; i++) fCur.put(i, tr.out.get(i));
        lossCur = lt;
        if (dLin != null) {
          axpy(-step, gLin, dLin);
          evaluateLin();
        }
        t += step;
        dtMaxAccepted = Math.max(dtMaxAccepted, step);
        boolean grow = code ? (dgrad < dy.maxDgrad() / 2 && dout < dy.maxDout() / 2)
            : dgrad < dy.maxDgrad() / 100;
        if (step == dt && grow && !forced) dt *= 1.1;
        return null;
      }
      rejected++;
      dt = Math.max(step / 10, finite ? STALL_FRACTION * dtMaxAccepted : 0);
      if (!(dt > 1e-300)) return finite ? "adaptive step underflow" : "non-finite loss or gradient";
    }
  }

  private String gdStep() {
    double step = Math.min(dy.lr(), dy.maxTime() - t);
    axpy(-step, g, w);
    if (dLin != null) {
      axpy(-step, gLin, dLin);
      evaluateLin();
    }
    lossCur = evaluate(w, g);
    t += step;
    for (int i = 0; i < p; i++) fCur.put(i, tr.out.get(i));
    return finiteState() ? null : "non-finite loss or gradient";
  }

  /** dv/dt = -(v + grad L)/tau, dw/dt = v; explicit step: v += -(dt/tau)(v + g), then w += dt v. */
  private String momentumStep() {
    double step = Math.min(dy.lr(), dy.maxTime() - t);
    double k = step / dy.tau();
    for (int i = 0; i < net.size; i++) {
      double vi = v.all.get(i) - k * (v.all.get(i) + g.all.get(i));
      v.all.put(i, vi);
      w.all.put(i, w.all.get(i) + step * vi);
    }
    if (dLin != null) {
      for (int i = 0; i < net.size; i++) {
        double vi = vLin.all.get(i) - k * (vLin.all.get(i) + gLin.all.get(i));
        vLin.all.put(i, vi);
        dLin.all.put(i, dLin.all.get(i) + step * vi);
      }
      evaluateLin();
    }
    lossCur = evaluate(w, g);
    t += step;
    for (int i = 0; i < p; i++) fCur.put(i, tr.out.get(i));
    return finiteState() ? null : "non-finite loss or gradient";
  }

  /** One online SGD step on a fresh batch; loss (norm/B) sum l(u, y), u = F - F0 needs F0 on the batch. */
  private String sgdStep() {
    int b = dy.batch();
    sampler.fill(batchRnd, bx, by);
    bw.setX(bx);
    double inv = norm / b;
    if (centred) {
      net.forward(w0, bw);
      for (int i = 0; i < b; i++) byBuf.put(i, bw.out.get(i));
    }
    net.forward(w, bw);
    double s = 0;
    for (int i = 0; i < b; i++) {
      double ui = bw.out.get(i) - (centred ? byBuf.get(i) : 0);
      s += loss.value(ui, by[i]);
      bcoef.put(i, inv * loss.derivative(ui, by[i]));
    }
    net.backward(w, bw, bcoef, g);
    if (!Double.isFinite(s)) return "non-finite batch loss";
    double step = Math.min(dy.lr(), dy.maxTime() - t);
    axpy(-step, g, w);
    t += step;
    return null;
  }

  private boolean finiteState() {
    return Double.isFinite(lossCur) && Double.isFinite(Net.sumSq(g.all, net.size));
  }

  private void axpy(double a, Net.Params x, Net.Params y) {
    for (int i = 0; i < net.size; i++) y.all.put(i, y.all.get(i) + a * x.all.get(i));
  }

  // ---- probes ----

  private void initRates() {
    int depth = net.depth;
    probes.put("rate.first", rmsLayer(g, 0));
    probes.put("rate.last", rmsLayer(g, depth));
    if (depth > 1) {
      double s = 0;
      long cnt = 0;
      for (int l = 1; l < depth; l++) {
        s += Net.sumSq(g.w[l], net.len[l]);
        cnt += net.len[l];
      }
      probes.put("rate.hidden", Math.sqrt(s / cnt));
    }
    // dz/dt along -grad: the same magnitude as along grad
    double[] dz = new double[depth + 1];
    net.forward(w, tr);
    net.jvp(w, tr, g, dz);
    double s = 0;
    for (int l = 1; l <= depth; l++) s += dz[l];
    probes.put("rate.z", Math.sqrt(s / ((double) depth * p * net.n)));
  }

  private double rmsLayer(Net.Params x, int l) {
    return Math.sqrt(Net.sumSq(x.w[l], net.len[l]) / net.len[l]);
  }

  private void checkpoint() {
    lossT.add(t);
    lossV.add(lossCur);
    double rd = Math.sqrt(Net.diffSq(w.w[0], w0.w[0], net.len[0]) / Net.sumSq(w0.w[0], net.len[0]));
    rdSup = Math.max(rdSup, rd);
    if (dy.ntk()) {
      net.forward(w, tr);
      net.ntk(w, tr, gram, t1, t2);
      double ch = Math.sqrt(Net.diffSq(gram, gram0, p * p)) / gram0Norm;
      if (!probes.containsKey(Probes.T1_KERNEL.name()) && ch >= dy.t1Level() && !kerT.isEmpty()) {
        double tk = ch == prevKerV ? t : prevKerT + (t - prevKerT) * (dy.t1Level() - prevKerV) / (ch - prevKerV);
        probes.put(Probes.T1_KERNEL.name(), tk);
      }
      prevKerT = t;
      prevKerV = ch;
      kerT.add(t);
      kerV.add(ch);
      probes.put(Probes.KERNEL_CHANGE.name(), ch);
    }
    if (dy.keepTrajectories()) {
      trajT.add(t);
      double[] ww = new double[net.len[0]];
      w.w[0].get(0, ww);
      trajW.add(ww);
      double[] aa = new double[net.n];
      w.w[net.depth].get(0, aa);
      trajA.add(aa);
    }
  }

  private void finalProbes() {
    int depth = net.depth;
    double total = 0, hid = 0;
    long hidCnt = 0;
    for (int l = 0; l <= depth; l++) {
      double sq = Net.diffSq(w.w[l], w0.w[l], net.len[l]);
      double n0 = Math.sqrt(Net.sumSq(w0.w[l], net.len[l]));
      total += sq;
      probes.put(Probes.DW_LAYER.at(l), Math.sqrt(sq / net.len[l]));
      probes.put(Probes.DWFRO_LAYER.at(l), Math.sqrt(sq));
      probes.put(Probes.DWREL_LAYER.at(l), Math.sqrt(sq) / n0);
      if (l > 0 && l < depth) {
        hid += sq;
        hidCnt += net.len[l];
      }
    }
    probes.put(Probes.DW_FIRST.name(), probes.get(Probes.DW_LAYER.at(0)));
    probes.put(Probes.DW_LAST.name(), probes.get(Probes.DW_LAYER.at(depth)));
    if (depth > 1) probes.put(Probes.DW_HIDDEN.name(), Math.sqrt(hid / hidCnt));
    probes.put(Probes.DW_TOTAL.name(), Math.sqrt(total));
    probes.put(Probes.RD_FINAL.name(), probes.get(Probes.DWREL_LAYER.at(0)));
    probes.put(Probes.RD_SUP.name(), rdSup);

    // dz against init
    double[] dzSq = new double[depth + 1];
    net.forward(w, tr, (l, z) -> dzSq[l] = Net.diffSq(z, z0[l], p * net.n));
    double all = 0;
    for (int l = 1; l <= depth; l++) {
      all += dzSq[l];
      probes.put(Probes.DZ_LAYER.at(l), Math.sqrt(dzSq[l] / ((double) p * net.n)));
    }
    probes.put(Probes.DZ_MEAN.name(), Math.sqrt(all / ((double) depth * p * net.n)));
    probes.put(Probes.LOSS_TRAIN.name(), lossCur);
    probes.put(Probes.ERR_TRAIN.name(), error(tr.out, f0Tr, data.yTrain(), p));

    forwardTest(w);
    int nt = data.test();
    double lt = 0;
    double[] outTest = new double[nt];
    double sq = 0;
    for (int i = 0; i < nt; i++) {
      double ui = u(teOut, f0Te, i);
      lt += loss.value(ui, data.yTest()[i]);
      outTest[i] = teOut.get(i) - f0Te.get(i);
      sq += outTest[i] * outTest[i];
    }
    if (nt > 0) {
      probes.put(Probes.LOSS_TEST.name(), lt * norm / nt);
      probes.put(Probes.ERR_TEST.name(), error(teOut, f0Te, data.yTest(), nt));
      probes.put(Probes.OUT_TRAINED_RMS.name(), Math.sqrt(sq / nt));
    }
    series.put("out.test", outTest);

    if (dLin != null) {
      double gap = 0, dl = 0;
      for (int i = 0; i < net.size; i++) {
        double lin = dLin.all.get(i);
        double diff = (w.all.get(i) - w0.all.get(i)) - lin;
        gap += diff * diff;
        dl += lin * lin;
      }
      probes.put(Probes.GAP_LIN.name(), Math.sqrt(gap));
      probes.put(Probes.DW_LIN.name(), Math.sqrt(dl));
    }
  }

  /** Fraction of sign mismatches (classification) or mean squared error (real targets). */
  private double error(DoubleBuffer out, DoubleBuffer f0, double[] y, int m) {
    double e = 0;
    for (int i = 0; i < m; i++) {
      double ui = u(out, f0, i);
      if (classification) {
        e += (ui * y[i] > 0) ? 0 : 1;
      } else {
        e += (ui - y[i]) * (ui - y[i]);
      }
    }
    return e / m;
  }

  private static double rms(DoubleBuffer b, int m) {
    return m == 0 ? 0 : Math.sqrt(Net.sumSq(b, m) / m);
  }

  private static double[] toArray(List<Double> l) {
    double[] a = new double[l.size()];
    for (int i = 0; i < a.length; i++) a[i] = l.get(i);
    return a;
  }

  private static double[] concat(List<double[]> l) {
    int s = 0;
    for (double[] a : l) s += a.length;
    double[] r = new double[s];
    int o = 0;
    for (double[] a : l) {
      System.arraycopy(a, 0, r, o, a.length);
      o += a.length;
    }
    return r;
  }

  // ---- stepping outside run() (reference comparisons and benchmarks) ----

  /** Replaces the initial weights w0 (and w) by {@code src}: net.size entries, W^0 first. Before {@link #begin}. */
  void setInitialWeights(double[] src) {
    if (src.length != net.size) {
      throw new IllegalArgumentException("weights: expected " + net.size + " values, got " + src.length);
    }
    w0.all.put(0, src);
    w.copyFrom(w0);
  }

  /** What run() does before its loop, less probes, NTK and checkpoints: F0, loss and gradient at w, dt = lr. */
  void begin() {
    prepare();
    if (ws0 != null) net.forward(w0, ws0);
    lossCur = evaluate(w, g);
    for (int i = 0; i < p; i++) fCur.put(i, tr.out.get(i));
    if (dLin != null) evaluateLin();
    dt = dy.lr();
  }

  /** One step of the dynamics as in run() (flow: one accepted step after any rejected tries); null or why it failed. */
  String step() {
    String err = switch (dy.kind()) {
      case "flow" -> flowStep();
      case "gd" -> gdStep();
      case "momentum" -> momentumStep();
      default -> sgdStep();
    };
    if (err == null) steps++;
    return err;
  }

  /** The exact NTK Gram at the current weights into the run's Gram buffer (needs ntk); returns its Frobenius norm. */
  double gramNow() {
    net.forward(w, tr);
    net.ntk(w, tr, gram, t1, t2);
    return Math.sqrt(Net.sumSq(gram, p * p));
  }

  /** Copies the run's Gram buffer (P x P, row-major) into {@code dst}. */
  void gramCopy(double[] dst) {
    gram.get(0, dst);
  }

  double lossNow() { return lossCur; }
  double timeNow() { return t; }
  double dtNow() { return dt; }
  long rejectedNow() { return rejected; }
}
