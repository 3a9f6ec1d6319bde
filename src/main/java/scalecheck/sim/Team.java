package scalecheck.sim;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of daemon threads for the elementwise passes (activation, masks) over long arrays,
 * so that they scale with the BLAS thread count like the products do. Work is split into
 * contiguous chunks; nothing is reduced, so results do not depend on the split. Allocates nothing
 * per call. Calls from several threads at once are serialised.
 */
final class Team {
  private Team() {}

  /** A pass over [from, to). */
  interface Body {
    void run(int from, int to);
  }

  /** Below this length a pass runs on the calling thread. */
  static final int MIN_LENGTH = 1 << 15;

  private static final int SIZE = Math.max(1, Runtime.getRuntime().availableProcessors());
  private static final Thread[] WORKERS = new Thread[SIZE];
  private static final Object LOCK = new Object();
  private static final AtomicInteger PENDING = new AtomicInteger();
  private static volatile Body body;
  private static volatile int length, parts;
  private static long generation;
  /** ASSIGNED[i]: the last generation handed to worker i (written under LOCK). */
  private static final AtomicLongArray ASSIGNED = new AtomicLongArray(SIZE);
  private static volatile Thread caller;

  static {
    for (int i = 1; i < SIZE; i++) {
      final int id = i;
      Thread t = new Thread(() -> work(id), "scalecheck-team-" + i);
      t.setDaemon(true);
      WORKERS[i] = t;
      t.start();
    }
  }

  private static void work(int id) {
    long seen = 0;
    while (true) {
      while (ASSIGNED.get(id) == seen) LockSupport.park();
      seen = ASSIGNED.get(id);
      // the caller holds LOCK and waits for this chunk, so body, length and parts are stable
      int p = parts, len = length;
      try {
        body.run((int) ((long) len * id / p), (int) ((long) len * (id + 1) / p));
      } catch (Throwable e) {
        // bodies are plain loops over valid ranges; nothing to report, keep the worker alive
      } finally {
        if (PENDING.decrementAndGet() == 0) LockSupport.unpark(caller);
      }
    }
  }

  /** Runs {@code b} over [0, len) in up to {@code threads} chunks. */
  static void run(int len, int threads, Body b) {
    int p = Math.min(Math.min(threads, SIZE), Math.max(1, len / MIN_LENGTH));
    if (p <= 1) {
      b.run(0, len);
      return;
    }
    synchronized (LOCK) {
      body = b;
      length = len;
      parts = p;
      caller = Thread.currentThread();
      PENDING.set(p - 1);
      generation++;
      for (int i = 1; i < p; i++) {
        ASSIGNED.set(i, generation);
        LockSupport.unpark(WORKERS[i]);
      }
      b.run(0, (int) ((long) len / p));
      while (PENDING.get() > 0) LockSupport.park();
      body = null;
    }
  }
}
