package scalecheck.check;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import scalecheck.check.CheckSpec.SweepValue;
import scalecheck.spec.NearMiss;
import scalecheck.sim.RunStatus;
import scalecheck.spec.SpecException;

/**
 * Reads a measurements file that another program wrote: CSV with a header row (read with Jackson's CSV
 * module; lines starting with {@code #} are comments) or JSON Lines (one object per line; chosen by the
 * extension {@code .jsonl}, {@code .ndjson} or {@code .json}, or by a first character <code>{</code>).
 *
 * <p>Wide format: one column per swept symbol (n, alpha, ...), a {@code seed} column and one column per
 * measured quantity; the check's {@code measure} names the column; other columns are ignored. Long
 * format (used when no column has the measure's name): a {@code quantity} and a {@code value} column,
 * one row per run and quantity. The symbol columns are those named like a symbol scalecheck or the
 * check's law knows; those that take two or more values are swept (each combination of the ones other
 * than the varied symbol is one series), the others are held fixed.
 *
 * <p>Everything is validated before any fit; a problem is a {@link SpecException}
 * {@code file:line: column: what is wrong}: a missing column (with the columns that exist and the
 * closest name), a cell that is not a number, not finite, or not positive where a log is taken (the
 * measure and the varied symbol), a row without a seed, the same symbols and seed twice with different
 * values, and a series with fewer values of the varied symbol than the fit needs. An empty measure cell
 * is a missing measurement (for example a run that diverged): an excluded run, as the engine counts
 * its failed runs. An optional {@code status} column (with an optional {@code reason}) marks runs that
 * failed: a status other than empty or {@code OK} excludes the run whatever its value, with the status
 * and reason as the cause, so the engine's own {@code runs.csv} reads back as the engine judged it.
 */
public final class MeasurementFile {
  /** The seed column. */
  public static final String SEED = "seed";
  /** Long format: the column naming the quantity, and the one holding its value. */
  public static final String QUANTITY = "quantity";
  public static final String VALUE = "value";
  /** Optional: a run whose status is not empty or OK is an excluded run, with its reason. */
  public static final String STATUS = "status";
  public static final String REASON = "reason";

  private static final Pattern NUMBER = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
  private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private MeasurementFile() {}

  /**
   * Reads and validates a measurements file.
   *
   * @param file the file to read
   * @param shown its name in messages
   * @param measure the measured quantity (column or long-format quantity)
   * @param vary the varied symbol (a column)
   * @param symbols names that are symbol columns when present
   * @param needed distinct values of {@code vary} each series needs
   * @param neededWhy why (for the message), e.g. "fit.min_points 3"
   */
  public static MeasurementTable read(Path file, String shown, String measure, String vary, Set<String> symbols,
      int needed, String neededWhy) {
    if (!Files.isRegularFile(file)) throw new SpecException(shown, 0, null, "no such file");
    Raw raw = isJsonLines(file) ? readJsonLines(file, shown) : readCsv(file, shown);
    return validate(raw, shown, measure, vary, symbols, needed, neededWhy);
  }

  /** Rows as text cells, aligned with the header. */
  private record Raw(int headerLine, List<String> header, List<RawRow> rows) {}

  private record RawRow(int line, List<String> cells) {}

  private static boolean isJsonLines(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) return true;
    if (name.endsWith(".csv")) return false;
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int c;
      while ((c = r.read()) >= 0) {
        if (!Character.isWhitespace(c)) return c == '{';
      }
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Raw readCsv(Path file, String shown) {
    CsvMapper mapper = new CsvMapper();
    mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
    mapper.enable(CsvParser.Feature.ALLOW_COMMENTS);
    mapper.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
    mapper.enable(CsvParser.Feature.TRIM_SPACES);
    int headerLine = 0;
    List<String> header = null;
    List<RawRow> rows = new ArrayList<>();
    try (Reader in = withoutBom(Files.newBufferedReader(file, StandardCharsets.UTF_8));
        MappingIterator<List<String>> it = mapper.readerForListOf(String.class).with(CsvSchema.emptySchema())
            .readValues(in)) {
      while (true) {
        int line;
        try {
          if (!it.hasNextValue()) break;
          line = it.getParser().currentLocation().getLineNr(); // the start of the record just opened
          List<String> cells = it.nextValue();
          if (header == null) {
            headerLine = line;
            header = new ArrayList<>();
            for (String c : cells) header.add(c == null ? "" : c.trim());
          } else {
            rows.add(new RawRow(line, cells));
          }
        } catch (JsonProcessingException e) {
          JsonLocation l = e.getLocation();
          throw new SpecException(shown, l == null ? 0 : l.getLineNr(), null, "not valid CSV: " + e.getOriginalMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (header == null) throw new SpecException(shown, 1, null, "no header row: the file is empty");
    return new Raw(headerLine, header, rows);
  }

  /** Skips a leading byte-order mark (spreadsheets write one). */
  private static Reader withoutBom(BufferedReader r) throws IOException {
    r.mark(1);
    if (r.read() != '\uFEFF') r.reset();
    return r;
  }

  private static Raw readJsonLines(Path file, String shown) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    LinkedHashSet<String> keys = new LinkedHashSet<>();
    List<Map<String, String>> objects = new ArrayList<>();
    List<Integer> lineNos = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).replace("\uFEFF", "").trim();
      if (t.isEmpty()) continue;
      JsonNode node;
      try {
        node = JSON.readTree(t);
      } catch (JsonProcessingException e) {
        throw new SpecException(shown, i + 1, null, "not valid JSON: " + e.getOriginalMessage());
      }
      if (node == null || !node.isObject()) throw new SpecException(shown, i + 1, null, "not a JSON object");
      Map<String, String> m = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> f = node.fields(); f.hasNext(); ) {
        Map.Entry<String, JsonNode> e = f.next();
        JsonNode v = e.getValue();
        String text = v.isNull() ? "" : v.isValueNode() ? v.asText() : v.toString();
        m.put(e.getKey().trim(), text);
        keys.add(e.getKey().trim());
      }
      objects.add(m);
      lineNos.add(i + 1);
    }
    if (objects.isEmpty()) throw new SpecException(shown, 1, null, "no records: the file is empty");
    List<String> header = new ArrayList<>(keys);
    List<RawRow> rows = new ArrayList<>();
    for (int i = 0; i < objects.size(); i++) {
      List<String> cells = new ArrayList<>();
      for (String k : header) cells.add(objects.get(i).getOrDefault(k, ""));
      rows.add(new RawRow(lineNos.get(i), cells));
    }
    return new Raw(lineNos.get(0), header, rows);
  }

  private static MeasurementTable validate(Raw raw, String shown, String measure, String vary, Set<String> symbols,
      int needed, String neededWhy) {
    List<String> header = raw.header();
    int hl = raw.headerLine();
    Map<String, Integer> col = new LinkedHashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String h = header.get(i);
      if (h.isEmpty()) throw new SpecException(shown, hl, "column " + (i + 1), "the header has no name for this column");
      if (col.putIfAbsent(h, i) != null) throw new SpecException(shown, hl, h, "the header names this column twice");
    }
    // which column holds the values
    boolean wide = col.containsKey(measure);
    boolean longFormat = !wide && col.containsKey(QUANTITY) && col.containsKey(VALUE);
    if (!wide && !longFormat) {
      List<String> candidates = new ArrayList<>();
      for (String h : header) if (!h.equals(SEED) && !symbols.contains(h) && !h.equals(vary)) candidates.add(h);
      throw missing(shown, hl, measure, header, candidates);
    }
    if (!col.containsKey(vary)) throw missing(shown, hl, vary, header, header);
    if (!col.containsKey(SEED)) throw missing(shown, hl, SEED, header, header);
    List<String> symbolCols = new ArrayList<>();
    for (String h : header) {
      if (h.equals(vary) || (symbols.contains(h) && !h.equals(SEED) && !h.equals(measure))) symbolCols.add(h);
    }
    String valueCol = wide ? measure : VALUE;
    Integer statusCol = col.get(STATUS);
    Integer reasonCol = col.get(REASON);

    // rows
    record Parsed(int line, Map<String, SweepValue> symbols, String seed, double value, String excluded) {}
    List<Parsed> parsed = new ArrayList<>();
    Set<String> quantities = new LinkedHashSet<>();
    Map<String, Parsed> seen = new LinkedHashMap<>();
    for (RawRow r : raw.rows()) {
      List<String> cells = r.cells();
      if (cells.size() != header.size()) {
        throw new SpecException(shown, r.line(), null, "the row has " + cells.size() + " cells, the header (line "
            + hl + ") has " + header.size());
      }
      if (longFormat) {
        String q = cell(cells, col.get(QUANTITY));
        quantities.add(q);
        if (!q.equals(measure)) continue;
      }
      Map<String, SweepValue> point = new LinkedHashMap<>();
      for (String s : symbolCols) {
        String t = cell(cells, col.get(s));
        if (t.isEmpty()) throw new SpecException(shown, r.line(), s, "empty: every row needs a value of " + s);
        double v = number(shown, r.line(), s, t);
        if (s.equals(vary) && !(v > 0)) {
          throw new SpecException(shown, r.line(), s, t + " is not positive: " + vary
              + " is the varied symbol and its log is taken");
        }
        point.put(s, new SweepValue(t, v));
      }
      String seedText = cell(cells, col.get(SEED));
      if (seedText.isEmpty()) throw new SpecException(shown, r.line(), SEED, "empty: every row needs a seed");
      String seed = canonical(seedText);
      String vt = cell(cells, col.get(valueCol));
      double value = Double.NaN;
      String excluded = null;
      String status = statusCol == null ? "" : cell(cells, statusCol);
      if (!status.isEmpty() && !status.equals(RunStatus.OK.name())) {
        String why = reasonCol == null ? "" : cell(cells, reasonCol);
        excluded = status + (why.isEmpty() ? "" : ": " + shorten(why));
        vt = "";
      } else if (vt.isEmpty()) {
        excluded = "with no " + measure + " value";
      } else {
        value = number(shown, r.line(), valueCol, vt);
        if (!(value > 0)) {
          throw new SpecException(shown, r.line(), valueCol, vt + " is not positive: the fit takes the log of "
              + measure);
        }
      }
      Parsed p = new Parsed(r.line(), point, seed, value, excluded);
      StringBuilder key = new StringBuilder();
      for (Map.Entry<String, SweepValue> e : point.entrySet()) {
        key.append(e.getKey()).append(" = ").append(Double.toString(e.getValue().value())).append(", ");
      }
      key.append(SEED).append(" = ").append(seed);
      Parsed before = seen.get(key.toString());
      if (before != null) {
        boolean same = Double.compare(before.value(), value) == 0;
        if (same) continue; // the same run written twice (e.g. files concatenated): one run
        throw new SpecException(shown, r.line(), valueCol, describe(point, seed)
            + " is given twice with different values: " + text(vt) + " here, "
            + text(before.value()) + " on line " + before.line());
      }
      seen.put(key.toString(), p);
      parsed.add(p);
    }
    if (longFormat && parsed.isEmpty()) {
      List<String> qs = new ArrayList<>(quantities);
      throw new SpecException(shown, hl, QUANTITY, "no row has quantity '" + measure + "' (quantities: "
          + String.join(", ", qs) + ")" + suggestion(measure, qs));
    }
    if (parsed.isEmpty()) throw new SpecException(shown, hl, null, "no rows after the header");

    // swept and fixed symbols
    List<String> swept = new ArrayList<>();
    Map<String, String> fixed = new LinkedHashMap<>();
    Map<String, Map<Double, String>> distinct = new LinkedHashMap<>();
    for (String s : symbolCols) {
      Map<Double, String> d = new TreeMap<>();
      for (Parsed p : parsed) d.putIfAbsent(p.symbols().get(s).value(), p.symbols().get(s).text());
      distinct.put(s, d);
      if (d.size() >= 2 || s.equals(vary)) swept.add(s);
      else fixed.put(s, d.values().iterator().next());
    }
    // one text per value (the first written), so that "64" and "64.0" are one point
    List<MeasurementTable.Row> rows = new ArrayList<>();
    Map<String, Set<Double>> xsBySeries = new LinkedHashMap<>();
    Map<String, Integer> firstLine = new LinkedHashMap<>();
    Map<String, Set<String>> seedsBySeries = new LinkedHashMap<>();
    for (Parsed p : parsed) {
      Map<String, SweepValue> point = new LinkedHashMap<>();
      for (String s : swept) {
        double v = p.symbols().get(s).value();
        point.put(s, new SweepValue(distinct.get(s).get(v), v));
      }
      rows.add(new MeasurementTable.Row(p.line(), java.util.Collections.unmodifiableMap(point), p.seed(), p.value(),
          p.excluded()));
      Map<String, SweepValue> series = new LinkedHashMap<>(point);
      series.remove(vary);
      String sk = describeSeries(series);
      xsBySeries.computeIfAbsent(sk, k -> new java.util.TreeSet<>()).add(point.get(vary).value());
      firstLine.putIfAbsent(sk, p.line());
      seedsBySeries.computeIfAbsent(sk, k -> new LinkedHashSet<>()).add(p.seed());
    }
    for (Map.Entry<String, Set<Double>> e : xsBySeries.entrySet()) {
      if (e.getValue().size() < needed) {
        List<String> shownX = new ArrayList<>();
        for (double v : e.getValue()) shownX.add(distinct.get(vary).get(v));
        throw new SpecException(shown, firstLine.get(e.getKey()), vary, e.getValue().size() + " value"
            + (e.getValue().size() == 1 ? "" : "s") + " (" + String.join(", ", shownX) + ")"
            + (e.getKey().isEmpty() ? "" : " where " + e.getKey()) + ", the fit needs at least " + needed
            + " (" + neededWhy + ")");
      }
    }
    int seedCount = 0;
    for (Set<String> s : seedsBySeries.values()) seedCount = Math.max(seedCount, s.size());
    return new MeasurementTable(shown, measure, List.copyOf(swept), java.util.Collections.unmodifiableMap(fixed),
        seedCount, List.copyOf(rows));
  }

  /** As the engine groups its failed runs: the step a run diverged at differs from run to run, the cause does not. */
  static String shorten(String s) {
    String t = s.replaceAll("at step [0-9]+", "at some step");
    return t.length() > 80 ? t.substring(0, 80) + "..." : t;
  }

  private static String cell(List<String> cells, int i) {
    String s = cells.get(i);
    return s == null ? "" : s.trim();
  }

  /** A decimal number; anything else (words, hexadecimal, "1.5d") is refused. */
  private static double number(String shown, int line, String column, String t) {
    if (NON_FINITE.matcher(t).matches()) throw new SpecException(shown, line, column, t + " is not finite");
    if (!NUMBER.matcher(t).matches()) throw new SpecException(shown, line, column, "'" + t + "' is not a number");
    double v = Double.parseDouble(t);
    if (!Double.isFinite(v)) throw new SpecException(shown, line, column, t + " is not finite (beyond the range of a double)");
    return v;
  }

  /** A seed as an identity: numbers in a canonical form ("3", "3.0" and "3e0" are one seed). */
  private static String canonical(String seed) {
    if (NUMBER.matcher(seed).matches()) {
      BigDecimal b = new BigDecimal(seed).stripTrailingZeros();
      return b.signum() == 0 ? "0" : b.toPlainString();
    }
    return seed;
  }

  private static String describe(Map<String, SweepValue> point, String seed) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, SweepValue> e : point.entrySet()) {
      b.append(e.getKey()).append(" = ").append(e.getValue().text()).append(", ");
    }
    return b.append(SEED).append(" = ").append(seed).toString();
  }

  static String describeSeries(Map<String, SweepValue> series) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, SweepValue> e : series.entrySet()) parts.add(e.getKey() + " = " + e.getValue().text());
    return String.join(", ", parts);
  }

  private static String text(String cell) {
    return cell.isEmpty() ? "(empty)" : cell;
  }

  private static String text(double v) {
    return Double.isNaN(v) ? "(empty)" : Double.toString(v);
  }

  private static SpecException missing(String shown, int line, String name, List<String> columns,
      Collection<String> candidates) {
    return new SpecException(shown, line, name, "no such column (columns: " + String.join(", ", columns) + ")"
        + suggestion(name, candidates));
  }

  /** "; did you mean X?" with the closest of {@code candidates}, or nothing ({@link NearMiss}). */
  static String suggestion(String name, Collection<String> candidates) {
    return NearMiss.suggestion(name, candidates);
  }

}
