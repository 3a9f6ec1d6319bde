package scalecheck.check;

import scalecheck.sim.RunResult;
import scalecheck.sim.RunSpec;
import scalecheck.sim.Simulator;

/** The real engine behind {@link RunExecutor}: {@link Simulator}. */
public final class SimulatorExecutor implements RunExecutor {
  @Override
  public RunResult run(RunSpec spec) {
    return Simulator.run(spec);
  }
}
