package scalecheck.report;

import java.util.List;
import java.util.Objects;
import scalecheck.check.CheckResult;

/**
 * One output of a report: a file of the report folder ({@link Output}) or a kind of figure under
 * {@code plots/} ({@link Figures}). {@link ReportWriter#PARTS} lists every part once, in the order the
 * figures appear and the files are written; package-info shows where a new one goes.
 */
interface ReportPart {

  /** A file of the report folder, written from the report's data and its drawn figures. */
  abstract class Output implements ReportPart {
    private final String file;

    /** @param file the file name in the report folder, e.g. {@code runs.csv} */
    Output(String file) {
      this.file = Objects.requireNonNull(file);
    }

    final String file() {
      return file;
    }

    /** The file's whole text (written as UTF-8). */
    abstract String render(Report report);
  }

  /**
   * A kind of figure. Each figure it draws says its own file stem, title and caption ({@link Figure});
   * data it needs but does not find give a sentence in the report's list of figures not drawn, never an
   * exception (one that escapes is turned into such a sentence, naming {@link #name()}).
   */
  abstract class Figures implements ReportPart {
    private final String name;
    private final Section section;

    /**
     * @param name what is drawn, in the sentence when it is not, e.g. "phase diagram"
     * @param section the report section its figures belong to
     */
    Figures(String name, Section section) {
      this.name = Objects.requireNonNull(name);
      this.section = Objects.requireNonNull(section);
    }

    final String name() {
      return name;
    }

    final Section section() {
      return section;
    }

    /**
     * Draws the figures of one check result; called once per result, in their order, with the file stem
     * and label of its figures ({@link ReportData#files()}, {@link ReportData#labels()}).
     */
    void drawCheck(CheckResult c, String file, String label, Drawn out) {}

    /** Draws the figures of the whole report; called after every result's. */
    void drawReport(ReportData d, Drawn out) {}
  }

  /**
   * What the files are written from: the report's data, its sections in order, the figures drawn (with
   * their PNG bytes) and the sentences of those not drawn.
   */
  record Report(ReportData data, List<Section> sections, List<Rendered> figures, List<String> skipped) {}

  /** A figure with its rendered PNG. */
  record Rendered(Figure figure, byte[] png) {}
}
