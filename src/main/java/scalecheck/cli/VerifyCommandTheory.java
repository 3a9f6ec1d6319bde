package scalecheck.cli;

import java.nio.file.Path;
import java.util.List;

/** The theory files verify would load for checks under {@code first}: the nearest theory/ folder. */
final class VerifyCommandTheory {
  private VerifyCommandTheory() {}

  static List<Path> files(Path first) {
    return VerifyCommand.yamlIn(VerifyCommand.findTheory(first), "--theory");
  }
}
