package scalecheck.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static scalecheck.PropertyRuns.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Generated formulas whose exponents are known by construction. */
class ExponentProperties {

  /** Rationals a/b with |a| <= 7, 1 <= b <= 6. */
  private static Gen<Rational> rationals() {
    return integers().between(-7, 7).zip(integers().between(1, 6), Rational::of);
  }

  /** Positive constants c = a/b. */
  private static Gen<Rational> positives() {
    return integers().between(1, 9).zip(integers().between(1, 5), Rational::of);
  }

  private static String pow(String s, Rational p) {
    return s + "^(" + p + ")";
  }

  @Test
  void monomialExponentsAreExact() {
    qt(60)
        .forAll(rationals(), rationals(), positives())
        .checkAssert((p, q, c) -> {
          String f = "(" + c + ")*" + pow("n", p) + "*" + pow("alpha", q);
          assertEquals(p, Symja.exponent(f, "n", Map.of()).value(), f);
          assertEquals(q, Symja.exponent(f, "alpha", Map.of()).value(), f);
        });
  }

  @Test
  void lowerOrderTermsDoNotChangeTheExponent() {
    qt(60)
        .forAll(rationals(), positives(), positives(), integers().between(1, 12).zip(integers().between(1, 4), Rational::of))
        .checkAssert((p, c, c2, gap) -> {
          Rational lower = p.sub(gap);
          String f = "(" + c + ")*" + pow("n", p) + "*alpha + (" + c2 + ")*" + pow("n", lower);
          assertEquals(p, Symja.exponent(f, "n", Map.of()).value(), f);
          String g = "(" + c2 + ")*" + pow("n", lower) + " - (" + c + ")*" + pow("n", p);
          assertEquals(p, Symja.exponent(g, "n", Map.of()).value(), g);
        });
  }

  @Test
  void alphaStarFromT1IsMinusHalfInN() {
    qt(25)
        .forAll(positives())
        .checkAssert(c -> {
          String yaml = "id: t\ntitle: t\nsource: s\nsymbols: {n: width, alpha: multiplier}\nlaws:\n"
              + "  - id: t1\n    quantity: t1.loss_half\n    scaling: (" + c + ")*Sqrt(n)*alpha\n"
              + "  - id: alpha_star\n    quantity: alpha_star\n    derive: Solve(t1 == 1, alpha)\n";
          Law star = TheoryBook.parse("gen.yaml", yaml).law("t/alpha_star");
          assertEquals(Rational.of(-1, 2), star.exponent("n").value(), star.derived());
        });
  }

  @Test
  void crossoverOfAGeneralT1IsMinusPInN() {
    qt(25)
        .forAll(rationals(), positives())
        .checkAssert((p, c) -> {
          String yaml = "id: t\ntitle: t\nsource: s\nsymbols: {n: width, alpha: multiplier}\nlaws:\n"
              + "  - id: t1\n    quantity: t1.kernel\n    scaling: (" + c + ")*n^(" + p + ")*alpha\n"
              + "  - id: star\n    quantity: alpha_star\n    derive: Solve(t1 == 1, alpha)\n";
          Law star = TheoryBook.parse("gen.yaml", yaml).law("t/star");
          assertEquals(p.neg(), star.exponent("n").value(), star.derived());
        });
  }
}
