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

  @Test
  void aKernelSetForcedByTheEnvironmentIsTheOneReported() {
    String forced = System.getenv("OPENBLAS_CORETYPE");
    String match = forced == null ? null
        : NAMES.stream().filter(n -> n.equalsIgnoreCase(forced.trim())).findFirst().orElse(null);
    if (match != null) assertEquals(match, Blas.coreName());
  }
}
