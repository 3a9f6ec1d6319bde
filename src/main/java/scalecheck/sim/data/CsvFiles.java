package scalecheck.sim.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads a labelled table from a comma-separated file.
 *
 * <p>Format: UTF-8 text, one row per line, cells separated by commas (surrounding blanks and one
 * pair of double quotes around a cell are dropped); blank lines and lines starting with {@code #}
 * are skipped. The first row is a header when one of its cells is named {@code label} or one of its
 * cells before the last is not a number. The label is the column named {@code label} (any case),
 * else the last column; every other column is a numeric feature (finite numbers only). Labels are
 * either integer classes (written {@code 3} or {@code 3.0}) or class names; names are numbered by
 * their sorted order in the file (so a separate test file must use the same set of names). The
 * binary label is +1 for an even class and -1 for an odd one (digit parity for MNIST-like data);
 * with {@link Labels#PASS_THROUGH} labels that are already -1 and +1 are kept, and
 * {@link Labels#AUTO} does that when every label is -1 or +1 and uses parity otherwise.
 *
 * <p>Each row of features is rescaled to |x| = sqrt(d), the input normalisation of Geiger et al.
 * (J. Stat. Mech. 2020); a row of zeros is an error. Every problem is an
 * {@link IllegalArgumentException} whose message reads {@code data.path: FILE:LINE: what is wrong}.
 */
public final class CsvFiles {
  private CsvFiles() {}

  /** How class labels become +-1. */
  public enum Labels {
    /** Even class -> +1, odd class -> -1. */
    PARITY,
    /** Labels must be -1 or +1 and are kept. */
    PASS_THROUGH,
    /** PASS_THROUGH when every label is -1 or +1, PARITY otherwise. */
    AUTO
  }

  /** Reads {@code file}; errors name the field {@code data.path}. */
  public static LabeledRows read(Path file, Labels mode) {
    return read(file, mode, "data.path");
  }

  /** Reads {@code file}; errors start with {@code field + ": "}. */
  static LabeledRows read(Path file, Labels mode, String field) {
    List<String> lines = readLines(file, field);
    String where = field + ": " + file + ":";
    int first = 0;
    while (first < lines.size() && skip(lines.get(first))) first++;
    if (first == lines.size()) throw new IllegalArgumentException(where + " the file has no rows");
    String[] head = cells(lines.get(first));
    int columns = head.length;
    if (columns < 2) {
      throw new IllegalArgumentException(where + (first + 1) + ": need at least one feature and a label, found "
          + columns + " column");
    }
    int labelCol = columns - 1;
    boolean header = false;
    for (int c = 0; c < columns; c++) {
      if (head[c].equalsIgnoreCase("label")) {
        labelCol = c;
        header = true;
      }
      if (c < columns - 1 && !isNumber(head[c])) header = true;
    }
    int firstData = header ? first + 1 : first;
    int d = columns - 1;
    List<double[]> rows = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Integer> lineNo = new ArrayList<>();
    for (int li = firstData; li < lines.size(); li++) {
      String line = lines.get(li);
      if (skip(line)) continue;
      String[] cell = cells(line);
      if (cell.length != columns) {
        throw new IllegalArgumentException(where + (li + 1) + ": " + cell.length + " cells, expected " + columns
            + " as on line " + (first + 1));
      }
      double[] x = new double[d];
      double norm = 0;
      for (int c = 0, f = 0; c < columns; c++) {
        if (c == labelCol) continue;
        double v = number(cell[c]);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(where + (li + 1) + ": cell " + (c + 1)
              + (header ? " (column '" + head[c] + "')" : "") + " is '" + cell[c] + "', not a finite number");
        }
        x[f++] = v;
        norm += v * v;
      }
      if (norm == 0) throw new IllegalArgumentException(where + (li + 1) + ": every feature is 0, the row cannot be normalised");
      double scale = Math.sqrt(d / norm);
      for (int f = 0; f < d; f++) x[f] *= scale;
      if (cell[labelCol].isEmpty()) throw new IllegalArgumentException(where + (li + 1) + ": the label is empty");
      rows.add(x);
      labels.add(cell[labelCol]);
      lineNo.add(li + 1);
    }
    if (rows.isEmpty()) throw new IllegalArgumentException(where + " the file has a header but no data rows");
    double[] y = binaryLabels(labels, lineNo, mode, where);
    double[] flat = new double[Math.multiplyExact(rows.size(), d)];
    for (int r = 0; r < rows.size(); r++) System.arraycopy(rows.get(r), 0, flat, r * d, d);
    return new LabeledRows(d, flat, y);
  }

  private static double[] binaryLabels(List<String> labels, List<Integer> lineNo, Labels mode, String where) {
    int n = labels.size();
    long[] cls = new long[n];
    boolean allIntegers = true;
    boolean allPlusMinus = true;
    int firstNonInteger = -1;
    for (int r = 0; r < n; r++) {
      double v = number(labels.get(r));
      if (Double.isFinite(v) && v == Math.rint(v) && Math.abs(v) < 1e15) {
        cls[r] = (long) v;
        allPlusMinus &= cls[r] == 1 || cls[r] == -1;
      } else {
        allIntegers = false;
        if (firstNonInteger < 0) firstNonInteger = r;
        if (Double.isFinite(v)) {
          throw new IllegalArgumentException(where + lineNo.get(r) + ": label '" + labels.get(r)
              + "' is a number but not an integer class");
        }
      }
    }
    double[] y = new double[n];
    if (!allIntegers) {
      if (mode == Labels.PASS_THROUGH) {
        throw new IllegalArgumentException(where + lineNo.get(firstNonInteger) + ": label '"
            + labels.get(firstNonInteger) + "' is not -1 or +1");
      }
      List<String> names = new ArrayList<>(new TreeSet<>(labels));
      for (int r = 0; r < n; r++) y[r] = names.indexOf(labels.get(r)) % 2 == 0 ? 1 : -1;
      return y;
    }
    boolean pass = mode == Labels.PASS_THROUGH || (mode == Labels.AUTO && allPlusMinus);
    for (int r = 0; r < n; r++) {
      if (pass) {
        if (cls[r] != 1 && cls[r] != -1) {
          throw new IllegalArgumentException(where + lineNo.get(r) + ": label '" + labels.get(r) + "' is not -1 or +1");
        }
        y[r] = cls[r];
      } else {
        y[r] = Math.floorMod(cls[r], 2) == 0 ? 1 : -1;
      }
    }
    return y;
  }

  private static List<String> readLines(Path file, String field) {
    try {
      if (Files.isDirectory(file)) throw new IllegalArgumentException(field + ": " + file + ": is a directory, not a file");
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(field + ": " + file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(field + ": " + file + ": not UTF-8 text");
    } catch (IOException e) {
      throw new IllegalArgumentException(field + ": " + file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  private static boolean skip(String line) {
    String t = line.strip();
    return t.isEmpty() || t.startsWith("#");
  }

  private static String[] cells(String line) {
    String[] c = line.split(",", -1);
    for (int i = 0; i < c.length; i++) {
      String t = c[i].strip();
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) t = t.substring(1, t.length() - 1).strip();
      c[i] = t;
    }
    return c;
  }

  private static boolean isNumber(String s) {
    return !Double.isNaN(number(s));
  }

  /** The cell as a number, NaN when it is not one (infinities are returned as such). */
  private static double number(String s) {
    if (s.isEmpty()) return Double.NaN;
    char c = s.charAt(s.length() - 1);
    if (Character.isLetter(c) && c != 'y') return Double.NaN; // refuse Java's "1d", "2f"; keep "Infinity"
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
