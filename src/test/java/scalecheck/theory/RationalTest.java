package scalecheck.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RationalTest {
  @Test
  void reducesAndKeepsDenominatorPositive() {
    assertEquals(new Rational(-1, 2), Rational.of(2, -4));
    assertEquals("-1/2", Rational.of(3, -6).toString());
    assertEquals("0", Rational.of(0, -7).toString());
    assertEquals(1, Rational.of(0, -7).den());
    assertEquals("3", Rational.of(6, 2).toString());
  }

  @Test
  void parsesWhatItPrints() {
    assertEquals(Rational.of(-1, 2), Rational.parse("-1/2"));
    assertEquals(Rational.of(2, 1), Rational.parse(" 4 / 2 "));
    assertEquals(Rational.of(5, 1), Rational.parse("5"));
    assertThrows(IllegalArgumentException.class, () -> Rational.parse("0.5"));
    assertThrows(IllegalArgumentException.class, () -> Rational.parse("1/0"));
  }

  @Test
  void arithmeticAndOrder() {
    assertEquals(Rational.of(1, 6), Rational.of(1, 2).add(Rational.of(-1, 3)));
    assertEquals(Rational.of(-1, 6), Rational.of(1, 2).mul(Rational.of(-1, 3)));
    assertEquals(Rational.of(1, 3), Rational.of(-1, 3).neg());
    assertTrue(Rational.of(-1, 2).compareTo(Rational.of(-1, 3)) < 0);
    assertEquals(-0.5, Rational.of(-1, 2).doubleValue());
  }
}
