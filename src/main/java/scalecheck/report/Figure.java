package scalecheck.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * One figure of the report: one or more JFreeChart panels laid side by side, with the caption that
 * says what is plotted and what the theory predicts.
 *
 * @param section the report section it belongs to
 * @param file file stem under {@code plots/}
 * @param title short title (also the image's alt text)
 * @param caption what is plotted and what the theory predicts
 * @param panels the charts, left to right
 * @param width total width in pixels
 * @param height height in pixels
 * @param slide label when the figure is one frame of a slider group (null otherwise)
 */
record Figure(
    Section section,
    String file,
    String title,
    String caption,
    List<JFreeChart> panels,
    int width,
    int height,
    String slide) {

  /** Width of a one-panel figure, of a two-panel one, and the height of every figure, in pixels. */
  static final int WIDTH = 900;
  static final int WIDE = 1500;
  static final int HEIGHT = 580;

  private void draw(Graphics2D g) {
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setPaint(Color.WHITE);
    g.fillRect(0, 0, width, height);
    double w = (double) width / panels.size();
    for (int i = 0; i < panels.size(); i++) {
      panels.get(i).draw(g, new Rectangle2D.Double(i * w, 0, w, height));
    }
  }

  /** PNG bytes of the figure. */
  byte[] png() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      draw(g);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** SVG document of the figure (no DOCTYPE, so reading it needs no external DTD). */
  String svg() {
    SVGGraphics2D g = new SVGGraphics2D(width, height);
    draw(g);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement() + "\n";
  }
}
