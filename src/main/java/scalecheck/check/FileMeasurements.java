package scalecheck.check;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import scalecheck.check.CheckSpec.SweepValue;

/**
 * Measurements read from a file another program wrote ({@link MeasurementTable}): one series per
 * combination of the swept symbols (other than the varied one) that occurs in the file, its values of
 * the varied symbol in increasing order, and per value the measurement of each seed. Seeds are matched
 * across the varied symbol by their value, in increasing order when every seed is a number (else in the
 * order they first appear), so that seed index s means the same seed at every point, as it does for the
 * engine. A row whose measurement cell is empty is an excluded run; a (point, seed) with no row is
 * missing, and left out of the fit without counting as a run.
 */
public final class FileMeasurements implements MeasurementSource {
  private final MeasurementTable table;

  public FileMeasurements(MeasurementTable table) {
    this.table = table;
  }

  @Override
  public List<MeasuredSeries> series(CheckSpec c) {
    String vary = c.vary();
    Map<String, List<MeasurementTable.Row>> bySeries = new TreeMap<>();
    Map<String, Map<String, SweepValue>> seriesOf = new LinkedHashMap<>();
    for (MeasurementTable.Row r : table.rows()) {
      Map<String, SweepValue> series = new LinkedHashMap<>(r.point());
      series.remove(vary);
      String key = sortKey(series);
      bySeries.computeIfAbsent(key, k -> new ArrayList<>()).add(r);
      seriesOf.putIfAbsent(key, series);
    }
    List<MeasuredSeries> out = new ArrayList<>();
    for (Map.Entry<String, List<MeasurementTable.Row>> e : bySeries.entrySet()) {
      out.add(new MeasuredSeries(data(c, seriesOf.get(e.getKey()), e.getValue()), null));
    }
    return out;
  }

  private Evaluator.SeriesData data(CheckSpec c, Map<String, SweepValue> series, List<MeasurementTable.Row> rows) {
    TreeSet<Double> xs = new TreeSet<>();
    LinkedHashSet<String> seedSet = new LinkedHashSet<>();
    boolean numeric = true;
    for (MeasurementTable.Row r : rows) {
      xs.add(r.point().get(c.vary()).value());
      seedSet.add(r.seed());
      numeric &= isNumber(r.seed());
    }
    List<String> seeds = new ArrayList<>(seedSet);
    if (numeric) seeds.sort((a, b) -> new java.math.BigDecimal(a).compareTo(new java.math.BigDecimal(b)));
    double[] x = new double[xs.size()];
    int k = 0;
    for (double v : xs) x[k++] = v;
    double[][] perSeed = new double[x.length][seeds.size()];
    for (double[] row : perSeed) Arrays.fill(row, Double.NaN);
    int excluded = 0;
    Map<String, Integer> why = new TreeMap<>();
    for (MeasurementTable.Row r : rows) {
      int i = Arrays.binarySearch(x, r.point().get(c.vary()).value());
      perSeed[i][seeds.indexOf(r.seed())] = r.value();
      if (r.excluded() != null) {
        excluded++;
        why.merge(r.excluded(), 1, Integer::sum);
      }
    }
    return new Evaluator.SeriesData(series, x, perSeed, rows.size(), excluded, why);
  }

  private static boolean isNumber(String s) {
    try {
      new java.math.BigDecimal(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Orders series by their symbol values as numbers, symbol by symbol in file order. */
  private static String sortKey(Map<String, SweepValue> series) {
    StringBuilder b = new StringBuilder();
    for (SweepValue v : series.values()) {
      // order-preserving text of a double: sign-flipped bits as fixed-width hex
      long bits = Double.doubleToLongBits(v.value());
      bits = bits < 0 ? ~bits : bits | Long.MIN_VALUE;
      b.append(String.format("%016x", bits)).append('|');
    }
    return b.toString();
  }
}
