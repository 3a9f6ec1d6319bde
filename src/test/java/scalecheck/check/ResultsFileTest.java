package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one reading of results.jsonl: complete lines, an incomplete last line, unreadable lines. */
class ResultsFileTest {
  private static final String A = "{\"check\":\"c\",\"key\":\"a\",\"params\":{},\"status\":\"OK\",\"steps\":1}";
  private static final String B = "{\"check\":\"c\",\"key\":\"b\",\"params\":{},\"status\":\"LIMIT\",\"steps\":2}";

  private static Path file(String name, String text) throws IOException {
    Path d = Path.of("target", "check-tests", "results-file");
    Files.createDirectories(d);
    Path f = d.resolve(name + "-" + System.nanoTime() + ".jsonl");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void aLastLineWithoutItsNewlineIsIncompleteEvenWhenItReads() throws IOException {
    Path f = file("tail", A + "\n\n" + B);
    ResultsFile.Content c = ResultsFile.read(f);
    assertEquals(1, c.lines().size());
    assertEquals(3, c.incompleteLine(), "line 2 is blank, line 3 has no newline");
    assertEquals(Optional.of(f + ":3"), c.incomplete());
    assertEquals(A.length() + 2, c.completeBytes());
    assertEquals(List.of("a"), c.records().stream().map(RunRecord::key).toList());

    assertEquals(Optional.of(f + ":3"), ResultsFile.cutIncompleteLastLine(f));
    assertEquals(A + "\n\n", Files.readString(f));
    assertEquals(Optional.empty(), ResultsFile.cutIncompleteLastLine(f), "an intact file is left alone");
    assertEquals(Optional.empty(), ResultsFile.cutIncompleteLastLine(f.resolveSibling("absent.jsonl")));
  }

  @Test
  void unreadableCompleteLinesAreReportedWithTheirNumber() throws IOException {
    Path f = file("bad", A + "\r\n{\"check\":\"c\",\"ke\n" + "{\"check\":\"c\",\"params\":{}}\n" + B + "\n");
    ResultsFile.Content c = ResultsFile.read(f);
    assertEquals(0, c.incompleteLine());
    assertEquals(4, c.lines().size());
    assertEquals(A, c.lines().get(0).text(), "the carriage return is not part of the text");
    assertTrue(c.lines().get(0).readable());
    ResultsFile.Line broken = c.lines().get(1);
    assertEquals(2, broken.number());
    assertFalse(broken.readable());
    assertNotNull(broken.error());
    ResultsFile.Line keyless = c.lines().get(2);
    assertNull(keyless.record());
    assertEquals("no run key", keyless.error());
    assertEquals(List.of("a", "b"), c.records().stream().map(RunRecord::key).toList());
    assertEquals(Files.size(f), c.completeBytes());
  }
}
