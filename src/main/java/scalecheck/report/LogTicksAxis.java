package scalecheck.report;

import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/**
 * Base-10 log axis with readable labels at any range: powers of ten over wide ranges, and 1-2-5 (or
 * every integer multiple) of a power of ten when the data span less than about two decades, so a
 * narrow range never ends up with one label or none.
 */
final class LogTicksAxis extends LogAxis {
  private static final long serialVersionUID = 1L;

  LogTicksAxis(String label) {
    super(label);
    setBase(10);
    setMinorTickMarksVisible(true);
  }

  @Override
  protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
    TextAnchor anchor = edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER;
    return ticks(anchor);
  }

  @Override
  protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
    TextAnchor anchor = edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT;
    return ticks(anchor);
  }

  private List<ValueTick> ticks(TextAnchor anchor) {
    double lo = getLowerBound(), hi = getUpperBound();
    List<ValueTick> out = new ArrayList<>();
    if (!(lo > 0) || !(hi > lo) || !Double.isFinite(hi)) return out;
    int e0 = (int) Math.floor(Math.log10(lo)), e1 = (int) Math.ceil(Math.log10(hi));
    double decades = Math.log10(hi / lo);
    int[] labelled;
    if (decades > 2.2) labelled = new int[] {1};
    else if (decades > 0.9) labelled = new int[] {1, 2, 5};
    else labelled = new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9};
    int step = decades > 8 ? (int) Math.ceil(decades / 6) : 1;
    for (int e = e0; e <= e1; e++) {
      double p = Math.pow(10, e);
      for (int j = 1; j <= 9; j++) {
        double v = j * p;
        if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
        boolean lab = contains(labelled, j) && (j != 1 || Math.floorMod(e, step) == 0);
        if (j == 1 && Math.floorMod(e, step) == 0) {
          out.add(new NumberTick(TickType.MAJOR, v, label(v), anchor, TextAnchor.CENTER, 0));
        } else if (lab) {
          out.add(new NumberTick(TickType.MAJOR, v, label(v), anchor, TextAnchor.CENTER, 0));
        } else if (decades < 6) {
          out.add(new NumberTick(TickType.MINOR, v, "", anchor, TextAnchor.CENTER, 0));
        }
      }
    }
    long labels = out.stream().filter(t -> !t.getText().isEmpty()).count();
    if (labels < 2) {
      // less than one step of the 1..9 grid in range: evenly spaced round values instead
      out.clear();
      double raw = (hi - lo) / 4, mag = Math.pow(10, Math.floor(Math.log10(raw)));
      double lin = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
      double first = Math.ceil(lo / lin) * lin;
      for (int k = 0; k < 12; k++) {
        double r = first + k * lin;
        if (r > hi * (1 + 1e-12) || !(lin > 0) || !Double.isFinite(r)) break;
        out.add(new NumberTick(TickType.MAJOR, r, label(r), anchor, TextAnchor.CENTER, 0));
      }
    }
    return out;
  }

  private static boolean contains(int[] a, int v) {
    for (int x : a) if (x == v) return true;
    return false;
  }

  static String label(double v) {
    double a = Math.abs(v);
    if (a >= 1e-3 && a < 1e5) {
      return String.format(Locale.ROOT, "%.6g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
    int e = (int) Math.floor(Math.log10(a) + 1e-9);
    double m = v / Math.pow(10, e);
    String ms = String.format(Locale.ROOT, "%.1f", m).replaceAll("\\.0$", "");
    return ms + "e" + e;
  }
}
