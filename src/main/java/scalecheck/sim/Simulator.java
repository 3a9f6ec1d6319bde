package scalecheck.sim;

/**
 * Runs one simulation. Probe names and norms: see the engine issue; implementation pending.
 */
public final class Simulator {
  private Simulator() {}

  /** Runs {@code spec} to its stop rule; never throws for numerical trouble (status DIVERGED instead). */
  public static RunResult run(RunSpec spec) {
    throw new UnsupportedOperationException("engine not built yet");
  }
}
