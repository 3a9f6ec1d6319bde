package scalecheck.report;

import java.util.List;

/**
 * One output of a report: a file of the report folder ({@link Output}) or a kind of figure under
 * {@code plots/} ({@link Figures}). {@link ReportWriter#PARTS} lists every part once, in the order the
 * figures appear and the files are written; package-info shows where a new one goes.
 */
interface ReportPart {

  /** A file of the report folder, written from the report's data and its drawn figures. */
  interface Output extends ReportPart {
    /** The file name in the report folder, e.g. {@code runs.csv}. */
    String file();

    /** The file's whole text (written as UTF-8). */
    String render(Report report);
  }

  /**
   * A kind of figure. Each figure it draws says its own file stem, title and caption ({@link Figure});
   * data it needs but does not find give a sentence in the report's list of figures not drawn, never an
   * exception (one that escapes is turned into such a sentence, naming {@link #name()}).
   */
  interface Figures extends ReportPart {
    /** What is drawn, in the sentence when it is not, e.g. "phase diagram". */
    String name();

    /** The report section its figures belong to. */
    Section section();

    /** Draws the figures of check result {@code i}; called once per result, in their order. */
    default void drawCheck(ReportData d, int i, Drawn out) {}

    /** Draws the figures of the whole report; called after every result's. */
    default void drawReport(ReportData d, Drawn out) {}
  }

  /**
   * What the files are written from: the report's data, its sections in order, the figures drawn (with
   * their PNG bytes) and the sentences of those not drawn.
   */
  record Report(ReportData data, List<Section> sections, List<Rendered> figures, List<String> skipped) {}

  /** A figure with its rendered PNG. */
  record Rendered(Figure figure, byte[] png) {}
}
