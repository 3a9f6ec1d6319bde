package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;

/**
 * The {@code dynamics:} settings {@code rtol} and {@code atol} of an error-controlled flow
 * ({@code adaptive: bs23 | dp54}) read from a check file: bad values are reported at the file, line and
 * field that wrote them.
 */
class FlowToleranceSpecTest {
  private final CheckParser parser = new CheckParser(Fixtures.laws());
  private final Verifier verifier = new Verifier(Fixtures.laws(), new SimulatorExecutor());

  private CheckSpec parse(String dynamics) {
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("dynamics: {kind: flow}\n", "dynamics:\n" + dynamics);
    return parser.parse(YNode.parse("c.yaml", y), Path.of("c.yaml"), false);
  }

  private SpecException refused(String dynamics) {
    CheckSpec c = parse(dynamics);
    return assertThrows(SpecException.class,
        () -> verifier.validateRuns(c, new Verifier.Options(false, 1, 1, Long.MAX_VALUE)));
  }

  private static void assertAt(SpecException e, int line, String words) {
    assertEquals(line, e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith("c.yaml:" + line + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(words), e.getMessage());
  }

  @Test
  void aPairWithItsTolerancesIsAccepted() {
    CheckSpec c = parse("  adaptive: bs23\n  rtol: 1.0e-4\n  atol: 1.0e-9\n");
    assertEquals(1e-4, c.base().dynamics().rtol());
    assertEquals(1e-9, c.base().dynamics().atol());
    assertDoesNotThrow(() -> verifier.validateRuns(c, new Verifier.Options(false, 1, 1, Long.MAX_VALUE)));
  }

  @Test
  void badTolerancesAreReportedWhereWritten() {
    // lines: 6 dynamics:, 7 adaptive, 8 rtol, 9 atol
    assertAt(refused("  adaptive: dp54\n  rtol: -1.0e-4\n  atol: 1.0e-9\n"), 8, "dynamics.rtol");
    assertAt(refused("  adaptive: bs23\n  rtol: 1.0e-4\n  atol: 0\n"), 9, "dynamics.atol");
    assertAt(refused("  adaptive: bs23\n  atol: 1.0e-9\n"), 6, "dynamics.rtol): required with adaptive bs23");
    assertAt(refused("  adaptive: code\n  rtol: 1.0e-4\n"), 8, "only with kind flow and adaptive bs23, dp54 or rkc");
    assertAt(refused("  kind: gd\n  atol: 1.0e-4\n"), 8, "dynamics.atol: only with kind flow");
  }

  @Test
  void aToleranceThatIsNotANumberIsAParseError() {
    SpecException e = assertThrows(SpecException.class, () -> parse("  adaptive: bs23\n  rtol: tight\n"));
    assertEquals(8, e.line(), e.getMessage());
  }
}
