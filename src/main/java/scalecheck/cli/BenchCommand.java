package scalecheck.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import scalecheck.sim.Bench;
import scalecheck.sim.Simulator;

/**
 * {@code scalecheck bench}: speed of the engine on L = 3, d = 10, P = 1000. Prints, per width, the
 * median ms per gradient-flow step (forward + backward over the training set), the GFLOP/s it
 * achieves, the raw OpenBLAS dgemm GFLOP/s at the size of the hidden products on the same threads,
 * their ratio, and the time to build the exact NTK Gram.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measure engine speed against raw dgemm (L = 3, d = 10, P = 1000).")
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--threads", description = "OpenBLAS threads (default: as configured)")
  Integer threads;

  @Option(names = "--widths", split = ",", description = "widths n (default: 128,256,512,1024)")
  List<Integer> widths = List.of(128, 256, 512, 1024);

  @Option(names = "--repeats", description = "repeats; medians are printed (default: 5)")
  int repeats = 5;

  @Option(names = "--steps", description = "steps timed per repeat (default: 5)")
  int steps = 5;

  @Option(names = "--train", description = "training points P (default: 1000)")
  int train = 1000;

  @Option(names = "--activation", description = "relu | softplus | tanh | identity, normalised (default: softplus)")
  String activation = "softplus";

  @Option(names = "--dump", description = "write the problem at the first width to DIR for an independent check")
  Path dump;

  @Option(names = "--corename", description = "print the OpenBLAS kernel set in use (e.g. Haswell) and exit")
  boolean corename;

  @Override
  public Integer call() {
    if (corename) {
      System.out.println(Bench.blasCore());
      return 0;
    }
    if (repeats < 1 || steps < 1 || train < 1 || widths.stream().anyMatch(w -> w < 1)) {
      System.err.println("bench: --repeats, --steps, --train and --widths must be >= 1");
      return 2;
    }
    if (!java.util.Set.of("relu", "softplus", "tanh", "identity").contains(activation)) {
      System.err.println("bench: --activation must be relu, softplus, tanh or identity");
      return 2;
    }
    if (threads != null) {
      if (threads < 1) {
        System.err.println("bench: --threads must be >= 1");
        return 2;
      }
      Simulator.setBlasThreads(threads);
    }
    if (dump != null) {
      System.out.println(Bench.dump(dump, widths.get(0), train, steps));
      return 0;
    }
    System.out.println(Simulator.blasInfo() + ", kernels " + Bench.blasCore() + "; L = 3, d = 10, P = " + train + ", " + activation
        + ", medians of " + repeats);
    System.out.println("     n   ms/step  step GFLOP/s  dgemm GFLOP/s  ratio   NTK Gram s");
    for (int n : widths) {
      Bench.Figures f = Bench.measure(n, train, repeats, steps, activation);
      System.out.println(String.format(Locale.ROOT, "%6d %9.2f %13.1f %14.1f %6.2f %12.4f",
          n, f.msPerStep(), f.stepGflops(), f.dgemmGflops(), f.stepGflops() / f.dgemmGflops(), f.ntkSeconds()));
    }
    return 0;
  }
}
