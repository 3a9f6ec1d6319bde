package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;

/**
 * The Runge-Kutta-Chebyshev method on dy/dt = -A y with diagonal A, whose solution is y = exp(-A t) y0.
 */
class RkcTest {

  private static EmbeddedRk.Field linear(double[] lambda) {
    return (y, out) -> {
      for (int i = 0; i < lambda.length; i++) out.put(i, -lambda[i] * y.get(i));
    };
  }

  private static DoubleBuffer state(double... v) {
    DoubleBuffer b = Blas.alloc(v.length);
    for (int i = 0; i < v.length; i++) b.put(i, v[i]);
    return b;
  }

  private static final double[] LAMBDA = {0.5, 1, 3, 8};
  private static final double[] Y0 = {1, -2, 1.5, 0.5};
  private static final double T_END = 2;

  /** Max abs error at T_END of N fixed steps of Rkc (a controller that accepts every step). */
  private static double rkcError(int steps) {
    DoubleBuffer y = state(Y0);
    Rkc rk = new Rkc(Rkc.control(1e30, 1e30), linear(LAMBDA), y, LAMBDA.length, Blas::alloc);
    double h = T_END / steps;
    rk.start(0, h);
    for (int i = 0; i < steps; i++) assertEquals(h, rk.step(h, 0));
    return maxError(i -> y.get(i));
  }

  private static double maxError(java.util.function.IntToDoubleFunction y) {
    double e = 0;
    for (int i = 0; i < LAMBDA.length; i++) e = Math.max(e, Math.abs(y.applyAsDouble(i) - Math.exp(-LAMBDA[i] * T_END) * Y0[i]));
    return e;
  }

  /**
   * The same fixed-step scheme written out per component with s stages and the coefficients of
   * {@link Rkc#coefficients}, gamma~_j multiplied by {@code gammaFactor} (1: the method).
   */
  private static double mirrorError(int steps, int s, double gammaFactor) {
    double[] mu = new double[s + 1], nu = new double[s + 1], muT = new double[s + 1], gT = new double[s + 1];
    Rkc.coefficients(s, mu, nu, muT, gT);
    double h = T_END / steps, e = 0;
    for (int i = 0; i < LAMBDA.length; i++) {
      double yn = Y0[i], l = -LAMBDA[i];
      for (int k = 0; k < steps; k++) {
        double f0 = l * yn, ym2 = yn, ym1 = yn + muT[1] * h * f0;
        for (int j = 2; j <= s; j++) {
          double yj = (1 - mu[j] - nu[j]) * yn + mu[j] * ym1 + nu[j] * ym2 + muT[j] * h * l * ym1 + gammaFactor * gT[j] * h * f0;
          ym2 = ym1;
          ym1 = yj;
        }
        yn = ym1;
      }
      e = Math.max(e, Math.abs(yn - Math.exp(-LAMBDA[i] * T_END) * Y0[i]));
    }
    return e;
  }

  private static double[] orders(java.util.function.IntToDoubleFunction err, int base) {
    double e0 = err.applyAsDouble(base), e1 = err.applyAsDouble(2 * base), e2 = err.applyAsDouble(4 * base);
    return new double[] {Math.log(e0 / e1) / Math.log(2), Math.log(e1 / e2) / Math.log(2)};
  }

  @Test
  void secondOrderOnALinearProblem() {
    double[] o = orders(RkcTest::rkcError, 40);
    assertEquals(2, o[0], 0.2, "observed order");
    assertEquals(2, o[1], 0.2, "observed order");
    assertTrue(rkcError(160) < 1e-4, "error " + rkcError(160));
  }

  @Test
  void coefficientsMatchTheStabilityPolynomial() {
    // an s-stage step on y' = z y / h has the amplification a_s + b_s T_s(w0 + w1 z), a_s = 1 - b_s T_s(w0)
    // (Sommeijer et al. 1998); it is 1 + z + z^2/2 + O(z^3) and bounded by 1 on [-beta(s), 0],
    // beta(s) ~ (2/3)(s^2 - 1)(1 - 2 eps / 15) (ibid.), about 0.653 s^2
    for (int s : new int[] {2, 3, 7, 20}) {
      double[] mu = new double[s + 1], nu = new double[s + 1], muT = new double[s + 1], gT = new double[s + 1];
      Rkc.coefficients(s, mu, nu, muT, gT);
      double beta = (2.0 / 3) * (s * s - 1) * (1 - 2 * Rkc.EPS / 15);
      for (double z : new double[] {-1e-3, -0.3 * beta, -0.7 * beta, -0.99 * beta}) {
        double ym2 = 1, ym1 = 1 + muT[1] * z;
        for (int j = 2; j <= s; j++) {
          double yj = (1 - mu[j] - nu[j]) + mu[j] * ym1 + nu[j] * ym2 + muT[j] * z * ym1 + gT[j] * z;
          ym2 = ym1;
          ym1 = yj;
        }
        if (z == -1e-3) {
          assertEquals(1 + z + z * z / 2, ym1, 1e-8, "consistency at s = " + s);
        } else {
          assertTrue(Math.abs(ym1) <= 1, "|R(" + z + ")| = " + Math.abs(ym1) + " at s = " + s);
        }
      }
    }
  }

  @Test
  void negativeControlAWrongCoefficientBreaksTheOrder() {
    // the mirror with the right coefficients has order 2 (and agrees with Rkc at a fixed stage count)
    // Rkc there uses s = 2 (h rho <= 0.05 * 1.2 * 8): the mirror at s = 2 is the same scheme
    assertEquals(rkcError(40), mirrorError(40, 2, 1), 1e-12);
    double[] right = orders(n -> mirrorError(n, 3, 1), 40);
    assertEquals(2, right[1], 0.2);
    double[] wrong = orders(n -> mirrorError(n, 3, 1.05), 40);
    assertTrue(Math.abs(wrong[1] - 2) > 0.5, "order with gamma~ 5 % off: " + wrong[1]);
  }

  /** A stiff diagonal problem: eigenvalues 1..1e4 log-spaced, y0 = 1, integrated to t = 1. */
  private static final int STIFF_N = 40;

  private static double[] stiffLambda() {
    double[] l = new double[STIFF_N];
    for (int i = 0; i < STIFF_N; i++) l[i] = Math.pow(1e4, i / (STIFF_N - 1.0));
    return l;
  }

  private static double stiffError(DoubleBuffer y, double[] l) {
    double e = 0;
    for (int i = 0; i < STIFF_N; i++) e = Math.max(e, Math.abs(y.get(i) - Math.exp(-l[i])));
    return e;
  }

  @Test
  void onAStiffProblemFarFewerEvaluationsThanBs23AndStable() {
    double[] l = stiffLambda();
    double rtol = 1e-4, atol = 1e-6;
    DoubleBuffer yr = Blas.alloc(STIFF_N), yb = Blas.alloc(STIFF_N);
    for (int i = 0; i < STIFF_N; i++) {
      yr.put(i, 1);
      yb.put(i, 1);
    }
    Rkc rkc = new Rkc(Rkc.control(rtol, atol), linear(l), yr, STIFF_N, Blas::alloc);
    rkc.start(0, 1e-4);
    while (rkc.time() < 1) assertTrue(rkc.step(1 - rkc.time(), 0) > 0);
    EmbeddedRk bs = new EmbeddedRk(EmbeddedRk.Tableau.BS23, EmbeddedRk.Control.of(rtol, atol), linear(l), yb, STIFF_N);
    bs.start(0, 1e-4);
    while (bs.time() < 1) assertTrue(bs.step(1 - bs.time(), 0) > 0);
    // the exact solution's largest component is e^-1 = 0.37: errors of about rtol of it
    assertTrue(stiffError(yr, l) < 1e-3, "rkc error " + stiffError(yr, l));
    assertTrue(stiffError(yb, l) < 1e-3, "bs23 error " + stiffError(yb, l));
    // bs23 is held at h lambda_max ~ 2.5 (about 4000 steps of 3 evaluations); rkc's cost grows like sqrt
    // (measured: 12019 against 1851 evaluations, a ratio of 6.5)
    double ratio = bs.evaluations() / (double) rkc.evaluations();
    assertTrue(ratio >= 4, "bs23 " + bs.evaluations() + " against rkc " + rkc.evaluations());
    assertTrue(rkc.spectralRadius() > 1e4 && rkc.spectralRadius() < 1.3e4, "rho " + rkc.spectralRadius());
  }

  @Test
  void stepsAllocateNothing() {
    double[] l = stiffLambda();
    DoubleBuffer y = Blas.alloc(STIFF_N);
    for (int i = 0; i < STIFF_N; i++) y.put(i, 1);
    Rkc rkc = new Rkc(Rkc.control(1e-6, 1e-9), linear(l), y, STIFF_N, Blas::alloc);
    rkc.start(0, 1e-4);
    for (int i = 0; i < 200; i++) rkc.step(1e9, 0);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 200; i++) rkc.step(1e9, 0);
    long bytes = mx.getThreadAllocatedBytes(id) - before;
    assertTrue(bytes < 1024, bytes + " bytes over 200 steps");
  }
}
