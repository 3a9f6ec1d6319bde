package scalecheck.sim;

import java.nio.DoubleBuffer;
import java.util.function.LongFunction;

/**
 * Explicit embedded Runge-Kutta pair with error control for an autonomous system dy/dt = f(y) of
 * n components (gradient flow dw/dt = -grad L(w) is one).
 *
 * <p>A step of size h from y computes the stages k_i = f(y + h sum_{j&lt;i} a_ij k_j), the
 * propagated solution y1 = y + h sum b_i k_i (local extrapolation: the higher order) and the error
 * estimate e = h sum (b_i - bHat_i) k_i. With sc_i = atol + rtol max(|y_i|, |y1_i|) the error is
 * err = sqrt((1/n) sum (e_i / sc_i)^2) ({@link ErrorNorm#RMS}, Hairer, Norsett &amp; Wanner, Solving
 * Ordinary Differential Equations I, 2nd ed., section II.4, eq. (4.11)) or a norm-wise relative
 * error per block ({@link ErrorNorm#blockwise}). The step is accepted when err &lt;= 1; either way the next step is
 * h min(facMax, max(facMin, safety err^(-1/(q+1)))), q = min(order, embedded order) (ibid. (4.13)),
 * with facMax = 1 right after a rejection. A non-finite err is a rejection with factor facMin.
 *
 * <p>Pairs ({@link Tableau}):
 * <ul>
 *   <li>{@link Tableau#BS23}: Bogacki &amp; Shampine, "A 3(2) pair of Runge-Kutta formulas", Appl. Math.
 *       Lett. 2 (1989) 321-325. c = (0, 1/2, 3/4, 1); a21 = 1/2; a31 = 0, a32 = 3/4;
 *       a41 = 2/9, a42 = 1/3, a43 = 4/9; b = (2/9, 1/3, 4/9, 0) (order 3);
 *       bHat = (7/24, 1/4, 1/3, 1/8) (order 2). FSAL: the fourth stage is f(y1), the first stage of
 *       the next step, so an attempt costs 3 evaluations of f. Real stability interval about [-2.51, 0].</li>
 *   <li>{@link Tableau#DP54}: Dormand &amp; Prince, "A family of embedded Runge-Kutta formulae",
 *       J. Comput. Appl. Math. 6 (1980) 19-26 (Hairer, Norsett &amp; Wanner, Table II.5.2); 7 stages, FSAL,
 *       6 evaluations an attempt. Real stability interval about [-3.31, 0].</li>
 * </ul>
 *
 * <p>Dense output on the last accepted step [t0, t0 + h]: the cubic Hermite interpolant of y0, y1,
 * f(y0), f(y1) (ibid. section II.6, eq. (6.7)), order 3, free for both pairs.
 *
 * <p>Contract with the field: after {@link #start} and after every accepted {@link #step}, the last
 * call of {@link Field#derivative} was at the current state, so whatever the field caches at its
 * last evaluation (network outputs, loss) belongs to the accepted state. Every buffer is allocated
 * in the constructor; {@link #step} allocates nothing.
 */
final class EmbeddedRk {

  /** The right-hand side f of dy/dt = f(y). */
  interface Field {
    /** Writes f(y) into {@code out} (n components; neither buffer's position is used). */
    void derivative(DoubleBuffer y, DoubleBuffer out);
  }

  /**
   * The error of a step as one number (accept when &lt;= 1) from the error vector e and the states
   * y0, y1 at the two ends of the step (n components each).
   */
  interface ErrorNorm {
    double of(DoubleBuffer e, DoubleBuffer y0, DoubleBuffer y1, int n, double rtol, double atol);

    /** sqrt((1/n) sum (e_i / sc_i)^2), sc_i = atol + rtol max(|y0_i|, |y1_i|) (HNW II.4 (4.11)). */
    ErrorNorm RMS = (e, y0, y1, n, rtol, atol) -> {
      double acc = 0;
      for (int q = 0; q < n; q++) {
        double r = e.get(q) / (atol + rtol * Math.max(Math.abs(y0.get(q)), Math.abs(y1.get(q))));
        acc += r * r;
      }
      return Math.sqrt(acc / n);
    };

    /**
     * Norm-wise relative error per block: max over blocks B of ||e_B||_2 / max(atol, rtol
     * max(||y0_B||_2, ||y1_B||_2)) (the norm-control option of Shampine &amp; Reichelt, "The MATLAB
     * ODE suite", SIAM J. Sci. Comput. 18 (1997), applied to each block). Blocks: [off[b], off[b] +
     * len[b]). Invariant under rescaling a block (a layer of weights) and its tolerance floor together.
     */
    static ErrorNorm blockwise(int[] off, int[] len) {
      int[] o = off.clone(), l = len.clone();
      return (e, y0, y1, n, rtol, atol) -> {
        double worst = 0;
        for (int b = 0; b < o.length; b++) {
          double ee = 0, a = 0, c = 0;
          for (int q = o[b]; q < o[b] + l[b]; q++) {
            ee += e.get(q) * e.get(q);
            a += y0.get(q) * y0.get(q);
            c += y1.get(q) * y1.get(q);
          }
          if (ee == 0) continue;
          double r = Math.sqrt(ee) / Math.max(atol, rtol * Math.sqrt(Math.max(a, c)));
          if (!(r <= worst)) worst = r;
        }
        return worst;
      };
    }
  }

  /** A scalar function of the state whose sign change in a step is an event ({@link #locate}). */
  interface Event {
    double value(DoubleBuffer y);
  }

  /**
   * A Butcher tableau with an embedded weight vector.
   *
   * @param order order of the propagated solution (weights b)
   * @param embeddedOrder order of the embedded solution (weights bHat)
   * @param a strictly lower-triangular stage matrix, a[i] has i entries
   */
  record Tableau(String name, int order, int embeddedOrder, double[] c, double[][] a, double[] b, double[] bHat) {
    Tableau {
      int s = b.length;
      if (c.length != s || a.length != s || bHat.length != s) {
        throw new IllegalArgumentException(name + ": c, a, b and bHat need " + s + " stages");
      }
      for (int i = 0; i < s; i++) {
        if (a[i].length != i) throw new IllegalArgumentException(name + ": row a[" + i + "] needs " + i + " entries");
        double sum = 0;
        for (double x : a[i]) sum += x;
        if (Math.abs(sum - c[i]) > 1e-14) throw new IllegalArgumentException(name + ": row sum of a[" + i + "] is not c");
      }
    }

    int stages() { return b.length; }

    /** First same as last: the last stage is evaluated at y1 (c = 1 and its row of a equals b). */
    boolean fsal() {
      int s = stages();
      if (c[s - 1] != 1.0 || b[s - 1] != 0.0) return false;
      for (int j = 0; j < s - 1; j++) if (a[s - 1][j] != b[j]) return false;
      return true;
    }

    /**
     * The real stability boundary x: |R(-y)| &lt;= 1 for 0 &lt;= y &lt;= x, where R(z) = sum_k z^k b^T A^(k-1) 1
     * is the stability polynomial (Hairer &amp; Wanner, Solving ODEs II, section IV.2); 2 for Euler,
     * about 2.51 for bs23, 3.31 for dp54. Scanned in steps of 1e-3, then bisected to 1e-12.
     */
    double stabilityBoundary() {
      int st = stages();
      double[] gamma = new double[st + 1];
      double[] v = new double[st];
      java.util.Arrays.fill(v, 1.0);
      gamma[0] = 1;
      for (int k = 1; k <= st; k++) {
        double dot = 0;
        for (int i = 0; i < st; i++) dot += b[i] * v[i];
        gamma[k] = dot;
        double[] nv = new double[st];
        for (int i = 0; i < st; i++) for (int j = 0; j < i; j++) nv[i] += a[i][j] * v[j];
        v = nv;
      }
      double lo = 0;
      while (lo < 100 * st && Math.abs(polynomial(gamma, -(lo + 1e-3))) <= 1) lo += 1e-3;
      double hi = lo + 1e-3;
      while (hi - lo > 1e-12) {
        double mid = 0.5 * (lo + hi);
        if (Math.abs(polynomial(gamma, -mid)) <= 1) lo = mid; else hi = mid;
      }
      return lo;
    }

    private static double polynomial(double[] c, double z) {
      double r = 0;
      for (int k = c.length - 1; k >= 0; k--) r = r * z + c[k];
      return r;
    }

    /** Evaluations of f per attempted step once started. */
    int evaluationsPerStep() { return fsal() ? stages() - 1 : stages(); }

    static final Tableau BS23 = new Tableau("bs23", 3, 2,
        new double[] {0, 1.0 / 2, 3.0 / 4, 1},
        new double[][] {{}, {1.0 / 2}, {0, 3.0 / 4}, {2.0 / 9, 1.0 / 3, 4.0 / 9}},
        new double[] {2.0 / 9, 1.0 / 3, 4.0 / 9, 0},
        new double[] {7.0 / 24, 1.0 / 4, 1.0 / 3, 1.0 / 8});

    static final Tableau DP54 = new Tableau("dp54", 5, 4,
        new double[] {0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1, 1},
        new double[][] {
            {},
            {1.0 / 5},
            {3.0 / 40, 9.0 / 40},
            {44.0 / 45, -56.0 / 15, 32.0 / 9},
            {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
            {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
            {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84}},
        new double[] {35.0 / 384, 0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84, 0},
        new double[] {5179.0 / 57600, 0, 7571.0 / 16695, 393.0 / 640, -92097.0 / 339200, 187.0 / 2100, 1.0 / 40});

    /** The pair named {@code name} (bs23 or dp54). */
    static Tableau named(String name) {
      return switch (name) {
        case "bs23" -> BS23;
        case "dp54" -> DP54;
        default -> throw new IllegalArgumentException("unknown Runge-Kutta pair '" + name + "' (bs23 or dp54)");
      };
    }
  }

  /** Step-size controller constants (Hairer, Norsett &amp; Wanner II.4: safety 0.9, facMin 0.2, facMax 5). */
  record Control(double rtol, double atol, ErrorNorm norm, double safety, double facMin, double facMax) {
    Control {
      if (!(rtol >= 0 && atol >= 0 && rtol + atol > 0)) throw new IllegalArgumentException("rtol, atol must be >= 0, not both 0");
      if (!(safety > 0 && safety <= 1 && facMin > 0 && facMin < 1 && facMax > 1)) {
        throw new IllegalArgumentException("need 0 < safety <= 1, 0 < facMin < 1 < facMax");
      }
    }

    static Control of(double rtol, double atol) {
      return new Control(rtol, atol, ErrorNorm.RMS, 0.9, 0.2, 5.0);
    }

    Control withNorm(ErrorNorm v) {
      return new Control(rtol, atol, v, safety, facMin, facMax);
    }
  }

  private final Tableau tab;
  private final int n, s;
  private final Field field;
  private final Control ctl;
  private final double exponent;
  private final boolean fsal;
  /** Current state (the caller's buffer, updated in place on acceptance). */
  private final DoubleBuffer y;
  private final DoubleBuffer yStage, y1, yPrev;
  /** k[0] = f(y); after an accepted step kPrev = f(yPrev). */
  private final DoubleBuffer[] k;
  private DoubleBuffer kPrev;
  private double t, h, hNext, lastErr, lastStiff = Double.NaN;
  private final double boundary;
  private final boolean stiffTest;
  private long evaluations, accepted, rejected;
  private boolean rejectedBefore;

  /**
   * An integrator of {@code n} components that advances {@code state} in place.
   *
   * @param state the caller's state buffer (read at {@link #start}, overwritten on each acceptance)
   */
  EmbeddedRk(Tableau tab, Control ctl, Field field, DoubleBuffer state, int n) {
    this(tab, ctl, field, state, n, Blas::alloc);
  }

  /**
   * As above, its {@link #buffers} work vectors of n doubles taken from {@code alloc} (e.g. a run's
   * memory accounting; a counting allocator returns null, and the state may then be null too: the
   * integrator only counts and is never used).
   */
  EmbeddedRk(Tableau tab, Control ctl, Field field, DoubleBuffer state, int n, LongFunction<DoubleBuffer> alloc) {
    if (state != null && state.capacity() < n) throw new IllegalArgumentException("state holds " + state.capacity() + " < " + n);
    this.tab = tab;
    this.ctl = ctl;
    this.field = field;
    this.n = n;
    this.s = tab.stages();
    this.fsal = tab.fsal();
    this.exponent = 1.0 / (Math.min(tab.order(), tab.embeddedOrder()) + 1);
    this.boundary = tab.stabilityBoundary();
    this.stiffTest = fsal && s >= 3 && tab.c()[s - 2] == 1.0;
    this.y = state;
    yStage = alloc.apply(n);
    y1 = alloc.apply(n);
    yPrev = alloc.apply(n);
    kPrev = alloc.apply(n);
    k = new DoubleBuffer[s];
    for (int i = 0; i < s; i++) k[i] = alloc.apply(n);
  }

  /** Work vectors of n doubles an integrator with {@code tab} allocates: the stages and 4 more. */
  static int buffers(Tableau tab) {
    return tab.stages() + 4;
  }

  /**
   * Evaluates f at the state (one evaluation) and sets t = t0 and the first trial step h0; h0 &lt;= 0
   * picks it by Hairer, Norsett &amp; Wanner's starting-step algorithm (II.4; two more evaluations),
   * ending with an evaluation at the state.
   */
  void start(double t0, double h0) {
    t = t0;
    rejectedBefore = false;
    if (h0 > 0) {
      hNext = h0;
    } else {
      field.derivative(y, k[0]);
      evaluations++;
      double d0 = startNorm(y, y), d1 = startNorm(k[0], y);
      double hA = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
      for (int i = 0; i < n; i++) yStage.put(i, y.get(i) + hA * k[0].get(i));
      field.derivative(yStage, k[1]);
      evaluations++;
      for (int i = 0; i < n; i++) y1.put(i, k[1].get(i) - k[0].get(i));
      double d2 = startNorm(y1, y) / hA;
      double m = Math.max(d1, d2);
      double hB = m <= 1e-15 ? Math.max(1e-6, hA * 1e-3) : Math.pow(0.01 / m, 1.0 / (tab.order() + 1));
      hNext = Math.min(100 * hA, hB);
    }
    field.derivative(y, k[0]);
    evaluations++;
  }

  /**
   * Attempts steps of at most {@code hMax} until one is accepted: then the state, t, f(state) are
   * advanced and the step taken is returned. Returns 0 when the step size falls below
   * {@code hMin} (the state is then unchanged). When the step is cut to hMax and hMax equals the
   * distance to a target time, the caller may set its own clock to the target exactly.
   */
  double step(double hMax, double hMin) {
    while (true) {
      boolean clipped = hNext >= hMax;
      double hTry = clipped ? hMax : hNext;
      if (!(hTry >= hMin) || !(hTry > 0)) return 0;
      double taken = attempt(hTry, false);
      if (taken > 0) {
        if (clipped) hNext = Math.max(hNextBefore, hNext);
        return taken;
      }
    }
  }

  private double hNextBefore;

  /**
   * One attempt of size hTry; on acceptance (err &lt;= 1, or {@code force} and err finite) advances
   * the state and returns hTry, else sets the next trial step and returns 0.
   */
  private double attempt(double hTry, boolean force) {
    h = hTry;
    hNextBefore = hNext;
    for (int i = 1; i < s; i++) {
      DoubleBuffer in = (fsal && i == s - 1) ? y1 : yStage;
      double[] ai = tab.a()[i];
      for (int q = 0; q < n; q++) {
        double acc = 0;
        for (int j = 0; j < i; j++) acc += ai[j] * k[j].get(q);
        in.put(q, y.get(q) + h * acc);
      }
      field.derivative(in, k[i]);
      evaluations++;
    }
    if (stiffTest) {
      // HW IV.2 (2.24): rho ~ ||f(y1) - f(g)|| / ||y1 - g||, g the input of the stage before the last
      double num = 0, den = 0;
      for (int q = 0; q < n; q++) {
        double dk = k[s - 1].get(q) - k[s - 2].get(q), dy = y1.get(q) - yStage.get(q);
        num += dk * dk;
        den += dy * dy;
      }
      lastStiff = den > 0 ? h * Math.sqrt(num / den) / boundary : 0;
    }
    double[] b = tab.b(), bh = tab.bHat();
    if (!fsal) {
      for (int q = 0; q < n; q++) {
        double acc = 0;
        for (int j = 0; j < s; j++) acc += b[j] * k[j].get(q);
        y1.put(q, y.get(q) + h * acc);
      }
    }
    // error vector into yStage
    for (int q = 0; q < n; q++) {
      double acc = 0;
      for (int j = 0; j < s; j++) acc += (b[j] - bh[j]) * k[j].get(q);
      yStage.put(q, h * acc);
    }
    double err = ctl.norm().of(yStage, y, y1, n, ctl.rtol(), ctl.atol());
    lastErr = err;
    double fac;
    if (Double.isFinite(err)) {
      fac = err == 0 ? ctl.facMax() : Math.min(ctl.facMax(), Math.max(ctl.facMin(), ctl.safety() * Math.pow(err, -exponent)));
    } else {
      fac = ctl.facMin();
    }
    if (err <= 1 || (force && Double.isFinite(err))) {
      hNext = h * (rejectedBefore ? Math.min(1, fac) : fac);
      rejectedBefore = false;
      for (int q = 0; q < n; q++) {
        yPrev.put(q, y.get(q));
        y.put(q, y1.get(q));
      }
      DoubleBuffer old = kPrev;
      kPrev = k[0];
      if (fsal) {
        k[0] = k[s - 1];
        k[s - 1] = old;
      } else {
        k[0] = old;
        field.derivative(y, k[0]);
        evaluations++;
      }
      t += h;
      accepted++;
      return h;
    }
    rejected++;
    rejectedBefore = true;
    hNext = h * Math.min(1, fac);
    return 0;
  }

  /** sqrt((1/n) sum (v_i / sc_i)^2), sc_i = atol + rtol |y_i|: the scale of HNW's starting-step algorithm. */
  private double startNorm(DoubleBuffer v, DoubleBuffer at) {
    double acc = 0;
    for (int q = 0; q < n; q++) {
      double r = v.get(q) / (ctl.atol() + ctl.rtol() * Math.abs(at.get(q)));
      acc += r * r;
    }
    return Math.sqrt(acc / n);
  }

  /**
   * Accepts one step of size {@code hForced} whatever its error estimate (for a field whose derivative
   * jumps, where the controller would shrink the step without end); returns it, or 0 (state
   * unchanged) when the step is not finite.
   */
  double forceStep(double hForced) {
    double keep = hNext;
    double taken = attempt(hForced, true);
    if (taken == 0) hNext = keep;
    return taken;
  }

  /**
   * Event location on the last accepted step (HNW II.6, "Dense output" and event location): given the
   * event function's values {@code v0} at its start and {@code v1} at its end, of opposite signs or
   * v1 = 0, finds theta in (0, 1] with value(interpolant(theta)) = 0 by the Illinois variant of
   * regula falsi to |theta - theta*| &lt;= {@code thetaTol}; returns theta and leaves the
   * interpolated state at theta in {@code out}.
   */
  double locate(Event ev, double v0, double v1, double thetaTol, DoubleBuffer out) {
    return locate(ev, v0, v1, thetaTol, out, dense);
  }

  /** A dense output: the state at theta in [0, 1] of a step into {@code out}. */
  interface Dense {
    void at(double theta, DoubleBuffer out);
  }

  private final Dense dense = this::interpolate;

  /** {@link #locate} on any dense output {@code at}. */
  static double locate(Event ev, double v0, double v1, double thetaTol, DoubleBuffer out, Dense at) {
    double a = 0, b = 1, fa = v0, fb = v1;
    if (fb == 0) {
      at.at(1, out);
      return 1;
    }
    int side = 0;
    for (int it = 0; it < 200 && b - a > thetaTol; it++) {
      double c = (a * fb - b * fa) / (fb - fa);
      if (!(c > a && c < b)) c = 0.5 * (a + b);
      at.at(c, out);
      double fc = ev.value(out);
      if (fc == 0) return c;
      if ((fc > 0) == (fb > 0)) {
        b = c;
        fb = fc;
        if (side == -1) fa /= 2;
        side = -1;
      } else {
        a = c;
        fa = fc;
        if (side == 1) fb /= 2;
        side = 1;
      }
    }
    at.at(b, out);
    return b;
  }

  /**
   * The cubic Hermite interpolant of the last accepted step at t0 + theta h (0 &lt;= theta &lt;= 1)
   * into {@code out}: (1-theta) y0 + theta y1 + theta(theta-1)[(1-2theta)(y1-y0) + (theta-1) h f0
   * + theta h f1].
   */
  void interpolate(double theta, DoubleBuffer out) {
    hermite(theta, h, yPrev, y, kPrev, k[0], n, out);
  }

  /** The cubic Hermite interpolant above of a step of size h from (y0, f0) to (y1, f1), n components. */
  static void hermite(double theta, double h, DoubleBuffer yPrev, DoubleBuffer y, DoubleBuffer kPrev, DoubleBuffer k1,
      int n, DoubleBuffer out) {
    double th = theta, a = th * (th - 1);
    for (int q = 0; q < n; q++) {
      double y0 = yPrev.get(q), yy1 = y.get(q);
      double v = (1 - th) * y0 + th * yy1
          + a * ((1 - 2 * th) * (yy1 - y0) + (th - 1) * h * kPrev.get(q) + th * h * k1.get(q));
      out.put(q, v);
    }
  }

  /** f at the current state (valid after start and every accepted step; do not modify). */
  DoubleBuffer derivativeAtState() { return k[0]; }

  double time() { return t; }
  /** The last accepted (or attempted, after a failure) step size. */
  double lastStep() { return h; }
  /** The step the controller will try next (before clipping). */
  double nextStep() { return hNext; }
  /**
   * h rho / (stability boundary) of the last attempt, rho an estimate of the Jacobian's spectral
   * radius from the last two stages (Hairer &amp; Wanner, Solving ODEs II, IV.2, eq. (2.24); the
   * stiffness test of DOPRI5): near 1 when the step is held by stability rather than accuracy. Defined
   * when the last two stages are both at t + h (c = 1: dp54), so that y1 - g is dominated by the
   * fast modes; NaN otherwise (bs23's third stage is at t + 3h/4, and the smooth part would dominate).
   */
  double lastStiffness() { return lastStiff; }

  /** The scaled error of the last attempt. */
  double lastError() { return lastErr; }
  long evaluations() { return evaluations; }
  long accepted() { return accepted; }
  long rejected() { return rejected; }
}
