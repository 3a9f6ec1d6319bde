package scalecheck.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one reader of {@code results.jsonl} (one {@link RunRecord} per line, each ended by a newline),
 * and its one rule for a line cut off by a crash: a last line without its newline is incomplete,
 * whatever it holds (the writer ends every line in the same write that carries it). Write paths cut
 * it off ({@link #cutIncompleteLastLine}, or {@link ResultStore#open}); read-only paths skip it and
 * say so. Unreadable complete lines are reported with their line number; what to do with them is the
 * caller's policy (the store drops them and redoes the runs, a merge or a report refuses the file).
 */
public final class ResultsFile {
  /** File name of the run records inside a results folder. */
  public static final String NAME = "results.jsonl";

  private ResultsFile() {}

  /**
   * One complete line.
   *
   * @param number 1-based line number
   * @param text the line without its newline (and without a carriage return before it)
   * @param raw the line's bytes as stored, without the newline
   * @param end byte offset just after the line's newline
   * @param record the parsed record, or null when the line is not a run record with a key ({@code error}
   *     says why)
   */
  public record Line(int number, String text, byte[] raw, long end, RunRecord record, String error) {
    /** True when the line is a run record with a key. */
    public boolean readable() {
      return record != null;
    }
  }

  /**
   * What a file holds.
   *
   * @param lines its complete, non-blank lines in file order
   * @param incompleteLine number of the incomplete last line, 0 when the file ends with a newline
   * @param completeBytes bytes up to the end of the last complete line
   */
  public record Content(Path file, List<Line> lines, int incompleteLine, long completeBytes) {
    /** {@code file:line} of the incomplete last line, for messages. */
    public Optional<String> incomplete() {
      return incompleteLine == 0 ? Optional.empty() : Optional.of(file + ":" + incompleteLine);
    }

    /** Every record, in file order, after the unreadable lines were dealt with by the caller. */
    public List<RunRecord> records() {
      List<RunRecord> out = new ArrayList<>();
      for (Line l : lines) if (l.readable()) out.add(l.record());
      return out;
    }
  }

  /** Reads a results file; a missing file holds no lines. */
  public static Content read(Path file) throws IOException {
    byte[] bytes = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    List<Line> lines = new ArrayList<>();
    int start = 0;
    int number = 0;
    long completeBytes = 0;
    int incomplete = 0;
    while (start < bytes.length) {
      number++;
      int nl = start;
      while (nl < bytes.length && bytes[nl] != '\n') nl++;
      if (nl == bytes.length) {
        if (!new String(bytes, start, nl - start, StandardCharsets.UTF_8).isBlank()) incomplete = number;
        break;
      }
      int end = nl > start && bytes[nl - 1] == '\r' ? nl - 1 : nl;
      byte[] raw = Arrays.copyOfRange(bytes, start, nl);
      String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
      start = nl + 1;
      completeBytes = start;
      if (text.isBlank()) continue;
      RunRecord r = null;
      String error = null;
      try {
        r = ResultStore.JSON.readValue(text, RunRecord.class);
      } catch (JsonProcessingException e) {
        error = e.getOriginalMessage();
      }
      if (r != null && (r.key() == null || r.key().isEmpty())) {
        r = null;
        error = "no run key";
      }
      lines.add(new Line(number, text, raw, start, r, error));
    }
    return new Content(file, List.copyOf(lines), incomplete, completeBytes);
  }

  /**
   * Cuts an incomplete last line off a results file in place (a truncation, which needs no free space).
   *
   * @return {@code file:line} of the line cut off, or empty when the file was intact or absent
   */
  public static Optional<String> cutIncompleteLastLine(Path file) throws IOException {
    if (!Files.isRegularFile(file)) return Optional.empty();
    Content c = read(file);
    if (c.incompleteLine() == 0) return Optional.empty();
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(c.completeBytes());
    }
    return c.incomplete();
  }
}
