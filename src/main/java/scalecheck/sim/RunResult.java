package scalecheck.sim;

import java.util.Map;

/**
 * The outcome of one run: status with the reason in words (for DIVERGED, the step it happened at),
 * the scalar probes by name (see {@link Simulator} for the names and their norms), and optional series
 * (loss curve, test outputs, 2D student trajectories) when asked for.
 */
public record RunResult(
    RunStatus status,
    String reason,
    long steps,
    double time,
    double wallSeconds,
    Map<String, Double> probes,
    Map<String, double[]> series) {}
