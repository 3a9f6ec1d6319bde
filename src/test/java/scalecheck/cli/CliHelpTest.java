package scalecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help describes it and shows examples that parse; a bad option value names the option. */
class CliHelpTest {
  private record Outcome(int code, String err) {}

  private static Outcome run(String... args) {
    CliRun r = CliRun.of(args);
    return new Outcome(r.code(), r.err());
  }

  /** The example command lines of a help text: the lines after "Examples:", joined at a trailing backslash. */
  private static List<String> examples(String usage) {
    List<String> out = new ArrayList<>();
    String[] lines = usage.substring(usage.indexOf("Examples:")).split("\\R");
    StringBuilder cur = null;
    for (String l : lines) {
      String t = l.strip();
      if (cur != null) {
        cur.append(' ').append(t);
      } else if (t.startsWith("scalecheck ")) {
        cur = new StringBuilder(t);
      }
      if (cur != null && cur.charAt(cur.length() - 1) == '\\') {
        cur.setLength(cur.length() - 1);
      } else if (cur != null) {
        out.add(cur.toString().strip());
        cur = null;
      }
    }
    return out;
  }

  @Test
  void everyCommandHasADescriptionAndExamplesThatParse() {
    CommandLine root = Main.commandLine();
    int commands = 0;
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) continue;
      commands++;
      CommandLine cmd = e.getValue();
      String usage = cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertTrue(cmd.getCommandSpec().usageMessage().description().length > 0, e.getKey() + " has no description");
      assertTrue(usage.contains("\nExamples:\n"), e.getKey() + " shows no examples:\n" + usage);
      List<String> ex = examples(usage);
      assertFalse(ex.isEmpty(), e.getKey() + ": no example command line in\n" + usage);
      for (String line : ex) {
        String[] args = line.split("\\s+");
        assertEquals("scalecheck", args[0], line);
        // parses with a fresh command tree, as the shell would pass the words (the examples quote nothing)
        Main.commandLine().parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
      }
    }
    assertEquals(8, commands, "derive, verify, fit, report, bench, calibrate, merge, slurm");
    for (String cmd : List.of("verify", "fit")) {
      assertTrue(root.getSubcommands().get(cmd).getUsageMessage(CommandLine.Help.Ansi.OFF).contains("\nExit codes:\n  0"), cmd);
    }
    assertFalse(root.getSubcommands().get("bench").getUsageMessage(CommandLine.Help.Ansi.OFF).contains("Exit codes:"),
        "no heading without a list");
    assertTrue(examples(root.getUsageMessage(CommandLine.Help.Ansi.OFF)).contains("scalecheck verify checks/ --fast"));
  }

  @Test
  void theTopLevelListShowsEachCommandsWholeFirstSentence() {
    String usage = Main.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
    // calibrate's summary used to stop at "on synthetic" (the first line of a two-line description)
    assertTrue(usage.replaceAll("\\s+", " ").contains("with known p; writes a Markdown table."), usage);
  }

  @Test
  void defaultsOfBenchAndCalibrateAreThoseTheirHelpStates() {
    BenchCommand b = new BenchCommand();
    new CommandLine(b).parseArgs();
    assertEquals(List.of(128, 256, 512, 1024), b.widths);
    assertEquals(List.of(5, 5, 1000), List.of(b.repeats, b.steps, b.train));
    assertEquals("softplus", b.activation);
    CalibrateCommand c = new CalibrateCommand();
    new CommandLine(c).parseArgs();
    assertEquals(List.of(3, 5, 8, 16, 32), c.seeds);
    assertEquals(List.of(4, 5, 6, 7, 8), c.widths);
    assertEquals(List.of(0.05, 0.15, 0.3), c.sigmas);
    assertEquals(List.of(-0.5, 2.0, 0.5, 0.1, 0.25, 0.0), List.of(c.p, c.b, c.omega, c.tol, c.shift, c.exclude));
    assertEquals(1000, c.reps);
    assertEquals(20261207L, c.seed);
    assertEquals(Path.of("calibration.md"), c.out);
  }

  @Test
  void waitIsOneOptionOfEveryCommandThatWritesAFolder() {
    for (String cmd : List.of("verify", "report", "merge", "slurm")) {
      CommandLine c = Main.commandLine().getSubcommands().get(cmd);
      assertTrue(c.getCommandSpec().findOption("--wait") != null, cmd);
    }
    ReportCommand r = new ReportCommand();
    new CommandLine(r).parseArgs("out", "--wait");
    assertTrue(r.folder.wait);
    new CommandLine(r = new ReportCommand()).parseArgs("out");
    assertFalse(r.folder.wait);
  }

  @Test
  void aBadOptionValueNamesTheOptionAndTheValue() {
    Outcome o = run("bench", "--steps", "0");
    assertEquals(Main.EXIT_BAD_INPUT, o.code());
    assertEquals("bench: --steps must be >= 1, got 0 (see scalecheck bench --help)", o.err().strip());
    o = run("bench", "--activation", "sigmoid");
    assertEquals(Main.EXIT_BAD_INPUT, o.code());
    assertTrue(o.err().contains("--activation must be relu, softplus, tanh or identity, got 'sigmoid'"), o.err());
    o = run("calibrate", "--seeds", "1,3", "--out", "target/never-written.md");
    assertEquals(Main.EXIT_BAD_INPUT, o.code());
    assertTrue(o.err().contains("calibrate: --seeds must each be >= 2, got [1, 3]"), o.err());
    o = run("calibrate", "--exclude", "1", "--out", "target/never-written.md");
    assertTrue(o.err().contains("--exclude must be in [0, 1), got 1.0"), o.err());
  }
}
