package scalecheck.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Leading exponents of a table of expressions, worked out by hand. */
class ExponentTableTest {

  @ParameterizedTest(name = "{0} in {1} -> {2}")
  @CsvSource(delimiter = ';', value = {
      "1/(alpha*n); n; -1",
      "1/(alpha*n); alpha; -1",
      // Symja's Limit(Log(f)/Log(n), n->Infinity) returns 0 here
      "Sqrt(n)*alpha; n; 1/2",
      "Sqrt(n)*alpha; alpha; 1",
      // Symja's Exponent((1+n)^(-1/2), n) returns 0 here
      "(1+n)^(-1/2); n; -1/2",
      "1/(alpha*Sqrt(n)); n; -1/2",
      "n^2 + n; n; 2",
      "n - Sqrt(n); n; 1",
      "3*n^(3/2) + 5*n^(1/3)*alpha; n; 3/2",
      "3*n^(3/2) + 5*n^(1/3)*alpha; alpha; 1",
      "1/(n + n^2); n; -2",
      "Sqrt(alpha^2*n); alpha; 1",
      "Sqrt(alpha^2*n); n; 1/2",
      "(n^2 + 1)^(1/3); n; 2/3",
      "(n+1)^2 - n^2; n; 1",
      "n^(-1)*(1 + 1/n); n; -1",
      "(2*n + alpha)/(n^3 + 7); n; -2",
      "alpha; n; 0",
      "7; n; 0",
      "Pi*n^(5/7); n; 5/7",
      "((n^(1/3))^(3/4))^(-2); n; -1/2",
      "n^(1/2) + n^(1/3) + n^(1/2); n; 1/2",
  })
  void powerLaws(String expr, String symbol, String expected) {
    Exponent e = Symja.exponent(expr, symbol, Map.of());
    assertTrue(e.isPowerLaw(), () -> expr + ": " + e.note());
    assertEquals(Rational.parse(expected), e.value());
  }

  @ParameterizedTest(name = "{0} in {1} is not a power law")
  @CsvSource(delimiter = ';', value = {
      "n*Log(n); n; not a power law in n",
      "Log(n)/n; n; logarithm",
      "Exp(n); n; exponential",
      "2^n*alpha; n; exponential",
      "n^n; n; exponent",
      "Sin(n) + 2; n; Sin",
      "m^(-g); m; depends on g",
      "n^g + n; n; sign of",
      // the n^(1/2) terms cancel; the true order n^(-1/2) is reported, not guessed
      "Sqrt(n+1) - Sqrt(n); n; cancel",
  })
  void notPowerLaws(String expr, String symbol, String noteContains) {
    Exponent e = Symja.exponent(expr, symbol, Map.of());
    assertFalse(e.isPowerLaw(), () -> expr + " gave " + e.value());
    assertNull(e.value());
    assertNotNull(e.note());
    assertTrue(e.note().contains(noteContains), () -> "note was: " + e.note());
  }

  @ParameterizedTest(name = "{0} with {2} -> {3} in {1}")
  @CsvSource(delimiter = ';', value = {
      "1/(alpha*Sqrt(n)); n; alpha=n^(-1/2); 0",
      "1/(alpha*n); n; alpha=n^(-1/2); -1/2",
      "Sqrt(n)*alpha; n; alpha=n^(-1/4); 1/4",
      "m^(-g); m; g=1/4; -1/4",
      "1/kappa; m; kappa=m^(1/2); -1/2",
  })
  void substitutions(String expr, String symbol, String sub, String expected) {
    String[] kv = sub.split("=");
    Exponent e = Symja.exponent(expr, symbol, Map.of(kv[0], kv[1]));
    assertEquals(Rational.parse(expected), e.value(), () -> String.valueOf(e.note()));
  }

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {"1/(alpha*n); n", "Sqrt(n)*alpha; n", "(1+n)^(-1/2); n", "n^2 + n; n"})
  void symjaLimitConfirmsSimpleCases(String expr, String symbol) {
    Exponent e = Symja.exponent(expr, symbol, Map.of());
    assertNull(e.note(), () -> "cross-check remark: " + e.note());
  }
}
