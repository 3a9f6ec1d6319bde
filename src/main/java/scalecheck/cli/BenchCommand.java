package scalecheck.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scalecheck.sim.Bench;
import scalecheck.sim.Simulator;

/**
 * {@code scalecheck bench}: speed of the engine on L = 3, d = 10, P = 1000. Prints, per width, the
 * median ms per gradient-flow step (forward + backward over the training set), the GFLOP/s it
 * achieves and its share of raw dgemm (1024^3 on the same threads), the GFLOP/s of the step's own GEMM
 * calls replayed alone (OpenBLAS's speed on those shapes: the ceiling of any step made of those
 * products) with their share of raw dgemm, the share of the step's time those calls take, and the
 * time to build the exact NTK Gram.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure engine speed against raw dgemm (L = 3, d = 10, P = 1000).")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--threads", paramLabel = "T", description = "OpenBLAS threads (default: as configured)")
  Integer threads;

  @Option(names = "--widths", paramLabel = "N", split = ",", description = "widths n (default: 128,256,512,1024)")
  List<Integer> widths = List.of(128, 256, 512, 1024);

  @Option(names = "--repeats", paramLabel = "R", description = "repeats; medians are printed (default: ${DEFAULT-VALUE})")
  int repeats = 5;

  @Option(names = "--steps", paramLabel = "S", description = "steps timed per repeat (default: ${DEFAULT-VALUE})")
  int steps = 5;

  @Option(names = "--train", paramLabel = "P", description = "training points P (default: ${DEFAULT-VALUE})")
  int train = 1000;

  @Option(names = "--activation", paramLabel = "NAME",
      description = "relu | softplus | tanh | identity, normalised (default: ${DEFAULT-VALUE})")
  String activation = "softplus";

  @Option(names = "--dump", paramLabel = "DIR", description = "write the problem at the first width to DIR for an independent check")
  Path dump;

  @Option(names = "--corename", description = "print the OpenBLAS kernel set in use (e.g. Haswell) and exit")
  boolean corename;

  @Override
  public Integer call() {
    if (corename) {
      System.out.println(Bench.blasCore());
      return 0;
    }
    String bad = repeats < 1 ? "--repeats must be >= 1, got " + repeats
        : steps < 1 ? "--steps must be >= 1, got " + steps
        : train < 1 ? "--train must be >= 1, got " + train
        : widths.stream().anyMatch(w -> w < 1) ? "--widths must each be >= 1, got " + widths
        : !Set.of("relu", "softplus", "tanh", "identity").contains(activation)
            ? "--activation must be relu, softplus, tanh or identity, got '" + activation + "'"
        : threads != null && threads < 1 ? "--threads must be >= 1, got " + threads
        : null;
    if (bad != null) return Main.badOption("bench", bad);
    if (threads != null) Simulator.setBlasThreads(threads);
    if (dump != null) {
      System.out.println(Bench.dump(dump, widths.get(0), train, steps));
      return 0;
    }
    System.out.println(Simulator.blasInfo() + ", kernels " + Bench.blasCore() + "; L = 3, d = 10, P = " + train + ", " + activation
        + ", medians of " + repeats + "; raw dgemm: 1024^3, best of 5 just before each width");
    System.out.println("     n   ms/step  step GFLOP/s  raw dgemm  % of raw  its GEMMs alone GFLOP/s  % of raw  GEMM share  NTK Gram s");
    for (int n : widths) {
      double raw = Bench.rawDgemmGflops(1024, 5);
      Bench.Figures f = Bench.measure(n, train, repeats, steps, activation);
      System.out.println(String.format(Locale.ROOT, "%6d %9.3f %13.1f %10.1f %8.0f%% %24.1f %8.0f%% %10.0f%% %11.4f",
          n, f.msPerStep(), f.stepGflops(), raw, 100 * f.stepGflops() / raw, f.gemmsGflops(), 100 * f.gemmsGflops() / raw,
          100 * f.gemmsShare(), f.ntkSeconds()));
    }
    return 0;
  }
}
