package scalecheck.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import scalecheck.check.CheckSpec.SweepValue;
import scalecheck.sim.RunSpec;

/**
 * Expands a check into runs: every combination of swept values times every seed. Seeds are derived
 * from the verification seed alone (not from the check), so two checks asking for the same settings
 * ask for the same run; the data seed is the same for every run of a verification, so that runs that
 * differ only in their seed see the same data (spread over initialisations).
 */
public final class Planner {
  private Planner() {}

  /** One run a check needs. */
  public record PlannedRun(String check, Map<String, SweepValue> point, int seedIndex, RunSpec spec, String key) {}

  /** The initialisation seed of seed index {@code s} (SplitMix64 of the verification seed and s). */
  public static long runSeed(long seed, int s) {
    return mix(seed * 0x9E3779B97F4A7C15L + s + 1);
  }

  /** The data seed of a verification. */
  public static long dataSeed(long seed) {
    return mix(seed ^ 0xD1B54A32D192ED03L);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Cartesian product of the swept values, in file order (the last symbol varies fastest). */
  public static List<Map<String, SweepValue>> combinations(Map<String, List<SweepValue>> sweep) {
    List<Map<String, SweepValue>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<SweepValue>> e : sweep.entrySet()) {
      List<Map<String, SweepValue>> next = new ArrayList<>();
      for (Map<String, SweepValue> partial : out) {
        for (SweepValue v : e.getValue()) {
          Map<String, SweepValue> m = new LinkedHashMap<>(partial);
          m.put(e.getKey(), v);
          next.add(m);
        }
      }
      out = next;
    }
    return out;
  }

  /** Combinations of the swept symbols other than {@code vary}: one fit (series) each. */
  public static List<Map<String, SweepValue>> seriesCombinations(Map<String, List<SweepValue>> sweep, String vary) {
    Map<String, List<SweepValue>> rest = new LinkedHashMap<>(sweep);
    rest.remove(vary);
    return combinations(rest);
  }

  /** The law's regime for one series: the check's {@code regime} plus the series values the law knows. */
  public static Map<String, String> regimeFor(Map<String, String> regime, Map<String, SweepValue> series,
      LawSource.Law law) {
    Map<String, String> r = new LinkedHashMap<>(regime);
    for (Map.Entry<String, SweepValue> e : series.entrySet()) {
      if (law.symbols().contains(e.getKey())) r.put(e.getKey(), e.getValue().text());
    }
    return r;
  }

  /** Applies one point's symbol values onto the base settings. */
  public static RunSpec apply(RunSpec base, Map<String, SweepValue> point) {
    RunSpec s = base;
    for (Map.Entry<String, SweepValue> e : point.entrySet()) {
      double v = e.getValue().value();
      switch (e.getKey()) {
        case "n": case "m": s = s.withModel(s.model().withWidth((int) v)); break;
        case "alpha": s = s.withModel(s.model().withAlpha(v)); break;
        case "kappa": s = s.withModel(s.model().withKappa(v)); break;
        case "L": case "depth": s = s.withModel(s.model().withDepth((int) v)); break;
        case "P": s = s.withData(s.data().withTrain((int) v)); break;
        case "g": break; // below, once the width is known
        default: throw new IllegalArgumentException("unknown symbol " + e.getKey());
      }
    }
    SweepValue g = point.get("g");
    if (g != null && "abc".equals(s.model().param()) && s.model().abc() != null) {
      // a parameterisation affine in g (kappa = width^g carried by its exponents): g becomes numbers
      s = s.withModel(s.model().withAbc(scalecheck.sim.Parameterisation.bind(s.model().abc(), g.value())));
    } else if (g != null) {
      s = s.withModel(s.model().withParam("kappa").withKappa(Math.pow(s.model().width(), g.value())));
    }
    return s;
  }

  /** The run of one point and seed index. */
  public static PlannedRun run(CheckSpec c, Map<String, SweepValue> point, int seedIndex, long seed) {
    RunSpec spec = apply(c.base(), point).withSeed(runSeed(seed, seedIndex)).withDataSeed(dataSeed(seed));
    return new PlannedRun(c.id(), Collections.unmodifiableMap(new TreeMap<>(point)), seedIndex, spec, RunKey.of(spec));
  }

  /**
   * Every run of a check with a fixed sweep (empty for alpha_star, whose runs follow the bisection, and
   * for a check of a measurements file).
   */
  public static List<PlannedRun> plan(CheckSpec c, long seed) {
    List<PlannedRun> out = new ArrayList<>();
    if (c.bisect() != null || c.measurements() != null) return out; // bisection: adaptive; a file: no runs
    for (Map<String, SweepValue> point : combinations(c.sweep())) {
      for (int s = 0; s < c.seeds(); s++) out.add(run(c, point, s, seed));
    }
    return out;
  }

  /** Runs that stand for a check's settings when validating (bisection: both ends of the bracket). */
  public static List<RunSpec> validationSpecs(CheckSpec c, long seed) {
    List<RunSpec> out = new ArrayList<>();
    for (Map<String, SweepValue> point : combinations(c.sweep())) {
      if (c.bisect() == null) {
        out.add(run(c, point, 0, seed).spec());
      } else {
        for (double a : new double[] {c.bisect().lo(), c.bisect().hi()}) {
          Map<String, SweepValue> p = new LinkedHashMap<>(point);
          p.put(c.bisect().symbol(), new SweepValue(Double.toString(a), a));
          out.add(run(c, p, 0, seed).spec());
        }
      }
    }
    return out;
  }
}
