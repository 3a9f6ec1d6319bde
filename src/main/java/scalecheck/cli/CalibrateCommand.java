package scalecheck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scalecheck.check.Calibration;

/**
 * {@code scalecheck calibrate}: the simulation study that shows how often the intervals and verdicts
 * are right ({@link Calibration}): coverage of the nominal interval, the rate at which a true law
 * FAILs and a law wrong by 0.25 PASSes, per number of seeds, widths and noise level. Writes a
 * Markdown table; progress (one line per cell) goes to stderr.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
    description = "Measure the coverage of the exponent intervals and the error rates of the verdicts on synthetic "
        + "laws y = n^p (1 + b n^-omega) exp(sigma Z) with known p; writes a Markdown table.")
public final class CalibrateCommand implements Callable<Integer> {
  @Option(names = "--seeds", split = ",", description = "seed counts (default: 3,5,8,16,32)")
  List<Integer> seeds = List.of(3, 5, 8, 16, 32);

  @Option(names = "--widths", split = ",", description = "numbers of widths, n = 64 * 2^k (default: 4,5,6,7,8)")
  List<Integer> widths = List.of(4, 5, 6, 7, 8);

  @Option(names = "--sigma", split = ",", description = "log-normal seed noise levels (default: 0.05,0.15,0.3)")
  List<Double> sigmas = List.of(0.05, 0.15, 0.3);

  @Option(names = "--reps", description = "replicates per cell (default: 1000)")
  int reps = 1000;

  @Option(names = "--p", description = "true exponent (default: -0.5)")
  double p = -0.5;

  @Option(names = "--b", description = "correction amplitude b (default: 2)")
  double b = 2;

  @Option(names = "--omega", description = "correction exponent omega (default: 0.5)")
  double omega = 0.5;

  @Option(names = "--tolerance", description = "tolerance of the verdicts (default: 0.1)")
  double tol = 0.1;

  @Option(names = "--shift", description = "how far the wrong law is from p (default: 0.25)")
  double shift = 0.25;

  @Option(names = "--exclude", description = "probability that a run is excluded (NaN) (default: 0)")
  double exclude = 0;

  @Option(names = "--seed", description = "seed of the study (default: 20261207)")
  long seed = 20261207L;

  @Option(names = "--out", description = "Markdown file to write (default: calibration.md)")
  Path out = Path.of("calibration.md");

  @Override
  public Integer call() {
    String bad = reps < 1 ? "--reps must be >= 1, got " + reps
        : seeds.stream().anyMatch(s -> s < 2) ? "--seeds must each be >= 2, got " + seeds
        : widths.stream().anyMatch(w -> w < 2) ? "--widths must each be >= 2, got " + widths
        : sigmas.stream().anyMatch(s -> !(s >= 0)) ? "--sigma must each be >= 0, got " + sigmas
        : !(tol > 0) ? "--tolerance must be > 0, got " + tol
        : !(omega > 0) ? "--omega must be > 0, got " + omega
        : !(exclude >= 0 && exclude < 1) ? "--exclude must be in [0, 1), got " + exclude
        : null;
    if (bad != null) return Main.badOption("calibrate", bad);
    Calibration.Design d = new Calibration.Design(seeds.stream().mapToInt(Integer::intValue).toArray(),
        widths.stream().mapToInt(Integer::intValue).toArray(), sigmas.stream().mapToDouble(Double::doubleValue).toArray(),
        reps, p, b, omega, tol, 0.95, shift, exclude, seed);
    int total = seeds.size() * widths.size() * sigmas.size();
    int[] done = {0};
    long t0 = System.nanoTime();
    List<Calibration.Cell> cells = Calibration.run(d, c -> {
      done[0]++;
      System.err.printf(Locale.ROOT, "calibrate: cell %d/%d (seeds %d, widths %d, sigma %s): coverage %.3f, %.0f s%n",
          done[0], total, c.seeds(), c.widths(), c.sigma(), c.coverage(), (System.nanoTime() - t0) / 1e9);
    });
    String md = Calibration.markdown(d, cells);
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(out, md, StandardCharsets.UTF_8);
    } catch (IOException e) {
      System.err.println("calibrate: cannot write " + out + ": " + e.getMessage());
      return 4;
    }
    System.out.println("calibration table written to " + out);
    return 0;
  }
}
