package scalecheck.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static scalecheck.PropertyRuns.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sharding: each unit in exactly one shard, the documented hash, stability, balance. */
class ShardProperties {

  /** The Javadoc's formula, written independently: 1 + (first 8 bytes of SHA-256, unsigned) mod N. */
  static int reference(String key, int n) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    return 1 + new BigInteger(1, Arrays.copyOf(d, 8)).mod(BigInteger.valueOf(n)).intValueExact();
  }

  @Test
  void everyKeyLandsInExactlyOneShard() {
    qt(1000).forAll(strings().allPossible().ofLengthBetween(0, 80), integers().between(1, 200))
        .checkAssert((key, n) -> {
          int owners = 0;
          int owner = -1;
          for (int i = 1; i <= n; i++) {
            if (new Shard(i, n).owns(key)) {
              owners++;
              owner = i;
            }
          }
          assertEquals(1, owners, "key '" + key + "' with N=" + n);
          assertEquals(Shard.bucket(key, n), owner);
        });
  }

  @Test
  void adaptiveUnitsLandInExactlyOneShard() {
    qt(1000).forAll(strings().basicLatinAlphabet().ofLengthBetween(1, 20),
            strings().basicLatinAlphabet().ofLengthBetween(0, 40), integers().between(1, 50))
        .checkAssert((check, unit, n) -> {
          int owners = 0;
          for (int i = 1; i <= n; i++) if (new Shard(i, n).owns(check, unit)) owners++;
          assertEquals(1, owners);
        });
  }

  @Test
  void shardIsTheDocumentedHashOfTheKeyAlone() {
    qt(1000).forAll(strings().allPossible().ofLengthBetween(0, 80), integers().between(1, 1_000_000))
        .checkAssert((key, n) -> {
          try {
            assertEquals(reference(key, n), Shard.bucket(key, n));
            assertEquals(reference(key, n), Shard.bucket(new String(key.toCharArray()), n), "stable");
          } catch (Exception e) {
            throw new AssertionError(e);
          }
        });
  }

  @Test
  void parseReadsWhatToStringWrites() {
    qt(1000).forAll(integers().between(1, 10_000), integers().between(0, 1_000_000))
        .checkAssert((n, k) -> {
          Shard s = new Shard(k % n + 1, n);
          assertEquals(s, Shard.parse(s.toString()));
        });
  }

  /** Run keys are hex SHA-256 strings; with 20000 of them each shard's count is near 20000/N. */
  @Test
  void runKeysSpreadEvenly() {
    qt(15).forAll(integers().between(2, 32)).checkAssert(n -> {
      int keys = 20_000;
      int[] count = new int[n + 1];
      for (int k = 0; k < keys; k++) count[Shard.bucket(Fixtures.key("spec-" + k), n)]++;
      double mean = (double) keys / n;
      double sd = Math.sqrt(keys * (1.0 / n) * (1 - 1.0 / n));
      for (int i = 1; i <= n; i++) {
        assertTrue(Math.abs(count[i] - mean) < 5 * sd, "shard " + i + "/" + n + " got " + count[i] + ", expected about " + mean);
      }
    });
  }
}
