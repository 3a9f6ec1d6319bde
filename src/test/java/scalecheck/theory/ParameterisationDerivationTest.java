package scalecheck.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import scalecheck.spec.SpecException;

/**
 * Parameterisations declared in theory files: the laws derived for the ntk, mf and kappa presets equal
 * the hand-written laws of geiger2019.yaml and li-luo-zhou2024.yaml; the Yang-Hu classification of
 * muP, NTP, SP and the two-layer mean-field choice is the paper's (Tensor Programs IV, Tables 1 and 3,
 * Theorems 3.3 and 3.8); the Li-Luo-Zhou kappa exponent is the same for every scheme that carries
 * m^g in a different layer; bad declarations name file, line and field.
 */
class ParameterisationDerivationTest {
  static final TheoryBook SHIPPED = TheoryBook.load(List.of(Path.of("theory")));

  static Derivation derivation(TheoryBook book, String theory, String id) {
    return book.theories().stream().filter(t -> t.id().equals(theory)).findFirst().orElseThrow()
        .parameterisation(id).orElseThrow(() -> new AssertionError("no parameterisation " + id));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
      "schemes/ntk_dW_l1, geiger/dW_hidden", "schemes/ntk_dW_l0, geiger/dW_first", "schemes/ntk_dW_l2, geiger/dW_last",
      "schemes/ntk_dz_l1, geiger/dz", "schemes/ntk_dz_l2, geiger/dz", "schemes/kappa_rd, llz/rd_kappa",
      "schemes/kappa_rd_rich, llz/rd_kappa_rich"})
  void presetLawsEqualTheHandWrittenOnes(String derived, String written) {
    Law d = SHIPPED.law(derived), w = SHIPPED.law(written);
    assertTrue(d.sameForm(w.derived()), () -> derived + " = " + d.derived() + ", " + written + " = " + w.derived());
  }

  @ParameterizedTest(name = "{0} = {1} under kappa = m^g")
  @CsvSource({"schemes/kappa_dz_l1, llz/dz_kappa", "schemes/kappa_dz_l2, llz/dz_kappa",
      "schemes/kappa_dW_l0, llz/dW_first_kappa", "schemes/kappa_dW_l1, llz/dW_hidden_kappa"})
  void kappaLawsEqualLiLuoZhouInTheirRegime(String derived, String written) {
    Law d = SHIPPED.law(derived), w = SHIPPED.law(written);
    String form = w.rewrite(Map.of("kappa", "m^g"));
    assertTrue(d.sameForm(form), () -> derived + " = " + d.derived() + ", " + written + " = " + form);
  }

  @ParameterizedTest(name = "{0} ~ {1} in n")
  @CsvSource({"schemes/ntk_out_init, geiger/out_init_ntk", "schemes/mf_out_init, geiger/out_init_mf"})
  void initialOutputSizesHaveTheHandWrittenExponents(String derived, String written) {
    assertEquals(SHIPPED.law(written).exponent("n"), SHIPPED.law(derived).exponent("n"));
  }

  @Test
  void yangHuClassificationOfTheirTables() {
    Derivation mup = derivation(SHIPPED, "schemes", "mup");
    assertEquals(Affine.ZERO, mup.r());
    assertTrue(mup.classification().contains("feature learning"), mup.classification());
    Derivation ntp = derivation(SHIPPED, "schemes", "ntk");
    assertEquals(Affine.of(1, 2), ntp.r());
    assertTrue(ntp.classification().contains("kernel regime"), ntp.classification());
    Derivation sp = derivation(SHIPPED, "schemes", "sp");
    assertTrue(sp.classification().startsWith("unstable"), sp.classification());
    assertTrue(sp.r().c0().signum() < 0, "SP with a constant learning rate has r < 0: " + sp.r());
    // SP with learning rate 1/n (c = 1) is stable and in the kernel regime; 2-layer mean field (c = -1) learns features
    TheoryBook more = TheoryBook.parse("more.yaml", "id: t\ntitle: T\nsource: S\nsymbols: {n: width}\nparameterisations:\n"
        + "  - {id: sp1, depth: 2, layers: [{c: 1}, {b: 1/2, c: 1}, {b: 1/2, c: 1}]}\n"
        + "  - {id: mf1, depth: 1, layers: [{c: -1}, {a: 1, c: -1}]}\n");
    Derivation sp1 = derivation(more, "t", "sp1");
    assertEquals(Affine.of(1, 2), sp1.r());
    assertTrue(sp1.classification().contains("kernel regime"), sp1.classification());
    Derivation mf1 = derivation(more, "t", "mf1");
    assertEquals(Affine.ZERO, mf1.r());
    assertTrue(mf1.classification().contains("feature learning"), mf1.classification());
  }

  @Test
  void coordinateCheckExponents() {
    assertEquals(Affine.ZERO, derivation(SHIPPED, "schemes", "mup").coord().get("dz.l2"));
    assertEquals(Affine.of(1, 1), derivation(SHIPPED, "schemes", "sp").coord().get("dz.l2"));
    assertEquals(Affine.of(-1, 2), derivation(SHIPPED, "schemes", "ntk").coord().get("dz.l2"));
  }

  @Test
  void kappaExponentAndRegimeDoNotDependOnTheScheme() {
    Affine g = new Affine(Rational.ZERO, Rational.ONE);
    for (String s : new String[] {"first2", "last2", "even2", "first3", "last3", "even3", "kappa"}) {
      Derivation d = derivation(SHIPPED, "schemes", s);
      assertEquals(g, d.kappa(), s);
      assertEquals("theta-lazy for g > 0, critical at g = 0, condensed for g < 0", d.regime(), s);
    }
    assertEquals("theta-lazy (G > 0)", derivation(SHIPPED, "schemes", "ntk").regime());
    assertEquals("critical (G = 0)", derivation(SHIPPED, "schemes", "mf").regime());
    // the rate of the relative first-layer distance depends on where the scale sits: m^(-3g) in the first layer
    assertEquals(g.mul(Rational.of(-3)), derivation(SHIPPED, "schemes", "first2").lazy().get("rd.sup"));
    assertEquals(g.neg(), derivation(SHIPPED, "schemes", "last3").lazy().get("rd.sup"));
  }

  @Test
  void anUnstableChoiceIsAnAnswerNotAnError() {
    TheoryBook b = TheoryBook.parse("u.yaml", "id: t\ntitle: T\nsource: S\nsymbols: {n: width}\nparameterisations:\n"
        + "  - {id: blow, depth: 2, layers: [{a: -1}, {a: -1}, {a: -1}]}\n");
    Derivation d = derivation(b, "t", "blow");
    assertTrue(d.classification().startsWith("unstable: a_0 + b_0 = 0"), d.classification());
    assertEquals(Affine.of(9, 2), d.kappa()); // 1 + 3/2 + 3/2 + 1/2
  }

  private static final String HEAD = "id: t\ntitle: T\nsource: S\nsymbols: {n: width, g: exponent}\nparameterisations:\n";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing layer | '  - id: p\\n    depth: 2\\n    layers: [{a: 0}, {a: 1/2}]\\n' | bad.yaml:8: parameterisations[0].layers | depth 2 needs 3 layers",
      "decimal exponent | '  - id: p\\n    depth: 1\\n    layers: [{a: 0.5}, {a: 1}]\\n' | bad.yaml:8: parameterisations[0].layers[0].a | write exact numbers",
      "non-rational exponent | '  - id: p\\n    depth: 1\\n    layers: [{a: Sqrt(2)}, {a: 1}]\\n' | bad.yaml:8: parameterisations[0].layers[0].a | not an exact rational or affine in g",
      "power of g | '  - id: p\\n    depth: 1\\n    layers: [{a: g^2}, {a: 1}]\\n' | bad.yaml:8: parameterisations[0].layers[0].a | not an exact rational or affine in g",
      "unknown layer key | '  - id: p\\n    depth: 1\\n    layers: [{a: 0, d: 1}, {a: 1}]\\n' | bad.yaml:8: parameterisations[0].layers[0].d | unknown field",
      "missing depth | '  - id: p\\n    layers: [{a: 0}, {a: 1}]\\n' | bad.yaml:6: parameterisations[0].depth | required field is missing",
      "undeclared width | '  - id: p\\n    width: m\\n    depth: 1\\n    layers: [{a: 0}, {a: 1}]\\n' | bad.yaml:7: parameterisations[0].width | not a declared symbol",
  })
  void badDeclarationsNameFileLineAndField(String name, String body, String where, String what) {
    SpecException e = assertThrows(SpecException.class, () -> TheoryBook.parse("bad.yaml", HEAD + body.replace("\\n", "\n")));
    assertTrue(e.getMessage().startsWith(where), () -> "message: " + e.getMessage());
    assertTrue(e.getMessage().contains(what), () -> "message: " + e.getMessage());
  }

  @Test
  void gMustBeDeclared() {
    SpecException e = assertThrows(SpecException.class, () -> TheoryBook.parse("bad.yaml",
        "id: t\ntitle: T\nsource: S\nsymbols: {n: width}\nparameterisations:\n  - {id: p, depth: 1, layers: [{b: -g}, {a: 1}]}\n"));
    assertTrue(e.getMessage().contains("uses g, which is not a declared symbol"), e.getMessage());
  }
}
