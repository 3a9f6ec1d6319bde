package scalecheck.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import scalecheck.check.CheckSpec.SweepValue;

/**
 * Where a check's measurements come from: for each series (a combination of the swept symbols other
 * than the varied one), the values of the varied symbol, the measured value per seed, and why runs were
 * excluded. The fit and the verdict ({@link Evaluator}) do not know which source gave them.
 *
 * <p>Implementations: {@link EngineMeasurements} (the engine's finished runs, joined by run key) and
 * {@link FileMeasurements} (a CSV or JSON Lines file another program wrote). A new source (a database,
 * a tracking server) is one more implementation; the check names it in one field of its file.
 */
public interface MeasurementSource {

  /** The series of check {@code c}, in a fixed order. */
  List<MeasuredSeries> series(CheckSpec c);

  /**
   * One series per combination of the swept symbols other than the varied one, in the planner's
   * order ({@link Planner#seriesCombinations}), for sources that measure the check's own sweep.
   */
  static List<MeasuredSeries> eachSeries(CheckSpec c, Function<Map<String, SweepValue>, MeasuredSeries> one) {
    List<MeasuredSeries> out = new ArrayList<>();
    for (Map<String, SweepValue> series : Planner.seriesCombinations(c.sweep(), c.vary())) out.add(one.apply(series));
    return out;
  }

  /**
   * One series' measurements.
   *
   * @param data the varied symbol's values, {@code perSeed[i][s]} (NaN: excluded or missing run), the
   *     number of runs, the number excluded and why
   * @param outputs for {@code measure: spread} only (else null): per value of the varied symbol, the
   *     test outputs of each seed, whose spread over seeds is the measured quantity
   */
  record MeasuredSeries(Evaluator.SeriesData data, List<List<double[]>> outputs) {}
}
