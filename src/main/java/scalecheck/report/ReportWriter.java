package scalecheck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import scalecheck.check.CheckResult;
import scalecheck.check.OutputLock;
import scalecheck.check.RunRecord;
import scalecheck.check.VerifyOutcome;

/**
 * Writes a verification's report folder: one file per {@link ReportPart.Output} of {@link #PARTS}
 * ({@code runs.csv}, {@code summary.md}, {@code index.html}, {@code junit.xml}, {@code summary.tex},
 * {@code report.json}) and {@code plots/}, the PNG and SVG of every figure its
 * {@link ReportPart.Figures} draw.
 *
 * <p>The folder is also the results folder: {@code results.jsonl} there is kept as it is (written from
 * the outcome's runs only when it is absent). Writing never loses the previous report: everything is
 * built in a temporary folder inside the target ({@code .report.tmp-*}, so that every move is a
 * rename within one file system); only when all of it is written are the files renamed into place,
 * {@code report.json} last. If anything fails before that (a full disk, a read-only folder), the old
 * report is untouched and the error names the file: {@code cannot write DIR/plots/x.png: No space
 * left on device}; if a rename fails, the files already renamed are put back. A temporary folder left
 * by a killed process is removed by the next holder of the folder's lock
 * ({@link scalecheck.check.OutputLock#removeLeftovers()}).
 */
public final class ReportWriter {
  private static final String PLOTS = "plots";

  /**
   * Every part of a report, in order: the figures (each result's, part by part, then the whole report's)
   * and then the files, {@code report.json} last. A new format or figure is one class and one line here.
   */
  static final List<ReportPart> PARTS = List.of(
      new CheckFitFigure(),
      new LocalSlopesFigure(),
      new CollapseFitFigure(),
      new KappaCollapseFigure(),
      new PhaseDiagramFigure(),
      new T1KappaFigure(),
      new LearningCurvesFigure(),
      new CoordinateCheckFigure(),
      new TeacherStudentFigure(),
      new RunsCsv(),
      new SummaryMd(),
      new Html(),
      new JUnitXml(),
      new SummaryTex(),
      new ReportJson());

  /** Files (and the plots folder) that a report consists of; nothing else in the folder is touched. */
  public static final List<String> REPORT_FILES = Stream.concat(Stream.of(PLOTS),
      outputs().stream().map(ReportPart.Output::file)).toList();

  /** Name of the stored runs file, one {@link RunRecord} JSON object per line. */
  public static final String RESULTS = "results.jsonl";

  private ReportWriter() {}

  /** Writes the report of {@code outcome} into {@code dir} (created if needed). */
  public static void write(VerifyOutcome outcome, Path dir) {
    write(outcome, dir, step -> {});
  }

  /**
   * As {@link #write(VerifyOutcome, Path)}, calling {@code afterStep} with the name of each file once it
   * is complete in the temporary folder, and with "install" just before the files are moved into place
   * (tests inject failures there).
   */
  static void write(VerifyOutcome outcome, Path dir, Consumer<String> afterStep) {
    Path target = dir.toAbsolutePath().normalize();
    Path tmp = null;
    try {
      try {
        Files.createDirectories(target);
        tmp = Files.createTempDirectory(target, TEMP_PREFIX);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + target + ": " + OutputLock.reason(e)
            + "; the previous report is unchanged", e);
      }
      try {
        build(outcome, tmp, afterStep, !Files.exists(target.resolve(RESULTS)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + shown(e, tmp, target) + ": " + OutputLock.reason(e)
            + "; the previous report in " + target + " is unchanged", e);
      }
      afterStep.accept("install");
      try {
        install(outcome, tmp, target);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + shown(e, tmp, target) + ": " + OutputLock.reason(e)
            + "; the previous report in " + target + " is put back", e);
      }
    } finally {
      if (tmp != null) deleteQuietly(tmp);
    }
  }

  /** Prefix of the temporary folder a report is built in, inside the target folder. */
  static final String TEMP_PREFIX = ".report.tmp-";

  /** The file an I/O failure names, as its final path in the target (not its temporary one). */
  private static Path shown(IOException e, Path tmp, Path target) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      Path p = Path.of(f.getFile()).toAbsolutePath().normalize();
      if (p.startsWith(tmp)) return target.resolve(tmp.relativize(p));
      return p;
    }
    return target;
  }

  private static List<ReportPart.Output> outputs() {
    return PARTS.stream().filter(ReportPart.Output.class::isInstance).map(ReportPart.Output.class::cast).toList();
  }

  private static List<ReportPart.Figures> figureParts() {
    return PARTS.stream().filter(ReportPart.Figures.class::isInstance).map(ReportPart.Figures.class::cast).toList();
  }

  /** Every figure of the report, each result's first (part by part), then the whole report's. */
  static Drawn draw(ReportData d) {
    Drawn out = new Drawn();
    for (int i = 0; i < d.checks().size(); i++) {
      CheckResult c = d.checks().get(i);
      String file = d.files().get(i), label = d.labels().get(i);
      for (ReportPart.Figures f : figureParts()) {
        out.guard(f.name() + " of check " + label, () -> f.drawCheck(c, file, label, out));
      }
    }
    for (ReportPart.Figures f : figureParts()) out.guard(f.name(), () -> f.drawReport(d, out));
    return out;
  }

  private static void build(VerifyOutcome o, Path tmp, Consumer<String> afterStep, boolean withResults)
      throws IOException {
    ReportData data = ReportData.of(o);
    Drawn drawn = draw(data);
    Path plots = Files.createDirectories(tmp.resolve(PLOTS));
    List<ReportPart.Rendered> rendered = new ArrayList<>();
    List<String> skipped = new ArrayList<>(drawn.skipped());
    for (Figure f : drawn.figures()) {
      byte[] png;
      String svg;
      try {
        png = f.png();
        svg = f.svg();
      } catch (RuntimeException e) {
        skipped.add(f.title() + ": not drawn (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        continue;
      }
      put(plots.resolve(f.file() + ".png"), png);
      put(plots.resolve(f.file() + ".svg"), svg.getBytes(StandardCharsets.UTF_8));
      rendered.add(new ReportPart.Rendered(f, png));
    }
    afterStep.accept(PLOTS);
    List<Section> sections = figureParts().stream().map(ReportPart.Figures::section).distinct().toList();
    ReportPart.Report report = new ReportPart.Report(data, sections, rendered, skipped);
    for (ReportPart.Output out : outputs()) {
      put(tmp.resolve(out.file()), out.render(report).getBytes(StandardCharsets.UTF_8));
      afterStep.accept(out.file());
    }
    List<RunRecord> runs = data.runs();
    if (withResults) { // else the stored file is kept as it is
      try {
        writeResults(runs, tmp.resolve(RESULTS));
      } catch (FileSystemException e) {
        throw e;
      } catch (IOException e) {
        throw named(tmp.resolve(RESULTS), e);
      }
    }
    afterStep.accept(RESULTS);
  }

  /** Writes a whole file; a failure names it (a full disk otherwise gives a bare "No space left"). */
  private static void put(Path file, byte[] bytes) throws IOException {
    try {
      Files.write(file, bytes);
    } catch (FileSystemException e) {
      throw e;
    } catch (IOException e) {
      throw named(file, e);
    }
  }

  private static FileSystemException named(Path file, IOException e) {
    FileSystemException f = new FileSystemException(file.toString(), null,
        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    f.initCause(e);
    return f;
  }

  /** Writes runs as JSON lines. */
  static void writeResults(List<RunRecord> runs, Path file) throws IOException {
    ObjectMapper om = ReportJson.mapper(false);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (RunRecord r : runs) {
        w.write(om.writeValueAsString(r));
        w.write('\n');
      }
    }
  }

  private static void install(VerifyOutcome o, Path tmp, Path target) throws IOException {
    if (Files.exists(tmp.resolve(RESULTS)) && !Files.exists(target.resolve(RESULTS)) && o.runs() != null
        && !o.runs().isEmpty()) {
      move(tmp.resolve(RESULTS), target.resolve(RESULTS));
    }
    List<String> replaced = new ArrayList<>(); // old files moved aside into tmp, to put back on failure
    List<String> installed = new ArrayList<>();
    try {
      for (String name : REPORT_FILES) {
        Path src = tmp.resolve(name), dst = target.resolve(name);
        if (Files.exists(dst)) {
          move(dst, tmp.resolve(".old-" + name));
          replaced.add(name);
        }
        move(src, dst);
        installed.add(name);
      }
    } catch (IOException e) {
      for (String name : installed) {
        try {
          Path dst = target.resolve(name);
          if (Files.isDirectory(dst)) deleteQuietly(dst);
          else Files.deleteIfExists(dst);
        } catch (IOException ignored) {
          // the old file is moved back over it below where there is one
        }
      }
      for (String name : replaced) {
        try {
          move(tmp.resolve(".old-" + name), target.resolve(name));
        } catch (IOException ignored) {
          // nothing more can be done; the error below names the folder
        }
      }
      throw e;
    }
  }

  private static void move(Path src, Path dst) throws IOException {
    try {
      Files.move(src, dst, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(src, dst, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteQuietly(Path p) {
    try {
      scalecheck.check.OutputLock.deleteTree(p);
    } catch (IOException ignored) {
      // a leftover temporary folder is harmless; the report itself is in place
    }
  }

}
