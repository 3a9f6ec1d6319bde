package scalecheck.sim;

/**
 * High-precision values of the functions {@link Kernels} computes, for measuring the kernels' error
 * in ulps: e^x, (c / beta) log(1 + e^b) and c / (1 + e^-b) for an argument b given exactly as the sum
 * of two doubles, each to about 100 bits (relative error below 2^-98, shown against Commons Math's
 * {@code Dfp} at 40 decimal digits by {@code KernelReferenceProperties}).
 *
 * <p>Written by hand in double-double arithmetic (Dekker 1971; Knuth's TwoSum; the product error by
 * fused multiply-add) because the measurement needs 10^8 inputs and {@code Dfp}, the arbitrary
 * precision library at hand, evaluates one exponential in tens of microseconds: hours instead of
 * minutes. Values are returned scaled, value = (hi + lo) 2^k with 1 &lt;= |hi| &lt; 2, so that results
 * below the double range (e^-800) keep their precision and the ulp of a subnormal result is measured
 * correctly.
 *
 * <p>e^x: x = k ln 2 + r with ln 2 held in three doubles, |r| &lt;= ln 2 / 2 in double-double; e^(r /
 * 2^10) - 1 by its Taylor series to degree 10, then squared back ten times in the form E -&gt; 2E +
 * E^2 that keeps the relative precision of e^r - 1. log(1 + e): for e &lt; 2^-60 the series e (1 - e
 * / 2) (truncation below 2^-118); otherwise one Newton step y + (e - expm1(y)) / (1 + expm1(y)) from
 * y = Math.log1p(e), which squares the 2^-52 error of the start. Not a hot path: allocates freely.
 */
final class KernelReference {
  private KernelReference() {}

  /** A value (hi + lo) 2^k, hi and lo a normalised double-double. */
  record Scaled(double hi, double lo, int k) {
    /** The same value with 1 &lt;= |hi| &lt; 2 (zero stays zero). */
    Scaled normal() {
      if (hi == 0 || !Double.isFinite(hi)) return this;
      int e = Math.getExponent(hi);
      return new Scaled(Math.scalb(hi, -e), Math.scalb(lo, -e), k + e);
    }

    /** The value rounded to double (overflow and underflow as Math.scalb gives them). */
    double value() {
      return Math.scalb(hi + lo, k);
    }
  }

  // ---- double-double arithmetic: {hi, lo} with |lo| <= ulp(hi) / 2 ----

  static double[] dd(double hi, double lo) {
    double s = hi + lo;
    return new double[] {s, lo - (s - hi)};
  }

  static double[] add(double[] x, double[] y) {
    double s = x[0] + y[0], bb = s - x[0], e = (x[0] - (s - bb)) + (y[0] - bb);
    double t = x[1] + y[1], cc = t - x[1], f = (x[1] - (t - cc)) + (y[1] - cc);
    e += t;
    double s2 = s + e;
    e = e - (s2 - s);
    e += f;
    return dd(s2, e);
  }

  static double[] neg(double[] x) {
    return new double[] {-x[0], -x[1]};
  }

  static double[] mul(double[] x, double[] y) {
    double p = x[0] * y[0];
    double e = Math.fma(x[0], y[0], -p) + (x[0] * y[1] + x[1] * y[0]);
    return dd(p, e);
  }

  static double[] mul(double[] x, double d) {
    double p = x[0] * d;
    double e = Math.fma(x[0], d, -p) + x[1] * d;
    return dd(p, e);
  }

  static double[] div(double[] x, double[] y) {
    double q1 = x[0] / y[0];
    double[] r = add(x, neg(mul(y, q1)));
    double q2 = r[0] / y[0];
    r = add(r, neg(mul(y, q2)));
    double q3 = r[0] / y[0];
    return add(dd(q1, q2), new double[] {q3, 0});
  }

  static double[] scalb(double[] x, int k) {
    return new double[] {Math.scalb(x[0], k), Math.scalb(x[1], k)};
  }

  /** ln 2 in three doubles (LN2A has 53 bits; the sum is ln 2 to about 160 bits). */
  static final double LN2A = 0.6931471805599453, LN2B = 2.3190468138462996e-17, LN2C = 5.707708438416212e-34;

  /**
   * e^r - 1 for |r| &lt;= 0.35 (double-double r), relative error about 2^-100. The hot loop of the
   * measurement: the double-double operations are written out on locals (no arrays).
   */
  static double[] expm1Small(double[] r) {
    double sh = Math.scalb(r[0], -10), sl = Math.scalb(r[1], -10);
    double ph = 1, pl = 0;
    for (int n = 10; n >= 2; n--) {
      // t = s p
      double th = sh * ph;
      double tl = Math.fma(sh, ph, -th) + (sh * pl + sl * ph);
      // t / n
      double q1 = th / n;
      double rem = (Math.fma(-q1, n, th) + tl) / n;
      // p = 1 + t / n (|t / n| < 1e-4: fast two-sum)
      double u = 1 + q1;
      double ul = (q1 - (u - 1)) + rem;
      ph = u + ul;
      pl = ul - (ph - u);
    }
    // e = s p
    double eh = sh * ph;
    double el = Math.fma(sh, ph, -eh) + (sh * pl + sl * ph);
    double n0 = eh + el;
    el = el - (n0 - eh);
    eh = n0;
    for (int i = 0; i < 10; i++) {
      // e = e (2 + e) = 2e + e^2
      double fh = 2 + eh;
      double fl = ((2 - fh) + eh) + el;
      double f0 = fh + fl;
      fl = fl - (f0 - fh);
      fh = f0;
      double gh = eh * fh;
      double gl = Math.fma(eh, fh, -gh) + (eh * fl + el * fh);
      eh = gh + gl;
      el = gl - (eh - gh);
    }
    return new double[] {eh, el};
  }

  /** Table size: e^x = 2^k 2^(j / TB) e^r with |r| &lt;= ln 2 / (2 TB). */
  static final int TB = 1024;
  /** 2^(j / TB) in double-double, from {@link #expm1Small} (slow, once). */
  private static final double[] T_HI = new double[TB], T_LO = new double[TB];
  /** 1 / n! in double-double, n = 0..9. */
  private static final double[] F_HI = new double[10], F_LO = new double[10];

  static {
    for (int j = 0; j < TB; j++) {
      double a = j * (LN2A / TB);
      double[] r = add(dd(a, Math.fma(j, LN2A / TB, -a)), new double[] {j * (LN2B / TB), 0});
      double[] t = add(new double[] {1, 0}, expm1Small(r));
      T_HI[j] = t[0];
      T_LO[j] = t[1];
    }
    double[] f = {1, 0};
    for (int n = 0; n < 10; n++) {
      if (n > 0) {
        double q1 = f[0] / n;
        double rem = (Math.fma(-q1, n, f[0]) + f[1]) / n;
        f = dd(q1, rem);
      }
      F_HI[n] = f[0];
      F_LO[n] = f[1];
    }
  }

  /**
   * e^r - 1 for |r| &lt;= ln 2 / (2 TB) (double-double r) by its Taylor series to degree 9 (truncation
   * below 2^-110 relative), Horner's scheme on locals.
   */
  private static double[] expm1Tiny(double rh, double rl) {
    double qh = F_HI[9], ql = F_LO[9];
    for (int n = 8; n >= 1; n--) {
      // q = 1/n! + r q
      double ph = rh * qh;
      double pl = Math.fma(rh, qh, -ph) + (rh * ql + rl * qh);
      double sh = F_HI[n] + ph;
      double bb = sh - F_HI[n];
      double sl = ((F_HI[n] - (sh - bb)) + (ph - bb)) + F_LO[n] + pl;
      qh = sh + sl;
      ql = sl - (qh - sh);
    }
    double eh = rh * qh;
    double el = Math.fma(rh, qh, -eh) + (rh * ql + rl * qh);
    return dd(eh, el);
  }

  /** x - m ln 2 / TB in double-double, for x = xh + xl and an integer m. */
  private static double[] reduce(double xh, double xl, double m) {
    double a = m * (LN2A / TB);
    double[] r = add(new double[] {xh - a, xl}, new double[] {-Math.fma(m, LN2A / TB, -a), 0});
    double b = m * (LN2B / TB);
    r = add(r, dd(-b, -Math.fma(m, LN2B / TB, -b)));
    return add(r, new double[] {-m * (LN2C / TB), 0});
  }

  /** e^x for x = xh + xl, as (hi + lo) 2^k; |x| up to a few thousand. */
  static Scaled exp(double xh, double xl) {
    if (Double.isNaN(xh)) return new Scaled(Double.NaN, 0, 0);
    // below -2^17 the value is under 2^-189000: zero for every comparison made with it here
    if (xh < -0x1p17) return new Scaled(0, 0, 0);
    double m = Math.rint(xh * (TB / LN2A));
    double[] r = reduce(xh, xl, m);
    double[] e = expm1Tiny(r[0], r[1]);
    int j = (int) Math.floorMod((long) m, TB);
    int k = (int) Math.floorDiv((long) m, TB);
    // 2^(j/TB) (1 + e)
    double[] t = {T_HI[j], T_LO[j]};
    double[] v = add(t, mul(t, e));
    return new Scaled(v[0], v[1], k).normal();
  }

  /** e^y - 1 for |y| &lt;= 1, double-double (relative error below 2^-90). */
  static double[] expm1(double y) {
    double m = Math.rint(y * (TB / LN2A));
    double[] r = reduce(y, 0, m);
    double[] e = expm1Tiny(r[0], r[1]);
    if (m == 0) return e;
    int j = (int) Math.floorMod((long) m, TB);
    int k = (int) Math.floorDiv((long) m, TB);
    double[] t = {T_HI[j], T_LO[j]};
    return add(scalb(add(t, mul(t, e)), k), new double[] {-1, 0});
  }

  /** log(1 + e) for 0 &lt;= e &lt;= 1 given as (hi + lo) 2^k. */
  static Scaled log1p(Scaled e) {
    if (e.hi() == 0) return e;
    if (e.k() < -60) {
      double approx = Math.scalb(e.hi(), e.k());
      double[] m = mul(new double[] {e.hi(), e.lo()}, add(new double[] {1, 0}, new double[] {-approx / 2, 0}));
      return new Scaled(m[0], m[1], e.k()).normal();
    }
    double[] ev = scalb(new double[] {e.hi(), e.lo()}, e.k());
    double y = Math.log1p(ev[0] + ev[1]);
    double[] em1 = expm1(y);
    double[] num = add(ev, neg(em1));
    double corr = num[0] / (1 + em1[0]);
    double[] v = dd(y, corr);
    return new Scaled(v[0], v[1], 0).normal();
  }

  /** (c / beta) log(1 + e^b), b = bh + bl exactly, c / beta exactly. */
  static Scaled softplus(double bh, double bl, double beta, double c) {
    return softplus(bh, bl, expMinusAbs(bh, bl), beta, c);
  }

  /** e^-|b| for b = bh + bl (the one exponential softplus and sigmoid share). */
  static Scaled expMinusAbs(double bh, double bl) {
    double[] b = dd(bh, bl);
    return b[0] > 0 ? exp(-b[0], -b[1]) : exp(b[0], b[1]);
  }

  /** As {@link #softplus(double, double, double, double)} given e = e^-|b| from {@link #expMinusAbs}. */
  static Scaled softplus(double bh, double bl, Scaled e, double beta, double c) {
    return softplus(bh, bl, e, div(new double[] {c, 0}, new double[] {beta, 0}));
  }

  /** As {@link #softplus(double, double, Scaled, double, double)} given cb = c / beta in double-double. */
  static Scaled softplus(double bh, double bl, Scaled e, double[] cb) {
    double[] b = dd(bh, bl);
    Scaled l = log1p(e);
    if (b[0] <= 0) {
      double[] v = mul(new double[] {l.hi(), l.lo()}, cb);
      return new Scaled(v[0], v[1], l.k()).normal();
    }
    // (b + l) cb computed on b scaled to [1, 2), so that a product past the double range keeps its value
    int sh = Math.getExponent(b[0]);
    double[] lv = scalb(new double[] {l.hi(), l.lo()}, l.k() - sh);
    double[] v = mul(add(scalb(b, -sh), lv), cb);
    return new Scaled(v[0], v[1], sh).normal();
  }

  /** c / (1 + e^-b), b = bh + bl exactly. */
  static Scaled sigmoid(double bh, double bl, double c) {
    return sigmoid(bh, bl, expMinusAbs(bh, bl), c);
  }

  /** As {@link #sigmoid(double, double, double)} given e = e^-|b| from {@link #expMinusAbs}. */
  static Scaled sigmoid(double bh, double bl, Scaled e, double c) {
    boolean pos = dd(bh, bl)[0] > 0;
    double[] onePlus = add(new double[] {1, 0}, scalb(new double[] {e.hi(), e.lo()}, e.k()));
    if (pos) {
      double[] v = div(new double[] {c, 0}, onePlus);
      return new Scaled(v[0], v[1], 0).normal();
    }
    double[] v = div(mul(new double[] {e.hi(), e.lo()}, c), onePlus);
    return new Scaled(v[0], v[1], e.k()).normal();
  }

  /**
   * |got - ref| in units in the last place of ref (the spacing of doubles at ref's binade; 2^-1074
   * below the normal range). 0 for an infinite got that equals ref rounded to double (overflow),
   * infinite for any other non-finite got.
   */
  static double ulps(double got, Scaled ref) {
    Scaled r = ref.normal();
    if (Double.isNaN(r.hi())) return Double.isNaN(got) ? 0 : Double.POSITIVE_INFINITY;
    // an overflowing exact value is correctly rounded to infinity
    if (!Double.isFinite(got)) return got == r.value() ? 0 : Double.POSITIVE_INFINITY;
    if (r.hi() == 0) return got == 0 ? 0 : Double.POSITIVE_INFINITY;
    double g = Math.scalb(got, -r.k());
    if (!Double.isFinite(g)) return Double.POSITIVE_INFINITY;
    double d = (g - r.hi()) - r.lo();
    int binade = Math.max(r.k(), Double.MIN_EXPONENT);
    return Math.scalb(Math.abs(d), 52 + r.k() - binade);
  }
}
