package scalecheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import scalecheck.check.CheckParser;
import scalecheck.check.CheckResult;
import scalecheck.check.CheckSpec;
import scalecheck.check.Evaluator;
import scalecheck.check.FileMeasurements;
import scalecheck.check.LawSource;
import scalecheck.check.Provenance;
import scalecheck.check.TheoryLawSource;
import scalecheck.check.Verifier;
import scalecheck.check.VerifyOutcome;
import scalecheck.report.JUnitXml;
import scalecheck.report.ReportWriter;
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;

/**
 * {@code scalecheck fit FILE --law THEORY/LAW --vary SYMBOL --measure COLUMN [--tolerance T] [--correction C]
 * [--out DIR]}:
 * judges measurements another program wrote (CSV or JSON Lines) against a law, with no check file: it
 * builds in memory the check a file with {@code measurements: FILE} would be, so the fit, the interval,
 * the verdict, the exit code and the report are those of {@code verify}. Bad input (a missing column, a
 * value that is not a positive number, ...) exits 2 with {@code file:line: column: what is wrong}, before
 * anything is written.
 */
@Command(name = "fit", mixinStandardHelpOptions = true,
    description = "Judges measurements from a CSV or JSON Lines file (any program's) against a law.",
    footer = {"%nFILE: a header row, then one row per run: the swept symbols (e.g. n),",
      "seed, and one column per measured quantity (or long format: quantity and value).",
      "Other swept symbols give one fit each. The report (report.json, summary.md,",
      "index.html, junit.xml, summary.tex, plots/) goes to OUT."})
public final class FitCommand implements Callable<Integer> {
  /** Test seam: how laws are obtained. */
  static Function<List<Path>, LawSource> lawLoader = TheoryLawSource::load;

  @Parameters(index = "0", paramLabel = "FILE", description = "measurements (.csv, or .jsonl for JSON Lines)")
  Path file;

  @Option(names = "--law", required = true, paramLabel = "THEORY/LAW",
      description = "the law whose exponent is tested, e.g. geiger/dz (repeat for competing laws)")
  List<String> laws;

  @Option(names = "--vary", required = true, paramLabel = "SYMBOL",
      description = "the column whose exponent is fitted, a symbol of the law (e.g. n)")
  String vary;

  @Option(names = "--measure", required = true, paramLabel = "COLUMN", description = "the measured column")
  String measure;

  @Option(names = "--tolerance", paramLabel = "T", description = "allowed |fitted - predicted| (default: ${DEFAULT-VALUE})")
  double tolerance = 0.1;

  @Option(names = "--correction", paramLabel = "OMEGA|fit|none",
      description = "finite-width correction C x^p (1 + b x^-omega) of the fit, as fit.correction in a check: "
          + "a number omega (e.g. 1/2), fit (omega fitted) or none (the plain power law); default: the law's, "
          + "else 1/2 when a width n or m is varied, none otherwise")
  String correction;

  @Option(names = "--regime", paramLabel = "SYMBOL=VALUE", description = "regime substitution of the law, e.g. g=1/4")
  Map<String, String> regime;

  @Option(names = "--must-fail", description = "a negative control: the law is wrong on purpose and must FAIL")
  boolean mustFail;

  @Option(names = "--id", paramLabel = "ID", description = "check id in the report (default: the file name)")
  String id;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
  Path out = Path.of("out");

  @Option(names = "--junit", paramLabel = "FILE", description = "also write the verdicts as JUnit XML to FILE")
  Path junit;

  @Option(names = "--seed", paramLabel = "S", description = "seed of the bootstrap (default: ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--theory", paramLabel = "DIR",
      description = "folder of theory files (default: the nearest theory/ above FILE, else scalecheck's own)")
  Path theory;

  @Override
  public Integer call() {
    long t0 = System.nanoTime();
    String startedAt = Instant.now().toString();
    Path theoryDir = theory != null ? theory : VerifyCommand.findTheory(file);
    List<Path> theoryFiles = VerifyCommand.checkFiles(List.of(theoryDir));
    LawSource source = lawLoader.apply(theoryFiles);
    CheckSpec check = parse(source);
    List<CheckResult> results = Evaluator.evaluate(check, source, new FileMeasurements(check.measurements()), seed);
    Map<String, String> inputs = new LinkedHashMap<>();
    inputs.put(check.measurements().file(), VerifyCommand.sha256(file));
    for (Path f : theoryFiles) inputs.put(f.toString(), VerifyCommand.sha256(f));
    Provenance prov = new Provenance(Main.version(), VerifyCommand.gitCommit(), System.getProperty("java.version"),
        "none (measurements from a file)", 1, 0, seed, false, startedAt, (System.nanoTime() - t0) / 1e9,
        commandLine(), inputs);
    VerifyOutcome outcome = new VerifyOutcome(results, List.of(), prov);
    ReportWriter.write(outcome, out);
    if (junit != null) JUnitXml.write(outcome, junit);
    PrintStream stdout = System.out;
    for (CheckResult r : results) stdout.println(VerifyCommand.line(r));
    stdout.printf(Locale.ROOT, "%d series from %s; report in %s%n", results.size(), file, out.resolve("report.json"));
    return Verifier.exitCode(results, false);
  }

  /** The check a file with {@code measurements: FILE} and these options would be. */
  CheckSpec parse(LawSource source) {
    ObjectNode doc = new ObjectMapper().createObjectNode();
    String name = file.getFileName() == null ? "measurements" : file.getFileName().toString();
    doc.put("id", id != null ? id : name.replaceFirst("\\.[A-Za-z]+$", "").replaceAll("[^A-Za-z0-9_.\\-]+", "_"));
    if (laws.size() == 1) doc.put("law", laws.get(0));
    else laws.forEach(doc.putArray("law")::add);
    doc.put("vary", vary);
    doc.put("measurements", file.toString());
    doc.put("measure", measure);
    doc.put("tolerance", tolerance);
    if (regime != null && !regime.isEmpty()) regime.forEach(doc.putObject("regime")::put);
    if (mustFail) doc.putObject("control").put("must_fail", true);
    if (correction != null) doc.putObject("fit").put("correction", correction);
    String label = "scalecheck fit";
    try {
      YNode root = YNode.parse(label, doc.toString());
      return new CheckParser(source).parse(root, null, false);
    } catch (SpecException e) {
      if (!label.equals(e.file())) throw e; // about the measurements file itself: file:line: column
      String field = e.field() == null ? null : e.field().replaceFirst("\\..*$", "");
      String option = field == null ? null : switch (field) {
        case "measurements" -> "FILE";
        case "id", "law", "vary", "measure", "tolerance", "regime" -> "--" + field;
        case "control" -> "--must-fail";
        case "fit" -> "--correction";
        default -> field;
      };
      throw new SpecException(label, 0, option, e.problem());
    }
  }

  private String commandLine() {
    List<String> parts = new ArrayList<>(List.of("scalecheck", "fit", file.toString()));
    for (String l : laws) parts.addAll(List.of("--law", l));
    parts.addAll(List.of("--vary", vary, "--measure", measure, "--tolerance", Double.toString(tolerance)));
    if (regime != null) regime.forEach((k, v) -> parts.addAll(List.of("--regime", k + "=" + v)));
    if (mustFail) parts.add("--must-fail");
    if (correction != null) parts.addAll(List.of("--correction", correction));
    parts.addAll(List.of("--out", out.toString(), "--seed", Long.toString(seed)));
    if (theory != null) parts.add("--theory=" + theory);
    return String.join(" ", parts);
  }
}
