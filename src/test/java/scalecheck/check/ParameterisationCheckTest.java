package scalecheck.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import scalecheck.sim.ModelSpec;
import scalecheck.sim.Parameterisation;
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;
import scalecheck.theory.Derivation;
import scalecheck.theory.Scheme;
import scalecheck.theory.TheoryBook;

/**
 * Checks that name a parameterisation declared in a theory file ({@code model.abc: schemes/first2}):
 * the engine runs the exponents the theory module derives from, g bound per run; the engine's presets
 * are the declared ones exponent for exponent.
 */
class ParameterisationCheckTest {
  static final TheoryBook BOOK = TheoryBook.load(List.of(Path.of("theory")));
  static final CheckParser PARSER = new CheckParser(TheoryLawSource.of(BOOK));

  static String check(String abc, String extra) {
    return "id: c\nlaw: schemes/first2_rd\nvary: m\nmodel: {param: abc, abc: " + abc + extra + "}\n"
        + "data: {kind: linear, d: 3, train: 4, test: 4}\ndynamics: {kind: gd, lr: 1, stop: loss}\n"
        + "sweep:\n  m: [8, 16]\n  g: [1/2, 1/4]\n  seeds: 1\nmeasure: rd.sup\ntolerance: 0.1\n";
  }

  @Test
  void aDeclaredParameterisationIsRunWithGBound() {
    CheckSpec c = PARSER.parse(YNode.parse("c.yaml", check("schemes/first2", "")), Path.of("c.yaml"), false);
    assertEquals("a: 0 1/2 1; b: -g 0 0; c: 0 0 0", c.base().model().abc());
    assertEquals(2, c.base().model().depth());
    List<Planner.PlannedRun> runs = Planner.plan(c, 7);
    assertEquals(4, runs.size());
    Planner.PlannedRun r = runs.stream().filter(p -> p.point().get("g").value() == 0.25 && p.point().get("m").value() == 16)
        .findFirst().orElseThrow();
    ModelSpec m = r.spec().model();
    assertEquals("abc", m.param());
    assertEquals("a: 0 0.5 1; b: -0.25 0 0; c: 0 0 0", m.abc());
    Parameterisation p = Parameterisation.of(m, 3);
    assertEquals(Math.pow(16, 0.25), p.std(0, 16), 1e-15);
    assertEquals(1.0 / 16, p.multiplier(2, 16), 0);
  }

  @Test
  void unknownParameterisationAndDepthMismatchAreBadInput() {
    SpecException e = assertThrows(SpecException.class,
        () -> PARSER.parse(YNode.parse("c.yaml", check("schemes/nope", "")), Path.of("c.yaml"), false));
    assertTrue(e.getMessage().startsWith("c.yaml:4: model.abc: unknown parameterisation 'schemes/nope'"), e.getMessage());
    SpecException d = assertThrows(SpecException.class,
        () -> PARSER.parse(YNode.parse("c.yaml", check("schemes/first2", ", depth: 3")), Path.of("c.yaml"), false));
    assertTrue(d.getMessage().contains("schemes/first2 has depth 2, model.depth is 3"), d.getMessage());
  }

  /** The engine's presets against theory/schemes.yaml (each typed once per side; this test ties them). */
  @Test
  void enginePresetsAreTheDeclaredParameterisations() {
    for (String name : new String[] {"ntk", "mf", "kappa", "sp", "mup"}) {
      Derivation d = BOOK.theories().stream().filter(t -> t.id().equals("schemes")).findFirst().orElseThrow()
          .parameterisation(name).orElseThrow();
      Scheme s = d.scheme();
      ModelSpec m = ModelSpec.defaults().withParam(name).withDepth(s.depth());
      Parameterisation p = Parameterisation.of(m, 3);
      ModelSpec viaAbc = m.withParam("abc").withAbc(Parameterisation.bind(s.abcText(), 0));
      Parameterisation q = Parameterisation.of(viaAbc, 3);
      assertEquals(java.util.Arrays.toString(p.a()), java.util.Arrays.toString(q.a()), name + " a");
      assertEquals(java.util.Arrays.toString(p.b()), java.util.Arrays.toString(q.b()), name + " b");
      assertEquals(java.util.Arrays.toString(p.c()), java.util.Arrays.toString(q.c()), name + " c");
    }
  }

  @Test
  void bindRefusesUnreadableValues() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Parameterisation.of(ModelSpec.defaults().withParam("abc").withDepth(1).withAbc("a: 0 g"), 3));
    assertTrue(e.getMessage().startsWith("model.abc: 'g' depends on g"), e.getMessage());
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> Parameterisation.of(ModelSpec.defaults().withParam("abc").withDepth(2).withAbc("a: 0 1/2"), 3));
    assertTrue(f.getMessage().contains("row a has 2 values, the depth needs 3"), f.getMessage());
    assertEquals("a: 0 0.5; b: -0.5", Parameterisation.bind("a: 0 1-g; b: -g", 0.5));
  }
}
