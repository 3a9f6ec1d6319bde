package scalecheck.sim;

/**
 * Everything one simulation needs. {@code seed} draws the initial weights (and SGD batches);
 * {@code dataSeed} draws the data and the teacher, so runs that differ only in {@code seed} see the
 * same data (needed for spread over initialisations).
 */
public record RunSpec(ModelSpec model, DataSpec data, DynamicsSpec dynamics, long seed, long dataSeed) {
  public RunSpec withModel(ModelSpec v) { return new RunSpec(v, data, dynamics, seed, dataSeed); }
  public RunSpec withData(DataSpec v) { return new RunSpec(model, v, dynamics, seed, dataSeed); }
  public RunSpec withDynamics(DynamicsSpec v) { return new RunSpec(model, data, v, seed, dataSeed); }
  public RunSpec withSeed(long v) { return new RunSpec(model, data, dynamics, v, dataSeed); }
  public RunSpec withDataSeed(long v) { return new RunSpec(model, data, dynamics, seed, v); }
}
