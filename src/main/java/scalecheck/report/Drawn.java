package scalecheck.report;

import java.util.ArrayList;
import java.util.List;

/** The figures drawn so far and the sentences saying which could not be, in report order. */
final class Drawn {
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();

  void add(Figure f) {
    figures.add(f);
  }

  /** Records a figure that is not drawn, with the sentence saying why. */
  void skip(String sentence) {
    skipped.add(sentence);
  }

  /** Runs {@code r}; an exception becomes the sentence "what: not drawn (Type: message)". */
  void guard(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      skipped.add(what + ": not drawn (" + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
    }
  }

  List<Figure> figures() {
    return figures;
  }

  List<String> skipped() {
    return skipped;
  }
}
