package scalecheck.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import scalecheck.spec.SpecException;

/**
 * Entry point: {@code scalecheck derive | verify | fit | report | bench ...}. Exit codes: 0 success (every
 * check PASS), 1 a check FAILed, 2 bad input (message {@code file:line: what is wrong}, no stack
 * trace), 3 no FAIL but some INCONCLUSIVE, 4 scalecheck could not finish (a file it cannot read or
 * write, the engine or scalecheck itself failed): never a verdict, so that a CI job cannot read a
 * crash as a FAIL.
 */
@Command(
    name = "scalecheck",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Verifies the scaling laws of lazy vs feature training: derives exponents exactly, "
        + "simulates, fits, and says PASS / FAIL / INCONCLUSIVE.",
    subcommands = {
      CommandLine.HelpCommand.class,
      DeriveCommand.class,
      VerifyCommand.class,
      FitCommand.class,
      ReportCommand.class,
      BenchCommand.class,
      CalibrateCommand.class,
      MergeCommand.class,
      SlurmCommand.class,
    })
public final class Main implements Runnable {
  public static final int EXIT_BAD_INPUT = 2;
  /** scalecheck could not finish: not a verdict. */
  public static final int EXIT_CRASH = 4;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
  public static int execute(String... args) {
    try {
      return commandLine().execute(args);
    } catch (Error e) {
      // out of memory, stack overflow: still an exit code that no one reads as a verdict
      return crashed(new PrintWriter(System.err, true), e);
    }
  }

  /**
   * Reports a failure that is not bad input and returns {@link #EXIT_CRASH}: a file that cannot be
   * read or written gets one line naming it; anything else is a fault in scalecheck, printed with its
   * stack trace for a bug report.
   */
  static int crashed(PrintWriter err, Throwable ex) {
    IOException io = null;
    for (Throwable t = ex; t != null && io == null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException e) io = e;
    }
    if (io != null) {
      String outer = ex instanceof UncheckedIOException && ex.getMessage() != null
          && !ex.getMessage().equals(io.toString()) ? ex.getMessage() + ": " : "";
      err.println("scalecheck: " + outer + describe(io) + " (no verdict; exit 4)");
    } else {
      err.println("scalecheck: internal error, no verdict (exit 4); please report it with this trace:");
      ex.printStackTrace(err);
    }
    err.flush();
    return EXIT_CRASH;
  }

  private static String describe(IOException e) {
    if (e instanceof FileSystemException f) {
      String reason = f.getReason() == null ? e.getClass().getSimpleName() : f.getReason();
      return (f.getFile() == null ? "" : f.getFile() + ": ") + reason;
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /**
   * The command tree as {@link #execute} runs it: every command's help ends with its examples (resource
   * {@value #EXAMPLES}), and an exit-code list, where a command has one, is headed "Exit codes:".
   */
  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    finishHelp(cl, sections(EXAMPLES), sections(EXIT_CODES));
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t instanceof SpecException) {
          cmd.getErr().println(t.getMessage());
          return EXIT_BAD_INPUT;
        }
      }
      return crashed(cmd.getErr(), ex);
    });
    cl.setParameterExceptionHandler((ex, args2) -> {
      ex.getCommandLine().getErr().println(ex.getMessage());
      ex.getCommandLine().usage(ex.getCommandLine().getErr());
      return EXIT_BAD_INPUT;
    });
    return cl;
  }

  /** Resource (next to this class) with each command's examples, after a line {@code [command]}. */
  static final String EXAMPLES = "examples.txt";

  /** Resource (next to this class) with each command's exit codes, {@code CODE:meaning} lines after {@code [command]}. */
  static final String EXIT_CODES = "exit-codes.txt";

  private static void finishHelp(CommandLine cl, Map<String, List<String>> examples, Map<String, List<String>> exitCodes) {
    CommandLine.Model.UsageMessageSpec u = cl.getCommandSpec().usageMessage();
    List<String> codes = exitCodes.get(cl.getCommandName());
    if (codes != null) {
      Map<String, String> list = new LinkedHashMap<>();
      for (String c : codes) list.put(c.substring(0, c.indexOf(':')), c.substring(c.indexOf(':') + 1));
      u.exitCodeList(list);
      u.exitCodeListHeading("%nExit codes:%n");
    }
    List<String> lines = examples.get(cl.getCommandName());
    if (lines != null) {
      List<String> footer = new ArrayList<>(List.of(u.footer()));
      footer.add("%nExamples:");
      for (String l : lines) footer.add(l.replace("%", "%%"));
      u.footer(footer.toArray(String[]::new));
    }
    for (CommandLine sub : cl.getSubcommands().values()) finishHelp(sub, examples, exitCodes);
  }

  /**
   * The sections of a help resource ({@value #EXAMPLES}, {@value #EXIT_CODES}) by command name, lines as
   * written; lines before the first {@code [command]} are its comment.
   */
  static Map<String, List<String>> sections(String resource) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    try (InputStream in = Main.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException(resource + " is missing from the scalecheck build");
      List<String> cur = null;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
        if (line.startsWith("[") && line.endsWith("]")) {
          cur = m.computeIfAbsent(line.substring(1, line.length() - 1), k -> new ArrayList<>());
        } else if (cur != null && !line.isBlank()) {
          cur.add(line);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return m;
  }

  /**
   * Says on stderr which option of {@code command} to fix, {@code "bench: --steps must be >= 1, got 0
   * (see scalecheck bench --help)"}, and returns {@link #EXIT_BAD_INPUT}.
   */
  static int badOption(String command, String problem) {
    System.err.println(command + ": " + problem + " (see scalecheck " + command + " --help)");
    return EXIT_BAD_INPUT;
  }

  /** Version from the jar manifest, or the development version. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"scalecheck " + version()};
    }
  }

  /** The scalecheck version (jar manifest) or "dev". */
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-dev" : v;
  }
}
