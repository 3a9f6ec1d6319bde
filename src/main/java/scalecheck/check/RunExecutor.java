package scalecheck.check;

import scalecheck.sim.RunResult;
import scalecheck.sim.RunSpec;

/**
 * Runs one simulation. The engine ({@link SimulatorExecutor}) is the real one; tests substitute
 * executors with known answers. {@link #run} must be a pure function of its {@link RunSpec} (same
 * spec, same numbers, whatever runs beside it) and must be safe to call from several threads.
 */
public interface RunExecutor {
  /** Runs {@code spec} to its stop rule; numerical trouble is a status, not an exception. */
  RunResult run(RunSpec spec);

  /** Rejects settings the engine cannot run: message {@code dotted.field: what is wrong}. */
  default void validate(RunSpec spec) {}

  /** Estimated peak memory of one run in bytes (weights, activations, Gram matrices). */
  default long estimateBytes(RunSpec spec) {
    return 0;
  }

  /** Threads each run's BLAS calls may use. */
  default void setBlasThreads(int threads) {}

  /** The BLAS in use, in words (for provenance). */
  default String blasInfo() {
    return "none";
  }
}
