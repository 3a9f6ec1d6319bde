package scalecheck.report;

import java.util.Locale;
import java.util.function.IntFunction;
import scalecheck.theory.Rational;

/** Number and text formatting shared by the report writers (locale independent). */
final class Fmt {
  private Fmt() {}

  /** Three significant digits for tables and captions; "-" for null, "NaN" for NaN. */
  static String num(Double v) {
    if (v == null) return "-";
    double d = v;
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
    if (d == 0) return "0";
    double a = Math.abs(d);
    if (a >= 1e-3 && a < 1e5) {
      String s = String.format(Locale.ROOT, "%.3g", d);
      if (s.contains(".") && !s.contains("e")) {
        s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
      }
      return s;
    }
    return String.format(Locale.ROOT, "%.2e", d);
  }

  /** Exact, machine-readable value for CSV: integral values without a fraction, else shortest repr. */
  static String exact(Double v) {
    if (v == null) return "";
    double d = v;
    if (Double.isNaN(d)) return "NaN";
    if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
    if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
    return Double.toString(d);
  }

  /** The value of an exact exponent; null for none. */
  static Double value(Rational r) {
    return r == null ? null : r.doubleValue();
  }

  /** Parses a setting written as a rational "1/4", an integer or a decimal; null if not a number. */
  static Double rational(String s) {
    if (s == null) return null;
    String t = s.trim();
    try {
      int slash = t.indexOf('/');
      if (slash > 0) {
        return Double.parseDouble(t.substring(0, slash).trim())
            / Double.parseDouble(t.substring(slash + 1).trim());
      }
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** HTML text escaping. */
  static String html(String s) {
    return escape(s, c -> switch (c) {
      case '&' -> "&amp;";
      case '<' -> "&lt;";
      case '>' -> "&gt;";
      case '"' -> "&quot;";
      case '\'' -> "&#39;";
      default -> null;
    });
  }

  /** {@code s} with each character replaced by {@code replacement} of it, where that is not null; "" for null. */
  static String escape(String s, IntFunction<String> replacement) {
    if (s == null) return "";
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = replacement.apply(c);
      if (r == null) b.append(c);
      else b.append(r);
    }
    return b.toString();
  }

  /** Markdown table cell: pipes escaped, newlines flattened. */
  static String md(String s) {
    if (s == null) return "";
    return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
  }

  /** A file-name-safe form of an id. */
  static String slug(String s) {
    String t = (s == null ? "x" : s).replaceAll("[^A-Za-z0-9._-]+", "-");
    return t.isEmpty() ? "x" : t;
  }
}
