package scalecheck.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import scalecheck.spec.SpecException;

/**
 * Entry point: {@code scalecheck derive | verify | report | bench ...}. Exit codes: 0 success (every
 * check PASS), 1 a check FAILed, 2 bad input (message {@code file:line: what is wrong}, no stack
 * trace), 3 no FAIL but some INCONCLUSIVE.
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
      ReportCommand.class,
      BenchCommand.class,
      MergeCommand.class,
      SlurmCommand.class,
    })
public final class Main implements Runnable {
  public static final int EXIT_BAD_INPUT = 2;

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
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      Throwable t = ex;
      while (t != null && !(t instanceof SpecException) && t.getCause() != null && t.getCause() != t) {
        if (t instanceof SpecException) break;
        t = t.getCause();
      }
      if (t instanceof SpecException) {
        cmd.getErr().println(t.getMessage());
        return EXIT_BAD_INPUT;
      }
      throw ex;
    });
    cl.setParameterExceptionHandler((ex, args2) -> {
      ex.getCommandLine().getErr().println(ex.getMessage());
      ex.getCommandLine().usage(ex.getCommandLine().getErr());
      return EXIT_BAD_INPUT;
    });
    return cl.execute(args);
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
