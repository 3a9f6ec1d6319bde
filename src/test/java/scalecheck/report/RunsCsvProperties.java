package scalecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;
import static scalecheck.PropertyRuns.qt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import scalecheck.check.RunRecord;
import scalecheck.sim.RunResult;
import scalecheck.sim.RunStatus;

/** runs.csv survives any text in its cells and any double in its numbers. */
class RunsCsvProperties {
  @Test
  void anyRowOfStringsRoundTripsThroughQuoting() {
    qt(1000).forAll(lists().of(strings().allPossible().ofLengthBetween(0, 12)).ofSizeBetween(1, 6))
        .checkAssert(cells -> {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < cells.size(); i++) b.append(i > 0 ? "," : "").append(RunsCsv.quote(cells.get(i)));
          b.append('\n');
          assertEquals(List.of(cells), Csv.parse(b.toString()));
        });
  }

  @Test
  void reasonsAndProbeValuesRoundTrip() {
    qt(1000).forAll(strings().allPossible().ofLengthBetween(0, 20), doubles().any())
        .checkAssert((reason, v) -> {
          RunRecord r = new RunRecord("c", "k", Map.of("n", 10.0), null,
              new RunResult(RunStatus.LIMIT, reason, 3, 1.5, 0.1,
              Map.of("p.x", v), Map.of()));
          List<List<String>> rows = Csv.parse(RunsCsv.render(new ArrayList<>(List.of(r))));
          assertEquals(2, rows.size());
          List<String> h = rows.get(0), row = rows.get(1);
          assertEquals(reason, row.get(h.indexOf("reason")));
          assertEquals(v, Double.parseDouble(row.get(h.indexOf("p.x"))));
        });
  }
}
