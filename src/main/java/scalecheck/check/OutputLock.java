package scalecheck.check;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One writer per output folder: {@code DIR/scalecheck.lock}.
 *
 * <p>Every command that writes an output folder ({@code verify}, {@code report}, {@code merge},
 * {@code slurm}) holds this lock while it reads and writes the folder. The lock is an operating-system
 * lock on the file ({@link FileChannel#tryLock()}, {@code fcntl} on Linux), which the OS releases
 * however the holder ends, SIGKILL included; so a lock file left behind by a killed process never
 * blocks (the next process finds the OS lock free, says that it takes over, and goes on). The file
 * also holds a one-line JSON record of the holder (host, process id, start time, command line), so
 * that a second process can name it; the holder empties the file when it ends normally.
 *
 * <p>A second process either stops at once ({@link Busy}, exit 4, naming the holder) or, with
 * {@code wait}, blocks until the holder ends. Where the file system refuses OS locks (some network
 * file systems; forced with {@code -Dscalecheck.lock.os=false}), the record alone is the lock: it is
 * created exclusively (a hard link from a complete temporary file, so it is never seen half
 * written), and a record whose process is no longer alive on this host ({@link ProcessHandle}, with
 * its start time, so a reused process id does not count) is stale and taken over. A record written
 * on another host cannot be checked from here; it counts as held, and the message says to delete it
 * if that process is gone. (Two processes taking over the same stale record in the same instant
 * could, in that fallback alone, both go on; the OS lock has no such window.)
 *
 * <p>While the lock is held, no other scalecheck process writes the folder, so temporary files in it
 * (hidden names containing {@code .tmp}) are leftovers of an interrupted process:
 * {@link #removeLeftovers()} deletes them.
 */
public final class OutputLock implements AutoCloseable {
  /** Name of the lock file inside an output folder. */
  public static final String FILE_NAME = "scalecheck.lock";

  /** System property: {@code false} makes the holder record the lock (as where OS locks are refused). */
  public static final String OS_LOCKS_PROPERTY = "scalecheck.lock.os";

  /** Exit code of a command that finds its output folder in use: no verdict. */
  public static final int EXIT_BUSY = 4;

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** Slack when comparing a recorded start time with the one the OS reports now. */
  private static final Duration START_SLACK = Duration.ofSeconds(2);

  /**
   * Who holds a folder.
   *
   * @param host host name
   * @param pid process id on that host
   * @param started when the process started (ISO-8601 instant)
   * @param command the command line it was started with
   */
  public record Holder(String host, long pid, String started, String command) {
    /** The holder in words: {@code 'scalecheck verify ...' (pid 12, host h, started 2026-...)}. */
    public String describe() {
      return "'" + command + "' (pid " + pid + " on " + host + ", started " + started + ")";
    }
  }

  /** The folder is locked by another process and the caller did not ask to wait. */
  public static final class Busy extends RuntimeException {
    private final transient Holder holder;

    Busy(String message, Holder holder) {
      super(message);
      this.holder = holder;
    }

    /** The holder, or null when its record could not be read. */
    public Holder holder() {
      return holder;
    }
  }

  private final Path dir;
  private final Path file;
  private final Holder me;
  private final OsLock os; // null in record mode
  private boolean closed;

  /** The operating-system lock on the open lock file. */
  private record OsLock(FileChannel channel, FileLock lock) {}

  private OutputLock(Path dir, Path file, Holder me, OsLock os) {
    this.dir = dir;
    this.file = file;
    this.me = me;
    this.os = os;
  }

  /** This process as a holder, with {@code command} as its command line. */
  public static Holder self(String command) {
    ProcessHandle p = ProcessHandle.current();
    String started = p.info().startInstant().map(Instant::toString).orElse(Instant.now().toString());
    return new Holder(hostName(), p.pid(), started, command);
  }

  /**
   * Takes the lock on {@code dir} (created if needed).
   *
   * @param command the command line, shown to a process that finds the folder in use
   * @param wait block until the holder ends instead of throwing {@link Busy}
   * @param err where to say that the caller waits, or takes over a stale lock
   * @throws Busy when another process holds the folder and {@code wait} is false
   * @throws UncheckedIOException {@code cannot write FILE: reason} when the folder or the lock file
   *     cannot be created or written (a read-only folder, for instance)
   */
  public static OutputLock acquire(Path dir, String command, boolean wait, PrintStream err) {
    Path file = dir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw cannotWrite(dir, e);
    }
    Holder me = self(command);
    if (!"false".equalsIgnoreCase(System.getProperty(OS_LOCKS_PROPERTY, "true"))) {
      FileChannel ch;
      try {
        ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw cannotWrite(file, e);
      }
      try {
        FileLock l;
        try {
          l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          close(ch);
          throw busy(dir, file, read(file).orElse(me), "this process already holds it", false);
        } catch (IOException e) {
          // the file system refuses OS locks: the holder record alone is the lock
          close(ch);
          return acquireByRecord(dir, file, me, wait, err);
        }
        if (l == null) {
          Optional<Holder> h = read(ch);
          if (!wait) {
            close(ch);
            throw busy(dir, file, h.orElse(null), null, false);
          }
          err.println("scalecheck: " + dir + " is in use by " + h.map(Holder::describe).orElse("another process")
              + "; waiting for it to end (--wait)");
          err.flush();
          l = ch.lock();
        }
        Optional<Holder> previous = read(ch);
        if (previous.isPresent()) {
          err.println("scalecheck: taking over " + file + ": its last holder " + previous.get().describe()
              + " ended without releasing it (killed?); the operating system has released its lock");
        }
        writeRecord(ch, file, me, err);
        return new OutputLock(dir, file, me, new OsLock(ch, l));
      } catch (IOException e) {
        close(ch);
        throw cannotWrite(file, e);
      } catch (RuntimeException e) {
        close(ch);
        throw e;
      }
    }
    return acquireByRecord(dir, file, me, wait, err);
  }

  private static OutputLock acquireByRecord(Path dir, Path file, Holder me, boolean wait, PrintStream err) {
    boolean said = false;
    while (true) {
      Optional<Holder> h;
      boolean exists = Files.exists(file);
      h = exists ? read(file) : Optional.empty();
      if (h.isPresent()) {
        Holder other = h.get();
        if (alive(other)) {
          if (!wait) throw busy(dir, file, other, null, true);
          if (!said) {
            err.println("scalecheck: " + dir + " is in use by " + other.describe() + "; waiting for it to end (--wait)");
            err.flush();
            said = true;
          }
          sleep(500);
          continue;
        }
        err.println("scalecheck: taking over " + file + ": its holder " + other.describe()
            + " is no longer running");
      }
      if (exists) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw cannotWrite(file, e);
        }
      }
      Path tmp = null;
      try {
        tmp = Files.createTempFile(dir, "." + FILE_NAME + ".", ".tmp");
        Files.write(tmp, (JSON.writeValueAsString(me) + "\n").getBytes(StandardCharsets.UTF_8));
        try {
          Files.createLink(file, tmp);
        } catch (UnsupportedOperationException | FileSystemException e) {
          if (e instanceof FileAlreadyExistsException) throw (FileAlreadyExistsException) e;
          // no hard links here: create exclusively, then fill (a reader may see it empty for an instant)
          Files.write(file, Files.readAllBytes(tmp), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
        return new OutputLock(dir, file, me, null);
      } catch (FileAlreadyExistsException e) {
        // another process claimed it between our look and our claim: look again
      } catch (IOException e) {
        throw cannotWrite(file, e);
      } finally {
        if (tmp != null) {
          try {
            Files.deleteIfExists(tmp);
          } catch (IOException ignored) {
            // a leftover temporary file is removed by the next holder
          }
        }
      }
    }
  }

  /** Whether a holder's process is still running (always true for another host: it cannot be checked). */
  static boolean alive(Holder h) {
    if (!hostName().equals(h.host())) return true;
    Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
    if (p.isEmpty() || !p.get().isAlive()) return false;
    Optional<Instant> start = p.get().info().startInstant();
    if (start.isEmpty() || h.started() == null) return true;
    try {
      Duration d = Duration.between(Instant.parse(h.started()), start.get()).abs();
      return d.compareTo(START_SLACK) <= 0; // otherwise the id was reused by another process
    } catch (RuntimeException e) {
      return true;
    }
  }

  private static Busy busy(Path dir, Path file, Holder h, String why, boolean byRecord) {
    StringBuilder sb = new StringBuilder("scalecheck: ").append(dir).append(" is in use by ");
    sb.append(h == null ? "another scalecheck process (its record in " + file + " is not written yet)" : h.describe());
    if (why != null) sb.append(" (").append(why).append(')');
    sb.append("; no verdict (exit ").append(EXIT_BUSY).append("). Rerun with --wait to start when it ends,"
        + " or use another output folder.");
    if (byRecord && h != null && !hostName().equals(h.host())) {
      sb.append(" If that process is no longer running, delete ").append(file).append('.');
    }
    return new Busy(sb.toString(), h);
  }

  private static void writeRecord(FileChannel ch, Path file, Holder me, PrintStream err) {
    byte[] bytes = (serialize(me) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ch.truncate(0);
      ByteBuffer b = ByteBuffer.wrap(bytes);
      long pos = 0;
      while (b.hasRemaining()) pos += ch.write(b, pos);
      ch.force(false);
    } catch (IOException e) {
      // the OS lock is what keeps others out; the record only names the holder
      try {
        ch.truncate(0);
      } catch (IOException ignored) {
        // nothing more to do
      }
      err.println("scalecheck: cannot write the holder record in " + file + ": " + reason(e)
          + " (the folder is locked all the same; a second process cannot name this one)");
    }
  }

  private static String serialize(Holder h) {
    try {
      return JSON.writeValueAsString(h);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Optional<Holder> read(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size == 0 || size > 65536) return Optional.empty();
    ByteBuffer b = ByteBuffer.allocate((int) size);
    long pos = 0;
    while (b.hasRemaining()) {
      int n = ch.read(b, pos);
      if (n < 0) break;
      pos += n;
    }
    return parse(new String(b.array(), 0, b.position(), StandardCharsets.UTF_8));
  }

  /** The holder recorded in a lock file, if it holds a readable record. */
  public static Optional<Holder> read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Holder> parse(String text) {
    if (text.isBlank()) return Optional.empty();
    try {
      Holder h = JSON.readValue(text.trim(), Holder.class);
      return h.host() == null ? Optional.empty() : Optional.of(h);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The folder this lock guards. */
  public Path dir() {
    return dir;
  }

  /** This process's record. */
  public Holder holder() {
    return me;
  }

  /**
   * Deletes what an interrupted writer left in the folder: hidden files and folders whose name
   * contains {@code .tmp} (every temporary file scalecheck makes in an output folder is named so), and
   * {@code results.jsonl.tmp} of earlier versions. Safe only under the lock, which is why it is here.
   *
   * @return the names removed
   */
  public List<String> removeLeftovers() {
    List<String> removed = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        boolean temp = (name.startsWith(".") && name.contains(".tmp")) || name.equals("results.jsonl.tmp");
        if (!temp) continue;
        try {
          deleteTree(p);
          removed.add(name);
        } catch (IOException e) {
          // left for the next run; harmless
        }
      }
    } catch (IOException e) {
      // an unreadable folder shows up as soon as anything is written to it
    }
    return removed;
  }

  /** Deletes a file or a folder with everything in it. */
  public static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    Files.walkFileTree(p, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
        Files.deleteIfExists(f);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Empties the record and releases the lock (record mode: deletes the record if it is still ours). */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    if (os != null) {
      try {
        os.channel().truncate(0);
      } catch (IOException ignored) {
        // a record left behind is read as stale by the next holder
      }
      try {
        os.lock().release();
      } catch (IOException ignored) {
        // closing the channel releases it too
      }
      close(os.channel());
      return;
    }
    if (read(file).filter(me::equals).isPresent()) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a dead holder's record is taken over by the next process
      }
    }
  }

  private static void close(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException ignored) {
      // nothing held any more
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the output folder", e);
    }
  }

  /** {@code cannot write FILE: reason} as an unchecked exception. */
  public static UncheckedIOException cannotWrite(Path file, IOException e) {
    return new UncheckedIOException("cannot write " + file + ": " + reason(e), e);
  }

  /** The reason of an I/O failure in words ("No space left on device"), without repeating the file name. */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) return "no such file or folder";
    if (e instanceof FileAlreadyExistsException) return "already exists";
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof FileSystemException f) {
      if (f.getReason() != null) return f.getReason();
      return e.getClass().getSimpleName();
    }
    String m = e.getMessage();
    if (m == null) return e.getClass().getSimpleName();
    return m;
  }

  private static final String HOST = findHostName();

  private static String hostName() {
    return HOST;
  }

  private static String findHostName() {
    try {
      Path h = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(h)) {
        String s = Files.readString(h, StandardCharsets.UTF_8).trim();
        if (!s.isEmpty()) return s;
      }
    } catch (IOException | RuntimeException ignored) {
      // fall through
    }
    for (String v : new String[] {"HOSTNAME", "COMPUTERNAME"}) {
      String s = System.getenv(v);
      if (s != null && !s.isBlank()) return s.trim();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
