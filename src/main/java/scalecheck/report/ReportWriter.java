package scalecheck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import scalecheck.check.VerifyOutcome;

/** Writes a verification's report folder. Minimal version: {@code report.json} only. */
public final class ReportWriter {
  private ReportWriter() {}

  /** Writes the report of {@code outcome} into {@code dir} (created if needed). */
  public static void write(VerifyOutcome outcome, Path dir) {
    try {
      Files.createDirectories(dir);
      ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      om.writeValue(dir.resolve("report.json").toFile(), outcome);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
