package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;

class CheckParserTest {
  private final CheckParser parser = new CheckParser(Fixtures.laws());

  private SpecException error(String yaml) {
    return assertThrows(SpecException.class, () -> parser.parse(YNode.parse("c.yaml", yaml), Path.of("c.yaml"), false));
  }

  private static void assertAt(SpecException e, int line, String field, String words) {
    assertEquals(line, e.line(), e.getMessage());
    assertEquals(field, e.field(), e.getMessage());
    assertTrue(e.getMessage().startsWith("c.yaml:" + line + ": "), e.getMessage());
    assertTrue(e.problem().contains(words), e.getMessage());
  }

  @Test
  void validCheckMapsSymbolsOntoSettings() {
    CheckSpec c = parser.parse(YNode.parse("c.yaml", Fixtures.dwCheck("a", "t/dW", "")), Path.of("c.yaml"), false);
    assertEquals(List.of("t/dW"), c.laws());
    assertEquals(2, c.base().model().depth());
    assertEquals(5, c.base().data().d());
    assertEquals(4, c.seeds());
    assertEquals("sweep.n", c.origin().get("model.width"));
    var run = Planner.apply(c.base(), Planner.combinations(c.sweep()).get(2));
    assertEquals(256, run.model().width());
  }

  @Test
  void unknownKeyIsAnError() {
    assertAt(error(Fixtures.dwCheck("a", "t/dW", "tolerence: 0.1\n")), 12, "tolerence", "unknown field");
  }

  @Test
  void unknownSettingIsAnError() {
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("model: {depth: 2, alpha: 1}", "model: {depth: 2, widht: 3}");
    assertAt(error(y), 4, "model.widht", "unknown field");
  }

  @Test
  void badTypeIsAnError() {
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("depth: 2", "depth: two");
    assertAt(error(y), 4, "model.depth", "whole number");
  }

  @Test
  void unknownLawIsAnError() {
    assertAt(error(Fixtures.dwCheck("a", "t/nope", "")), 2, "law", "unknown law 't/nope'");
  }

  @Test
  void variedSymbolMustAppearInTheLaw() {
    String y = Fixtures.dwCheck("a", "t/rd", "");
    assertAt(error(y), 2, "law", "has no symbol 'n'");
  }

  @Test
  void variedSymbolMustBeSwept() {
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("vary: n", "vary: alpha");
    assertAt(error(y), 3, "vary", "not swept");
  }

  @Test
  void emptySweepIsAnError() {
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("[64, 128, 256, 512, 1024]", "[]");
    assertAt(error(y), 8, "sweep.n", "empty sweep");
  }

  @Test
  void seedsBelowOneIsAnError() {
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("seeds: 4", "seeds: 0");
    assertAt(error(y), 9, "sweep.seeds", "must be >= 1");
  }

  @Test
  void nonPositiveAlphaIsAnError() {
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("  seeds: 4\n", "  alpha: [1, -0.5]\n  seeds: 4\n");
    assertAt(error(y), 9, "sweep.alpha[1]", "must be > 0");
  }

  @Test
  void unknownProbeIsAnError() {
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("measure: dW.hidden", "measure: dW.hiden");
    assertAt(error(y), 10, "measure", "unknown measure 'dW.hiden'");
  }

  @Test
  void missingRequiredFieldNamesIt() {
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("tolerance: 0.1\n", "");
    SpecException e = error(y);
    assertEquals("tolerance", e.field());
    assertTrue(e.problem().contains("missing"), e.getMessage());
  }

  @Test
  void nonPowerLawCannotBeTestedAsAnExponent() {
    assertAt(error(Fixtures.dwCheck("a", "t/log", "")), 2, "law", "not a power law");
  }

  @Test
  void fastSweepReplacesTheFullOne() {
    String y = Fixtures.dwCheck("a", "t/dW", "fast:\n  sweep: {n: [32, 64, 128], seeds: 2}\n  dynamics: {maxSteps: 99}\n");
    CheckSpec full = parser.parse(YNode.parse("c.yaml", y), Path.of("c.yaml"), false);
    CheckSpec quick = parser.parse(YNode.parse("c.yaml", y), Path.of("c.yaml"), true);
    assertEquals(5, full.sweep().get("n").size());
    assertEquals(3, quick.sweep().get("n").size());
    assertEquals(2, quick.seeds());
    assertEquals(99, quick.base().dynamics().maxSteps());
    assertEquals(200_000, full.base().dynamics().maxSteps());
  }

  @Test
  void badFastSectionIsAnErrorEvenWithoutFast() {
    String y = Fixtures.dwCheck("a", "t/dW", "fast:\n  sweep: {n: [], seeds: 2}\n");
    assertAt(error(y), 13, "fast.sweep.n", "empty sweep");
  }

  @Test
  void engineMessagesAreMappedToTheFieldThatSetThem() {
    String y = Fixtures.dwCheck("a", "t/dW", "");
    CheckSpec c = parser.parse(YNode.parse("c.yaml", y), Path.of("c.yaml"), false);
    SpecException w = Verifier.blame(c, "model.width: must be <= 100000, got 1024");
    assertEquals(8, w.line(), w.getMessage());
    assertTrue(w.getMessage().startsWith("c.yaml:8: sweep.n (model.width): must be <= 100000"), w.getMessage());
    SpecException d = Verifier.blame(c, "model.depth: too deep");
    assertEquals(4, d.line(), d.getMessage());
    SpecException k = Verifier.blame(c, "dynamics.maxDgrad: must be > 0");
    assertEquals(6, k.line(), k.getMessage());
  }
}
