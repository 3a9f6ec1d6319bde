package scalecheck.check;

import java.io.PrintStream;

/**
 * Runs done, total and an estimate of time left, on stderr. Drawn as a bar only when stderr is a
 * terminal ({@code System.console() != null}); otherwise silent here (the caller prints at most a
 * line per check).
 */
public final class Progress {
  private final PrintStream err;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private int total;
  private int done;
  private int skipped;
  private long lastDraw;

  public Progress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** No output at all (tests, library use). */
  public static Progress quiet() {
    return new Progress(null, false);
  }

  public synchronized void addTotal(int runs) {
    total += runs;
    draw(false);
  }

  /** A run found in results.jsonl from an earlier attempt. */
  public synchronized void skipped(int runs) {
    skipped += runs;
    done += runs;
    draw(false);
  }

  public synchronized void tick() {
    done++;
    draw(false);
  }

  public synchronized int done() {
    return done;
  }

  public synchronized void finish() {
    draw(true);
    if (terminal && err != null) err.println();
  }

  private void draw(boolean force) {
    if (!terminal || err == null) return;
    long now = System.nanoTime();
    if (!force && now - lastDraw < 200_000_000L) return;
    lastDraw = now;
    int width = 30;
    int filled = total == 0 ? 0 : (int) Math.round(width * (double) done / total);
    StringBuilder bar = new StringBuilder("\r[");
    for (int i = 0; i < width; i++) bar.append(i < filled ? '#' : '.');
    bar.append("] ").append(done).append('/').append(total).append(" runs");
    int ran = done - skipped;
    if (ran > 0 && done < total) {
      double perRun = (now - startNanos) / 1e9 / ran;
      bar.append(", about ").append(formatSeconds(perRun * (total - done))).append(" left");
    }
    bar.append("   ");
    err.print(bar);
    err.flush();
  }

  static String formatSeconds(double s) {
    if (s < 60) return Math.round(s) + " s";
    if (s < 3600) return (long) (s / 60) + " min " + Math.round(s % 60) + " s";
    return (long) (s / 3600) + " h " + Math.round((s % 3600) / 60) + " min";
  }
}
