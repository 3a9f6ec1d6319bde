package scalecheck.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shipped theory files against the exponents theory/README.md section 2 states (typed here by hand from
 * that table, the independent source).
 */
class ShippedTheoriesTest {
  private static TheoryBook book;

  @BeforeAll
  static void load() {
    book = TheoryBook.load(List.of(Path.of("theory")));
  }

  /** ref; symbol; exponent from theory/README.md section 2. */
  @ParameterizedTest(name = "{0} in {1}: {2}")
  @CsvSource(delimiter = ';', value = {
      "geiger/dW_hidden; n; -1", "geiger/dW_hidden; alpha; -1",
      "geiger/dW_first; n; -1/2", "geiger/dW_first; alpha; -1",
      "geiger/dW_last; n; -1/2", "geiger/dW_last; alpha; -1",
      "geiger/dz; n; -1/2", "geiger/dz; alpha; -1",
      "geiger/dw_total; n; 0", "geiger/dw_total; alpha; -1",
      "geiger/rate_hidden; n; -1", "geiger/rate_hidden; alpha; -1",
      "geiger/rate_ext; n; -1/2", "geiger/rate_ext; alpha; -1",
      "geiger/rate_last; n; -1/2", "geiger/rate_last; alpha; -1",
      "geiger/rate_z; n; -1/2", "geiger/rate_z; alpha; -1",
      "geiger/t1; n; 1/2", "geiger/t1; alpha; 1",
      "geiger/alpha_star; n; -1/2",
      "geiger/t_lazy; n; 0", "geiger/t_lazy; alpha; 0",
      "geiger/out_init_ntk; n; 0",
      "geiger/out_init_mf; n; -1/2",
      "geiger/spread; n; -1/2",
      "geiger/kernel_change_naive; n; -1/2", "geiger/kernel_change_naive; alpha; -1",
      "geiger/kernel_change_dyer; n; -1",
      "geiger/kappa; n; 1/2", "geiger/kappa; alpha; 1",
      "geiger/err_plateau; n; 0", "geiger/err_plateau; alpha; 0",
      "chizat/chizat_dw; alpha; -1",
      "chizat/chizat_gap; alpha; -2",
      "llz/rd_kappa_rich; m; 0",
      "llz/rd_ntk; m; -1/2",
      "llz/dz_kappa; kappa; -1", "llz/dz_kappa; m; 0",
      "llz/dW_first_kappa; kappa; -1",
      "llz/dW_hidden_kappa; m; -1/2", "llz/dW_hidden_kappa; kappa; -1",
      "llz/t1_kappa; kappa; 1",
  })
  void everyLawHasTheExponentTheoryMdStates(String ref, String symbol, String expected) {
    Law law = book.law(ref);
    Exponent e = law.exponents().get(symbol);
    assertNotNull(e, () -> ref + " reports no exponent in " + symbol + " (reports " + law.exponents().keySet() + ")");
    assertEquals(Rational.parse(expected), e.value(), () -> ref + ": " + e.note());
  }

  @Test
  void everyShippedLawIsInTheTableAbove() {
    Set<String> inTable = Set.of("geiger/dW_hidden", "geiger/dW_first", "geiger/dW_last", "geiger/dz",
        "geiger/dw_total", "geiger/rate_hidden", "geiger/rate_ext", "geiger/rate_last", "geiger/rate_z",
        "geiger/t1", "geiger/alpha_star", "geiger/t_lazy", "geiger/out_init_ntk", "geiger/out_init_mf",
        "geiger/spread", "geiger/kernel_change_naive", "geiger/kernel_change_dyer", "geiger/kappa",
        "geiger/err_plateau", "chizat/chizat_dw",
        "chizat/chizat_gap", "llz/rd_kappa", "llz/rd_kappa_rich", "llz/rd_ntk", "llz/dz_kappa",
        "llz/dW_first_kappa", "llz/dW_hidden_kappa", "llz/t1_kappa");
    // theory/controls.yaml holds deliberately wrong laws for negative controls, not theory/README.md laws;
    // theory/schemes.yaml's laws are derived from parameterisations (ParameterisationDerivationTest)
    Set<String> shipped = book.laws().stream().filter(l -> !l.theoryId().equals("controls"))
        .filter(l -> !l.theoryId().equals("schemes")).map(Law::ref)
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(inTable), shipped);
    for (Law l : book.laws()) {
      assertNotNull(l.note(), l.ref() + " states no assumptions");
      assertFalse(l.quantity().isBlank());
    }
  }

  @Test
  void everyShippedQuantityIsRegisteredOrTheScalingVariableKappa() {
    for (Law l : book.laws()) {
      for (String q : l.quantities()) {
        assertTrue(scalecheck.sim.Probes.isKnown(q) || q.equals("kappa"), l.ref() + " names " + q);
      }
    }
    assertEquals(List.of("t1.loss_half", "t1.kernel"), book.law("geiger/t1").quantities());
    assertEquals("t1.loss_half", book.law("geiger/t1").quantity(), "derive prints the first");
  }

  @Test
  void thetaLazyRdDecaysAsMToTheMinusG() {
    Law rd = book.law("llz/rd_kappa");
    assertFalse(rd.exponent("m").isPowerLaw(), "exponent -g is symbolic until g has a value");
    assertTrue(rd.exponent("m").note().contains("-g"), rd.exponent("m").note());
    assertEquals(Rational.of(-1, 4), rd.exponent("m", Map.of("g", "1/4")).value());
    assertEquals(Rational.of(-1, 2), rd.exponent("m", Map.of("g", "1/2")).value());
    assertEquals(Rational.of(-3, 7), rd.exponent("m", Map.of("g", "3/7")).value());
  }

  @Test
  void meanFieldLineRemovesTheWidthDependenceOfDz() {
    Law dz = book.law("geiger/dz");
    assertEquals(Rational.of(-1, 2), dz.exponent("n").value());
    assertEquals(Rational.ZERO, dz.exponent("n", Map.of("alpha", "n^(-1/2)")).value());
    assertEquals(Rational.of(-1, 2), book.law("geiger/dW_hidden").exponent("n", Map.of("alpha", "n^(-1/2)")).value());
  }

  /** Geiger's laws with alpha = kappa/sqrt(n) are Li-Luo-Zhou's kappa forms (width m renamed n). */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = ';', value = {
      "geiger/dz; llz/dz_kappa",
      "geiger/dW_first; llz/dW_first_kappa",
      "geiger/dW_last; llz/dW_first_kappa",
      "geiger/dW_hidden; llz/dW_hidden_kappa",
      "geiger/t1; llz/t1_kappa",
  })
  void kappaSubstitutionGivesLiLuoZhouForms(String geigerRef, String llzRef) {
    String rewritten = book.law(geigerRef).rewrite(Map.of("alpha", "kappa/Sqrt(n)"));
    String llzInN = book.law(llzRef).rewrite(Map.of("m", "n"));
    assertTrue(Symja.sameForm(rewritten, llzInN), rewritten + " vs " + llzInN);
    assertFalse(Symja.sameForm(rewritten, llzInN + "*n"), "comparison must be able to fail");
  }

  @Test
  void kappaStarIsOneBecauseAlphaStarIsOneOverSqrtN() {
    Law alphaStar = book.law("geiger/alpha_star");
    assertTrue(alphaStar.sameForm("1/Sqrt(n)"), alphaStar.derived());
    String kappaStar = "(" + alphaStar.derived() + ")*Sqrt(n)";
    // Li-Luo-Zhou's crossover t1_kappa == 1, solved for kappa, is that kappa* (measured as geiger/alpha_star)
    String solved = Symja.solveSingle("Solve((" + book.law("llz/t1_kappa").derived() + ") == 1, kappa)");
    assertTrue(Symja.sameForm(solved, kappaStar), solved + " vs " + kappaStar);
    assertFalse(Symja.sameForm(solved, kappaStar + "*n"), "comparison must be able to fail");
    assertEquals("1/kappa", book.law("geiger/dz").rewrite(Map.of("alpha", "kappa/Sqrt(n)")));
  }

  @Test
  void theContestedKernelLawsArePaired() {
    Law naive = book.law("geiger/kernel_change_naive");
    Law dyer = book.law("geiger/kernel_change_dyer");
    assertEquals("kernel.change", naive.quantity());
    assertEquals(naive.quantity(), dyer.quantity());
    assertEquals("kernel_change_naive", dyer.contests());
    assertTrue(dyer.note().contains("Dyer"));
    assertFalse(naive.exponent("n").value().equals(dyer.exponent("n").value()));
  }

  @Test
  void lookupByRefAndUnknownRefs() {
    assertEquals("dW.hidden", book.law("geiger/dW_hidden").quantity());
    assertTrue(book.find("geiger/nope").isEmpty());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> book.law("geiger/nope"));
    assertTrue(e.getMessage().startsWith("unknown law 'geiger/nope' (known: "), e.getMessage());
    assertTrue(e.getMessage().contains("geiger/dW_hidden"));
    assertEquals(book.law("llz/rd_ntk"), book.law("rd_ntk"));
  }

  @Test
  void lawsKnowWhereTheyWereWritten() {
    Law t1 = book.law("geiger/t1");
    assertTrue(t1.file().toString().endsWith("geiger2019.yaml"));
    assertTrue(t1.line() > 1);
    Map<String, String> regime = new LinkedHashMap<>(book.law("llz/rd_kappa").regime());
    assertEquals(Map.of("kappa", "m^g"), regime);
    assertEquals(Set.of("m", "g"), book.law("llz/rd_kappa").symbols());
    assertNull(book.law("geiger/dz").contests());
  }

  @Test
  void enginesAreSafeToShareAcrossThreads() throws Exception {
    List<Law> laws = book.laws();
    Thread[] ts = new Thread[4];
    Map<String, Rational>[] seen = new Map[ts.length];
    for (int i = 0; i < ts.length; i++) {
      int k = i;
      seen[k] = new java.util.concurrent.ConcurrentHashMap<>();
      ts[i] = new Thread(() -> {
        for (Law l : laws) {
          Exponent e = l.exponent("n", Map.of("alpha", "n^(-" + (k + 1) + "/7)"));
          if (e.isPowerLaw()) seen[k].put(l.ref(), e.value());
        }
      });
      ts[i].start();
    }
    for (Thread t : ts) t.join();
    // dW_hidden = 1/(alpha n) with alpha = n^(-k/7): exponent k/7 - 1
    for (int k = 0; k < ts.length; k++) {
      assertEquals(Rational.of(k + 1, 7).sub(Rational.ONE), seen[k].get("geiger/dW_hidden"));
    }
  }

  /** The contested 1/n law assumes a smooth activation; the theory-level lazy side reaches every Geiger law. */
  @Test
  void assumptionsAreMachineReadable() {
    TheoryBook book = TheoryBook.load(java.util.List.of(java.nio.file.Path.of("theory", "geiger2019.yaml")));
    Law dyer = book.find("geiger/kernel_change_dyer").orElseThrow();
    assertEquals("smooth", dyer.assumptions().activation());
    assertEquals("lazy", dyer.assumptions().side());
    assertEquals(null, book.find("geiger/kernel_change_naive").orElseThrow().assumptions().activation());
    assertEquals("feature", book.find("geiger/t1").orElseThrow().assumptions().side());
    assertEquals("any", book.find("geiger/rate_hidden").orElseThrow().assumptions().side());
    assertEquals(Integer.valueOf(2), book.find("geiger/dW_hidden").orElseThrow().assumptions().minDepth());
  }
}
