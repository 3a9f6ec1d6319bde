package scalecheck.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scalecheck.spec.SpecException;

/** Bad theory files: each names the file, the line and what is wrong. */
class TheoryFileErrorsTest {
  private static final String HEAD = "id: t\ntitle: T\nsource: S\nsymbols:\n  n: width\n  alpha: multiplier\nlaws:\n"
      + "  - id: t1\n    quantity: t1.loss_half\n    scaling: Sqrt(n)*alpha\n";
  // HEAD is 10 lines; the next law starts on line 11

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "yaml syntax | '  - id: x\\n    quantity: [q\\n' | bad.yaml:1 | YAML syntax",
      "unknown symbol | '  - id: x\\n    quantity: dz.mean\\n    scaling: 1/(beta*n)\\n' | bad.yaml:13: laws[1].scaling | unknown symbol or law 'beta'",
      "missing law in derive | '  - id: x\\n    quantity: dz.mean\\n    derive: Solve(t2 == 1, alpha)\\n' | bad.yaml:13: laws[1].derive | unknown symbol or law 't2'",
      "law used in scaling | '  - id: x\\n    quantity: dz.mean\\n    scaling: t1*n\\n' | bad.yaml:13: laws[1].scaling | 't1' is a law",
      "solve without solution | '  - id: x\\n    quantity: dz.mean\\n    derive: Solve(t1 == t1 + 1, alpha)\\n' | bad.yaml:13: laws[1].derive | no solution",
      "solve with several solutions | '  - id: x\\n    quantity: dz.mean\\n    derive: Solve(t1^2 == 1, alpha)\\n' | bad.yaml:13: laws[1].derive | several solutions",
      "unknown law key | '  - id: x\\n    quantity: dz.mean\\n    scaling: n\\n    exponent: -1\\n' | bad.yaml:14: laws[1].exponent | unknown field",
      "neither scaling nor derive | '  - id: x\\n    quantity: dz.mean\\n' | bad.yaml:11: laws[1] | exactly one of",
      "decimal in regime | '  - id: x\\n    quantity: dz.mean\\n    scaling: n^alpha\\n    regime:\\n      alpha: 0.25\\n' | bad.yaml:15: laws[1].regime.alpha | exact formula",
      "regime on undeclared symbol | '  - id: x\\n    quantity: dz.mean\\n    scaling: n\\n    regime:\\n      g: 1/4\\n' | bad.yaml:15: laws[1].regime.g | not a declared symbol",
      "unknown function | '  - id: x\\n    quantity: dz.mean\\n    scaling: Sqr(n)\\n' | bad.yaml:13: laws[1].scaling | unknown function Sqr",
      "syntax error in formula | '  - id: x\\n    quantity: dz.mean\\n    scaling: 1/(n\\n' | bad.yaml:13: laws[1].scaling | syntax error",
      "duplicate law id | '  - id: t1\\n    quantity: dz.mean\\n    scaling: n\\n' | bad.yaml:11: laws[1].id | duplicate law id",
      "contests a missing law | '  - id: x\\n    quantity: dz.mean\\n    scaling: n\\n    contests: nope\\n' | bad.yaml:14: laws[1].contests | not a law of this file",
      "unknown activation assumption | '  - id: x\n    quantity: dz.mean\n    scaling: n\n    assumes: {activation: relu}\n' | bad.yaml:14: laws[1].assumes.activation | must be one of any, smooth",
      "unknown assumption key | '  - id: x\n    quantity: dz.mean\n    scaling: n\n    assumes: {width: big}\n' | bad.yaml:14: laws[1].assumes.width | unknown field",
      "bad correction | '  - id: x\n    quantity: dz.mean\n    scaling: n\n    correction: big\n' | bad.yaml:14: laws[1].correction | expected none, fit",
      "unknown quantity | '  - id: x\\n    quantity: dW.hiden\\n    scaling: n\\n' | bad.yaml:12: laws[1].quantity | unknown quantity 'dW.hiden'; did you mean dW.hidden?",
      "quantity nothing produces | '  - id: x\\n    quantity: kappa_star\\n    scaling: n\\n' | bad.yaml:12: laws[1].quantity | unknown quantity 'kappa_star'",
      "unknown quantity in a list | '  - id: x\\n    quantity: [t1.kernel, t1.loss]\\n    scaling: n\\n' | bad.yaml:12: laws[1].quantity[1] | unknown quantity 't1.loss'; did you mean t1.loss_half?",
      "quantity listed twice | '  - id: x\\n    quantity: [t1.kernel, t1.kernel]\\n    scaling: n\\n' | bad.yaml:12: laws[1].quantity[1] | listed twice",
      "empty quantity list | '  - id: x\\n    quantity: []\\n    scaling: n\\n' | bad.yaml:12: laws[1].quantity | at least one",
      "variables lists an undeclared symbol | '  - id: x\\n    quantity: dz.mean\\n    scaling: n\\n    variables: [n, m]\\n' | bad.yaml:14: laws[1].variables[1] | not a declared symbol",
  })
  void badLawsNameFileLineAndField(String name, String lawYaml, String where, String what) {
    String yaml = HEAD + lawYaml.replace("\\n", "\n");
    SpecException e = assertThrows(SpecException.class, () -> TheoryBook.parse("bad.yaml", yaml));
    assertTrue(e.getMessage().startsWith(where), () -> "message: " + e.getMessage());
    assertTrue(e.getMessage().contains(what), () -> "message: " + e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown top-level key | 'id: t\\ntitle: T\\nsource: S\\nauthor: me\\nsymbols: {n: w}\\nlaws: []\\n' | bad.yaml:4: author | unknown field",
      "missing symbols | 'id: t\\ntitle: T\\nsource: S\\nlaws: []\\n' | bad.yaml:1: symbols | required field is missing",
      "symbol Symja owns | 'id: t\\ntitle: T\\nsource: S\\nsymbols:\\n  sin: count\\nlaws: []\\n' | bad.yaml:5: symbols.sin | Symja already uses",
      "symbol with underscore | 'id: t\\ntitle: T\\nsource: S\\nsymbols:\\n  n_1: w\\nlaws: []\\n' | bad.yaml:5: symbols.n_1 | letters and digits",
      "symbol with capitals | 'id: t\\ntitle: T\\nsource: S\\nsymbols:\\n  nL: w\\nlaws: []\\n' | bad.yaml:5: symbols.nL | lower-case",
  })
  void badFilesNameFileLineAndField(String name, String yaml, String where, String what) {
    SpecException e = assertThrows(SpecException.class, () -> TheoryBook.parse("bad.yaml", yaml.replace("\\n", "\n")));
    assertTrue(e.getMessage().startsWith(where), () -> "message: " + e.getMessage());
    assertTrue(e.getMessage().contains(what), () -> "message: " + e.getMessage());
  }

  @Test
  void unknownQuantityListsTheRegisteredNamesAndTheScalingVariables() {
    SpecException e = assertThrows(SpecException.class,
        () -> TheoryBook.parse("bad.yaml", HEAD + "  - id: x\n    quantity: entropy\n    scaling: n\n"));
    assertTrue(e.getMessage().contains("known: dW.l<k>, dWfro.l<k>"), e.getMessage());
    assertTrue(e.getMessage().contains("spread, alpha_star"), e.getMessage());
    assertTrue(e.getMessage().endsWith("scaling variable: n, alpha)"), e.getMessage());
  }

  @Test
  void aLawMayNameSeveralDefinitionsOrAScalingVariable() {
    TheoryBook book = TheoryBook.parse("ok.yaml", HEAD
        + "  - id: both\n    quantity: [t1.kernel, t1.loss_half]\n    scaling: Sqrt(n)*alpha\n"
        + "  - id: variable\n    quantity: alpha\n    scaling: alpha*Sqrt(n)\n");
    assertEquals(java.util.List.of("t1.kernel", "t1.loss_half"), book.law("t/both").quantities());
    assertEquals("t1.kernel", book.law("t/both").quantity());
    assertEquals(java.util.List.of("t1.loss_half"), book.law("t/t1").quantities());
    assertEquals(java.util.List.of("alpha"), book.law("t/variable").quantities());
  }

  @Test
  void aFormulaSymjaCannotFinishIsAnErrorNotAHang() {
    long before = Symja.timeoutMillis;
    Symja.timeoutMillis = 1000;
    try {
      // without the limit Symja works on this for minutes
      String yaml = HEAD + "  - id: slow\n    quantity: dz.mean\n    scaling: (1+n+alpha)^40*(2+alpha+n^2)^40\n";
      long t0 = System.nanoTime();
      SpecException e = assertThrows(SpecException.class, () -> TheoryBook.parse("slow.yaml", yaml));
      assertTrue(e.getMessage().startsWith("slow.yaml:13: laws[1].scaling"), e.getMessage());
      assertTrue(e.getMessage().contains("did not finish within 1.0 s"), e.getMessage());
      assertTrue((System.nanoTime() - t0) / 1e9 < 60, "stopped near the limit");
      // the engine is usable afterwards
      TheoryBook ok = TheoryBook.parse("ok.yaml", HEAD);
      assertEquals("1/2", ok.law("t/t1").exponent("n").value().toString());
    } finally {
      Symja.timeoutMillis = before;
    }
  }
}
