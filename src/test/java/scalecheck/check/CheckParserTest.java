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
    SpecException e = error(y);
    assertAt(e, 10, "measure", "unknown measure 'dW.hiden'; did you mean dW.hidden?");
    assertTrue(e.problem().contains("known: dW.l<k>, dWfro.l<k>, dWrel.l<k>, dW.first"), e.getMessage());
    assertTrue(e.problem().contains("spread, alpha_star"), e.getMessage());
  }

  /** Laws read from a theory file, so that each has its quantity: list. */
  private static final String THEORY = "id: t\ntitle: T\nsource: S\nsymbols: {n: width, alpha: multiplier}\nlaws:\n"
      + "  - id: dW\n    quantity: dW.hidden\n    scaling: 1/(alpha*n)\n"
      + "  - id: t1\n    quantity: [t1.loss_half, t1.kernel]\n    scaling: Sqrt(n)*alpha\n"
      + "  - id: kappa\n    quantity: alpha\n    scaling: alpha*Sqrt(n)\n";

  private static CheckSpec parseWithTheory(String yaml) {
    CheckParser p = new CheckParser(TheoryLawSource.of(scalecheck.theory.TheoryBook.parse("t.yaml", THEORY)));
    return p.parse(YNode.parse("c.yaml", yaml), Path.of("c.yaml"), false);
  }

  @Test
  void measureMustBeAQuantityOfTheLaw() {
    assertEquals("dW.hidden", parseWithTheory(Fixtures.dwCheck("a", "t/dW", "")).measure());
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("measure: dW.hidden", "measure: dW.first");
    SpecException e = assertThrows(SpecException.class, () -> parseWithTheory(y));
    assertAt(e, 10, "measure", "law t/dW predicts dW.hidden, not 'dW.first'");
  }

  @Test
  void aLawWithSeveralDefinitionsAcceptsEach() {
    for (String m : List.of("t1.kernel", "t1.loss_half")) {
      String y = Fixtures.dwCheck("a", "t/t1", "").replace("measure: dW.hidden", "measure: " + m);
      CheckSpec c = parseWithTheory(y);
      assertEquals(m, c.measure());
      assertEquals(m.equals("t1.kernel"), c.base().dynamics().ntk(), "the registry's needs switch the NTK Gram on");
    }
    String y = Fixtures.dwCheck("a", "t/t1", "").replace("measure: dW.hidden", "measure: kernel.change");
    assertAt(assertThrows(SpecException.class, () -> parseWithTheory(y)), 10, "measure",
        "law t/t1 predicts t1.loss_half or t1.kernel, not 'kernel.change'");
  }

  @Test
  void aScalingVariableIsTestedByACollapseOnly() {
    String y = Fixtures.dwCheck("a", "t/kappa", "").replace("measure: dW.hidden", "measure: kernel.change");
    assertAt(assertThrows(SpecException.class, () -> parseWithTheory(y)), 10, "measure",
        "law t/kappa predicts alpha, not 'kernel.change' (a scaling variable: a check of it has a collapse: section)");
  }

  @Test
  void linearisedProbesSwitchTheLinearisedModelOn() {
    String y = Fixtures.dwCheck("a", "t/dW", "").replace("measure: dW.hidden", "measure: gap.lin");
    CheckSpec c = parser.parse(YNode.parse("c.yaml", y), Path.of("c.yaml"), false);
    assertTrue(c.base().dynamics().linearised());
    assertTrue(!c.base().dynamics().ntk());
  }

  @Test
  void everyShippedCheckAgreesWithTheShippedLaws() throws java.io.IOException {
    CheckParser shipped = new CheckParser(TheoryLawSource.load(List.of(Path.of("theory"))));
    List<Path> files;
    try (var s = java.nio.file.Files.walk(Path.of("checks"))) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertTrue(files.size() > 40, "found " + files.size());
    for (Path f : files) {
      CheckSpec c = shipped.parse(f, false);
      assertTrue(scalecheck.sim.Probes.isKnown(c.measure()), f + ": " + c.measure());
    }
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
