package scalecheck.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import scalecheck.check.CheckResult;
import scalecheck.check.Provenance;
import scalecheck.check.RunRecord;
import scalecheck.check.Verdict;
import scalecheck.check.VerifyOutcome;

/**
 * The {@code report.json} document: a versioned wrapper around every {@link CheckResult} (all of its
 * components, so the file alone says why each verdict was given) and the {@link Provenance}. Runs live
 * beside it in {@code results.jsonl}; here only their counts appear.
 */
final class ReportJson extends ReportPart.Output {
  /** Incremented whenever a field is removed or changes meaning; additions keep the version. */
  static final int SCHEMA_VERSION = 1;

  ReportJson() {
    super("report.json");
  }

  @Override
  String render(ReportPart.Report report) {
    List<PlotEntry> plots = new ArrayList<>();
    for (ReportPart.Rendered r : report.figures()) {
      Figure f = r.figure();
      plots.add(new PlotEntry(f.section().title(), "plots/" + f.file() + ".png", "plots/" + f.file() + ".svg",
          f.title(), f.caption()));
    }
    try {
      return mapper(true).writeValueAsString(document(report.data().outcome(), plots, report.skipped()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report.json: " + e.getOriginalMessage(), e);
    }
  }

  /** Counts shown at the top of the document. */
  record Summary(int checks, int pass, int fail, int inconclusive, int refused, int runs,
      Map<String, Integer> runsByStatus) {}

  /** One drawn figure, as listed in the document. */
  record PlotEntry(String section, String png, String svg, String title, String caption) {}

  /** The whole document, in field order. */
  record Document(
      int schemaVersion,
      String generator,
      Summary summary,
      List<CheckResult> checks,
      Provenance provenance,
      List<PlotEntry> plots,
      List<String> skipped) {}

  /** Mapper used for every report file: NaN and infinities written as strings and read back. */
  static ObjectMapper mapper(boolean indent) {
    JsonMapper.Builder b = JsonMapper.builder()
        .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    if (indent) b.enable(SerializationFeature.INDENT_OUTPUT);
    return b.build();
  }

  static Document document(VerifyOutcome o, List<PlotEntry> plots, List<String> skipped) {
    List<CheckResult> checks = o.checks() == null ? List.of() : o.checks();
    List<RunRecord> runs = o.runs() == null ? List.of() : o.runs();
    int pass = 0, fail = 0, inc = 0, refused = 0;
    for (CheckResult c : checks) {
      if (c.verdict() == Verdict.PASS) pass++;
      else if (c.verdict() == Verdict.FAIL) fail++;
      else if (c.verdict() == Verdict.REFUSED) refused++;
      else inc++;
    }
    Map<String, Integer> byStatus = new TreeMap<>();
    for (RunRecord r : runs) byStatus.merge(String.valueOf(r.status()), 1, Integer::sum);
    Summary s = new Summary(checks.size(), pass, fail, inc, refused, runs.size(), byStatus);
    return new Document(SCHEMA_VERSION, "scalecheck report", s, checks, o.provenance(), plots, skipped);
  }
}
