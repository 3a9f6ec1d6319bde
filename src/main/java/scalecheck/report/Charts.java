package scalecheck.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Collections;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Small helpers that give every chart of the report the same look (fonts, axes, colours). */
final class Charts {
  private Charts() {}

  static final Font TITLE = new Font("DejaVu Sans", Font.BOLD, 17);
  static final Font SUBTITLE = new Font("DejaVu Sans", Font.PLAIN, 13);
  static final Font LABEL = new Font("DejaVu Sans", Font.PLAIN, 14);
  static final Font TICK = new Font("DejaVu Sans", Font.PLAIN, 12);
  static final Font LEGEND = new Font("DejaVu Sans", Font.PLAIN, 12);

  static final Color BLUE = new Color(0x1f, 0x77, 0xb4);
  static final Color RED = new Color(0xd6, 0x27, 0x28);
  static final Color GREEN = new Color(0x2c, 0xa0, 0x2c);
  static final Color ORANGE = new Color(0xff, 0x7f, 0x0e);
  static final Color GREY = new Color(0x99, 0x99, 0x99);
  static final Color PURPLE = new Color(0x94, 0x67, 0xbd);

  /** Ten distinguishable colours (the usual categorical palette). */
  static final Color[] PALETTE = {
    BLUE, ORANGE, GREEN, RED, PURPLE, new Color(0x8c, 0x56, 0x4b), new Color(0xe3, 0x77, 0xc2),
    new Color(0x7f, 0x7f, 0x7f), new Color(0xbc, 0xbd, 0x22), new Color(0x17, 0xbe, 0xcf)
  };

  static Color palette(int i) {
    return PALETTE[Math.floorMod(i, PALETTE.length)];
  }

  static LogTicksAxis logAxis(String label) {
    LogTicksAxis a = new LogTicksAxis(label);
    style(a);
    return a;
  }

  static NumberAxis linearAxis(String label) {
    NumberAxis a = new NumberAxis(label);
    a.setAutoRangeIncludesZero(false);
    style(a);
    return a;
  }

  static void style(ValueAxis a) {
    a.setLabelFont(LABEL);
    a.setTickLabelFont(TICK);
    a.setTickLabelPaint(Color.DARK_GRAY);
  }

  static XYPlot plot(ValueAxis x, ValueAxis y) {
    XYPlot p = new XYPlot();
    p.setDomainAxis(x);
    p.setRangeAxis(y);
    p.setBackgroundPaint(Color.WHITE);
    p.setDomainGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    p.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
    p.setOutlinePaint(Color.GRAY);
    p.setAxisOffset(new RectangleInsets(4, 4, 4, 4));
    p.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
    return p;
  }

  /** Adds a dataset with its renderer on top of what the plot already holds. */
  static void add(XYPlot p, XYDataset d, XYItemRenderer r) {
    int i = 0;
    while (p.getDataset(i) != null) i++;
    p.setDataset(i, d);
    p.setRenderer(i, r);
  }

  static JFreeChart chart(String title, String subtitle, XYPlot p, boolean legend) {
    JFreeChart c = new JFreeChart(title, TITLE, p, legend);
    c.setBackgroundPaint(Color.WHITE);
    c.setPadding(new RectangleInsets(6, 8, 6, 12));
    if (subtitle != null) {
      TextTitle t = new TextTitle(subtitle, SUBTITLE);
      t.setPaint(Color.DARK_GRAY);
      c.addSubtitle(t);
    }
    LegendTitle l = c.getLegend();
    if (l != null) {
      l.setItemFont(LEGEND);
      l.setPosition(RectangleEdge.BOTTOM);
      l.setFrame(BlockBorder.NONE);
    }
    return c;
  }

  static Shape circle(double d) {
    return new Ellipse2D.Double(-d / 2, -d / 2, d, d);
  }

  static Shape square(double d) {
    return new Rectangle2D.Double(-d / 2, -d / 2, d, d);
  }

  static BasicStroke stroke(float w, boolean dashed) {
    return dashed
        ? new BasicStroke(w, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
        : new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
  }

  static BasicStroke dotted(float w) {
    return new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {1.5f, 4f}, 0f);
  }

  /** Renderer drawing markers only, one paint per series in the given order. */
  static XYLineAndShapeRenderer points(List<? extends Paint> paints, Shape shape) {
    return renderer(false, true, paints, shape, null);
  }

  /** Renderer drawing lines only, all with one stroke. */
  static XYLineAndShapeRenderer lines(List<? extends Paint> paints, BasicStroke stroke) {
    return lines(paints, Collections.nCopies(paints.size(), stroke));
  }

  /** Renderer drawing lines only, series i with paint i and stroke i. */
  static XYLineAndShapeRenderer lines(List<? extends Paint> paints, List<? extends Stroke> strokes) {
    return renderer(true, false, paints, null, strokes);
  }

  /** Renderer drawing lines with markers. */
  static XYLineAndShapeRenderer linesAndPoints(List<? extends Paint> paints, Shape shape) {
    return renderer(true, true, paints, shape, Collections.nCopies(paints.size(), stroke(1.8f, false)));
  }

  /** Series i gets paint i, the shape (if any) and stroke i (if any). */
  private static XYLineAndShapeRenderer renderer(boolean lines, boolean shapes, List<? extends Paint> paints,
      Shape shape, List<? extends Stroke> strokes) {
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(lines, shapes);
    for (int i = 0; i < paints.size(); i++) {
      r.setSeriesPaint(i, paints.get(i));
      if (shape != null) r.setSeriesShape(i, shape);
      if (strokes != null) r.setSeriesStroke(i, strokes.get(i));
    }
    return r;
  }

  static XYSeriesCollection collection(XYSeries... s) {
    XYSeriesCollection c = new XYSeriesCollection();
    for (XYSeries x : s) c.addSeries(x);
    return c;
  }

  /** The power law through (cx, cy) with the given log-log slope, sampled at the two x ends. */
  static XYSeries powerLine(String name, double cx, double cy, double slope, double x0, double x1) {
    XYSeries s = new XYSeries(name, false, true);
    int k = 12;
    for (int i = 0; i <= k; i++) {
      double x = Math.exp(Math.log(x0) + (Math.log(x1) - Math.log(x0)) * i / k);
      s.add(x, cy * Math.pow(x / cx, slope));
    }
    return s;
  }
}
