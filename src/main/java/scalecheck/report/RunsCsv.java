package scalecheck.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import scalecheck.check.RunRecord;

/**
 * {@code runs.csv}: one row per run with its identity, status, every parameter and every scalar probe as
 * its own column (RFC 4180 quoting). Column order is stable: fixed columns, then the usual sweep
 * symbols in a fixed order, then other parameters and the probes in natural order (l2 before l10).
 */
final class RunsCsv extends ReportPart.Output {
  static final List<String> FIXED =
      List.of("check", "key", "status", "reason", "steps", "time", "wallSeconds");
  private static final List<String> PREFERRED_PARAMS =
      List.of("n", "m", "d", "depth", "L", "alpha", "kappa", "g", "seed");

  RunsCsv() {
    super("runs.csv");
  }

  @Override
  String render(ReportPart.Report report) {
    return render(report.data().runs());
  }

  /** Column names for these runs; a probe whose name clashes with an earlier column gets "probe:". */
  static List<String> columns(List<RunRecord> runs) {
    Set<String> params = new TreeSet<>(NATURAL);
    Set<String> probes = new TreeSet<>(NATURAL);
    for (RunRecord r : runs) {
      if (r.params() != null) params.addAll(r.params().keySet());
      if (r.probes() != null) probes.addAll(r.probes().keySet());
    }
    LinkedHashSet<String> cols = new LinkedHashSet<>(FIXED);
    for (String p : PREFERRED_PARAMS) if (params.contains(p)) cols.add(p);
    for (String p : params) if (!cols.contains(p)) cols.add(p);
    for (String p : probes) cols.add(cols.contains(p) ? "probe:" + p : p);
    return new ArrayList<>(cols);
  }

  static String render(List<RunRecord> runs) {
    List<String> cols = columns(runs);
    int nFixed = FIXED.size();
    Set<String> paramNames = new TreeSet<>();
    for (RunRecord r : runs) if (r.params() != null) paramNames.addAll(r.params().keySet());
    StringBuilder b = new StringBuilder();
    line(b, cols);
    for (RunRecord r : runs) {
      List<String> row = new ArrayList<>(cols.size());
      row.add(r.check());
      row.add(r.key());
      row.add(r.status() == null ? null : r.status().name());
      row.add(r.reason());
      row.add(Long.toString(r.steps()));
      row.add(Fmt.exact(r.time()));
      row.add(Fmt.exact(r.wallSeconds()));
      for (int i = nFixed; i < cols.size(); i++) {
        String c = cols.get(i);
        Double v;
        if (c.startsWith("probe:")) v = get(r.probes(), c.substring(6));
        else if (paramNames.contains(c)) v = get(r.params(), c);
        else v = get(r.probes(), c);
        row.add(Fmt.exact(v));
      }
      line(b, row);
    }
    return b.toString();
  }

  private static Double get(Map<String, Double> m, String k) {
    return m == null ? null : m.get(k);
  }

  private static void line(StringBuilder b, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) b.append(',');
      b.append(quote(cells.get(i)));
    }
    b.append('\n');
  }

  /** RFC 4180 field: quoted when it holds a comma, quote, CR, LF or edge whitespace. */
  static String quote(String s) {
    if (s == null) return "";
    boolean q = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
        || s.indexOf('\r') >= 0 || (!s.isEmpty() && (Character.isWhitespace(s.charAt(0))
            || Character.isWhitespace(s.charAt(s.length() - 1))));
    return q ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  /** Orders names with embedded numbers numerically: dz.l2 before dz.l10. */
  static final Comparator<String> NATURAL = (a, b) -> {
    int i = 0, j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i), cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int si = i, sj = j;
        while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
        while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
        String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
        if (na.length() != nb.length()) return na.length() - nb.length();
        int c = na.compareTo(nb);
        if (c != 0) return c;
      } else {
        if (ca != cb) return ca - cb;
        i++;
        j++;
      }
    }
    int c = (a.length() - i) - (b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  };
}
