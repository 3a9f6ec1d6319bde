package scalecheck.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import scalecheck.check.OutputLock;

/**
 * How a command that writes an output folder holds its {@link OutputLock}: taken before anything in
 * the folder is read or written, released however the command ends. A folder in use ends the
 * command with exit 4 and a message naming the holder (or, with {@code --wait}, queues behind it);
 * temporary files that a killed writer left in the folder are removed once the lock is held.
 */
final class FolderLock {
  /** Help text of the {@code --wait} option, the same on every command. */
  static final String WAIT_HELP = "if another scalecheck process writes the output folder, wait for it to end "
      + "(default: stop at once with exit 4, naming it)";

  private FolderLock() {}

  /**
   * The {@code --wait} option of a command that writes an output folder (a picocli mixin), and
   * {@link #run(Path, IntSupplier)}, which holds that folder's lock the way {@code --wait} says.
   */
  static final class Wait {
    @Spec(Spec.Target.MIXEE) CommandSpec spec;

    @Option(names = "--wait", description = WAIT_HELP)
    boolean wait;

    /** {@link FolderLock#run} for the command this option belongs to. */
    int run(Path dir, IntSupplier body) {
      return FolderLock.run(spec, dir, wait, body);
    }
  }

  /**
   * Runs {@code body} holding the lock on {@code dir}; returns its exit code, or 4 when the folder is in
   * use (and {@code wait} is false) or cannot be written.
   */
  static int run(CommandSpec spec, Path dir, boolean wait, IntSupplier body) {
    PrintStream err = System.err;
    String name = spec.name();
    OutputLock lock;
    try {
      lock = OutputLock.acquire(dir, commandLine(spec), wait, err);
    } catch (OutputLock.Busy e) {
      err.println(e.getMessage());
      return OutputLock.EXIT_BUSY;
    } catch (UncheckedIOException e) {
      err.println(name + ": " + e.getMessage() + " (exit " + Main.EXIT_CRASH + ")");
      return Main.EXIT_CRASH;
    }
    try (lock) {
      List<String> left = lock.removeLeftovers();
      if (!left.isEmpty()) {
        err.println(name + ": removed " + left.size() + " temporary file(s) that an interrupted run left in " + dir
            + ": " + String.join(", ", left));
      }
      try {
        return body.getAsInt();
      } catch (UncheckedIOException e) {
        err.println(name + ": " + message(e) + " (exit " + Main.EXIT_CRASH + ")");
        return Main.EXIT_CRASH;
      }
    }
  }

  /** The message of an I/O failure, with its reason ("No space left on device") where it lacks one. */
  static String message(UncheckedIOException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    java.io.IOException io = e.getCause();
    if (io == null) return m;
    String reason = OutputLock.reason(io);
    if (m.isEmpty() || m.equals(io.toString())) {
      return io instanceof java.nio.file.FileSystemException f && f.getFile() != null
          ? "cannot use " + f.getFile() + ": " + reason : reason;
    }
    return m.contains(reason) ? m : m + ": " + reason;
  }

  /** The command line as typed: {@code scalecheck verify checks/ --out out}. */
  static String commandLine(CommandSpec spec) {
    List<String> parts = new ArrayList<>();
    parts.add("scalecheck");
    CommandSpec root = spec;
    while (root.parent() != null) root = root.parent();
    List<String> args = root.commandLine().getParseResult() == null ? List.of()
        : root.commandLine().getParseResult().originalArgs();
    if (args.isEmpty()) args = spec.commandLine().getParseResult().originalArgs();
    for (String a : args) parts.add(a.isEmpty() || a.matches(".*[\\s'\"].*") ? "'" + a.replace("'", "'\\''") + "'" : a);
    return String.join(" ", parts);
  }
}
