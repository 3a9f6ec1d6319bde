package scalecheck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import scalecheck.check.RunRecord;
import scalecheck.check.VerifyOutcome;

/**
 * Writes a verification's report folder: {@code report.json}, {@code runs.csv}, {@code summary.md},
 * {@code index.html}, {@code junit.xml} ({@link JUnitXml}), {@code summary.tex} ({@link SummaryTex})
 * and {@code plots/} (PNG and SVG of every figure).
 *
 * <p>The folder is also the results folder: {@code results.jsonl} there is kept as it is (written from
 * the outcome's runs only when it is absent). Writing never loses the previous report: everything is
 * built in a temporary sibling folder first; only when all of it is written are the files renamed into
 * place, {@code report.json} last. If anything fails before that, the old report is untouched.
 */
public final class ReportWriter {
  /** Files (and the plots folder) that a report consists of; nothing else in the folder is touched. */
  public static final List<String> REPORT_FILES =
      List.of("plots", "runs.csv", "summary.md", "index.html", "junit.xml", "summary.tex", "report.json");

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
      Files.createDirectories(target);
      Path parent = target.getParent() == null ? target : target.getParent();
      tmp = Files.createTempDirectory(parent, "." + target.getFileName() + ".tmp-");
      build(outcome, tmp, afterStep);
      afterStep.accept("install");
      install(outcome, tmp, target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the report in " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) deleteQuietly(tmp);
    }
  }

  private static void build(VerifyOutcome o, Path tmp, Consumer<String> afterStep) throws IOException {
    Plots.Result pr = Plots.build(o);
    Path plots = Files.createDirectories(tmp.resolve("plots"));
    List<Html.Rendered> rendered = new ArrayList<>();
    List<ReportJson.PlotEntry> entries = new ArrayList<>();
    List<String> skipped = new ArrayList<>(pr.skipped());
    for (Figure f : pr.figures()) {
      byte[] png;
      String svg;
      try {
        png = f.png();
        svg = f.svg();
      } catch (RuntimeException e) {
        skipped.add(f.title() + ": not drawn (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        continue;
      }
      Files.write(plots.resolve(f.file() + ".png"), png);
      Files.writeString(plots.resolve(f.file() + ".svg"), svg, StandardCharsets.UTF_8);
      rendered.add(new Html.Rendered(f, png));
      entries.add(new ReportJson.PlotEntry(f.section(), "plots/" + f.file() + ".png",
          "plots/" + f.file() + ".svg", f.title(), f.caption()));
    }
    afterStep.accept("plots");
    List<RunRecord> runs = o.runs() == null ? List.of() : o.runs();
    Files.writeString(tmp.resolve("runs.csv"), RunsCsv.render(runs), StandardCharsets.UTF_8);
    afterStep.accept("runs.csv");
    Files.writeString(tmp.resolve("summary.md"), SummaryMd.render(o, skipped), StandardCharsets.UTF_8);
    afterStep.accept("summary.md");
    Files.writeString(tmp.resolve("index.html"), Html.render(o, rendered, skipped), StandardCharsets.UTF_8);
    afterStep.accept("index.html");
    Files.writeString(tmp.resolve("junit.xml"), JUnitXml.render(o), StandardCharsets.UTF_8);
    afterStep.accept("junit.xml");
    Files.writeString(tmp.resolve("summary.tex"), SummaryTex.render(o), StandardCharsets.UTF_8);
    afterStep.accept("summary.tex");
    ObjectMapper om = ReportJson.mapper(true);
    Files.write(tmp.resolve("report.json"), om.writeValueAsBytes(ReportJson.document(o, entries, skipped)));
    afterStep.accept("report.json");
    writeResults(runs, tmp.resolve(RESULTS));
    afterStep.accept(RESULTS);
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
    if (!Files.exists(target.resolve(RESULTS)) && o.runs() != null && !o.runs().isEmpty()) {
      move(tmp.resolve(RESULTS), target.resolve(RESULTS));
    }
    for (String name : REPORT_FILES) {
      Path src = tmp.resolve(name), dst = target.resolve(name);
      if (Files.isDirectory(src)) {
        Path old = null;
        if (Files.exists(dst)) {
          old = tmp.resolve(".old-" + name);
          move(dst, old);
        }
        move(src, dst);
      } else {
        move(src, dst);
      }
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
      if (!Files.exists(p)) return;
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
    } catch (IOException ignored) {
      // a leftover temporary folder is harmless; the report itself is in place
    }
  }
}
