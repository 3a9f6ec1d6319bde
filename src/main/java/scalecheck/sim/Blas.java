package scalecheck.sim;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;

/**
 * The one door to OpenBLAS (through the JavaCPP preset). Matrices are row-major, held in direct
 * (off-heap) {@link DoubleBuffer}s so that no call copies its operands. Each method states which
 * argument it modifies; none allocates.
 */
final class Blas {
  private Blas() {}

  private static final int ROW = openblas.CblasRowMajor;
  private static final int NT = openblas.CblasNoTrans;
  private static final int T = openblas.CblasTrans;
  private static final int UP = openblas.CblasUpper;

  /** A zeroed off-heap vector of {@code size} doubles. */
  static DoubleBuffer alloc(long size) {
    if (size > Integer.MAX_VALUE / 8) {
      throw new IllegalArgumentException("buffer of " + size + " doubles is too large");
    }
    return ByteBuffer.allocateDirect((int) Math.max(1, size) * 8).order(ByteOrder.nativeOrder()).asDoubleBuffer();
  }

  /** A view of {@code b} starting at {@code offset} (shares memory). */
  static DoubleBuffer view(DoubleBuffer b, int offset, int length) {
    DoubleBuffer d = b.duplicate();
    d.position(offset);
    d.limit(offset + length);
    return d.slice();
  }

  /** The shape of one GEMM call, op(A) m x k times op(B) k x n, with the stored row lengths. */
  record GemmShape(boolean transA, boolean transB, int m, int n, int k, int lda, int ldb, int ldc) {
    /** 2 m n k. */
    double flops() {
      return 2.0 * m * n * (double) k;
    }
  }

  /** Where {@link #trace} collects the shapes of the GEMM calls made on its thread, else null. */
  private static final ThreadLocal<List<GemmShape>> TRACE = new ThreadLocal<>();
  private static volatile boolean tracing;

  /** Runs {@code work} on this thread and returns the shapes of the GEMM calls it made, in order. */
  static List<GemmShape> trace(Runnable work) {
    List<GemmShape> out = new ArrayList<>();
    TRACE.set(out);
    tracing = true;
    try {
      work.run();
    } finally {
      tracing = false;
      TRACE.remove();
    }
    return out;
  }

  /**
   * C (m x n) = alpha op(A) op(B) + beta C; op(A) is m x k, op(B) k x n. Modifies {@code c}.
   * {@code lda}, {@code ldb} are the row lengths of A and B as stored.
   */
  static void gemm(boolean transA, boolean transB, int m, int n, int k, double alpha,
      DoubleBuffer a, int lda, DoubleBuffer b, int ldb, double beta, DoubleBuffer c, int ldc) {
    if (tracing) {
      List<GemmShape> t = TRACE.get();
      if (t != null) t.add(new GemmShape(transA, transB, m, n, k, lda, ldb, ldc));
    }
    openblas.cblas_dgemm(ROW, transA ? T : NT, transB ? T : NT, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  }

  /** y (m or n) = alpha op(A) x + beta y, A m x n row-major. Modifies {@code y}. */
  static void gemv(boolean transA, int m, int n, double alpha, DoubleBuffer a, DoubleBuffer x,
      double beta, DoubleBuffer y) {
    openblas.cblas_dgemv(ROW, transA ? T : NT, m, n, alpha, a, n, x, 1, beta, y, 1);
  }

  /** Upper triangle of C (n x n) = alpha A A^T + beta C, A n x k. Modifies {@code c}. */
  static void syrk(int n, int k, double alpha, DoubleBuffer a, double beta, DoubleBuffer c) {
    openblas.cblas_dsyrk(ROW, UP, NT, n, k, alpha, a, k, beta, c, n);
  }

  private static volatile int threads;

  static {
    int t = Runtime.getRuntime().availableProcessors();
    String env = System.getenv("OPENBLAS_NUM_THREADS");
    if (env != null && env.matches("[1-9][0-9]*")) t = Integer.parseInt(env);
    setThreads(t);
  }

  /** Sets the process-wide OpenBLAS thread count. */
  static synchronized void setThreads(int t) {
    openblas.blas_set_num_threads(t);
    threads = t;
  }

  static int threads() {
    return threads;
  }

  /**
   * OpenBLAS's x86-64 kernel sets as {symbol suffix, name}: the tables {@code gotoblas_SUFFIX} of a
   * DYNAMIC_ARCH build and the names that its {@code openblas_get_corename()} returns for them
   * (driver/others/dynamic.c of OpenBLAS 0.3.28; the build's other tables are empty).
   */
  private static final String[][] CORES = {
    {"PRESCOTT", "Prescott"}, {"CORE2", "Core2"}, {"NEHALEM", "Nehalem"}, {"SANDYBRIDGE", "Sandybridge"},
    {"HASWELL", "Haswell"}, {"SKYLAKEX", "SkylakeX"}, {"COOPERLAKE", "Cooperlake"},
    {"SAPPHIRERAPIDS", "SapphireRapids"}, {"ZEN", "Zen"}, {"BARCELONA", "Barcelona"},
    {"BULLDOZER", "Bulldozer"}, {"PILEDRIVER", "Piledriver"}, {"STEAMROLLER", "Steamroller"},
    {"EXCAVATOR", "Excavator"}};

  /**
   * The name of the kernel set OpenBLAS chose at load time for this CPU (or the one forced by the
   * environment variable OPENBLAS_CORETYPE), as {@code openblas_get_corename()} returns it, for
   * example "Haswell", "SkylakeX" or "Zen"; "unknown" when it cannot be told. The preset does not
   * map that function, so this does what it does: it compares the library's active table {@code
   * gotoblas} with the table of each kernel set.
   */
  static String coreName() {
    Pointer active = Loader.addressof("gotoblas");
    if (active == null) return "unknown";
    long table = new LongPointer(active).get();
    for (String[] c : CORES) {
      Pointer p = Loader.addressof("gotoblas_" + c[0]);
      if (p != null && p.address() == table) return c[1];
    }
    return "unknown";
  }

  static String info() {
    int t = threads();
    return "OpenBLAS 0.3.28 (bytedeco 1.5.11), " + t
        + (t == 1 ? " thread" : " threads");
  }
}
