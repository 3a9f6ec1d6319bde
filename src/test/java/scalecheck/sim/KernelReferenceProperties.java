package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static scalecheck.PropertyRuns.qt;

import org.apache.commons.math3.dfp.Dfp;
import org.apache.commons.math3.dfp.DfpField;
import org.apache.commons.math3.dfp.DfpMath;
import org.junit.jupiter.api.Test;

/**
 * The double-double reference the kernels are measured against, checked against Commons Math's
 * arbitrary-precision {@link Dfp} at 40 decimal digits (about 133 bits): relative agreement within
 * 2^-90 over the whole argument range, subnormal and sub-double results included.
 */
class KernelReferenceProperties {
  private static final DfpField F = new DfpField(40);
  private static final Dfp ONE = F.getOne(), TWO = F.newDfp(2);
  /** Required relative agreement. */
  private static final double TOL = 0x1p-90;

  private static Dfp of(double v) {
    return F.newDfp(v);
  }

  private static Dfp of(KernelReference.Scaled s) {
    return of(s.hi()).add(of(s.lo())).multiply(DfpMath.pow(TWO, s.k()));
  }

  private static Dfp exp(Dfp x) {
    return DfpMath.exp(x);
  }

  /**
   * log(1 + e): below 1e-3 by its series to e^14 (truncation below 1e-39 relative; DfpMath.log of 1 +
   * e would keep only its absolute precision there), else DfpMath.log.
   */
  private static Dfp log1p(Dfp e) {
    if (!e.lessThan(F.newDfp("1e-3"))) return DfpMath.log(ONE.add(e));
    Dfp sum = F.getZero(), pow = e;
    for (int n = 1; n <= 14; n++) {
      sum = n % 2 == 1 ? sum.add(pow.divide(n)) : sum.subtract(pow.divide(n));
      pow = pow.multiply(e);
    }
    return sum;
  }

  private static double relErr(KernelReference.Scaled got, Dfp want) {
    return of(got).subtract(want).divide(want).abs().toDouble();
  }

  /** b from a code: -800..800, with a dense part near 0 and the tails past the double range of e^b. */
  private static double arg(int which, double u) {
    return switch (which) {
      case 0 -> -800 + 1600 * u;
      case 1 -> -60 + 120 * u;
      case 2 -> (u < 0.5 ? -1 : 1) * Math.exp(-40 + 47 * Math.abs(2 * u - 1));
      default -> (u < 0.5 ? -1 : 1) * (700 + 50 * Math.abs(2 * u - 1));
    };
  }

  @Test
  void exponentialAgreesWithDfp() {
    qt(120).forAll(integers().between(0, 3), doubles().between(0, 1), doubles().between(-1, 1))
        .checkAssert((which, u, lo) -> {
          double x = Math.min(arg(which, u), 0.7);
          double xl = lo * Math.ulp(x) / 2;
          Dfp want = exp(of(x).add(of(xl)));
          double e = relErr(KernelReference.exp(x, xl), want);
          assertTrue(e <= TOL, "exp(" + x + " + " + xl + "): relative error " + e);
        });
    assertEquals(0.0, of(KernelReference.exp(0, 0)).subtract(ONE).toDouble());
  }

  @Test
  void softplusAndSigmoidAgreeWithDfp() {
    qt(60).forAll(integers().between(0, 3), doubles().between(0, 1), doubles().between(0.05, 30),
        doubles().between(0.01, 2)).checkAssert((which, u, beta, c) -> {
          double b = arg(which, u);
          double z = b / beta, bh = z * beta, bl = Math.fma(z, beta, -bh);
          Dfp bx = of(bh).add(of(bl));
          // log(1 + e^b) = max(b, 0) + log(1 + e^-|b|)
          Dfp e = exp(bx.abs().negate());
          Dfp sp = (bx.greaterThan(F.getZero()) ? bx : F.getZero()).add(log1p(e)).multiply(of(c)).divide(of(beta));
          Dfp sg = of(c).divide(ONE.add(exp(bx.negate())));
          for (double l : new double[] {0, bl}) {
            Dfp bw = of(bh).add(of(l));
            Dfp ew = exp(bw.abs().negate());
            Dfp spw = l == bl ? sp
                : (bw.greaterThan(F.getZero()) ? bw : F.getZero()).add(log1p(ew)).multiply(of(c)).divide(of(beta));
            Dfp sgw = l == bl ? sg : of(c).divide(ONE.add(exp(bw.negate())));
            double es = relErr(KernelReference.softplus(bh, l, beta, c), spw);
            double eg = relErr(KernelReference.sigmoid(bh, l, c), sgw);
            assertTrue(es <= TOL, "softplus at b = " + bh + " + " + l + ", beta " + beta + ", c " + c + ": " + es);
            assertTrue(eg <= TOL, "sigmoid at b = " + bh + " + " + l + ", c " + c + ": " + eg);
          }
        });
  }

  @Test
  void ulpsCountTheSpacingOfDoublesIncludingSubnormals() {
    // the ulp is the spacing at the reference: 2^-52 at 1, 2^-1074 below the normal range
    assertEquals(1.0, KernelReference.ulps(1 + 0x1p-52, new KernelReference.Scaled(1, 0, 0)));
    assertEquals(0.5, KernelReference.ulps(1, new KernelReference.Scaled(1, 0x1p-53, 0)));
    assertEquals(3.0, KernelReference.ulps(4 * Double.MIN_VALUE, new KernelReference.Scaled(1, 0, -1074)));
    assertEquals(0.25, KernelReference.ulps(0, new KernelReference.Scaled(1, 0, -1076)));
    assertEquals(1.0, KernelReference.ulps(Math.scalb(1.0, -1000) * (1 - 0x1p-52),
        new KernelReference.Scaled(1, 0, -1000)));
    assertTrue(Double.isInfinite(KernelReference.ulps(Double.NaN, new KernelReference.Scaled(1, 0, 0))));
  }
}
