package scalecheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code scalecheck derive} on parameterisations: what it prints, and bad declarations exit 2. */
class DeriveParameterisationTest {
  private record Out(int code, String out, String err) {}

  private static Out run(String... args) {
    CliRun r = CliRun.of(args);
    return new Out(r.code(), r.out(), r.err());
  }

  @Test
  void printsKappaExponentRegimeRAndLayerExponents() {
    Out r = run("derive", "theory/schemes.yaml");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("parameterisation schemes/mup"), r.out());
    assertTrue(r.out().contains("Yang-Hu r = 0: stable, nontrivial, feature learning (r = 0)"), r.out());
    assertTrue(r.out().contains("kappa ~ m^G, G = g: theta-lazy for g > 0, critical at g = 0, condensed for g < 0"), r.out());
    assertTrue(r.out().contains("Yang-Hu r = -1: unstable"), r.out());
    assertTrue(r.out().contains("coordinate check (fixed steps), exponent in n: dz.l1 0, dz.l2 0"), r.out());
    Out j = run("derive", "theory/schemes.yaml", "--json");
    assertTrue(j.out().contains("\"kappa_exponent\" : \"1/2\""), j.out());
  }

  @Test
  void aMissingLayerExitsTwoWithFileLineAndField() throws Exception {
    Path dir = Path.of("target", "test-derive-param");
    Files.createDirectories(dir);
    Path f = dir.resolve("bad.yaml");
    Files.writeString(f, "id: t\ntitle: T\nsource: S\nsymbols: {n: width}\nparameterisations:\n"
        + "  - id: p\n    depth: 3\n    layers: [{a: 0}, {a: 1/2}, {a: 1}]\n");
    Out r = run("derive", f.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith(f + ":8: parameterisations[0].layers: depth 3 needs 4 layers"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }
}
