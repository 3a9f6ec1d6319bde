package scalecheck.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facade's report of the OpenBLAS kernel set in use. */
class BlasTest {

  /** The x86-64 kernel sets of a DYNAMIC_ARCH OpenBLAS 0.3.28 build, as openblas_get_corename() names them. */
  private static final Set<String> NAMES = Set.of("Prescott", "Core2", "Nehalem", "Sandybridge", "Haswell", "SkylakeX",
      "Cooperlake", "SapphireRapids", "Zen", "Barcelona", "Bulldozer", "Piledriver", "Steamroller", "Excavator");

  @Test
  void theKernelSetInUseIsOneOfTheBuilds() {
    String core = Blas.coreName();
    assertTrue(NAMES.contains(core), () -> "kernel set " + core);
  }

  /**
   * One evaluation of the bench's net (L = 3, n = 8, d = 10, P = 6) makes 2L + 2 GEMM calls: the first
   * layer's and L - 1 hidden products forward, L weight gradients and L - 1 back-propagations; their flops
   * are the step's FLOP model less the output layer's two matrix-vector products (4 P n), which run
   * outside OpenBLAS.
   */
  @Test
  void traceRecordsTheGemmCallsOfAStepInOrder() {
    int n = 8, p = 6;
    Run run = new Run(Bench.spec(n, p));
    run.prepare();
    Params g = run.net.newParams();
    java.util.List<Blas.GemmShape> calls = Blas.trace(() -> run.evaluate(run.w, g));
    assertEquals(2 * 3 + 2, calls.size(), calls::toString);
    assertEquals(new Blas.GemmShape(false, true, p, n, 10, 10, 10, n), calls.get(0));
    double flops = calls.stream().mapToDouble(Blas.GemmShape::flops).sum();
    assertEquals(run.net.stepFlops(p) - 4.0 * p * n, flops, 0.0);
    assertTrue(Blas.trace(() -> { }).isEmpty());
    assertEquals(0, Blas.trace(() -> Kernels.sumSq(Blas.alloc(4), 4)).size());
  }

  @Test
  void aKernelSetForcedByTheEnvironmentIsTheOneReported() {
    String forced = System.getenv("OPENBLAS_CORETYPE");
    String match = forced == null ? null
        : NAMES.stream().filter(n -> n.equalsIgnoreCase(forced.trim())).findFirst().orElse(null);
    if (match != null) assertEquals(match, Blas.coreName());
  }
}
