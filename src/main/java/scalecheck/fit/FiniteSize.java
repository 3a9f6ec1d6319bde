package scalecheck.fit;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Finite-size scaling fit y = C x^p (1 + b x^(-omega)) of the seed means, by Levenberg-Marquardt
 * (Commons Math's {@link LevenbergMarquardtOptimizer}) on log y = a + p log x + b x^(-omega).
 *
 * <p>The leading correction to scaling (Wegner 1972; in finite-size scaling, e.g. Binder 1981) is a
 * relative term b x^(-omega); for a width expansion in 1/sqrt(n) omega = 1/2. It is fitted in the
 * log as b x^(-omega), which equals log(1 + b x^(-omega)) to the same (leading) order: with omega
 * fixed the problem is then linear in (a, p, b), so the optimiser's solution is the least-squares one
 * and the seed jackknife of it is well behaved. Fitting log(1 + b x^(-omega)) itself was tried and
 * rejected: its nonlinearity lets a wild b absorb noise (even with 1 + b x^(-omega) kept above 1/2),
 * and the calibration study measured 62-84% coverage for a nominal 95% at 4 widths (against 93-96%
 * for the log-linear form). The price of the log-linear form is a second-order model error
 * (b^2 x^(-2 omega) / 2) that shows only where the interval is very short (about 92% coverage at
 * sigma = 0.05 with 16-32 seeds). The fit starts from the plain OLS line
 * with b = 0 and, when omega is fitted, keeps omega in [0.05, 4]. The interval on p is the delete-one-seed jackknife of
 * the whole nonlinear fit ({@link SeedJackknife}, t on seeds - 1 df) when every point has two seeds,
 * otherwise residual t on points - parameters df from the optimiser's covariance. At least
 * parameters + 1 points are needed (4 with omega fixed, 5 with omega fitted), so that the data can
 * contradict the model.
 */
public final class FiniteSize {
  private FiniteSize() {}

  private static final double OMEGA_MIN = 0.05;
  private static final double OMEGA_MAX = 4;

  /** Fewest points for a corrected fit with this correction. */
  public static int minPoints(Correction c) {
    return c.parameters() + 1;
  }

  /**
   * Fits the corrected law; see the class comment.
   *
   * @param c FIXED or FITTED
   * @return the fit, or null when there are fewer than {@link #minPoints} points or the optimiser
   *     does not converge on the full data
   * @throws IllegalArgumentException for bad input as {@link PowerLaws#fit}, or a NONE correction
   */
  public static CorrectedFit fit(double[] x, double[][] perSeed, Correction c, double confidence) {
    PowerLaws.checkConfidence(confidence);
    return fit(SeedTable.of(x, perSeed, 2), c, confidence);
  }

  static CorrectedFit fit(SeedTable t, Correction c, double confidence) {
    if (c.kind() == Correction.Kind.NONE) throw new IllegalArgumentException("fit: no correction to fit");
    int k = c.parameters();
    if (t.points() < k + 1) return null;
    double[] ly = t.logMeans(-1);
    PowerLawFit plain = PowerLaws.fit(t, confidence);
    double[] start = c.kind() == Correction.Kind.FIXED
        ? new double[] {plain.intercept(), plain.slope(), 0}
        : new double[] {plain.intercept(), plain.slope(), 0, c.omega()};
    double[] best = solve(t.lx, ly, c, start, true);
    if (c.kind() == Correction.Kind.FITTED && best != null) {
      // omega is poorly determined near b = 0: start again from the fixed-omega optimum
      double[] fixedStart = solve(t.lx, ly, Correction.fixed(c.omega()), new double[] {start[0], start[1], 0}, true);
      if (fixedStart != null) {
        double[] alt = solve(t.lx, ly, c, new double[] {fixedStart[0], fixedStart[1], fixedStart[2], c.omega()}, true);
        if (alt != null && rss(t.lx, ly, c, alt) < rss(t.lx, ly, c, best)) best = alt;
      }
    }
    if (best == null) return null;
    double[] full = best;
    double omega = c.kind() == Correction.Kind.FIXED ? c.omega() : full[3];
    double rss = rss(t.lx, ly, c, full);
    double lo;
    double hi;
    double se;
    int df;
    String method;
    if (t.jackknifeable()) {
      SeedJackknife.Interval iv = SeedJackknife.interval(full[1], t.seeds, s -> {
        double[] r = solve(t.lx, t.logMeans(s), c, full, false);
        return r == null ? Double.NaN : r[1];
      }, confidence);
      lo = iv.low();
      hi = iv.high();
      se = iv.stdErr();
      df = iv.df();
      method = PowerLawFit.SEED_JACKKNIFE;
    } else {
      df = t.points() - k;
      double s2 = rss / df;
      double var = covariance(t.lx, c, full)[1][1] * s2;
      se = Math.sqrt(var);
      double q = SeedJackknife.tQuantile(df, confidence);
      lo = Double.isFinite(se) ? full[1] - q * se : Double.NaN;
      hi = Double.isFinite(se) ? full[1] + q * se : Double.NaN;
      method = PowerLawFit.RESIDUAL_T;
    }
    return new CorrectedFit(full[1], full[0], full[2], omega, c.kind() == Correction.Kind.FITTED, lo, hi, se, df,
        method, rss, t.points(), confidence);
  }

  /** Residual sum of squares of the log means under the model with parameters q. */
  static double rss(double[] lx, double[] ly, Correction c, double[] q) {
    double s = 0;
    double omega = c.kind() == Correction.Kind.FIXED ? c.omega() : q[3];
    for (int i = 0; i < lx.length; i++) {
      double r = ly[i] - (q[0] + q[1] * lx[i] + q[2] * Math.exp(-omega * lx[i]));
      s += r * r;
    }
    return s;
  }

  private static double[][] covariance(double[] lx, Correction c, double[] q) {
    try {
      RealMatrix j = jacobian(lx, c, q);
      RealMatrix jtj = j.transpose().multiply(j);
      return new org.apache.commons.math3.linear.QRDecomposition(jtj, 1e-14).getSolver().getInverse().getData();
    } catch (RuntimeException e) {
      double[][] nan = new double[q.length][q.length];
      for (double[] r : nan) java.util.Arrays.fill(r, Double.NaN);
      return nan;
    }
  }

  private static RealMatrix jacobian(double[] lx, Correction c, double[] q) {
    int k = c.parameters();
    double omega = c.kind() == Correction.Kind.FIXED ? c.omega() : q[3];
    double[][] jac = new double[lx.length][k];
    for (int i = 0; i < lx.length; i++) {
      double u = Math.exp(-omega * lx[i]);
      double den = 1;
      jac[i][0] = 1;
      jac[i][1] = lx[i];
      jac[i][2] = u / den;
      if (k == 4) jac[i][3] = -q[2] * lx[i] * u / den;
    }
    return new Array2DRowRealMatrix(jac, false);
  }

  /** Levenberg-Marquardt from {@code start}; null when it fails or ends on a non-finite point. */
  private static double[] solve(double[] lx, double[] ly, Correction c, double[] start, boolean strict) {
    int k = c.parameters();
    MultivariateJacobianFunction model = point -> {
      double[] q = point.toArray();
      double omega = k == 4 ? q[3] : c.omega();
      double[] v = new double[lx.length];
      for (int i = 0; i < lx.length; i++) {
        v[i] = q[0] + q[1] * lx[i] + q[2] * Math.exp(-omega * lx[i]);
      }
      return new Pair<RealVector, RealMatrix>(new ArrayRealVector(v, false), jacobian(lx, c, q));
    };
    LeastSquaresProblem problem = new LeastSquaresBuilder()
        .start(java.util.Arrays.copyOf(start, k))
        .model(model)
        .target(ly)
        .parameterValidator(p -> {
          double omega = k == 4 ? Math.min(OMEGA_MAX, Math.max(OMEGA_MIN, p.getEntry(3))) : c.omega();
          if (k == 4) p.setEntry(3, omega);
          return p;
        })
        .lazyEvaluation(false)
        .maxEvaluations(strict ? 4000 : 2000)
        .maxIterations(strict ? 4000 : 2000)
        .build();
    try {
      LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(problem);
      double[] q = o.getPoint().toArray();
      for (double v : q) if (!Double.isFinite(v)) return null;
      return q;
    } catch (MathIllegalStateException | IllegalArgumentException e) {
      return null;
    }
  }
}
