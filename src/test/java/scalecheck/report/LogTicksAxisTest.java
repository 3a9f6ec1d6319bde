package scalecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.geom.Rectangle2D;
import java.util.List;
import org.jfree.chart.axis.ValueTick;
import org.jfree.chart.ui.RectangleEdge;
import org.junit.jupiter.api.Test;

class LogTicksAxisTest {
  static List<String> labels(double lo, double hi) {
    LogTicksAxis a = new LogTicksAxis("y");
    a.setRange(lo, hi);
    @SuppressWarnings("unchecked")
    List<ValueTick> ticks = a.refreshTicksVertical(null, new Rectangle2D.Double(0, 0, 100, 400), RectangleEdge.LEFT);
    for (ValueTick t : ticks) assertTrue(t.getValue() >= lo * 0.999 && t.getValue() <= hi * 1.001, "in range");
    return ticks.stream().map(ValueTick::getText).filter(s -> !s.isEmpty()).toList();
  }

  @Test
  void wideRangesAreLabelledAtPowersOfTen() {
    assertEquals(List.of("0.001", "0.01", "0.1", "1", "10"), labels(8e-4, 30));
  }

  @Test
  void aNarrowRangeWithoutAGridValueStillGetsRoundLabels() {
    assertEquals(List.of("0.14", "0.15", "0.16", "0.17", "0.18"), labels(0.135, 0.185));
  }

  @Test
  void aboutOneDecadeIsLabelledOneTwoFive() {
    assertEquals(List.of("50", "100", "200", "500"), labels(40, 600));
  }

  @Test
  void aRangeNarrowerThanDoublePrecisionEnds() {
    assertTrue(labels(1e19, 1e19 * (1 + 1e-14)).size() <= 12);
  }

  @Test
  void tinyAndHugeValuesUseExponents() {
    assertEquals("2e-5", LogTicksAxis.label(2e-5));
    assertEquals("1e6", LogTicksAxis.label(1e6));
    assertEquals("1000", LogTicksAxis.label(1000));
  }
}
