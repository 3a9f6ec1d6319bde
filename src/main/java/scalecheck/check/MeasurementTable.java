package scalecheck.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import scalecheck.check.CheckSpec.SweepValue;

/**
 * A measurements file written by another program, read and validated ({@link MeasurementFile}): one
 * row per run, holding the values of the swept symbols, the seed and the measured value.
 *
 * @param file the file as named in messages ({@code checks/results/dz.csv})
 * @param measure the column (wide format) or quantity (long format) that is judged
 * @param swept the symbol columns that take at least two values, in file order (the varied symbol
 *     first among them only if it comes first in the file); the others give one series each
 * @param fixed symbol columns with a single value, held fixed (for captions)
 * @param seedCount the largest number of distinct seeds of one series
 * @param rows the rows that measure {@code measure}, in file order, duplicates removed
 */
public record MeasurementTable(String file, String measure, List<String> swept, Map<String, String> fixed,
    int seedCount, List<Row> rows) {

  /**
   * One run.
   *
   * @param line line of the file where the row starts
   * @param point the value of every swept symbol (as written and as a number)
   * @param seed the seed as written (numbers in a canonical form, so that "3" and "3.0" are one seed)
   * @param value the measured value, finite and &gt; 0, or NaN when the cell is empty (a missing
   *     measurement, for example a run that diverged: counted as an excluded run)
   * @param excluded why the run is excluded (null when its value counts)
   */
  public record Row(int line, Map<String, SweepValue> point, String seed, double value, String excluded) {}

  /** The file, resolved against the check file that names it. */
  static Path resolve(Path checkFile, String name) {
    Path p = Path.of(name);
    if (p.isAbsolute() || checkFile == null || checkFile.getParent() == null) return p.normalize();
    return checkFile.getParent().resolve(p).normalize();
  }
}
