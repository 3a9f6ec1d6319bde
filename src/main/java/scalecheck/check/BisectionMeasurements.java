package scalecheck.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import scalecheck.check.CheckSpec.SweepValue;
import scalecheck.check.Planner.PlannedRun;
import scalecheck.fit.Crossings;
import scalecheck.sim.RunStatus;

/**
 * Measurements of a check with {@code bisect:}: per value of the varied symbol, the crossover alpha*
 * where the seed-averaged probe reaches the level, found by bisection in log(alpha) (theory/README.md
 * section 3; {@link Crossings#bisect}). Each step of the bisection is an ordinary batch of runs through
 * the {@link Runner} (cached and resumable like every other run); the measured value at each point is
 * one number, alpha*, with the runs behind it counted and their exclusions explained. The fit and the
 * verdict ({@link Evaluator}) see these series like any other source's.
 *
 * <p>Under a proper {@link SweepPart} only the points (adaptive units) the part owns are bisected; the
 * others are NaN, and nothing is judged from them (the merged results are).
 */
public final class BisectionMeasurements implements MeasurementSource {
  private final Runner runner;
  private final long seed;
  private final SweepPart part;
  private final List<RunRecord> used;

  /**
   * @param seed the verification seed
   * @param part the units bisected here
   * @param used receives the record of every run a bisection step used, in order
   */
  public BisectionMeasurements(Runner runner, long seed, SweepPart part, List<RunRecord> used) {
    this.runner = runner;
    this.seed = seed;
    this.part = part;
    this.used = used;
  }

  @Override
  public List<MeasuredSeries> series(CheckSpec c) {
    return MeasurementSource.eachSeries(c, series -> new MeasuredSeries(series(c, series), null));
  }

  private Evaluator.SeriesData series(CheckSpec c, Map<String, SweepValue> series) {
    var b = c.bisect();
    List<SweepValue> xs = c.sweep().get(c.vary());
    double[] x = new double[xs.size()];
    double[][] rows = new double[xs.size()][];
    int runs = 0;
    int excluded = 0;
    Map<String, Integer> why = new TreeMap<>();
    for (int i = 0; i < xs.size(); i++) {
      x[i] = xs.get(i).value();
      Map<String, SweepValue> point = new LinkedHashMap<>(series);
      point.put(c.vary(), xs.get(i));
      if (!part.owns(c.id(), new TreeMap<>(point).toString())) { // sorted: the same key in every JVM
        rows[i] = new double[] {Double.NaN}; // another part's unit: not judged here
        continue;
      }
      int[] counts = new int[2];
      DoubleUnaryOperator f = a -> {
        Map<String, SweepValue> p = new LinkedHashMap<>(point);
        p.put(b.symbol(), new SweepValue(Double.toString(a), a));
        List<PlannedRun> batch = new ArrayList<>();
        for (int s = 0; s < c.seeds(); s++) batch.add(Planner.run(c, p, s, seed));
        Map<String, RunRecord> recs = runner.runAll(batch);
        double sum = 0;
        int good = 0;
        for (RunRecord r : recs.values()) {
          used.add(r);
          counts[0]++;
          Double v = r == null || r.probes() == null ? null : r.probes().get(b.probe());
          if (r != null && r.status() == RunStatus.OK && v != null && Double.isFinite(v)) {
            sum += v;
            good++;
          } else {
            counts[1]++;
            why.merge(r == null ? "not run" : r.status() + " or no " + b.probe(), 1, Integer::sum);
          }
        }
        return good * 2 >= recs.size() && good > 0 ? sum / good : Double.NaN;
      };
      double value;
      try {
        value = Crossings.bisect(f, b.lo(), b.hi(), b.level(), 1e-6, b.iterations()).x();
      } catch (IllegalArgumentException e) {
        value = Double.NaN;
        why.merge("bisection failed at " + c.vary() + " = " + xs.get(i).text() + ": " + e.getMessage(), 1,
            Integer::sum);
      }
      runs += counts[0];
      excluded += counts[1];
      rows[i] = new double[] {value};
    }
    return new Evaluator.SeriesData(series, x, rows, runs, excluded, why);
  }
}
