package scalecheck.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShardTest {
  @Test
  void parsesOneBasedIOfN() {
    assertEquals(new Shard(2, 8), Shard.parse("2/8"));
    assertEquals(new Shard(8, 8), Shard.parse(" 8/8 "));
    assertEquals(Shard.ALL, Shard.parse("1/1"));
    assertTrue(Shard.parse("1/1").isAll());
  }

  @Test
  void rejectsBadShardsWithTheReason() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("0/8")).getMessage().contains("numbered from 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("9/8")).getMessage().contains("between 1 and N"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("3")).getMessage().contains("expected I/N"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("a/b")).getMessage().contains("whole numbers"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("1/0")).getMessage().contains("N must be >= 1"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Shard.parse("1/2/3")).getMessage().contains("expected I/N"));
    assertThrows(IllegalArgumentException.class, () -> new Shard(0, 3));
  }

  @Test
  void wholeSweepOwnsEverything() {
    for (int k = 0; k < 100; k++) assertTrue(Shard.ALL.owns(Fixtures.key("x" + k)));
  }
}
