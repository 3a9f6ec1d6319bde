package scalecheck.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
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
 * so an interrupted verification loses at most the runs in flight. A key already present is never
 * appended twice. One process writes a folder at a time ({@link OutputLock}).
 *
 * <p>On opening, the file is read back ({@link ResultsFile}). Unreadable lines at its end (a line cut
 * off by a crash: no newline, or not valid JSON) are cut off in place ({@code truncate}, which needs no free space, so
 * a full disk does not stop the repair); an unreadable or duplicate line elsewhere makes the file be
 * rewritten without it atomically (temporary file, then move). Either way those runs are redone.
 *
 * <p>When an append fails (no space left, a read-only or vanished file system), whatever part of the
 * line reached the file is cut off again, and {@link #append} throws {@code cannot write FILE:
 * reason}; the file then holds complete lines only, and the next run resumes from them.
 */
public final class ResultStore implements AutoCloseable {
  static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Path file;
  private final Map<String, RunRecord> records;
  private final int dropped;
  private FileChannel out;
  private long size; // bytes of complete lines in the file
  private UncheckedIOException failed;

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
    } catch (IOException e) {
      throw OutputLock.cannotWrite(file.toAbsolutePath().getParent(), e);
    }
    ResultsFile.Content content;
    try {
      content = ResultsFile.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + OutputLock.reason(e), e);
    }
    Map<String, RunRecord> recs = new LinkedHashMap<>();
    int dropped = 0;
    long goodPrefix = 0; // bytes up to the end of the last line kept before anything was dropped
    boolean droppedInside = false; // a dropped line followed by a kept one: truncation is not enough
    List<byte[]> good = new ArrayList<>();
    for (ResultsFile.Line l : content.lines()) {
      if (!l.readable() || recs.containsKey(l.record().key())) {
        dropped++;
        continue;
      }
      recs.put(l.record().key(), l.record());
      good.add(l.raw());
      if (dropped == 0) goodPrefix = l.end();
      else droppedInside = true;
    }
    if (content.incompleteLine() > 0) dropped++;
    ResultStore s = new ResultStore(file, Collections.synchronizedMap(recs), dropped);
    try {
      if (dropped > 0 && droppedInside) {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
          try (OutputStream o = Files.newOutputStream(tmp)) {
            for (byte[] g : good) {
              o.write(g);
              o.write('\n');
            }
          }
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
      s.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (dropped > 0 && !droppedInside) s.out.truncate(goodPrefix);
      s.size = s.out.size();
    } catch (IOException e) {
      if (s.out != null) {
        try {
          s.out.close();
        } catch (IOException ignored) {
          // already failing
        }
      }
      throw OutputLock.cannotWrite(file, e);
    }
    return s;
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

  /**
   * Appends a record as one line and flushes it; a key already stored is ignored.
   *
   * @throws UncheckedIOException {@code cannot write FILE: reason} when the line cannot be written in
   *     full; what was written of it is cut off, and every later append fails the same way
   */
  public synchronized void append(RunRecord r) {
    if (failed != null) throw failed;
    if (records.containsKey(r.key())) return;
    if (out == null) return; // closed: the run is redone next time
    byte[] line;
    try {
      line = (JSON.writeValueAsString(r) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise run " + r.key(), e);
    }
    try {
      ByteBuffer b = ByteBuffer.wrap(line);
      long pos = size;
      while (b.hasRemaining()) pos += out.write(b, pos);
      size = pos;
      records.put(r.key(), r);
    } catch (IOException e) {
      String cut;
      try {
        out.truncate(size);
        cut = "";
      } catch (IOException t) {
        cut = " (the part of the line written could not be cut off either; the next run drops it)";
      }
      failed = new UncheckedIOException("cannot write " + file + ": " + OutputLock.reason(e) + cut, e);
      throw failed;
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
