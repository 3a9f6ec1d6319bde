package scalecheck.sim;

import java.nio.DoubleBuffer;

/**
 * The off-heap allocations of a run, made and counted in one place: a run allocates through an
 * allocating Memory, and {@link Run#estimateBytes} walks the same allocation code with a counting one
 * (which returns null instead of buffers), so the estimate is the plan the run uses.
 */
final class Memory {
  private final boolean allocate;
  private long bytes;

  private Memory(boolean allocate) {
    this.allocate = allocate;
  }

  static Memory allocating() {
    return new Memory(true);
  }

  static Memory counting() {
    return new Memory(false);
  }

  /** Whether buffers are made (false: only counted, every buffer null). */
  boolean allocates() {
    return allocate;
  }

  DoubleBuffer doubles(long len) {
    bytes += 8 * len;
    return allocate ? Blas.alloc(len) : null;
  }

  Params params(Model m) {
    bytes += 8L * m.size();
    return allocate ? m.newParams() : null;
  }

  Batch batch(Model m, int b) {
    bytes += m.batchBytes(b);
    return allocate ? m.newBatch(b) : null;
  }

  /** Bytes allocated (or counted) so far. */
  long bytes() {
    return bytes;
  }
}
