package scalecheck.check;

import java.util.Map;

/**
 * One finished simulation, as stored in one line of {@code results.jsonl}.
 *
 * @param check id of the check that asked for it
 * @param key stable identity of the run (hash of its full RunSpec); equal keys are the same run
 * @param params the swept symbols and seed of this run (e.g. n, alpha, kappa, g, seed), for tables
 * @param status OK | DIVERGED | LIMIT
 * @param probes scalar probes by name
 * @param series kept series (empty unless asked for)
 */
public record RunRecord(
    String check,
    String key,
    Map<String, Double> params,
    String status,
    String reason,
    long steps,
    double time,
    double wallSeconds,
    Map<String, Double> probes,
    Map<String, double[]> series) {}
