package scalecheck.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import scalecheck.check.CheckSpec.SweepValue;
import scalecheck.check.Planner.PlannedRun;
import scalecheck.sim.RunStatus;

/**
 * Measurements from the engine's finished runs: per series, the probe value of every planned run,
 * joined to its record by run key. Excluded: runs that did not run, diverged or hit a limit, and values
 * that are missing, non-finite or not positive, each counted with its cause. For {@code spread} the
 * test outputs of each seed are kept instead (the measured quantity is a statistic over seeds).
 */
public final class EngineMeasurements implements MeasurementSource {
  private final List<PlannedRun> runs;
  private final Map<String, RunRecord> records;

  /** The planned runs of one check and the records of the finished runs, by run key. */
  public EngineMeasurements(List<PlannedRun> runs, Map<String, RunRecord> records) {
    this.runs = runs;
    this.records = records;
  }

  @Override
  public List<MeasuredSeries> series(CheckSpec c) {
    return MeasurementSource.eachSeries(c, series -> series(c, series));
  }

  private MeasuredSeries series(CheckSpec c, Map<String, SweepValue> series) {
    List<SweepValue> xs = c.sweep().get(c.vary());
    boolean spread = c.measure().equals(Measures.SPREAD);
    int runCount = 0;
    int excluded = 0;
    Map<String, Integer> why = new TreeMap<>();
    double[] x = new double[xs.size()];
    double[][] perSeed = new double[xs.size()][];
    List<List<double[]>> outputs = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      x[i] = xs.get(i).value();
      perSeed[i] = new double[c.seeds()];
      Arrays.fill(perSeed[i], Double.NaN);
      outputs.add(new ArrayList<>());
    }
    for (PlannedRun r : runs) {
      if (!matches(r.point(), series)) continue;
      int i = xs.indexOf(r.point().get(c.vary()));
      RunRecord rec = records.get(r.key());
      runCount++;
      String problem;
      if (rec == null) {
        problem = "not run";
      } else if (rec.status() != RunStatus.OK) {
        problem = rec.status() + (rec.reason() == null || rec.reason().isEmpty() ? "" : ": " + MeasurementFile.shorten(rec.reason()));
      } else if (spread) {
        double[] o = rec.series() == null ? null : rec.series().get("out.test");
        if (o == null || o.length == 0) problem = "no out.test series";
        else {
          outputs.get(i).add(o);
          perSeed[i][r.seedIndex()] = 1.0; // placeholder: spread is a statistic over seeds
          problem = null;
        }
      } else {
        Double v = rec.probes() == null ? null : rec.probes().get(c.measure());
        if (v == null) problem = "probe " + c.measure() + " missing";
        else if (!Double.isFinite(v) || v <= 0) problem = c.measure() + " = " + v + " (not positive and finite)";
        else {
          perSeed[i][r.seedIndex()] = v;
          problem = null;
        }
      }
      if (problem != null) {
        excluded++;
        why.merge(problem, 1, Integer::sum);
      }
    }
    Evaluator.SeriesData data = new Evaluator.SeriesData(series, x, perSeed, runCount, excluded, why);
    return new MeasuredSeries(data, spread ? outputs : null);
  }

  private static boolean matches(Map<String, SweepValue> point, Map<String, SweepValue> series) {
    for (Map.Entry<String, SweepValue> e : series.entrySet()) {
      if (!e.getValue().equals(point.get(e.getKey()))) return false;
    }
    return true;
  }
}
