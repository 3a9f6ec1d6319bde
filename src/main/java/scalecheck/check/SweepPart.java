package scalecheck.check;

/**
 * The part of a sweep one process runs: which runs (by run key) and which adaptive units (runs that
 * depend on each other's results, such as the bisection in alpha at one width, run whole in one part)
 * are its own. {@link #WHOLE} owns everything; the cluster's shards ({@code cluster.Shard}) are the
 * proper parts. With a proper part a verification runs its share and judges nothing.
 */
public interface SweepPart {
  /** The whole sweep. */
  SweepPart WHOLE = new SweepPart() {
    @Override
    public boolean isWhole() {
      return true;
    }

    @Override
    public boolean owns(String key) {
      return true;
    }
  };

  /** True when this part is the whole sweep. */
  boolean isWhole();

  /** True when the run (or unit) with this key belongs to this part. */
  boolean owns(String key);

  /**
   * True when an adaptive unit of check {@code checkId} belongs to this part: the unit's key is the
   * check id and {@code unitKey} joined by a NUL character.
   */
  default boolean owns(String checkId, String unitKey) {
    return owns(checkId + '\u0000' + unitKey);
  }
}
