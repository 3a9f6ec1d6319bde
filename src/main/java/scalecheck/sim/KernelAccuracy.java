package scalecheck.sim;

import scalecheck.sim.data.Datasets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Measures the largest error, in ulps, of the engine's pointwise kernels against {@link
 * KernelReference} (about 100 bits): the exponential {@link Kernels#expNonPositive} over its whole
 * argument range, and the softplus pass (h = (c / beta) log(1 + e^(beta z)), dphi = c sigmoid(beta
 * z)) through the path the engine runs (the Vector API when present, then the scalar tail), over
 * beta from 0.05 to 30 and beta z over the whole double range. Prints the worst case of each kernel
 * with its inputs. Not part of the test run: {@code bench/kernel-accuracy.sh [COUNT] [SEED]} (10^8
 * inputs take a few minutes on one core); the bounds it measured are stated in {@link Kernels} and
 * asserted by {@code KernelsProperties}.
 *
 * <p>Two errors are reported for the softplus and the sigmoid: against the function of b = beta z
 * as the kernel forms it (rounded to double; this is the kernel's own error, and the bound stated),
 * and against the exact product beta z (adds the rounding of the product, which the function
 * amplifies by |b| in the left tail: at most about |b| / 2 ulps more, whatever computes it in
 * double).
 */
public final class KernelAccuracy {
  private KernelAccuracy() {}

  /** The worst case seen for one kernel. */
  static final class Worst {
    final String name;
    double ulps = -1;
    String where = "";
    long count;

    Worst(String name) {
      this.name = name;
    }

    /** Counts one input; the inputs' text is built only for a new worst case. */
    void see(double u, Supplier<String> inputs) {
      count++;
      if (u > ulps || Double.isNaN(u)) {
        ulps = u;
        where = inputs.get();
      }
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%-42s max %8.4f ulps over %,d inputs at %s", name, ulps, count, where);
    }
  }

  /** Results of one measurement. */
  record Result(Worst exp, Worst softplus, Worst sigmoid, Worst softplusSubnormal, Worst sigmoidSubnormal,
      Worst softplusExact, Worst sigmoidExact) {}

  private static String d(double v) {
    return Double.toString(v);
  }

  /** log-uniform in [lo, hi]. */
  private static double logUniform(SplittableRandom r, double lo, double hi) {
    return Math.exp(Math.log(lo) + r.nextDouble() * (Math.log(hi) - Math.log(lo)));
  }

  /** Measures count inputs per kernel from seed. */
  static Result measure(long count, long seed) {
    return measure(count, seed, null);
  }

  /**
   * Measures count inputs per kernel from seed, in blocks of 10^7 inputs (exponential, then softplus
   * and sigmoid); after each block, progress (when not null) gets the results so far.
   */
  static Result measure(long count, long seed, java.util.function.Consumer<Result> progress) {
    SplittableRandom r = new SplittableRandom(seed);
    Worst exp = new Worst("exp (x <= 0)");
    Worst sp = new Worst("softplus h at b = fl(beta z), e^b normal");
    Worst sg = new Worst("sigmoid dphi at b = fl(beta z), e^b normal");
    Worst spSub = new Worst("softplus h, b < -708 (e^b subnormal)");
    Worst sgSub = new Worst("sigmoid dphi, b < -708 (e^b subnormal)");
    Worst spx = new Worst("softplus h at exact beta z (1 in 16)");
    Worst sgx = new Worst("sigmoid dphi at exact beta z (1 in 16)");
    Result res = new Result(exp, sp, sg, spSub, sgSub, spx, sgx);
    long block = 10_000_000L;
    for (long from = 0; from < count; from += block) {
      long n = Math.min(block, count - from);
      expBlock(n, r, exp);
      softplusBlock(n, r, sp, sg, spSub, sgSub, spx, sgx);
      if (progress != null) progress.accept(res);
    }
    return res;
  }

  private static void expBlock(long count, SplittableRandom r, Worst exp) {
    for (long i = 0; i < count; i++) {
      double x = switch (r.nextInt(10)) {
        case 0, 1, 2, 3, 4 -> -746 * r.nextDouble();
        case 5, 6, 7 -> -logUniform(r, 0x1p-60, 746);
        case 8 -> -700 - 46 * r.nextDouble();
        default -> -r.nextDouble();
      };
      double xx = x;
      exp.see(KernelReference.ulps(Kernels.expNonPositive(x), KernelReference.exp(x, 0)), () -> "x = " + d(xx));
    }
  }

  private static void softplusBlock(long count, SplittableRandom r, Worst sp, Worst sg, Worst spSub, Worst sgSub,
      Worst spx, Worst sgx) {
    int chunk = Kernels.CHUNK;
    double[] z = new double[chunk], h = new double[chunk], dphi = new double[chunk];
    for (long done = 0; done < count; done += chunk) {
      int m = (int) Math.min(chunk, count - done);
      double beta = logUniform(r, 0.05, 30);
      double c = r.nextInt(4) == 0 ? 1.0 : 0.01 + 1.99 * r.nextDouble();
      double spread = logUniform(r, 0.1, 30);
      for (int i = 0; i < m; i++) {
        double b = switch (r.nextInt(10)) {
          case 0, 1, 2, 3 -> Double.NaN;
          case 4, 5, 6 -> -60 + 120 * r.nextDouble();
          case 7, 8 -> (r.nextBoolean() ? 1 : -1) * logUniform(r, 0x1p-60, 800);
          default -> (r.nextBoolean() ? 1 : -1) * (700 + 60 * r.nextDouble());
        };
        z[i] = Double.isNaN(b) ? spread * Datasets.gaussian(r) : b / beta;
      }
      double[] cb = KernelReference.div(new double[] {c, 0}, new double[] {beta, 0});
      int vec = Kernels.VECTOR ? VectorKernels.softplus(z, h, dphi, m, beta, c) : 0;
      Kernels.softplus(z, h, dphi, vec, m, beta, c);
      for (int i = 0; i < m; i++) {
        double zi = z[i], b = zi * beta, hi = h[i], di = dphi[i];
        KernelReference.Scaled e = KernelReference.expMinusAbs(b, 0);
        KernelReference.Scaled hr = KernelReference.softplus(b, 0, e, cb);
        KernelReference.Scaled dr = KernelReference.sigmoid(b, 0, e, c);
        // e^-|b| below the normal range: its absolute rounding (2^-1075) is scaled by c / beta
        boolean sub = e.normal().k() < Double.MIN_EXPONENT;
        Supplier<String> at = () -> "z = " + d(zi) + ", beta = " + d(beta) + ", c = " + d(c) + ", b = " + d(b);
        (sub ? spSub : sp).see(KernelReference.ulps(hi, hr), () -> at.get() + ", h = " + d(hi) + ", exact " + d(hr.value()));
        (sub ? sgSub : sg).see(KernelReference.ulps(di, dr), () -> at.get() + ", dphi = " + d(di) + ", exact " + d(dr.value()));
        if ((i & 15) == 0) {
          // one input in 16: the error including the rounding of the product beta z
          double lo = Math.fma(zi, beta, -b);
          KernelReference.Scaled ex = KernelReference.expMinusAbs(b, lo);
          spx.see(KernelReference.ulps(hi, KernelReference.softplus(b, lo, ex, cb)), at);
          sgx.see(KernelReference.ulps(di, KernelReference.sigmoid(b, lo, ex, c)), at);
        }
      }
    }
  }

  /**
   * {@code KernelAccuracy [COUNT] [SEED]}: measures COUNT inputs per kernel (default 10^8) from SEED
   * (default 20261129) and prints the worst cases.
   */
  public static void main(String[] args) {
    long count = args.length > 0 ? (long) Double.parseDouble(args[0]) : 100_000_000L;
    long seed = args.length > 1 ? Long.parseLong(args[1]) : 20261129L;
    long t0 = System.nanoTime();
    Result res = measure(count, seed, p -> System.err.printf(Locale.ROOT, "%,d inputs per kernel, %.0f s; worst so far:"
        + " exp %.4f, softplus %.4f, sigmoid %.4f ulps%n", p.exp().count, (System.nanoTime() - t0) / 1e9, p.exp().ulps,
        p.softplus().ulps, p.sigmoid().ulps));
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "kernel accuracy: %,d inputs per kernel, seed %d, %s path, %.0f s%n", count, seed,
        Kernels.VECTOR ? "Vector API" : "scalar", secs);
    System.out.println(res.exp());
    System.out.println(res.softplus());
    System.out.println(res.sigmoid());
    System.out.println(res.softplusSubnormal());
    System.out.println(res.sigmoidSubnormal());
    System.out.println(res.softplusExact());
    System.out.println(res.sigmoidExact());
  }
}
