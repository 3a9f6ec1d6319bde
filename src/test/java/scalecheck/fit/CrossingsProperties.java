package scalecheck.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scalecheck.PropertyRuns.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The crossing and bisection helpers against monotone functions whose crossing is known in closed form. */
class CrossingsProperties {

  private static void assertRel(double expected, double actual, double rel, String what) {
    assertEquals(expected, actual, rel * Math.abs(expected), what);
  }

  /** v = a + b t sampled on a uniform grid: linear interpolation in t is exact. */
  @Test
  void crossingOfALinearCurveIsExact() {
    qt(1000).forAll(doubles().between(-5, 5), doubles().between(0.01, 10), doubles().between(0.01, 0.99),
        integers().between(2, 200)).checkAssert((a, slopeSigned, frac, samples) -> {
          double b = samples % 2 == 0 ? slopeSigned : -slopeSigned; // rising and falling curves
          double t0 = 0.5;
          double h = 3.0 / (samples - 1);
          double[] t = new double[samples];
          double[] v = new double[samples];
          for (int i = 0; i < samples; i++) {
            t[i] = t0 + i * h;
            v[i] = a + b * t[i];
          }
          double tStar = t0 + frac * 3.0;
          double level = a + b * tStar;
          tStar = (level - a) / b; // the exact crossing of this level, free of the rounding above
          assertRel(tStar, Crossings.firstCrossing(t, v, level, false), 1e-12, "linear a=" + a + " b=" + b);
        });
  }

  /** v = a + b log t (the log of a power law) on a geometric grid: interpolation in log t is exact. */
  @Test
  void crossingOfALogLinearCurveIsExactInLogTime() {
    qt(1000).forAll(doubles().between(-3, 3), doubles().between(0.05, 3), doubles().between(0.01, 0.99),
        integers().between(2, 100)).checkAssert((a, slopeSigned, frac, samples) -> {
          double b = samples % 2 == 0 ? slopeSigned : -slopeSigned;
          double[] t = new double[samples];
          double[] v = new double[samples];
          double lo = Math.log(1e-2);
          double hi = Math.log(1e4);
          for (int i = 0; i < samples; i++) {
            t[i] = Math.exp(lo + (hi - lo) * i / (samples - 1));
            v[i] = a + b * Math.log(t[i]);
          }
          double level = a + b * (lo + frac * (hi - lo));
          double tStar = Math.exp((level - a) / b);
          assertRel(tStar, Crossings.firstCrossing(t, v, level, true), 1e-12, "loglinear a=" + a + " b=" + b);
        });
  }

  /**
   * Power and exponential curves: a level equal to a sample is found at that sample exactly, and any
   * other level is placed inside the grid interval that brackets its true crossing.
   */
  @Test
  void crossingsOfPowerAndExponentialCurvesAreBracketedAndExactAtSamples() {
    qt(1000).forAll(doubles().between(-2, 2), doubles().between(0.01, 0.99), integers().between(3, 60),
        integers().between(0, 1)).checkAssert((p, frac, samples, kind) -> {
          double q = Math.abs(p) < 0.05 ? 0.05 : p;
          DoubleUnaryOperator f = kind == 0 ? t -> Math.pow(t, q) : t -> Math.exp(q * t);
          DoubleUnaryOperator inv = kind == 0 ? y -> Math.pow(y, 1 / q) : y -> Math.log(y) / q;
          double[] t = new double[samples];
          double[] v = new double[samples];
          for (int i = 0; i < samples; i++) {
            t[i] = 0.5 + 4.0 * i / (samples - 1);
            v[i] = f.applyAsDouble(t[i]);
          }
          int j = 1 + (int) (frac * (samples - 2));
          assertEquals(t[j], Crossings.firstCrossing(t, v, v[j], false), 0);
          assertEquals(t[j], Crossings.firstCrossing(t, v, v[j], true), 0);
          double level = f.applyAsDouble(0.5 + 4.0 * frac);
          double tStar = inv.applyAsDouble(level);
          double got = Crossings.firstCrossing(t, v, level, false);
          int k = 1;
          while (t[k] < tStar) k++;
          assertTrue(got >= t[k - 1] && got <= t[k], "estimate " + got + " outside [" + t[k - 1] + ", " + t[k] + "]");
        });
  }

  /** Bisection in log x is exact (1e-12 relative) on linear, power and exponential functions of either sign. */
  @Test
  void bisectionIsExactOnMonotoneFunctions() {
    qt(1000).forAll(doubles().between(-4, 4), doubles().between(0.05, 3), integers().between(0, 5),
        doubles().between(0.01, 0.99)).checkAssert((logRoot, rate, kind, pos) -> {
          double root = Math.exp(logRoot);
          double lo = root * Math.exp(-10 * pos);
          double hi = root * Math.exp(10 * (1 - pos));
          double sign = kind % 2 == 0 ? 1 : -1;
          double level = 0.7;
          DoubleUnaryOperator f = switch (kind / 2) {
            case 0 -> x -> level + sign * rate * (x - root); // linear
            case 1 -> x -> level * Math.pow(x / root, sign * rate); // power
            default -> x -> level * Math.exp(sign * rate * (x - root) / root); // exp
          };
          Crossings.Bisection r = Crossings.bisect(f, lo, hi, level, 1e-13, 200);
          assertRel(root, r.x(), 1e-12, "kind " + kind + " root " + root);
          assertTrue(r.converged());
          assertTrue(r.lo() <= r.hi());
          // one evaluation per halving of log(hi/lo) = 10 down to 1e-13, plus the two endpoints
          assertTrue(r.evaluations() <= 2 + Math.ceil(Math.log(10 / 1e-13) / Math.log(2)) + 1, "evals " + r.evaluations());
          assertEquals(r.x(), Crossings.bisectLog(f, lo, hi, level, 1e-13, 200), 0);
        });
  }

  /** The evaluation budget is never exceeded and the bracket still contains the root when it runs out. */
  @Test
  void bisectionRespectsItsEvaluationBudget() {
    qt(1000).forAll(integers().between(2, 30), doubles().between(-3, 3)).checkAssert((budget, logRoot) -> {
      double root = Math.exp(logRoot);
      int[] calls = {0};
      DoubleUnaryOperator f = x -> {
        calls[0]++;
        return x * x;
      };
      Crossings.Bisection r = Crossings.bisect(f, root / 50, root * 20, root * root, 1e-14, budget);
      assertEquals(calls[0], r.evaluations());
      assertTrue(r.evaluations() <= budget);
      assertTrue(r.lo() <= root * (1 + 1e-12) && root <= r.hi() * (1 + 1e-12));
      assertEquals(budget >= 50, r.converged());
    });
  }
}
