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

/**
 * One training run: initialisation, dynamics, stop rule, checkpoints and probes (names and norms in
 * {@link Simulator}). The network is a {@link Model}, the training a {@link Dynamics} kind: its stepper
 * moves the trained net, its update the linearised twin. Every buffer is allocated in the constructor
 * through a {@link Memory} (which {@link #estimateBytes} counts); the steps allocate nothing.
 */
final class Run {
  private final RunSpec spec;
  private final DynamicsSpec dy;
  private final Dynamics kind;
  private final Dataset data;
  final Model net;
  private final Loss loss;
  private final double norm;
  private final int p;
  private final boolean classification;
  private final boolean centred;

  final Params w0;
  /** The trained net's current point and descent direction (those of {@link #cur} after each step). */
  Params w, g;
  final Batch tr;
  /** Test inputs go through the net in chunks of te.b rows (teRest: the last, shorter chunk), into teOut. */
  private final Batch te, teRest;
  private final DoubleBuffer teOut;
  private final DoubleBuffer yTr, f0Tr, f0Te, fCur, coef;
  private final DoubleBuffer[] z0;
  private final State cur;
  private final Dynamics.Stepper stepper;

  // linearised model f0 + J(w0) (w - w0): state dLin = w_lin - w0, moved by the kind's update
  private final Batch ws0;
  private final Params dLin;
  private final DoubleBuffer coefLin;
  private final State lin;
  private final Dynamics.Update linUpdate;

  // NTK
  private final DoubleBuffer gram0, gram, t1, t2;

  private double t, lossCur, lossInit, lossPrevT, lossPrevV;
  private long steps;
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
    this(spec, data, data.d(), data.train(), data.test(), Memory.allocating());
  }

  /**
   * Allocates every buffer through {@code mem}; with a counting Memory (data null) only the sizes
   * are walked, for {@link #estimateBytes}.
   */
  private Run(RunSpec spec, Dataset data, int d, int train, int test, Memory mem) {
    this.spec = spec;
    ModelSpec ms = spec.model();
    this.dy = spec.dynamics();
    this.kind = Dynamics.of(dy);
    this.data = data;
    this.net = Model.of(ms, d);
    this.loss = new Loss(dy.loss(), dy.lossBeta());
    this.norm = dy.lossNormalised() ? 1 / (ms.alpha() * ms.alpha()) : 1.0;
    this.p = train;
    this.centred = ms.centred();
    boolean cls = true;
    if (data != null) {
      for (double y : data.yTrain()) cls &= Math.abs(y) == 1.0;
    }
    this.classification = cls;

    w0 = mem.params(net);
    Params w = mem.params(net);
    Params g = mem.params(net);
    tr = mem.batch(net, p);
    int rows = testRows(net, test);
    te = mem.batch(net, rows);
    teRest = test % rows == 0 ? null : mem.batch(net, test % rows);
    teOut = mem.doubles(test);
    yTr = mem.doubles(p);
    f0Tr = mem.doubles(p);
    f0Te = mem.doubles(test);
    fCur = mem.doubles(p);
    coef = mem.doubles(p);
    z0 = new DoubleBuffer[net.depth() + 1];
    for (int l = 1; l <= net.depth(); l++) z0[l] = mem.doubles((long) p * net.width());
    cur = new Trained(w, g);
    stepper = kind.stepper(mem, new Dynamics.Setup(net, spec, loss, norm, centred, w0));
    if (dy.linearised()) {
      ws0 = mem.batch(net, p);
      dLin = mem.params(net);
      coefLin = mem.doubles(p);
      lin = new Linearised(dLin, mem.params(net));
      linUpdate = kind.update(mem, net);
    } else {
      ws0 = null;
      dLin = null;
      coefLin = null;
      lin = null;
      linUpdate = null;
    }
    gram0 = dy.ntk() ? mem.doubles((long) p * p) : null;
    gram = dy.ntk() ? mem.doubles((long) p * p) : null;
    t1 = dy.ntk() ? mem.doubles((long) p * p) : null;
    t2 = dy.ntk() ? mem.doubles((long) p * p) : null;
    if (data == null) return;
    tr.setX(data.xTrain());
    if (ws0 != null) ws0.setX(data.xTrain());
    for (int i = 0; i < p; i++) yTr.put(i, data.yTrain()[i]);
    net.init(w0, new SplittableRandom(spec.seed()));
    w.copyFrom(w0);
    this.w = w;
    this.g = g;
  }

  /** Bytes of off-heap memory a run allocates (weights, activations, buffers, Gram): its allocation walked by a counting {@link Memory}. */
  static long estimateBytes(RunSpec s, int d, int train, int test) {
    Memory mem = Memory.counting();
    new Run(s, null, d, train, test, mem);
    return mem.bytes();
  }

  /** Rows per test chunk: the whole test set, or as many as keep a chunk's activations near 32 MiB. */
  static int testRows(Model net, int test) {
    long perRow = net.batchBytes(1) / 8 - net.inputDim();
    return (int) Math.max(1, Math.min(Math.max(1, test), (1L << 22) / perRow));
  }

  /** F(at, x) on every test input, chunk by chunk, into teOut. */
  private void forwardTest(Params at) {
    int nt = data.test(), d = data.d();
    double[] x = data.xTest();
    for (int c = 0; c < nt; c += te.b) {
      Batch ws = nt - c >= te.b ? te : teRest;
      for (int i = 0; i < ws.b * d; i++) ws.x.put(i, x[c * d + i]);
      net.forward(at, ws);
      for (int i = 0; i < ws.b; i++) teOut.put(c + i, ws.out.get(i));
    }
  }


  /** The trained output u = F - F0 (centred) or F at a training index, from out. */
  private double u(DoubleBuffer out, DoubleBuffer f0, int i) {
    return centred ? out.get(i) - f0.get(i) : out.get(i);
  }

  /**
   * Loss and gradient at {@code at} on the training set: forward into tr, coef = norm/P l'(u, y),
   * backward into {@code grad}. Returns the loss (maybe non-finite).
   */
  double evaluate(Params at, Params grad) {
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

  /** The trained net: loss and direction on the training set, outputs in tr.out (current ones in fCur). */
  private final class Trained extends State {
    Trained(Params w, Params g) {
      super(w, g, net.size());
    }

    @Override
    double evaluate(Params at, Params grad) {
      return Run.this.evaluate(at, grad);
    }

    @Override
    void settle() {
      for (int i = 0; i < p; i++) fCur.put(i, tr.out.get(i));
    }

    @Override
    double outputChange() {
      double mx = 0;
      for (int i = 0; i < p; i++) mx = Math.max(mx, Math.abs(tr.out.get(i) - fCur.get(i)));
      return mx;
    }

    @Override
    double marginGap() {
      double m = Double.POSITIVE_INFINITY;
      for (int i = 0; i < p; i++) m = Math.min(m, u(tr.out, f0Tr, i) * yTr.get(i));
      return m - 1;
    }
  }

  /**
   * The linearised model at d = w_lin - w0: u = J(w0) d (+ F0 when not centred), its direction
   * J(w0)^T-weighted as the net's; ws0 holds the forward pass at w0. Its loss and outputs are not kept.
   */
  private final class Linearised extends State {
    Linearised(Params d, Params g) {
      super(d, g, net.size());
    }

    @Override
    double evaluate(Params at, Params grad) {
      net.jvp(w0, ws0, at, null);
      double inv = norm / p;
      for (int i = 0; i < p; i++) {
        double ui = ws0.out.get(i) + (centred ? 0 : f0Tr.get(i));
        coefLin.put(i, inv * Run.this.loss.derivative(ui, yTr.get(i)));
      }
      net.backward(w0, ws0, coefLin, grad);
      return Double.NaN;
    }

    @Override
    void settle() {}

    @Override
    double outputChange() {
      return Double.NaN;
    }
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
    Model.ZSink keep = (l, z) -> z0[l].put(0, z, 0, p * net.width());
    if (ws0 != null) {
      net.forward(w0, ws0, keep);
    } else {
      net.forward(w0, tr, keep);
    }
    cur.evaluate();
    lossCur = cur.loss;
    lossInit = lossCur;
    probes.put("loss.init", lossInit);
    probes.put("out.init.rms", rms(f0Te, data.test()));
    initRates();
    if (dy.ntk()) {
      net.forward(w, tr);
      net.ntk(w, tr, gram0, t1, t2);
      gram0Norm = Math.sqrt(Kernels.sumSq(gram0, p * p));
    }
    if (lin != null) lin.evaluate();

    int nCk = dy.checkpoints();
    int nextCk = 0;
    checkpoint();
    lossPrevT = 0;
    lossPrevV = lossInit;
    RunStatus status;
    String reason;
    long evalEvery = kind.evaluateEvery(p);
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
      String err = advance();
      if (err != null) {
        status = RunStatus.DIVERGED;
        reason = err + " at step " + (steps + 1);
        break;
      }
      steps++;
      lossKnown = kind.tracksTrainingLoss() || steps % evalEvery == 0;
      if (!kind.tracksTrainingLoss() && lossKnown) {
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
      while (nextCk < nCk && t >= checkpointTime(kind, nextCk)) {
        nextCk++;
        ck = true;
      }
      if (ck) {
        if (!lossKnown) lossCur = trainLossOnly();
        checkpoint();
      }
    }
    if (status != RunStatus.DIVERGED) {
      if (!kind.tracksTrainingLoss()) lossCur = trainLossOnly();
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
    probes.put("steps.rejected", (double) stepper.rejected());
    stepper.probes(probes);
    double wall = (System.nanoTime() - startNs) / 1e9;
    return new RunResult(status, reason, steps, t, wall, Collections.unmodifiableMap(new TreeMap<>(probes)),
        Collections.unmodifiableMap(new TreeMap<>(series)));
  }

  /**
   * The time of checkpoint k of {@link DynamicsSpec#checkpoints}: log-spaced from tMax 1e-6 to tMax,
   * tMax = maxTime (the kind's horizon when maxTime is infinite).
   */
  static double checkpointTime(Dynamics kind, int k) {
    DynamicsSpec dy = kind.spec;
    double tMax = Double.isFinite(dy.maxTime()) ? dy.maxTime() : kind.horizon();
    double tMin = tMax * 1e-6;
    return tMin * Math.pow(tMax / tMin, k / (double) (dy.checkpoints() - 1));
  }

  private double tMaxReached() {
    return dy.maxTime() * (1 - 1e-12);
  }

  private boolean stopMet() {
    switch (dy.stop()) {
      case "margins":
        boolean tracked = kind.tracksTrainingLoss();
        if (!tracked) net.forward(w, tr);
        for (int i = 0; i < p; i++) {
          if (u(tracked ? fCur : tr.out, f0Tr, i) * yTr.get(i) < 1) return false;
        }
        return true;
      case "loss":
        return lossCur <= dy.lossLevel();
      default:
        return false;
    }
  }

  // ---- dynamics ----

  /**
   * One step of the kind's stepper on the trained net (of at most the time left), the twin following
   * by the same step; t advances by the step taken (also by a fixed step that ended non-finite).
   */
  private String advance() {
    String err = stepper.step(cur, dy.maxTime() - t);
    if (err == null && lin != null) linUpdate.apply(lin, stepper.taken);
    w = cur.w;
    g = cur.g;
    if (kind.tracksTrainingLoss()) lossCur = cur.loss;
    t += stepper.taken;
    return err;
  }

  // ---- probes ----

  private void initRates() {
    int depth = net.depth();
    probes.put("rate.first", rmsLayer(g, 0));
    probes.put("rate.last", rmsLayer(g, depth));
    if (depth > 1) {
      double s = 0;
      long cnt = 0;
      for (int l = 1; l < depth; l++) {
        s += Kernels.sumSq(g.w[l], net.len(l));
        cnt += net.len(l);
      }
      probes.put("rate.hidden", Math.sqrt(s / cnt));
    }
    // dz/dt along -grad: the same magnitude as along grad
    double[] dz = new double[depth + 1];
    net.forward(w, tr);
    net.jvp(w, tr, g, dz);
    double s = 0;
    for (int l = 1; l <= depth; l++) s += dz[l];
    probes.put("rate.z", Math.sqrt(s / ((double) depth * p * net.width())));
  }

  private double rmsLayer(Params x, int l) {
    return Math.sqrt(Kernels.sumSq(x.w[l], net.len(l)) / net.len(l));
  }

  private void checkpoint() {
    lossT.add(t);
    lossV.add(lossCur);
    double rd = Math.sqrt(Kernels.diffSq(w.w[0], w0.w[0], net.len(0)) / Kernels.sumSq(w0.w[0], net.len(0)));
    rdSup = Math.max(rdSup, rd);
    if (dy.ntk()) {
      net.forward(w, tr);
      net.ntk(w, tr, gram, t1, t2);
      double ch = Math.sqrt(Kernels.diffSq(gram, gram0, p * p)) / gram0Norm;
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
      double[] ww = new double[net.len(0)];
      w.w[0].get(0, ww);
      trajW.add(ww);
      double[] aa = new double[net.width()];
      w.w[net.depth()].get(0, aa);
      trajA.add(aa);
    }
  }

  private void finalProbes() {
    int depth = net.depth();
    double total = 0, hid = 0;
    long hidCnt = 0;
    for (int l = 0; l <= depth; l++) {
      double sq = Kernels.diffSq(w.w[l], w0.w[l], net.len(l));
      double n0 = Math.sqrt(Kernels.sumSq(w0.w[l], net.len(l)));
      total += sq;
      probes.put(Probes.DW_LAYER.at(l), Math.sqrt(sq / net.len(l)));
      probes.put(Probes.DWFRO_LAYER.at(l), Math.sqrt(sq));
      probes.put(Probes.DWREL_LAYER.at(l), Math.sqrt(sq) / n0);
      if (l > 0 && l < depth) {
        hid += sq;
        hidCnt += net.len(l);
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
    net.forward(w, tr, (l, z) -> dzSq[l] = Kernels.diffSq(z, z0[l], p * net.width()));
    double all = 0;
    for (int l = 1; l <= depth; l++) {
      all += dzSq[l];
      probes.put(Probes.DZ_LAYER.at(l), Math.sqrt(dzSq[l] / ((double) p * net.width())));
    }
    probes.put(Probes.DZ_MEAN.name(), Math.sqrt(all / ((double) depth * p * net.width())));
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
      for (int i = 0; i < net.size(); i++) {
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
    return m == 0 ? 0 : Math.sqrt(Kernels.sumSq(b, m) / m);
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

  /** Replaces the initial weights w0 (and w) by {@code src}: net.size() entries, W^0 first. Before {@link #begin}. */
  void setInitialWeights(double[] src) {
    if (src.length != net.size()) {
      throw new IllegalArgumentException("weights: expected " + net.size() + " values, got " + src.length);
    }
    w0.all.put(0, src);
    w.copyFrom(w0);
  }

  /** What run() does before its loop, less probes, NTK and checkpoints: F0, loss and gradient at w. */
  void begin() {
    prepare();
    if (ws0 != null) net.forward(w0, ws0);
    cur.evaluate();
    lossCur = cur.loss;
    if (lin != null) lin.evaluate();
  }

  /** One step of the dynamics as in run() (flow: one accepted step after any rejected tries); null or why it failed. */
  String step() {
    String err = advance();
    if (err == null) steps++;
    return err;
  }

  /** The exact NTK Gram at the current weights into the run's Gram buffer (needs ntk); returns its Frobenius norm. */
  double gramNow() {
    net.forward(w, tr);
    net.ntk(w, tr, gram, t1, t2);
    return Math.sqrt(Kernels.sumSq(gram, p * p));
  }

  /** Copies the run's Gram buffer (P x P, row-major) into {@code dst}. */
  void gramCopy(double[] dst) {
    gram.get(0, dst);
  }

  double lossNow() { return lossCur; }
  double timeNow() { return t; }
  double dtNow() { return stepper.dt(); }
  long rejectedNow() { return stepper.rejected(); }
}
