package scalecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import scalecheck.check.LawSource;

/** Failures that are not bad input end with exit 4, never with 1 (which a CI job reads as a FAIL). */
class CrashExitCodeTest {
  private static final Path DIR = Path.of("target", "check-tests", "crash-exit");

  private record Outcome(int code, String err) {}

  private static Outcome run(String... args) {
    CliRun r = CliRun.of(args);
    return new Outcome(r.code(), r.err());
  }

  private static Outcome withLaws(Function<List<Path>, LawSource> loader, String... args) {
    Function<List<Path>, LawSource> before = VerifyCommand.lawLoader;
    VerifyCommand.lawLoader = loader;
    try {
      return run(args);
    } finally {
      VerifyCommand.lawLoader = before;
    }
  }

  @Test
  void anOutputFolderThatCannotBeWrittenIsNamedWithoutAStackTrace() throws IOException {
    Files.createDirectories(DIR);
    Path file = DIR.resolve("a-file-" + System.nanoTime());
    Files.writeString(file, "not a folder");
    Outcome o = run("verify", "checks/dz.yaml", "--fast", "--out", file.resolve("out").toString());
    assertEquals(Main.EXIT_CRASH, o.code(), o.err());
    assertTrue(o.err().contains(file.resolve("out").toString()) && o.err().contains("Not a directory"), o.err());
    assertFalse(o.err().contains("\tat "), "no stack trace for an I/O problem: " + o.err());
  }

  @Test
  void anUnexpectedExceptionIsAnInternalErrorWithItsTrace() {
    Outcome o = withLaws(files -> {
      throw new IllegalStateException("simulated fault in the theory loader");
    }, "verify", "checks/dz.yaml", "--fast", "--out", DIR.resolve("fault").toString());
    assertEquals(Main.EXIT_CRASH, o.code(), o.err());
    assertTrue(o.err().contains("internal error") && o.err().contains("simulated fault in the theory loader"), o.err());
    assertTrue(o.err().contains("\tat "), "the trace is printed for a bug report: " + o.err());
  }

  @Test
  void anErrorSuchAsOutOfMemoryIsNotAVerdict() {
    Outcome o = withLaws(files -> {
      throw new OutOfMemoryError("simulated");
    }, "verify", "checks/dz.yaml", "--fast", "--out", DIR.resolve("oom").toString());
    assertEquals(Main.EXIT_CRASH, o.code(), o.err());
    assertTrue(o.err().contains("OutOfMemoryError: simulated"), o.err());
  }
}
