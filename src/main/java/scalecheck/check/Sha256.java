package scalecheck.check;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 (FIPS 180-4), the one hash of the project: run keys ({@link RunKey}), the shard that owns a
 * unit of work, and the provenance of every input file.
 */
public final class Sha256 {
  private Sha256() {}

  /** The 32-byte digest of {@code bytes}. */
  public static byte[] digest(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** The digest of {@code bytes} as 64 lower-case hex digits. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest(bytes));
  }

  /** The digest of the UTF-8 bytes of {@code text}, lower-case hex. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The digest of a file's bytes, lower-case hex. */
  public static String ofFile(Path file) throws IOException {
    return hex(Files.readAllBytes(file));
  }
}
