package scalecheck.cluster;

import java.nio.charset.StandardCharsets;
import scalecheck.check.Sha256;
import scalecheck.check.SweepPart;

/**
 * One slice of a sweep: task {@code index} of {@code count}, 1-based ({@code 1/8} .. {@code 8/8}), the
 * way Slurm's user-facing job arrays number their tasks when submitted with {@code --array=1-N}.
 *
 * <p>Ownership needs no coordinator: a unit of work with identity {@code u} (a run's key, or a check id
 * plus the key of an adaptive unit such as one width's bisection) belongs to shard
 * {@code 1 + (h(u) mod count)}, where {@code h(u)} is the first 8 bytes of SHA-256 of the UTF-8 bytes of
 * {@code u} read as an unsigned 64-bit big-endian integer. So the same unit always lands in the same
 * shard for a given {@code count}, whichever machines run the other shards, and every unit lands in
 * exactly one shard.
 *
 * @param index 1-based shard number, {@code 1 <= index <= count}
 * @param count number of shards, {@code >= 1}
 */
public record Shard(int index, int count) implements SweepPart {
  /** The whole sweep as one shard (what a run without {@code --shard} does). */
  public static final Shard ALL = new Shard(1, 1);

  public Shard {
    if (count < 1) throw new IllegalArgumentException("shard count must be >= 1, got " + count);
    if (index < 1 || index > count) {
      throw new IllegalArgumentException(
          "shard index must be between 1 and " + count + " (shards are numbered 1.." + count
              + "), got " + index);
    }
  }

  /**
   * Parses {@code I/N} (1-based, e.g. {@code 2/8}).
   *
   * @throws IllegalArgumentException with a message that says what is wrong and what is expected
   */
  public static Shard parse(String text) {
    String s = text == null ? "" : text.strip();
    int slash = s.indexOf('/');
    if (slash <= 0 || slash == s.length() - 1 || s.indexOf('/', slash + 1) >= 0) {
      throw new IllegalArgumentException(
          "--shard: expected I/N with 1 <= I <= N (e.g. 2/8), got '" + text + "'");
    }
    int i;
    int n;
    try {
      i = Integer.parseInt(s.substring(0, slash).strip());
      n = Integer.parseInt(s.substring(slash + 1).strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--shard: expected I/N with whole numbers I and N (e.g. 2/8), got '" + text + "'");
    }
    if (n < 1) throw new IllegalArgumentException("--shard: N must be >= 1, got '" + text + "'");
    if (i < 1 || i > n) {
      throw new IllegalArgumentException(
          "--shard: I must be between 1 and N (shards are numbered from 1), got '" + text + "'");
    }
    return new Shard(i, n);
  }

  /** True when this is the whole sweep ({@code count == 1}). */
  public boolean isAll() {
    return count == 1;
  }

  @Override
  public boolean isWhole() {
    return isAll();
  }

  /**
   * True when the run with this key belongs to this shard; an adaptive unit (e.g. the bisection in
   * alpha at one width) is owned by {@link SweepPart#owns(String, String)} and runs whole in one shard.
   */
  @Override
  public boolean owns(String runKey) {
    return bucket(runKey, count) == index;
  }

  /** The 1-based shard, of {@code count}, that owns {@code key}. */
  public static int bucket(String key, int count) {
    if (key == null) throw new IllegalArgumentException("run key is null");
    if (count < 1) throw new IllegalArgumentException("shard count must be >= 1, got " + count);
    byte[] d = Sha256.digest(key.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int k = 0; k < 8; k++) h = (h << 8) | (d[k] & 0xffL);
    return 1 + (int) Long.remainderUnsigned(h, count);
  }

  /** {@code I/N}, the form {@link #parse} reads. */
  @Override
  public String toString() {
    return index + "/" + count;
  }
}
