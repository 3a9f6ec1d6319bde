package scalecheck.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import scalecheck.check.VerifyOutcome;
import scalecheck.report.ReportReader;
import scalecheck.report.ReportWriter;

/**
 * {@code scalecheck report RESULTS_DIR [--out DIR]}: rebuilds report.json, runs.csv, summary.md,
 * index.html and plots/ from the stored report.json and results.jsonl, without rerunning anything.
 * Exit 0 when the report was written, 2 when the folder is missing or corrupt, 4 when it cannot be
 * written (the previous report stays as it was) or another process writes the output folder.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Rebuilds the report (report.json, runs.csv, summary.md, index.html, plots/) "
        + "from a stored results folder without rerunning.")
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "RESULTS_DIR", description = "folder written by scalecheck verify")
  Path results;

  @Option(names = "--out", paramLabel = "DIR", description = "write the report here (default: RESULTS_DIR)")
  Path out;

  @Mixin FolderLock.Wait folder;

  @Override
  public Integer call() {
    Path target = out == null ? results : out;
    if (!Files.isDirectory(results)) ReportReader.read(results); // names the missing folder (exit 2), creating nothing
    return folder.run(target, () -> {
      VerifyOutcome o = ReportReader.read(results);
      ReportWriter.write(o, target);
      spec.commandLine().getOut().println("report: wrote " + target.resolve("index.html") + " ("
          + o.checks().size() + " checks, " + o.runs().size() + " runs)");
      return 0;
    });
  }
}
