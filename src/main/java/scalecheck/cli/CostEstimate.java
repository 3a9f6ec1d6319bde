package scalecheck.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import scalecheck.check.CheckParser;
import scalecheck.check.CheckSpec;
import scalecheck.check.LawSource;
import scalecheck.check.Planner;
import scalecheck.sim.RunSpec;
import scalecheck.sim.data.Datasets;

/**
 * The dry-run estimate {@code scalecheck slurm} prints: runs and core-hours per check, from a FLOP
 * model of the engine (no simulation is run).
 *
 * <p>FLOP model of one run of a fully connected net with W = n d + (L - 1) n^2 + n weights, P training
 * and T test points:
 * <ul>
 *   <li>steps S = min(maxSteps, maxTime / lr) for gd and momentum run to a time; for the adaptive
 *       flow, or a stop rule that ends the run early, S = min(maxSteps, {@value #ADAPTIVE_STEPS}) (a
 *       guess: those step counts depend on the data);</li>
 *   <li>each step: forward and backward pass on the training set, 6 P W (2 per weight and point
 *       forward, 4 backward), twice with a linearised twin;</li>
 *   <li>with {@code ntk}: the exact Gram at the start, at every checkpoint and at the end,
 *       (checkpoints + 2) (6 P W + 2 P^2 W) (per-sample gradients, then their inner products);</li>
 *   <li>the test set once at the start and the end: 4 T W.</li>
 * </ul>
 * Core-seconds = FLOPs / rate, rate = {@code gflops} x 1e9 per core (default 5; {@code scalecheck
 * bench} measures the machine's). An alpha* check counts seeds x iterations runs per width. The
 * "not shared" column counts only runs no earlier check asks for (the total counts each run once).
 */
final class CostEstimate {
  static final long ADAPTIVE_STEPS = 5000;

  private CostEstimate() {}

  /** One check's estimate. */
  record Row(String id, long runs, long maxSteps, double flops, long newRuns, double newFlops) {
    double coreHours(double gflops) {
      return flops / (gflops * 1e9) / 3600;
    }

    double newCoreHours(double gflops) {
      return newFlops / (gflops * 1e9) / 3600;
    }
  }

  static List<Row> estimate(List<Path> files, LawSource laws, boolean fast, long seed) {
    CheckParser parser = new CheckParser(laws);
    List<Row> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Path f : files) {
      CheckSpec c = parser.parse(f, fast);
      List<RunSpec> specs = new ArrayList<>();
      long multiplicity = 1;
      if (c.bisect() != null) {
        specs.addAll(Planner.validationSpecs(c, seed).stream().filter(s -> s.model().alpha() == c.bisect().hi()).toList());
        multiplicity = (long) c.seeds() * c.bisect().iterations();
      } else {
        for (Planner.PlannedRun r : Planner.plan(c, seed)) specs.add(r.spec());
      }
      double flops = 0;
      double newFlops = 0;
      long newRuns = 0;
      long maxSteps = 0;
      for (RunSpec s : specs) {
        long steps = steps(s);
        maxSteps = Math.max(maxSteps, steps);
        double f1 = multiplicity * flops(s, steps);
        flops += f1;
        // runs another check already asks for run once (alpha* bisection points are never shared)
        if (c.bisect() != null || seen.add(scalecheck.check.RunKey.of(s))) {
          newFlops += f1;
          newRuns += multiplicity;
        }
      }
      out.add(new Row(c.id(), specs.size() * multiplicity, maxSteps, flops, newRuns, newFlops));
    }
    return out;
  }

  static long steps(RunSpec s) {
    var y = s.dynamics();
    boolean fixed = y.kind().equals("gd") || y.kind().equals("momentum") || y.kind().equals("sgd");
    if (fixed && y.stop().equals("time")) return Math.min(y.maxSteps(), (long) Math.ceil(y.maxTime() / y.lr()));
    return Math.min(y.maxSteps(), ADAPTIVE_STEPS);
  }

  static double flops(RunSpec s, long steps) {
    var m = s.model();
    var d = s.data();
    int dim = Datasets.inputDim(d);
    double n = m.width();
    double w = n * dim + (m.depth() - 1) * n * n + n;
    double p = d.train();
    double perStep = 6 * p * w * (s.dynamics().linearised() ? 2 : 1);
    double gram = s.dynamics().ntk() ? (s.dynamics().checkpoints() + 2) * (6 * p * w + 2 * p * p * w) : 0;
    return steps * perStep + gram + 4.0 * d.test() * w;
  }

  static String table(List<Row> rows, double gflops, int shards, int cpus) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-28s %8s %10s %12s %12s%n", "check", "runs", "steps/run", "core-hours",
        "not shared"));
    double total = 0;
    long runs = 0;
    for (Row r : rows) {
      b.append(String.format(Locale.ROOT, "%-28s %8d %10d %12.1f %12.1f%n", r.id(), r.runs(), r.maxSteps(),
          r.coreHours(gflops), r.newCoreHours(gflops)));
      total += r.newCoreHours(gflops);
      runs += r.newRuns();
    }
    b.append(String.format(Locale.ROOT, "%-28s %8d %10s %12s %12.1f%n", "total (each run once)", runs, "", "", total));
    b.append(String.format(Locale.ROOT, "estimate: %.1f GFLOP/s per core (--gflops); %d shards x %d CPUs: about %.2f h"
        + " of wall time per task if the runs spread evenly%n", gflops, shards, cpus, total / Math.max(1, shards * cpus)));
    return b.toString();
  }
}
