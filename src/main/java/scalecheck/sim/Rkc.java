package scalecheck.sim;

import java.nio.DoubleBuffer;
import java.util.function.LongFunction;

/**
 * The second-order Runge-Kutta-Chebyshev method with error control (RKC2: Sommeijer, Shampine &amp;
 * Verwer, "RKC: an explicit solver for parabolic PDEs", J. Comput. Appl. Math. 88 (1998) 315-326;
 * Verwer, Hundsdorfer &amp; Sommeijer, "Convergence properties of the Runge-Kutta-Chebyshev method",
 * Numer. Math. 57 (1990) 157-178) for dy/dt = F(y) whose Jacobian has a spectrum near the negative
 * real axis (gradient flow: the Jacobian is minus the Hessian, symmetric).
 *
 * <p>A step of size h with s &gt;= 2 stages, damping eps = 2/13, w0 = 1 + eps/s^2, w1 = T_s'(w0) /
 * T_s''(w0), b_j = T_j''(w0) / T_j'(w0)^2 (j &gt;= 2), b_0 = b_1 = b_2 (T_j the Chebyshev polynomials,
 * T_j = 2x T_{j-1} - T_{j-2} and its derivatives by the differentiated recurrences):
 * <pre>
 *   Y_0 = y_n,  Y_1 = y_n + mu~_1 h F(Y_0),  mu~_1 = b_1 w1,
 *   Y_j = (1 - mu_j - nu_j) y_n + mu_j Y_{j-1} + nu_j Y_{j-2} + mu~_j h F(Y_{j-1}) + gamma~_j h F(Y_0),
 *   mu_j = 2 b_j w0 / b_{j-1},  nu_j = -b_j / b_{j-2},  mu~_j = 2 b_j w1 / b_{j-1},
 *   gamma~_j = -(1 - b_{j-1} T_{j-1}(w0)) mu~_j,   y_{n+1} = Y_s.
 * </pre>
 * Its real stability interval is about [-0.653 s^2, 0]. The error estimate (ibid.) is
 * est = (1/15) [12 (y_n - y_{n+1}) + 6 h (F(y_n) + F(y_{n+1}))], measured by the control's
 * {@link EmbeddedRk.ErrorNorm}; a step is accepted when err &lt;= 1 and the next step is
 * h min(facMax, max(facMin, safety err^(-1/3))) (facMax = 1 right after a rejection).
 * The stage count is s = 1 + floor(sqrt(1 + 1.54 h rho)) (at least 2, at most {@link #MAX_STAGES},
 * h cut to fit), rho the spectral radius of the Jacobian estimated as RKC does, by a nonlinear power
 * iteration on F (rho ~ ||F(y + v) - F(y)|| / ||v||, v renormalised to a small length and started
 * from the last direction), taken times 1.2, re-estimated every {@link #RHO_EVERY} accepted steps and
 * after a rejection. A step costs s evaluations of F (s - 1 stages and F(y_{n+1}), which is the
 * next step's F(Y_0)), plus those of the power iteration.
 *
 * <p>Contract with the field (as {@link EmbeddedRk}'s): after {@link #start} and every accepted step,
 * the last call of {@link EmbeddedRk.Field#derivative} was at the current state. Every buffer is
 * allocated in the constructor; a step allocates nothing. Dense output: the cubic Hermite
 * interpolant of y_n, y_{n+1}, F(y_n), F(y_{n+1}).
 */
final class Rkc implements Flow.Integrator {

  /** Damping of the Chebyshev polynomial (RKC's value). */
  static final double EPS = 2.0 / 13;
  /** Most stages a step uses. */
  static final int MAX_STAGES = 250;
  /** Accepted steps between two spectral-radius estimates. */
  static final int RHO_EVERY = 25;

  private final int n;
  private final EmbeddedRk.Field field;
  private final EmbeddedRk.Control ctl;
  private final DoubleBuffer y;
  private final DoubleBuffer yPrev, a, b, c, dir;
  private DoubleBuffer f0, fNew, kPrev;
  private final double[] mu = new double[MAX_STAGES + 1], nu = new double[MAX_STAGES + 1],
      muT = new double[MAX_STAGES + 1], gammaT = new double[MAX_STAGES + 1];
  private final double[][] work = new double[4][MAX_STAGES + 1];
  private double t, h, hNext, lastErr, rho = Double.NaN;
  private long evaluations, accepted, rejected;
  private int sinceRho, lastStages;
  private boolean rejectedBefore, dirSet;

  /**
   * An integrator of {@code n} components that advances {@code state} in place, its {@link #buffers}
   * work vectors from {@code alloc} (a counting allocator may return null: the integrator is then never used).
   */
  Rkc(EmbeddedRk.Control ctl, EmbeddedRk.Field field, DoubleBuffer state, int n, LongFunction<DoubleBuffer> alloc) {
    if (state != null && state.capacity() < n) throw new IllegalArgumentException("state holds " + state.capacity() + " < " + n);
    this.n = n;
    this.field = field;
    this.ctl = ctl;
    this.y = state;
    DoubleBuffer[] v = new DoubleBuffer[buffers()];
    for (int i = 0; i < v.length; i++) v[i] = alloc.apply(n);
    yPrev = v[0]; a = v[1]; b = v[2]; c = v[3]; dir = v[4]; f0 = v[5]; fNew = v[6]; kPrev = v[7];
  }

  /** Work vectors of n doubles an integrator allocates. */
  static int buffers() {
    return 8;
  }

  /** RKC's controller constants: safety 0.8, facMin 0.1, facMax 10. */
  static EmbeddedRk.Control control(double rtol, double atol) {
    return new EmbeddedRk.Control(rtol, atol, EmbeddedRk.ErrorNorm.RMS, 0.8, 0.1, 10);
  }

  /**
   * The coefficients of an s-stage step into {@code mu, nu, muT, gammaT} (index j = 1..s; nu[1] and
   * gammaT[1] are 0), by the formulas of the class comment.
   */
  static void coefficients(int s, double[] mu, double[] nu, double[] muT, double[] gammaT) {
    coefficients(s, mu, nu, muT, gammaT, new double[4][s + 1]);
  }

  /** As above, with 4 scratch arrays of at least s + 1 entries (T_j, T_j', T_j'', b_j at w0). */
  static void coefficients(int s, double[] mu, double[] nu, double[] muT, double[] gammaT, double[][] work) {
    double w0 = 1 + EPS / ((double) s * s);
    double[] tj = work[0], d1 = work[1], d2 = work[2], bj = work[3];
    tj[0] = 1;
    d1[0] = 0;
    d2[0] = 0;
    d2[1] = 0;
    tj[0] = 1;
    tj[1] = w0;
    d1[1] = 1;
    for (int j = 2; j <= s; j++) {
      tj[j] = 2 * w0 * tj[j - 1] - tj[j - 2];
      d1[j] = 2 * tj[j - 1] + 2 * w0 * d1[j - 1] - d1[j - 2];
      d2[j] = 4 * d1[j - 1] + 2 * w0 * d2[j - 1] - d2[j - 2];
    }
    double w1 = d1[s] / d2[s];
    for (int j = 2; j <= s; j++) bj[j] = d2[j] / (d1[j] * d1[j]);
    bj[0] = bj[2];
    bj[1] = bj[2];
    mu[1] = 0;
    nu[1] = 0;
    muT[1] = bj[1] * w1;
    gammaT[1] = 0;
    for (int j = 2; j <= s; j++) {
      mu[j] = 2 * bj[j] * w0 / bj[j - 1];
      nu[j] = -bj[j] / bj[j - 2];
      muT[j] = 2 * bj[j] * w1 / bj[j - 1];
      gammaT[j] = -(1 - bj[j - 1] * tj[j - 1]) * muT[j];
    }
  }

  /** s = 1 + floor(sqrt(1 + 1.54 h rho)), at least 2. */
  static int stages(double h, double rho) {
    double x = 1 + Math.floor(Math.sqrt(1 + 1.54 * h * rho));
    return x >= MAX_STAGES ? MAX_STAGES : Math.max(2, (int) x);
  }

  /** Evaluates F at the state (one evaluation) and sets t = t0 and the first trial step h0 &gt; 0. */
  @Override
  public void start(double t0, double h0) {
    if (!(h0 > 0)) throw new IllegalArgumentException("first step must be > 0, not " + h0);
    t = t0;
    hNext = h0;
    rejectedBefore = false;
    field.derivative(y, f0);
    evaluations++;
  }

  /**
   * The spectral radius of F's Jacobian at the state by a nonlinear power iteration (RKC's RKCRHO):
   * v_{k+1} = y + delta (F(v_k) - F(y)) / ||F(v_k) - F(y)||, sigma_k = ||F(v_k) - F(y)|| / delta,
   * delta = sqrt(u) max(||y||, sqrt(n)), until sigma changes by under 1 %; 1.2 sigma (at most 20 iterations).
   */
  private void estimateRho() {
    double ynrm = 0;
    for (int q = 0; q < n; q++) ynrm += y.get(q) * y.get(q);
    double delta = Math.sqrt(Math.ulp(1.0)) * Math.max(Math.sqrt(ynrm), Math.sqrt(n));
    if (!dirSet) {
      for (int q = 0; q < n; q++) dir.put(q, f0.get(q) != 0 ? f0.get(q) : 1);
      dirSet = true;
    }
    double sigma = 0;
    for (int it = 0; it < 20; it++) {
      double dn = 0;
      for (int q = 0; q < n; q++) dn += dir.get(q) * dir.get(q);
      dn = Math.sqrt(dn);
      if (!(dn > 0) || !Double.isFinite(dn)) {
        for (int q = 0; q < n; q++) dir.put(q, 1);
        dn = Math.sqrt(n);
      }
      for (int q = 0; q < n; q++) a.put(q, y.get(q) + delta * dir.get(q) / dn);
      field.derivative(a, fNew);
      evaluations++;
      double df = 0;
      for (int q = 0; q < n; q++) {
        double v = fNew.get(q) - f0.get(q);
        dir.put(q, v);
        df += v * v;
      }
      double last = sigma;
      sigma = Math.sqrt(df) / delta;
      if (!Double.isFinite(sigma)) break;
      if (it > 0 && Math.abs(sigma - last) <= 0.01 * Math.max(sigma, 1e-300)) break;
    }
    rho = Double.isFinite(sigma) ? 1.2 * sigma : rho;
    sinceRho = 0;
  }

  /**
   * Attempts steps of at most {@code hMax} until one is accepted; returns the step taken, or 0 when
   * the step falls below {@code hMin} (state unchanged).
   */
  @Override
  public double step(double hMax, double hMin) {
    while (true) {
      boolean clipped = hNext >= hMax;
      double hTry = clipped ? hMax : hNext;
      if (!(hTry >= hMin) || !(hTry > 0)) return 0;
      double keep = hNext;
      double taken = attempt(hTry, false);
      if (taken > 0) {
        if (clipped) hNext = Math.max(keep, hNext);
        return taken;
      }
    }
  }

  /** One step of size {@code hForced} accepted whatever its (finite) error; 0 when not finite. */
  @Override
  public double forceStep(double hForced) {
    double keep = hNext;
    double taken = attempt(hForced, true);
    if (taken == 0) hNext = keep;
    return taken;
  }

  private double attempt(double hTry, boolean force) {
    if (Double.isNaN(rho) || sinceRho >= RHO_EVERY || rejectedBefore) estimateRho();
    h = hTry;
    double hr = Double.isFinite(rho) ? h * rho : 0;
    int s = stages(h, Double.isFinite(rho) ? rho : 0);
    // h rho must fit the s-stage interval: ((s - 1)^2 - 1) / 1.54 at s = MAX_STAGES
    double fit = ((MAX_STAGES - 1.0) * (MAX_STAGES - 1.0) - 1) / 1.54;
    if (s == MAX_STAGES && hr > fit) h = fit / rho;
    if (s != lastStages) coefficients(s, mu, nu, muT, gammaT, work);
    lastStages = s;
    // rotating stage buffers: yjm2 = Y_{j-2}, yjm1 = Y_{j-1}, yj = Y_j
    DoubleBuffer yjm2 = y, yjm1 = a, yj = b, spare = c;
    for (int q = 0; q < n; q++) a.put(q, y.get(q) + muT[1] * h * f0.get(q));
    for (int j = 2; j <= s; j++) {
      field.derivative(yjm1, fNew);
      evaluations++;
      double m = mu[j], v = nu[j], mt = muT[j] * h, gt = gammaT[j] * h, one = 1 - m - v;
      for (int q = 0; q < n; q++) {
        yj.put(q, one * y.get(q) + m * yjm1.get(q) + v * yjm2.get(q) + mt * fNew.get(q) + gt * f0.get(q));
      }
      DoubleBuffer free = yjm2 == y ? spare : yjm2;
      yjm2 = yjm1;
      yjm1 = yj;
      yj = free;
    }
    DoubleBuffer y1 = yjm1, e = yj;
    field.derivative(y1, fNew);
    evaluations++;
    for (int q = 0; q < n; q++) {
      e.put(q, (12 * (y.get(q) - y1.get(q)) + 6 * h * (f0.get(q) + fNew.get(q))) / 15);
    }
    double err = ctl.norm().of(e, y, y1, n, ctl.rtol(), ctl.atol());
    boolean finite = Double.isFinite(err);
    for (int q = 0; finite && q < n; q++) finite = Double.isFinite(y1.get(q));
    if (!finite) err = Double.POSITIVE_INFINITY;
    lastErr = err;
    double fac = !finite ? ctl.facMin()
        : err == 0 ? ctl.facMax()
        : Math.min(ctl.facMax(), Math.max(ctl.facMin(), ctl.safety() * Math.pow(err, -1.0 / 3)));
    if (!(err <= 1 || (force && finite))) {
      // refused: retry shorter, and do not grow right after a refusal
      rejected++;
      rejectedBefore = true;
      hNext = h * Math.min(1, fac);
      return 0;
    }
    yPrev.put(0, y, 0, n);
    y.put(0, y1, 0, n);
    hNext = h * (rejectedBefore ? Math.min(1, fac) : fac);
    rejectedBefore = false;
    DoubleBuffer old = kPrev;
    kPrev = f0;
    f0 = fNew;
    fNew = old;
    t += h;
    accepted++;
    sinceRho++;
    return h;
  }

  /**
   * Event location on the last accepted step by the Illinois variant of regula falsi on the Hermite
   * interpolant (as {@link EmbeddedRk#locate}); returns theta and the interpolated state in {@code out}.
   */
  @Override
  public double locate(EmbeddedRk.Event ev, double v0, double v1, double thetaTol, DoubleBuffer out) {
    return EmbeddedRk.locate(ev, v0, v1, thetaTol, out, dense);
  }

  private final EmbeddedRk.Dense dense = this::interpolate;

  /** The cubic Hermite interpolant of the last accepted step at t0 + theta h into {@code out}. */
  void interpolate(double theta, DoubleBuffer out) {
    EmbeddedRk.hermite(theta, h, yPrev, y, kPrev, f0, n, out);
  }

  /** F at the current state (valid after start and every accepted step; do not modify). */
  DoubleBuffer derivativeAtState() { return f0; }

  double time() { return t; }
  double lastStep() { return h; }
  @Override
  public double nextStep() { return hNext; }
  @Override
  public double lastError() { return lastErr; }
  /** The spectral-radius estimate in use (1.2 times the power iteration's). */
  double spectralRadius() { return rho; }
  /** NaN: the stage count follows the spectral radius, no step is held by stability. */
  @Override
  public double lastStiffness() { return Double.NaN; }
  /** Stages of the last attempt. */
  int lastStages() { return lastStages; }
  @Override
  public long evaluations() { return evaluations; }
  long accepted() { return accepted; }
  @Override
  public long rejected() { return rejected; }
}
