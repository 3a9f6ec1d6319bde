package scalecheck.check;

import java.util.Map;

/**
 * What is needed to trust and rerun a verification: versions, threads, seeds, time and the exact
 * input files (SHA-256 of each check and theory file used).
 */
public record Provenance(
    String scalecheckVersion,
    String gitCommit,
    String javaVersion,
    String blas,
    int threads,
    int blasThreads,
    long seed,
    boolean fast,
    String startedAt,
    double wallSeconds,
    String command,
    Map<String, String> files) {}
