package scalecheck.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import scalecheck.check.RunRecord;

/** Reading stored runs for the figures: parameters, probes, series, seed means. */
final class Runs {
  private Runs() {}

  /** The runs that finished (status OK, or none recorded). */
  static List<RunRecord> ok(List<RunRecord> runs) {
    List<RunRecord> out = new ArrayList<>();
    for (RunRecord r : runs) if (r.status() == null || r.status() == scalecheck.sim.RunStatus.OK) out.add(r);
    return out;
  }

  static Double param(RunRecord r, String k) {
    return r.params() == null ? null : r.params().get(k);
  }

  /** A finite probe value, else null. */
  static Double probe(RunRecord r, String k) {
    Double v = r.probes() == null ? null : r.probes().get(k);
    return v == null || !Double.isFinite(v) ? null : v;
  }

  static double[] series(RunRecord r, String k) {
    return r.series() == null ? null : r.series().get(k);
  }

  /** Width of the run: n (deep nets) or m (two-layer Luo/Li nets). */
  static Double width(RunRecord r) {
    Double n = param(r, "n");
    return n != null ? n : param(r, "m");
  }

  /** The run's seed (0 when not recorded). */
  static double seed(RunRecord r) {
    Double s = param(r, "seed");
    return s == null ? 0 : s;
  }

  static boolean positive(Double v) {
    return v != null && Double.isFinite(v) && v > 0;
  }

  static Map<String, List<RunRecord>> byCheck(List<RunRecord> runs) {
    Map<String, List<RunRecord>> m = new LinkedHashMap<>();
    for (RunRecord r : runs) m.computeIfAbsent(String.valueOf(r.check()), k -> new ArrayList<>()).add(r);
    return m;
  }

  static long distinct(Collection<RunRecord> runs, Function<RunRecord, Double> f) {
    return runs.stream().map(f).filter(v -> v != null).distinct().count();
  }

  /** Seed means of y grouped by x, ordered by x. */
  static TreeMap<Double, Double> means(List<RunRecord> runs, Function<RunRecord, Double> fx,
      Function<RunRecord, Double> fy) {
    TreeMap<Double, double[]> acc = new TreeMap<>();
    for (RunRecord r : runs) {
      Double x = fx.apply(r), y = fy.apply(r);
      if (!positive(x) || !positive(y)) continue;
      double[] a = acc.computeIfAbsent(x, k -> new double[2]);
      a[0] += y;
      a[1]++;
    }
    TreeMap<Double, Double> out = new TreeMap<>();
    acc.forEach((x, a) -> out.put(x, a[0] / a[1]));
    return out;
  }

  /** Rounds to 6 significant digits so that computed kappa values from equal inputs group together. */
  static Double round(Double v) {
    if (v == null || v == 0 || !Double.isFinite(v)) return v;
    double scale = Math.pow(10, 5 - Math.floor(Math.log10(Math.abs(v))));
    return Math.round(v * scale) / scale;
  }

  /** A setting as a legend shows it: widths and other whole numbers as written (1024, not 1.02e+03). */
  static String fmtKey(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
    return Fmt.num(v);
  }

  /** Centroid (geometric means) of positive points, or null when there is none. */
  static double[] centroid(Collection<double[]> pts) {
    double sx = 0, sy = 0;
    int k = 0;
    for (double[] p : pts) {
      if (p[0] > 0 && p[1] > 0) {
        sx += Math.log(p[0]);
        sy += Math.log(p[1]);
        k++;
      }
    }
    return k == 0 ? null : new double[] {Math.exp(sx / k), Math.exp(sy / k)};
  }

  /** Linear interpolation of the curve (t, v) at x, or -1 outside it. */
  static double interpolate(double[] t, double[] v, double x) {
    for (int j = 1; j < Math.min(t.length, v.length); j++) {
      if (t[j] >= x && t[j - 1] <= x) {
        double f = t[j] == t[j - 1] ? 0 : (x - t[j - 1]) / (t[j] - t[j - 1]);
        return v[j - 1] + f * (v[j] - v[j - 1]);
      }
    }
    return -1;
  }
}
