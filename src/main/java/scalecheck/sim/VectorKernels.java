package scalecheck.sim;

import static scalecheck.sim.Kernels.A11;
import static scalecheck.sim.Kernels.A13;
import static scalecheck.sim.Kernels.A15;
import static scalecheck.sim.Kernels.A17;
import static scalecheck.sim.Kernels.A19;
import static scalecheck.sim.Kernels.A21;
import static scalecheck.sim.Kernels.A3;
import static scalecheck.sim.Kernels.A5;
import static scalecheck.sim.Kernels.A7;
import static scalecheck.sim.Kernels.A9;
import static scalecheck.sim.Kernels.C10;
import static scalecheck.sim.Kernels.C11;
import static scalecheck.sim.Kernels.C12;
import static scalecheck.sim.Kernels.C13;
import static scalecheck.sim.Kernels.C2;
import static scalecheck.sim.Kernels.C3;
import static scalecheck.sim.Kernels.C4;
import static scalecheck.sim.Kernels.C5;
import static scalecheck.sim.Kernels.C6;
import static scalecheck.sim.Kernels.C7;
import static scalecheck.sim.Kernels.C8;
import static scalecheck.sim.Kernels.C9;
import static scalecheck.sim.Kernels.LN2;
import static scalecheck.sim.Kernels.LN2_HI;
import static scalecheck.sim.Kernels.LN2_LO;
import static scalecheck.sim.Kernels.LOG2E;
import static scalecheck.sim.Kernels.SHIFTER;
import static scalecheck.sim.Kernels.SHIFTER_BITS;
import static scalecheck.sim.Kernels.SQRT2_M1;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The softplus pass of {@link Kernels} on the Vector API (jdk.incubator.vector), loaded only when
 * that module is in the boot layer. Every lane performs exactly the operations of the scalar code
 * ({@link Kernels#expNonPositive} and {@link Kernels#softplus(double[], double[], double[], int,
 * int, double, double)}) in the same order, so results are identical to the
 * bit whichever path runs.
 */
final class VectorKernels {
  private VectorKernels() {}

  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

  private static DoubleVector of(double v) {
    return DoubleVector.broadcast(S, v);
  }

  private static final DoubleVector ONE = of(1), TWO = of(2), THREE = of(3), ZERO = of(0), FLOOR = of(-746),
      VLOG2E = of(LOG2E), VSHIFT = of(SHIFTER), NLN2_HI = of(-LN2_HI), NLN2_LO = of(-LN2_LO), DOWN = of(0x1p-64),
      E2 = of(C2), E3 = of(C3), E4 = of(C4), E5 = of(C5), E6 = of(C6), E7 = of(C7), E8 = of(C8), E9 = of(C9),
      E10 = of(C10), E11 = of(C11), E12 = of(C12), E13 = of(C13), VLN2 = of(LN2), SWITCH = of(SQRT2_M1),
      V3 = of(A3), V5 = of(A5), V7 = of(A7), V9 = of(A9), V11 = of(A11), V13 = of(A13), V15 = of(A15),
      V17 = of(A17), V19 = of(A19), V21 = of(A21);
  private static final LongVector BIAS = LongVector.broadcast(LongVector.SPECIES_PREFERRED, SHIFTER_BITS - 64),
      SIGN = LongVector.broadcast(LongVector.SPECIES_PREFERRED, Long.MIN_VALUE);

  /**
   * h = c softplus_beta(z), dphi = c sigmoid(beta z) for the first loopBound(m) entries; returns the
   * index from which the caller finishes with the scalar loop. Two loops ({@link
   * Kernels#expNonPositive}, then the rest of the scalar softplus loop, written out lane-wise; b = beta z
   * and e pass through h and dphi): one loop of both compiles without boxing on Java 17 but runs 25-35%
   * slower (measured). Unrolling either loop by two vectors gains nothing measurable (independent
   * iterations already overlap): inside this method it exceeds what the JIT inlines in one compilation,
   * and the vectors it does not inline are boxed on the heap; moved to methods of their own, the
   * unrolled loops compile without boxing and run no faster. Modifies h and dphi.
   *
   * <p>The scalar operations map to lanes without their general forms where a cheaper one gives the
   * same result for every input (the same bits, and NaN for NaN): -|b| sets the sign bit; max(x, -746) = (x &lt; -746 ?
   * -746 : x) and max(b, 0) = (b &lt;= 0 ? +0 : b) (an ordered compare is false for NaN, which passes
   * through; -0 &lt;= 0 gives +0), instead of the lane-wise max, which handles NaN and signed zeros in
   * general and costs several instructions; e - 1 : e = e - (1 : 0) and e + 3 : e + 2 = e + (3 : 2)
   * (x - 0 = x for every x).
   */
  static int softplus(double[] z, double[] h, double[] dphi, int m, double beta, double c) {
    int end = S.loopBound(m);
    DoubleVector vb = of(beta), vc = of(c), vcb = of(c / beta);
    for (int i = 0; i < end; i += S.length()) {
      DoubleVector b = DoubleVector.fromArray(S, z, i).mul(vb);
      b.intoArray(h, i);
      // e = exp(-|b|)
      DoubleVector x = ((LongVector) b.reinterpretAsLongs()).or(SIGN).reinterpretAsDoubles();
      DoubleVector y = x.blend(FLOOR, x.compare(VectorOperators.LT, FLOOR));
      DoubleVector t = y.fma(VLOG2E, VSHIFT);
      DoubleVector k = t.sub(VSHIFT);
      DoubleVector r = k.fma(NLN2_LO, k.fma(NLN2_HI, y));
      DoubleVector r2 = r.mul(r), r4 = r2.mul(r2), r8 = r4.mul(r4);
      DoubleVector lo = r.fma(E7, E6).fma(r2, r.fma(E5, E4));
      DoubleVector p0 = lo.fma(r4, r.fma(E3, E2).fma(r2, r.add(ONE)));
      DoubleVector hi = r.fma(E13, E12).fma(r4, r.fma(E11, E10).fma(r2, r.fma(E9, E8)));
      DoubleVector p = hi.fma(r8, p0);
      LongVector scale = ((LongVector) t.reinterpretAsLongs()).sub(BIAS).lanewise(VectorOperators.LSHL, 52);
      DoubleVector e = ((LongVector) p.reinterpretAsLongs()).add(scale).reinterpretAsDoubles()
          .mul(DOWN).add(y.sub(y));
      e.intoArray(dphi, i);
    }
    for (int i = 0; i < end; i += S.length()) {
      DoubleVector b = DoubleVector.fromArray(S, h, i), e = DoubleVector.fromArray(S, dphi, i);
      // log1p(e) and 1 / (1 + e) from one division
      VectorMask<Double> upper = e.compare(VectorOperators.GT, SWITCH);
      DoubleVector num = e.sub(ZERO.blend(ONE, upper)), den = e.add(TWO.blend(THREE, upper));
      DoubleVector base = ZERO.blend(VLN2, upper);
      DoubleVector ope = e.add(ONE);
      DoubleVector u = ONE.div(ope.mul(den));
      DoubleVector sv = num.mul(ope).mul(u);
      DoubleVector q = sv.mul(sv), q2 = q.mul(q), q4 = q2.mul(q2), q8 = q4.mul(q4);
      DoubleVector s03 = q.fma(V7, V5).fma(q2, q.fma(V3, ONE));
      DoubleVector s47 = q.fma(V15, V13).fma(q2, q.fma(V11, V9));
      DoubleVector s810 = V21.fma(q2, q.fma(V19, V17));
      DoubleVector series = s810.fma(q8, s47.fma(q4, s03));
      DoubleVector l = sv.mul(TWO).fma(series, base);
      b.blend(ZERO, b.compare(VectorOperators.LE, ZERO)).add(l).mul(vcb).intoArray(h, i);
      e.blend(ONE, b.compare(VectorOperators.GT, ZERO)).mul(den.mul(u)).mul(vc).intoArray(dphi, i);
    }
    return end;
  }
}
