package scalecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scalecheck.check.RunExecutor;

/**
 * An engine that dies of a JVM error (out of memory, stack overflow) mid-sweep is a crash: exit 4 and
 * no report, never exit 1 (which would read as a FAIL verdict).
 */
class VerifyEngineErrorTest {
  @ParameterizedTest
  @CsvSource({"oom, 1", "oom, 2", "stack, 1", "stack, 2", "runtime, 1", "runtime, 2"})
  void jvmErrorInTheEngineIsACrashNotAVerdict(String kind, String threads) throws Exception {
    Path out = Path.of("target", "reliability-engine-error", kind + threads);
    Files.createDirectories(out);
    Files.deleteIfExists(out.resolve("report.json"));
    Supplier<RunExecutor> old = VerifyCommand.executorFactory;
    PrintStream oldErr = System.err;
    PrintStream oldOut = System.out;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      VerifyCommand.executorFactory = () -> spec -> {
        switch (kind) {
          case "oom" -> throw new OutOfMemoryError("simulated");
          case "stack" -> throw new StackOverflowError();
          default -> throw new IllegalStateException("simulated");
        }
      };
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      code = Main.execute("verify", "src/test/resources/reliability/mixed/c_good.yaml", "--theory", "theory",
          "--out", out.toString(), "--threads", threads);
    } finally {
      VerifyCommand.executorFactory = old;
      System.setErr(oldErr);
      System.setOut(oldOut);
    }
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(VerifyCommand.EXIT_CRASH, code, e);
    assertTrue(e.contains("no verdict"), e);
    assertFalse(Files.exists(out.resolve("report.json")));
  }
}
