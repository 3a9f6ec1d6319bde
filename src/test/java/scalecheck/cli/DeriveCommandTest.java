package scalecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DeriveCommandTest {
  private static final Path TMP = Path.of("target", "test-derive");

  /** exit code, stdout, stderr. */
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    CliRun r = CliRun.of(args);
    return new Run(r.code(), r.out(), r.err());
  }

  private static Path write(String name, String text) throws Exception {
    Files.createDirectories(TMP);
    Path p = TMP.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  private static JsonNode lawNamed(JsonNode arr, String theory, String law) {
    for (JsonNode o : arr) {
      if (o.get("theory").asText().equals(theory) && o.get("law").asText().equals(law)) return o;
    }
    throw new AssertionError("no " + theory + "/" + law + " in output");
  }

  @Test
  void jsonHasExactExponentsForAFolder() throws Exception {
    Run r = run("derive", "theory", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode arr = new ObjectMapper().readTree(r.out());
    assertTrue(arr.isArray());
    JsonNode star = lawNamed(arr, "geiger", "alpha_star");
    assertEquals("Solve(t1 == 1, alpha)", star.get("expression").asText());
    assertEquals("alpha_star", star.get("quantity").asText());
    assertEquals("-1/2", star.get("exponents").get("n").asText());
    JsonNode dw = lawNamed(arr, "geiger", "dW_hidden");
    assertEquals("-1", dw.get("exponents").get("n").asText());
    assertEquals("-1", dw.get("exponents").get("alpha").asText());
    assertEquals("1/(alpha*n)", dw.get("derived").asText());
    JsonNode rd = lawNamed(arr, "llz", "rd_kappa");
    assertTrue(rd.get("exponents").get("m").isNull());
    assertTrue(rd.get("note").asText().contains("-g"));
  }

  @Test
  void nonPowerLawGivesNullAndANote() throws Exception {
    Path f = write("nlogn.yaml", "id: x\ntitle: X\nsource: S\nsymbols: {n: width}\nlaws:\n"
        + "  - id: work\n    quantity: dz.mean\n    scaling: n*Log(n)\n");
    Run r = run("derive", f.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode o = new ObjectMapper().readTree(r.out()).get(0);
    assertTrue(o.get("exponents").has("n"));
    assertTrue(o.get("exponents").get("n").isNull());
    assertTrue(o.get("note").asText().contains("n*Log(n) is not a power law in n"), o.get("note").asText());
  }

  @Test
  void textOutputShowsExpressionDerivedFormAndExponents() {
    Run r = run("derive", "theory/geiger2019.yaml");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("geiger/alpha_star"));
    assertTrue(r.out().contains("derive:  Solve(t1 == 1, alpha)"));
    assertTrue(r.out().contains("derived:  1/Sqrt(n)"));
    assertTrue(r.out().contains("exponent in n: -1/2"));
    assertFalse(r.out().contains("llz/"));
  }

  @Test
  void badInputExitsTwoWithFileAndLineAndNoStackTrace() throws Exception {
    Path f = write("bad.yaml", "id: x\ntitle: X\nsource: S\nsymbols: {n: width, alpha: m}\nlaws:\n"
        + "  - id: a\n    quantity: dz.mean\n    scaling: n\n"
        + "  - id: b\n    quantity: dz.mean\n    derive: Solve(missing == 1, alpha)\n");
    Run r = run("derive", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith(f + ":11: laws[1].derive: unknown symbol or law 'missing'"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    assertEquals("", r.out());
  }

  @Test
  void yamlSyntaxErrorAndMissingFileExitTwo() throws Exception {
    Path f = write("syntax.yaml", "id: x\ntitle: X\nsymbols: {n: [\n");
    Run r = run("derive", f.toString(), "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith(f + ":"), r.err());
    assertTrue(r.err().contains("YAML syntax"), r.err());
    Run m = run("derive", "no/such/file.yaml");
    assertEquals(2, m.code());
    assertTrue(m.err().startsWith("no/such/file.yaml: no such file or folder"), m.err());
  }

  /** A regime that removes a written symbol reports it with exponent 0 and says why (not "none"). */
  @Test
  void symbolsTheRegimeRemovesAreReportedWithExponentZero() throws Exception {
    Path f = write("removed.yaml", "id: x\ntitle: X\nsource: S\nsymbols: {n: width, alpha: multiplier, d: dim}\n"
        + "laws:\n  - id: crossover\n    quantity: dz.mean\n    scaling: 1/(alpha*Sqrt(n))\n    regime: {alpha: n^(-1/2)}\n"
        + "  - id: half\n    quantity: dz.mean\n    scaling: d/(alpha*n)\n    regime: {alpha: n^(-1/2)}\n");
    Run t = run("derive", f.toString());
    assertEquals(0, t.code(), t.err());
    assertFalse(t.out().contains("exponents: none"), t.out());
    assertTrue(t.out().contains("exponent in alpha: 0  (the regime removes alpha)"), t.out());
    assertTrue(t.out().contains("exponent in n: 0  (n cancels under the regime)"), t.out());
    // a symbol still present keeps its exponent; d is not touched by the regime
    assertTrue(t.out().contains("exponent in n: -1/2\n"), t.out());
    assertTrue(t.out().contains("exponent in d: 1\n"), t.out());

    Run j = run("derive", f.toString(), "--json");
    assertEquals(0, j.code(), j.err());
    JsonNode arr = new ObjectMapper().readTree(j.out());
    JsonNode o = lawNamed(arr, "x", "crossover");
    assertEquals("0", o.get("exponents").get("alpha").asText());
    assertEquals("0", o.get("exponents").get("n").asText());
    assertEquals("the regime removes alpha", o.get("exponent_notes").get("alpha").asText());
    assertEquals("n cancels under the regime", o.get("exponent_notes").get("n").asText());
    JsonNode h = lawNamed(arr, "x", "half");
    assertEquals("-1/2", h.get("exponents").get("n").asText());
    assertEquals("0", h.get("exponents").get("alpha").asText());
    assertFalse(h.get("exponent_notes").has("n"));
  }
}
