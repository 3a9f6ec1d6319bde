package scalecheck.cli;

import picocli.CommandLine.ParameterException;
import scalecheck.cluster.Shard;
import scalecheck.cluster.ShardManifest;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import scalecheck.check.CheckResult;
import scalecheck.check.LawSource;
import scalecheck.check.Progress;
import scalecheck.check.Provenance;
import scalecheck.check.ResultStore;
import scalecheck.check.RunExecutor;
import scalecheck.check.Runner;
import scalecheck.check.Sha256;
import scalecheck.check.SimulatorExecutor;
import scalecheck.check.TheoryLawSource;
import scalecheck.check.Verifier;
import scalecheck.check.VerifyOutcome;
import scalecheck.report.JUnitXml;
import scalecheck.report.ReportWriter;
import scalecheck.sim.Simulator;
import scalecheck.spec.SpecException;

/**
 * {@code scalecheck verify PATH... [--fast] [--out DIR] [--seed S] [--threads T] [--theory DIR]}:
 * runs every check (a PATH is a check file, or a folder whose {@code *.yaml} files directly inside are
 * checks), streams each run to {@code DIR/results.jsonl} (a rerun skips finished runs), and writes
 * {@code DIR/report.json}. Exit 0 every check PASSes, 1 a check FAILs (a negative control counts as
 * failing when it PASSes; a FAIL outside the law's machine-readable assumptions, marked in the
 * verdict and report, is an expected disagreement and counts as 3, not 1), 2 bad input (every bad check named with {@code file:line}; the valid checks
 * still run and report), 3 no FAIL but some INCONCLUSIVE, 4 no verdict (the engine crashed, or a file could not be read or
 * written).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Runs checks (sweeps), fits exponents and says PASS / FAIL / INCONCLUSIVE per law.",
    footer = {"%nRuns stream to OUT/results.jsonl; the same command again skips finished runs.",
      "The report (report.json, runs.csv, summary.md, index.html, junit.xml, summary.tex, plots/) goes to OUT.",
      "When no check is valid, nothing is written.",
      "One process writes OUT at a time: it holds OUT/scalecheck.lock (an operating-system lock, released "
          + "however the process ends, so the file left by a killed process never blocks). A second verify, "
          + "report or merge on OUT stops at once with exit 4 naming the holder, or waits for it with --wait."})
public final class VerifyCommand implements Callable<Integer> {
  /** Exit code when the engine crashed: not a verdict. */
  public static final int EXIT_CRASH = Main.EXIT_CRASH;

  /** Test seams: how laws and the engine are obtained. */
  static Function<List<Path>, LawSource> lawLoader = TheoryLawSource::load;
  static Supplier<RunExecutor> executorFactory = SimulatorExecutor::new;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "check files or folders of them")
  List<Path> paths;

  @Option(names = "--fast", description = "use each check's fast sweep (for CI)")
  boolean fast;

  @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: ${DEFAULT-VALUE})")
  Path out = Path.of("out");

  @Option(names = "--seed", paramLabel = "S", description = "verification seed (default: ${DEFAULT-VALUE})")
  long seed = 1;

  @Option(names = "--threads", paramLabel = "T",
      description = "concurrent runs, each with one BLAS thread (default: the number of cores)")
  Integer threads;

  @Option(names = "--theory", paramLabel = "DIR",
      description = "folder of theory files (default: the nearest theory/ above the checks, else ./theory)")
  Path theory;

  @Option(names = "--shard", paramLabel = "I/N", description = "run only shard I of N (1-based) and judge nothing")
  String shardText;

  @Option(names = "--junit", paramLabel = "FILE",
      description = "also write the verdicts as JUnit XML to FILE (OUT/junit.xml is always written)")
  Path junit;

  @Mixin FolderLock.Wait folder;

  @Override
  public Integer call() {
    Simulator.warmUpKernels();
    Shard shard;
    try {
      shard = shardText == null ? Shard.ALL : Shard.parse(shardText);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    long t0 = System.nanoTime();
    String startedAt = Instant.now().toString();
    int nThreads = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (nThreads < 1) throw new SpecException("--threads", 0, null, "must be >= 1, got " + nThreads);
    PrintStream err = System.err;
    List<Path> files = checkFiles(paths);
    Path theoryDir = theory != null ? theory : findTheory(paths.get(0));
    List<Path> theoryFiles = yamlIn(theoryDir, "--theory");
    LawSource laws = lawLoader.apply(theoryFiles);
    RunExecutor executor = executorFactory.get();
    executor.setBlasThreads(1);
    Verifier verifier = new Verifier(laws, executor).withShard(shard);
    Map<String, String> inputs = new LinkedHashMap<>();
    for (Path f : files) inputs.put(f.toString(), sha256(f));
    for (Path f : theoryFiles) inputs.put(f.toString(), sha256(f));
    Verifier.Options opt = new Verifier.Options(fast, seed, nThreads, Runtime.getRuntime().maxMemory());
    Verifier.Prepared prepared = verifier.prepare(files, opt);
    for (String w : prepared.warnings()) err.println(w);
    for (String e : prepared.errors()) err.println(e);
    if (prepared.checks().isEmpty() && !prepared.errors().isEmpty()) {
      err.println("verify: no valid check; nothing written to " + out);
      return Main.EXIT_BAD_INPUT;
    }
    // provenance of data files (fashion-mnist): path and SHA-256 of every file a check reads
    for (scalecheck.check.CheckSpec c : prepared.checks()) {
      if (c.base() != null && scalecheck.sim.data.Datasets.FASHION.equals(c.base().data().kind())) {
        for (Path f : scalecheck.sim.data.FashionMnist.files(c.base().data())) {
          inputs.computeIfAbsent("data " + f, k -> sha256(f));
        }
      }
    }
    for (var c : prepared.checks()) {
      if (c.measurements() != null) inputs.put(c.measurements().file(), sha256(Path.of(c.measurements().file())));
    }
    // everything from here reads or writes OUT: one process at a time
    return folder.run(out, () -> verify(shard, t0, startedAt, nThreads, executor, verifier, inputs,
        opt, prepared));
  }

  /** The part of the command that reads and writes OUT, holding its lock. */
  private int verify(Shard shard, long t0, String startedAt, int nThreads, RunExecutor executor, Verifier verifier,
      Map<String, String> inputs, Verifier.Options opt, Verifier.Prepared prepared) {
    PrintStream err = System.err;
    ShardManifest manifest = ShardManifest.of(shard, Main.version(), seed, fast, inputs);
    if (!shard.isAll()) ShardManifest.checkResume(out, manifest); // a shard folder holds one shard of one sweep
    manifest.write(out);
    Verifier.Result result;
    try (ResultStore store = ResultStore.open(out.resolve("results.jsonl"))) {
      if (store.dropped() > 0) {
        err.println("results.jsonl: dropped " + store.dropped() + " truncated, unreadable or duplicate line(s); runs missing from it are redone");
      }
      Runner runner = new Runner(executor, store, nThreads, new Progress(System.err, System.console() != null));
      try {
        result = verifier.run(prepared, opt, runner);
      } catch (SpecException e) {
        throw e;
      } catch (UncheckedIOException e) {
        err.println("verify: " + FolderLock.message(e) + "; no verdict (exit " + EXIT_CRASH + ")");
        err.println("finished runs are kept in " + store.file() + "; rerun the same command to resume"
            + " (after freeing space, or making the folder writable)");
        return EXIT_CRASH;
      } catch (RuntimeException e) {
        err.println("verify: the engine failed, no verdict: " + e);
        err.println("finished runs are kept in " + store.file() + "; rerun the same command to resume");
        return EXIT_CRASH;
      }
    }
    if (!shard.isAll()) {
      System.out.printf(Locale.ROOT, "shard %s: %d runs in %s; merge the shards, then verify the merged folder%n",
          shard, result.runs().size(), out.resolve("results.jsonl"));
      return 0;
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    Provenance prov = new Provenance(Main.version(), gitCommit(), System.getProperty("java.version"),
        executor.blasInfo(), nThreads, 1, seed, fast, startedAt, wall, commandLine(), inputs);
    VerifyOutcome outcome = new VerifyOutcome(result.checks(), result.runs(), prov);
    try {
      ReportWriter.write(outcome, out);
      if (junit != null) JUnitXml.write(outcome, junit);
    } catch (UncheckedIOException e) {
      err.println("verify: " + FolderLock.message(e) + "; no verdict (exit " + EXIT_CRASH + ")");
      err.println("every run is stored in " + out.resolve("results.jsonl")
          + "; rerun the same command (or scalecheck report " + out + ") to write the report");
      return EXIT_CRASH;
    }
    PrintStream stdout = System.out;
    for (CheckResult r : result.checks()) stdout.println(line(r));
    stdout.printf(Locale.ROOT, "%d checks, %d runs, %.1f s; report in %s%n", result.checks().size(),
        result.runs().size(), wall, out.resolve("report.json"));
    return Verifier.exitCode(result.checks(), !result.badInput().isEmpty());
  }

  /** One line per result on stdout. */
  static String line(CheckResult r) {
    if (r.verdict() == scalecheck.check.Verdict.REFUSED) {
      // no verdict: the error the check was refused for, not an empty fit
      return String.format(Locale.ROOT, "%-12s %-28s %s", r.verdict(), r.id(), r.reason());
    }
    String fitted = r.fitted() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.fitted());
    String ci = r.ciLow() == null || r.ciHigh() == null ? ""
        : String.format(Locale.ROOT, " [%.3f, %.3f]", r.ciLow(), r.ciHigh());
    return String.format(Locale.ROOT, "%-12s %-28s %-6s predicted %-6s fitted %s%s%s", r.verdict(), r.id(),
        r.vary() == null ? "" : r.vary(), r.predicted() == null ? "-" : r.predicted(), fitted, ci,
        r.negativeControl() ? "  (negative control)" : "");
  }

  private String commandLine() {
    List<String> parts = new ArrayList<>(List.of("scalecheck", "verify"));
    for (Path p : paths) parts.add(p.toString());
    if (fast) parts.add("--fast");
    parts.add("--out");
    parts.add(out.toString());
    parts.add("--seed");
    parts.add(Long.toString(seed));
    if (threads != null) parts.add("--threads=" + threads);
    if (theory != null) parts.add("--theory=" + theory);
    if (junit != null) parts.add("--junit=" + junit);
    return String.join(" ", parts);
  }

  /** Check files named by the PATH arguments (a folder: its *.yaml / *.yml files, not recursive). */
  static List<Path> checkFiles(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        List<Path> in = yamlIn(p, "PATH");
        if (in.isEmpty()) throw new SpecException(p.toString(), 0, null, "no check files (*.yaml) in this folder");
        files.addAll(in);
      } else if (Files.isRegularFile(p)) {
        files.add(p);
      } else {
        throw new SpecException(p.toString(), 0, null, "no such file or folder");
      }
    }
    return files;
  }

  static List<Path> yamlIn(Path dir, String what) {
    if (!Files.isDirectory(dir)) throw new SpecException(dir.toString(), 0, what, "no such folder");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().matches(".*\\.ya?ml$"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The nearest {@code theory/} folder in the given path's folder or above it, else the one of the
   * scalecheck installation (beside the folder of its jar, so that checks kept in another project find
   * the shipped laws), else ./theory.
   */
  static Path findTheory(Path first) {
    Path dir = Files.isDirectory(first) ? first.toAbsolutePath() : first.toAbsolutePath().getParent();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path t = d.resolve("theory");
      if (Files.isDirectory(t)) return t;
    }
    try {
      var src = VerifyCommand.class.getProtectionDomain().getCodeSource();
      if (src != null) {
        Path home = Path.of(src.getLocation().toURI()).getParent();
        for (Path d = home; d != null && d.getNameCount() > 0; d = d.getParent()) {
          Path t = d.resolve("theory");
          if (Files.isDirectory(t)) return t;
          if (Files.exists(d.resolve("pom.xml"))) break; // the installation's root
        }
      }
    } catch (java.net.URISyntaxException | RuntimeException e) {
      // no installation folder to look in: fall through
    }
    return Path.of("theory");
  }

  static String sha256(Path f) {
    try {
      return Sha256.ofFile(f);
    } catch (IOException e) {
      return "unreadable: " + e.getMessage();
    }
  }

  static String gitCommit() {
    try {
      Process p = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.exitValue() == 0 && s.matches("[0-9a-f]{40}") ? s : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
