package scalecheck.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code results.jsonl}: one {@link RunRecord} per line, appended and flushed as each run finishes,
 * so an interrupted verification loses at most the runs in flight. On opening, the file is read
 * back; a last line cut off by a crash (no newline, or not valid JSON) is dropped, and the file is
 * rewritten without it atomically (temporary file, then move), so that run is simply redone.
 * A key already present is never appended twice.
 */
public final class ResultStore implements AutoCloseable {
  static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Path file;
  private final Map<String, RunRecord> records;
  private final int dropped;
  private OutputStream out;

  private ResultStore(Path file, Map<String, RunRecord> records, int dropped) {
    this.file = file;
    this.records = records;
    this.dropped = dropped;
  }

  /** Opens (creating if needed) a results file, repairing a truncated last line. */
  public static ResultStore open(Path file) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      if (dir != null) Files.createDirectories(dir);
      Map<String, RunRecord> recs = new LinkedHashMap<>();
      int dropped = 0;
      if (Files.exists(file)) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> good = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
          int nl = text.indexOf('\n', start);
          boolean complete = nl >= 0;
          String line = complete ? text.substring(start, nl) : text.substring(start);
          start = complete ? nl + 1 : text.length();
          if (line.isBlank()) continue;
          RunRecord r = complete ? parse(line) : null;
          if (r == null || r.key() == null) {
            dropped++;
            continue;
          }
          if (recs.putIfAbsent(r.key(), r) == null) good.add(line);
          else dropped++;
        }
        if (dropped > 0) {
          Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
          Files.writeString(tmp, good.isEmpty() ? "" : String.join("\n", good) + "\n", StandardCharsets.UTF_8);
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      ResultStore s = new ResultStore(file, Collections.synchronizedMap(recs), dropped);
      s.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private static RunRecord parse(String line) {
    try {
      return JSON.readValue(line, RunRecord.class);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The record with this key, or null. */
  public RunRecord get(String key) {
    return records.get(key);
  }

  public boolean has(String key) {
    return records.containsKey(key);
  }

  /** Every record, in file order. */
  public List<RunRecord> all() {
    synchronized (records) {
      return List.copyOf(records.values());
    }
  }

  /** Lines dropped when the file was opened (truncated, unreadable or duplicate). */
  public int dropped() {
    return dropped;
  }

  public Path file() {
    return file;
  }

  /** Appends a record as one line and flushes it; a key already stored is ignored. */
  public synchronized void append(RunRecord r) {
    if (records.containsKey(r.key())) return;
    if (out == null) return; // closed: the run is redone next time
    try {
      byte[] line = (JSON.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
      out.write(line);
      out.flush();
      records.put(r.key(), r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    if (out == null) return;
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      out = null;
    }
  }
}
