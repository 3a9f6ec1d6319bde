package scalecheck.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import scalecheck.check.CheckSpec.SweepValue;
import scalecheck.check.Planner.PlannedRun;
import scalecheck.sim.RunResult;

/**
 * Runs planned simulations in-process, {@code threads} at a time (each run single-threaded in BLAS,
 * so T concurrent runs keep T cores busy without oversubscription), streaming each finished run to
 * the {@link ResultStore}. Runs already in the store are skipped, and a run planned twice (same key,
 * e.g. by two checks) runs once. A run's numbers depend only on its spec, never on what runs beside
 * it. An exception from the engine (a crash, not a numerical failure) stops the sweep and is
 * rethrown; the runs already stored stay, so rerunning the command resumes.
 */
public final class Runner {
  private final RunExecutor executor;
  private final ResultStore store;
  private final int threads;
  private final Progress progress;

  public Runner(RunExecutor executor, ResultStore store, int threads, Progress progress) {
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    this.executor = executor;
    this.store = store;
    this.threads = threads;
    this.progress = progress;
  }

  public int threads() {
    return threads;
  }

  public Progress progress() {
    return progress;
  }

  /** Ensures every planned run is in the store; returns the record of each key. */
  public Map<String, RunRecord> runAll(List<PlannedRun> runs) {
    Map<String, PlannedRun> unique = new LinkedHashMap<>();
    for (PlannedRun r : runs) unique.putIfAbsent(r.key(), r);
    List<PlannedRun> todo = new ArrayList<>();
    int skipped = 0;
    for (PlannedRun r : unique.values()) {
      if (store.has(r.key())) skipped++;
      else todo.add(r);
    }
    progress.skipped(skipped);
    if (!todo.isEmpty()) {
      if (threads == 1 || todo.size() == 1) {
        for (PlannedRun r : todo) execute(r);
      } else {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, todo.size()), daemonFactory());
        try {
          List<Future<?>> futures = new ArrayList<>();
          for (PlannedRun r : todo) futures.add(pool.submit(() -> execute(r)));
          for (Future<?> f : futures) {
            try {
              f.get();
            } catch (ExecutionException e) {
              pool.shutdownNow();
              Throwable c = e.getCause();
              if (c instanceof RuntimeException re) throw re;
              if (c instanceof Error err) throw err;
              throw new IllegalStateException(c);
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        } finally {
          pool.shutdownNow();
        }
      }
    }
    Map<String, RunRecord> out = new LinkedHashMap<>();
    for (PlannedRun r : unique.values()) out.put(r.key(), store.get(r.key()));
    return out;
  }

  private void execute(PlannedRun r) {
    RunResult res = executor.run(r.spec());
    store.append(toRecord(r, res));
    progress.tick();
  }

  private static java.util.concurrent.ThreadFactory daemonFactory() {
    return runnable -> {
      Thread t = new Thread(runnable, "scalecheck-run");
      t.setDaemon(true);
      return t;
    };
  }

  /** The stored form of a finished run. */
  public static RunRecord toRecord(PlannedRun r, RunResult res) {
    Map<String, Double> params = new LinkedHashMap<>();
    for (Map.Entry<String, SweepValue> e : r.point().entrySet()) params.put(e.getKey(), e.getValue().value());
    params.put("seed", (double) r.seedIndex());
    RunResult stored = res.probes() != null && res.series() != null ? res
        : new RunResult(res.status(), res.reason(), res.steps(), res.time(), res.wallSeconds(),
            res.probes() == null ? Map.of() : res.probes(), res.series() == null ? Map.of() : res.series());
    return new RunRecord(r.check(), r.key(), params, r.spec(), stored);
  }
}
