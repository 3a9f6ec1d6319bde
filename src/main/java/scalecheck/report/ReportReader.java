package scalecheck.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import scalecheck.check.CheckResult;
import scalecheck.check.Provenance;
import scalecheck.check.ResultsFile;
import scalecheck.check.RunRecord;
import scalecheck.check.VerifyOutcome;
import scalecheck.spec.SpecException;

/**
 * Reads a stored results folder ({@code report.json} and {@code results.jsonl}) back into a
 * {@link VerifyOutcome}, so that a report can be rebuilt without rerunning anything. A missing or corrupt
 * folder is a {@link SpecException} naming the file and line.
 */
public final class ReportReader {
  private ReportReader() {}

  public static VerifyOutcome read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new SpecException(dir, 0, null, "no such results folder");
    }
    Path json = dir.resolve("report.json");
    if (!Files.isRegularFile(json)) {
      throw new SpecException(json, 0, null, "missing: the folder holds no report (run scalecheck verify first)");
    }
    ObjectMapper om = ReportJson.mapper(false);
    JsonNode root;
    try {
      root = om.readTree(json.toFile());
    } catch (JsonProcessingException e) {
      throw new SpecException(json, line(e), null, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SpecException(json, 0, null, "cannot read: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new SpecException(json, 1, null, "expected a JSON object");
    }
    JsonNode v = root.get("schemaVersion");
    if (v == null || !v.canConvertToInt()) {
      throw new SpecException(json, 0, "schemaVersion", "missing: not a scalecheck report");
    }
    if (v.asInt() > ReportJson.SCHEMA_VERSION) {
      throw new SpecException(json, 0, "schemaVersion", "version " + v.asInt()
          + " is newer than this scalecheck reads (" + ReportJson.SCHEMA_VERSION + ")");
    }
    List<CheckResult> checks;
    Provenance prov;
    try {
      JsonNode c = root.get("checks");
      if (c == null || !c.isArray()) throw new SpecException(json, 0, "checks", "missing or not a list");
      checks = om.convertValue(c, new TypeReference<List<CheckResult>>() {});
      JsonNode p = root.get("provenance");
      prov = p == null || p.isNull() ? null : om.convertValue(p, Provenance.class);
    } catch (IllegalArgumentException e) {
      throw new SpecException(json, 0, null, "does not hold check results: " + e.getMessage());
    }
    return new VerifyOutcome(checks, readResults(dir.resolve(ReportWriter.RESULTS)), prov);
  }

  /**
   * Runs stored one per line ({@link ResultsFile}); a missing file means no runs. An incomplete last line
   * is skipped with a warning on stderr.
   */
  public static List<RunRecord> readResults(Path file) {
    return readResults(file, System.err::println);
  }

  /** {@link #readResults(Path)}, the warning about an incomplete last line given to {@code warnings}. */
  public static List<RunRecord> readResults(Path file, Consumer<String> warnings) {
    ResultsFile.Content read;
    try {
      read = ResultsFile.read(file);
    } catch (IOException e) {
      throw new SpecException(file, 0, null, "cannot read: " + e.getMessage());
    }
    for (ResultsFile.Line l : read.lines()) {
      if (!l.readable()) throw new SpecException(file, l.number(), null, "not a run record: " + l.error());
    }
    read.incomplete().ifPresent(w -> warnings.accept(w + ": incomplete last line skipped (a run interrupted while "
        + "it was written)"));
    return read.records();
  }

  private static int line(JsonProcessingException e) {
    JsonLocation l = e.getLocation();
    return l == null ? 0 : Math.max(0, l.getLineNr());
  }
}
