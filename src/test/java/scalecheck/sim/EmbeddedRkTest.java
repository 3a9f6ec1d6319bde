package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.DoubleBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The embedded pairs against ODEs with known solutions: dy/dt = -A y with diagonal A (y = exp(-A t) y0)
 * and the logistic dy/dt = y (1 - y) (y = 1 / (1 + (1/y0 - 1) e^{-t})).
 */
class EmbeddedRkTest {

  /** dy/dt = -A y, A = diag(lambda). */
  private static EmbeddedRk.Field linear(double[] lambda) {
    return (y, out) -> {
      for (int i = 0; i < lambda.length; i++) out.put(i, -lambda[i] * y.get(i));
    };
  }

  private static final EmbeddedRk.Field LOGISTIC = (y, out) -> out.put(0, y.get(0) * (1 - y.get(0)));

  private static double logistic(double y0, double t) {
    return 1 / (1 + (1 / y0 - 1) * Math.exp(-t));
  }

  private static DoubleBuffer state(double... v) {
    DoubleBuffer b = Blas.alloc(v.length);
    for (int i = 0; i < v.length; i++) b.put(i, v[i]);
    return b;
  }

  /** A controller that accepts every step (so the step is the clipped one: fixed-step integration). */
  private static final EmbeddedRk.Control LOOSE = EmbeddedRk.Control.of(1e30, 1e30);

  /** Max abs error at T of N fixed steps on the linear test problem. */
  private static double linearError(EmbeddedRk.Tableau tab, int steps) {
    double[] lambda = {0.5, 1, 3};
    double tEnd = 2;
    DoubleBuffer y = state(1, -2, 1.5);
    EmbeddedRk rk = new EmbeddedRk(tab, LOOSE, linear(lambda), y, 3);
    rk.start(0, tEnd / steps);
    double h = tEnd / steps;
    for (int i = 0; i < steps; i++) assertTrue(rk.step(h, 0) == h);
    double[] y0 = {1, -2, 1.5};
    double e = 0;
    for (int i = 0; i < 3; i++) e = Math.max(e, Math.abs(y.get(i) - Math.exp(-lambda[i] * tEnd) * y0[i]));
    return e;
  }

  private static double logisticError(EmbeddedRk.Tableau tab, int steps) {
    double tEnd = 4;
    DoubleBuffer y = state(0.1);
    EmbeddedRk rk = new EmbeddedRk(tab, LOOSE, LOGISTIC, y, 1);
    rk.start(0, tEnd / steps);
    for (int i = 0; i < steps; i++) rk.step(tEnd / steps, 0);
    return Math.abs(y.get(0) - logistic(0.1, tEnd));
  }

  /** Observed orders log2(e(N)/e(2N)) at N = base, 2 base. */
  private static double[] orders(EmbeddedRk.Tableau tab, boolean logisticProblem, int base) {
    double[] e = new double[3];
    for (int i = 0; i < 3; i++) {
      int steps = base << i;
      e[i] = logisticProblem ? logisticError(tab, steps) : linearError(tab, steps);
    }
    return new double[] {Math.log(e[0] / e[1]) / Math.log(2), Math.log(e[1] / e[2]) / Math.log(2)};
  }

  /** Both observed orders within 0.3 of {@code order}. */
  private static boolean hasOrder(EmbeddedRk.Tableau tab, int order, boolean logisticProblem, int base) {
    double[] o = orders(tab, logisticProblem, base);
    return Math.abs(o[0] - order) < 0.3 && Math.abs(o[1] - order) < 0.3;
  }

  @ParameterizedTest
  @ValueSource(strings = {"bs23", "dp54"})
  void propagatedSolutionConvergesAtTheTableausOrder(String name) {
    EmbeddedRk.Tableau tab = EmbeddedRk.Tableau.named(name);
    int base = 64;
    assertTrue(hasOrder(tab, tab.order(), false, base), name + " linear " + java.util.Arrays.toString(orders(tab, false, base)));
    assertTrue(hasOrder(tab, tab.order(), true, base), name + " logistic " + java.util.Arrays.toString(orders(tab, true, base)));
    // one order lower would also be wrong: the test can tell orders apart
    assertFalse(hasOrder(tab, tab.order() - 1, false, base));
  }

  /** The embedded weights alone (b := bHat) converge at the embedded order. */
  @ParameterizedTest
  @ValueSource(strings = {"bs23", "dp54"})
  void embeddedSolutionConvergesAtItsOrder(String name) {
    EmbeddedRk.Tableau t = EmbeddedRk.Tableau.named(name);
    EmbeddedRk.Tableau low = new EmbeddedRk.Tableau(name + "-low", t.embeddedOrder(), t.embeddedOrder(), t.c(), t.a(),
        t.bHat(), t.bHat());
    assertTrue(hasOrder(low, t.embeddedOrder(), true, 16));
  }

  /** Negative control: one wrong coefficient (a31, a32 moved by 0.01, row sum kept) loses the third order. */
  @Test
  void wrongCoefficientFailsTheOrderTest() {
    EmbeddedRk.Tableau t = EmbeddedRk.Tableau.BS23;
    double[][] a = {t.a()[0], t.a()[1], {0.01, 3.0 / 4 - 0.01}, t.a()[3]};
    EmbeddedRk.Tableau wrong = new EmbeddedRk.Tableau("bs23-wrong", 3, 2, t.c(), a, t.b(), t.bHat());
    assertFalse(hasOrder(wrong, 3, true, 64));
    assertTrue(hasOrder(wrong, 2, true, 64));
  }

  /**
   * Real stability boundaries: Euler 2; a 3-stage order-3 method has R(z) = 1 + z + z^2/2 + z^3/6
   * whatever its coefficients, whose boundary is 2.5127; dp54's is 3.3066 (Hairer &amp; Wanner II, IV.2).
   */
  @Test
  void stabilityBoundaryFromTheStabilityPolynomial() {
    EmbeddedRk.Tableau euler = new EmbeddedRk.Tableau("euler", 1, 1, new double[] {0}, new double[][] {{}},
        new double[] {1}, new double[] {1});
    assertEquals(2.0, euler.stabilityBoundary(), 1e-9);
    assertEquals(2.5127453266, EmbeddedRk.Tableau.BS23.stabilityBoundary(), 1e-6);
    assertEquals(3.3066, EmbeddedRk.Tableau.DP54.stabilityBoundary(), 1e-3);
  }

  @Test
  void tableauChecksItsShapeAndRowSums() {
    EmbeddedRk.Tableau t = EmbeddedRk.Tableau.BS23;
    assertTrue(t.fsal() && EmbeddedRk.Tableau.DP54.fsal());
    assertEquals(3, t.evaluationsPerStep());
    assertEquals(6, EmbeddedRk.Tableau.DP54.evaluationsPerStep());
    double[][] badRow = {t.a()[0], t.a()[1], {0.1, 0.75}, t.a()[3]};
    assertThrows(IllegalArgumentException.class, () -> new EmbeddedRk.Tableau("x", 3, 2, t.c(), badRow, t.b(), t.bHat()));
    assertThrows(IllegalArgumentException.class, () -> EmbeddedRk.Tableau.named("rk4"));
  }

  /**
   * Error control honoured: the true local error of the accepted steps (against exp(-A h) y0), scaled
   * as the controller scales it, is at most 1 but for at most 1% of the steps (the estimate is
   * asymptotic) and never over 1.5; the estimate is not idle (median err above 0.05); and the
   * global error follows the tolerance (1000x smaller tolerance, at least 100x smaller error).
   */
  @ParameterizedTest
  @ValueSource(strings = {"bs23", "dp54"})
  void acceptedStepsMeetTheTolerance(String name) {
    EmbeddedRk.Tableau tab = EmbeddedRk.Tableau.named(name);
    double[] lambda = {0.1, 1, 10};
    double[] y0 = {1, -1, 2};
    double[] global = new double[2];
    for (int run = 0; run < 2; run++) {
      double rtol = run == 0 ? 1e-5 : 1e-8, atol = rtol * 1e-3;
      DoubleBuffer y = state(y0.clone());
      EmbeddedRk rk = new EmbeddedRk(tab, EmbeddedRk.Control.of(rtol, atol), linear(lambda), y, 3);
      rk.start(0, 0);
      double[] prev = y0.clone();
      double worst = 0;
      int count = 0, over = 0;
      double[] errs = new double[100_000];
      while (rk.time() < 10) {
        double h = rk.step(10 - rk.time(), 1e-12);
        assertTrue(h > 0);
        double acc = 0;
        for (int i = 0; i < 3; i++) {
          double exact = Math.exp(-lambda[i] * h) * prev[i];
          double sc = atol + rtol * Math.max(Math.abs(prev[i]), Math.abs(y.get(i)));
          acc += Math.pow((y.get(i) - exact) / sc, 2);
          prev[i] = y.get(i);
        }
        worst = Math.max(worst, Math.sqrt(acc / 3));
        if (acc > 3) over++;
        errs[count++] = rk.lastError();
      }
      assertTrue(worst <= 1.5 && over <= count / 100, name + " worst scaled local error " + worst + ", " + over + " of " + count + " over 1");
      java.util.Arrays.sort(errs, 0, count);
      assertTrue(errs[count / 2] > 0.05, name + " median estimate " + errs[count / 2]);
      double g = 0;
      for (int i = 0; i < 3; i++) g = Math.max(g, Math.abs(y.get(i) - Math.exp(-lambda[i] * 10) * y0[i]));
      global[run] = g;
    }
    assertTrue(global[0] / global[1] > 100, name + " global errors " + global[0] + ", " + global[1]);
  }

  /**
   * Stiff: with eigenvalues 1 and 1000, once the fast mode has decayed (t &gt; 1) the step is held near
   * the real stability limit |h lambda_max| = 2.51 (bs23) or 3.31 (dp54), not by accuracy: the
   * same tolerance on the slow mode alone takes steps more than 50 times longer.
   */
  @ParameterizedTest
  @ValueSource(strings = {"bs23", "dp54"})
  void stiffStepIsStabilityLimited(String name) {
    EmbeddedRk.Tableau tab = EmbeddedRk.Tableau.named(name);
    double limit = name.equals("bs23") ? 2.5127 : 3.3066;
    double[] lambda = {1, 1000};
    DoubleBuffer y = state(1, 1);
    EmbeddedRk rk = new EmbeddedRk(tab, EmbeddedRk.Control.of(1e-4, 1e-8), linear(lambda), y, 2);
    rk.start(0, 0);
    double sumH = 0, sumStiff = 0;
    int tail = 0;
    while (rk.time() < 3) {
      double h = rk.step(3 - rk.time(), 1e-12);
      assertTrue(h > 0);
      if (rk.time() > 1 && rk.time() < 3 - 1e-9) {
        sumH += h;
        sumStiff += rk.lastStiffness();
        tail++;
      }
    }
    // the stiffness estimate sees it: h rho / boundary near 1 (rho = 1000 exactly along the fast mode)
    double stiff = sumStiff / tail;
    if (name.equals("dp54")) {
      assertTrue(stiff > 0.5 && stiff < 1.05, name + " mean stiffness " + stiff);
    } else {
      assertTrue(Double.isNaN(stiff));
    }
    double meanHl = sumH / tail * lambda[1];
    assertTrue(meanHl > 0.5 * limit && meanHl < 1.05 * limit, name + " mean h lambda_max " + meanHl);
    assertTrue(Math.abs(y.get(0) - Math.exp(-3)) < 1e-3, "slow mode " + y.get(0));
    assertTrue(Math.abs(y.get(1)) < 1e-6, "fast mode " + y.get(1));

    DoubleBuffer slow = state(Math.exp(-1));
    EmbeddedRk alone = new EmbeddedRk(tab, EmbeddedRk.Control.of(1e-4, 1e-8), linear(new double[] {1}), slow, 1);
    alone.start(1, 0);
    int n = 0;
    double aloneStiff = 0;
    while (alone.time() < 3) {
      alone.step(3 - alone.time(), 1e-12);
      aloneStiff = Math.max(aloneStiff, alone.lastStiffness());
      n++;
    }
    assertTrue(!(aloneStiff >= 0.5), name + " slow mode alone, stiffness up to " + aloneStiff);
    assertTrue(tail > 50 * n, name + " stiff tail steps " + tail + ", slow alone " + n);
  }

  /** Dense output: the ends reproduce y0 and y1 and the midpoint is third-order accurate. */
  @Test
  void denseOutputInterpolatesTheLastStep() {
    double[] mids = new double[2];
    for (int r = 0; r < 2; r++) {
      double h = r == 0 ? 0.4 : 0.2;
      DoubleBuffer y = state(0.1);
      EmbeddedRk rk = new EmbeddedRk(EmbeddedRk.Tableau.BS23, LOOSE, LOGISTIC, y, 1);
      rk.start(0, h);
      rk.step(h, 0);
      DoubleBuffer out = Blas.alloc(1);
      rk.interpolate(0, out);
      assertEquals(0.1, out.get(0), 0);
      rk.interpolate(1, out);
      assertEquals(y.get(0), out.get(0), 0);
      rk.interpolate(0.5, out);
      mids[r] = Math.abs(out.get(0) - logistic(0.1, h / 2));
    }
    double order = Math.log(mids[0] / mids[1]) / Math.log(2);
    assertTrue(order > 3.5 && order < 4.7, "local order of the interpolant " + order);
  }

  /**
   * A field that turns non-finite past y = 1.5: the steps are rejected and shrink until the step size
   * falls below hMin; the state never leaves the finite region and a refusal leaves it unchanged.
   */
  @Test
  void nonFiniteFieldEndsInRefusalWithStateKept() {
    EmbeddedRk.Field blowUp = (y, out) -> out.put(0, y.get(0) > 1.5 ? Double.NaN : 1.0);
    DoubleBuffer y = state(1);
    EmbeddedRk rk = new EmbeddedRk(EmbeddedRk.Tableau.BS23, EmbeddedRk.Control.of(1e-6, 1e-9), blowUp, y, 1);
    rk.start(0, 100);
    int accepted = 0;
    while (rk.step(1e9, 1e-3) > 0) {
      accepted++;
      assertTrue(y.get(0) <= 1.5, "state " + y.get(0));
      assertEquals(1 + rk.time(), y.get(0), 1e-12);
    }
    double kept = y.get(0);
    assertEquals(0, rk.step(1e9, 1e-3));
    assertEquals(kept, y.get(0), 0);
    assertTrue(accepted > 0 && rk.rejected() > 0 && kept > 1.5 - 5e-3, accepted + " accepted, state " + kept);
  }

  /** Event location: the time dy/dt = -y crosses 1/2 is ln 2 (dense output plus Illinois). */
  @Test
  void locatesTheCrossingInsideAStep() {
    DoubleBuffer y = state(1);
    EmbeddedRk rk = new EmbeddedRk(EmbeddedRk.Tableau.BS23, EmbeddedRk.Control.of(1e-9, 1e-12), linear(new double[] {1}), y, 1);
    rk.start(0, 0);
    EmbeddedRk.Event half = v -> v.get(0) - 0.5;
    double before = half.value(y);
    while (half.value(y) > 0) {
      before = half.value(y);
      rk.step(10, 0);
    }
    DoubleBuffer at = Blas.alloc(1);
    double theta = rk.locate(half, before, half.value(y), 1e-12, at);
    double tCross = rk.time() - (1 - theta) * rk.lastStep();
    assertEquals(Math.log(2), tCross, 1e-7);
    assertEquals(0.5, at.get(0), 1e-9);
  }

  /** The blockwise norm is invariant when one block and its tolerance floor are rescaled together. */
  @Test
  void blockwiseNormIsScaleFreePerBlock() {
    EmbeddedRk.ErrorNorm norm = EmbeddedRk.ErrorNorm.blockwise(new int[] {0, 2}, new int[] {2, 3});
    double[] e = {1e-3, -2e-3, 5e-4, 1e-4, -3e-4}, a = {1, 2, 0.5, -0.1, 0.2}, b = {1.1, 2, 0.4, -0.2, 0.3};
    double base = norm.of(state(e), state(a), state(b), 5, 1e-2, 0);
    for (int i = 2; i < 5; i++) {
      e[i] *= 1e6;
      a[i] *= 1e6;
      b[i] *= 1e6;
    }
    double scaled = norm.of(state(e), state(a), state(b), 5, 1e-2, 0);
    assertEquals(base, scaled, 1e-12 * base);
    // block 2 dominates: ||e_B|| / (rtol max(||y0_B||, ||y1_B||)), here ||y0_B||^2 = 0.30
    double expect = Math.sqrt(5e-4 * 5e-4 + 1e-4 * 1e-4 + 9e-8) / (1e-2 * Math.sqrt(0.25 + 0.01 + 0.04));
    assertEquals(expect, base, 1e-12 * expect);
  }

  /** A forced step is accepted whatever its error and the controller goes on from there. */
  @Test
  void forcedStepIsAcceptedAboveTolerance() {
    DoubleBuffer y = state(1);
    EmbeddedRk rk = new EmbeddedRk(EmbeddedRk.Tableau.BS23, EmbeddedRk.Control.of(1e-8, 1e-12), linear(new double[] {1}), y, 1);
    rk.start(0, 1e-3);
    assertEquals(0.5, rk.forceStep(0.5));
    assertTrue(rk.lastError() > 1);
    double r = 1 - 0.5 + 0.125 - 0.125 / 6;
    assertEquals(r, y.get(0), 1e-15);
    assertTrue(rk.step(1, 0) > 0 && rk.nextStep() < 0.5);
  }

  /** Every work vector comes from the given allocator, as many as {@code buffers} says, none later. */
  @Test
  void workVectorsComeFromTheAllocator() {
    for (EmbeddedRk.Tableau tab : new EmbeddedRk.Tableau[] {EmbeddedRk.Tableau.BS23, EmbeddedRk.Tableau.DP54}) {
      long[] count = {0, 0};
      java.util.function.LongFunction<DoubleBuffer> alloc = len -> {
        count[0]++;
        count[1] += len;
        return Blas.alloc(len);
      };
      EmbeddedRk rk = new EmbeddedRk(tab, EmbeddedRk.Control.of(1e-6, 1e-9), linear(new double[] {1, 2, 3}), state(1, 1, 1), 3, alloc);
      assertEquals(tab.stages() + 4, EmbeddedRk.buffers(tab));
      assertEquals(EmbeddedRk.buffers(tab), count[0]);
      assertEquals(3L * EmbeddedRk.buffers(tab), count[1]);
      rk.start(0, 0);
      for (int i = 0; i < 10; i++) rk.step(1, 0);
      assertEquals(EmbeddedRk.buffers(tab), count[0]);
    }
  }

  /** The stepping loop allocates nothing on the heap (thread allocation counter over many steps). */
  @Test
  void stepsAllocateNothing() {
    double[] lambda = {0.3, 1, 2, 5};
    DoubleBuffer y = state(1, 1, 1, 1);
    EmbeddedRk rk = new EmbeddedRk(EmbeddedRk.Tableau.BS23, EmbeddedRk.Control.of(1e-9, 1e-12), linear(lambda), y, 4);
    rk.start(0, 0);
    for (int i = 0; i < 20_000; i++) rk.step(1e-3, 0);
    com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long id = Thread.currentThread().getId();
    long before = mx.getThreadAllocatedBytes(id);
    for (int i = 0; i < 20_000; i++) rk.step(1e-3, 0);
    long bytes = mx.getThreadAllocatedBytes(id) - before;
    assertTrue(bytes < 4096, bytes + " bytes over 20000 steps");
  }
}
