package scalecheck.check;

import java.nio.file.Path;
import java.util.List;

/** The theory module behind {@link LawSource}. */
public final class TheoryLawSource {
  private TheoryLawSource() {}

  /** Loads theory files. */
  public static LawSource load(List<Path> files) {
    throw new UnsupportedOperationException("theory module not built yet");
  }
}
