package scalecheck.check;

import scalecheck.sim.RunResult;
import scalecheck.sim.RunSpec;
import scalecheck.sim.Simulator;

/** The real engine behind {@link RunExecutor}: each method is {@link Simulator}'s of the same name. */
public final class SimulatorExecutor implements RunExecutor {
  @Override public RunResult run(RunSpec spec) { return Simulator.run(spec); }
  @Override public void validate(RunSpec spec) { Simulator.validate(spec); }
  @Override public long estimateBytes(RunSpec spec) { return Simulator.estimateBytes(spec); }
  @Override public void setBlasThreads(int threads) { Simulator.setBlasThreads(threads); }
  @Override public String blasInfo() { return Simulator.blasInfo(); }
}
