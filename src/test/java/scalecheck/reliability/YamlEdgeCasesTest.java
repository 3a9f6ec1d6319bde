package scalecheck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import scalecheck.spec.SpecException;
import scalecheck.spec.YNode;
import scalecheck.theory.TheoryBook;

/** Inputs the fuzz properties found: each must be a SpecException naming its line. */
class YamlEdgeCasesTest {
  @Test
  void nestingDeeperThanTheParserLimitNamesItsLine() {
    String deep = "id: x\ntitle: t\nlaws:\n  - id: " + "{a: ".repeat(1500) + "1" + "}".repeat(1500) + "\n";
    SpecException e = assertThrows(SpecException.class, () -> TheoryBook.parse("deep.yaml", deep));
    assertEquals(4, e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith("deep.yaml:4: "), e.getMessage());
    assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
  }

  @Test
  void deepListNestingNamesItsLine() {
    String deep = "a: 1\nb: " + "[".repeat(2000) + "]".repeat(2000) + "\n";
    SpecException e = assertThrows(SpecException.class, () -> YNode.parse("lists.yaml", deep));
    assertEquals(2, e.line(), e.getMessage());
  }

  @Test
  void bytesThatAreNotUtf8NameTheirLine() throws IOException {
    Path f = Path.of("target", "reliability-yaml", "latin1.yaml");
    Files.createDirectories(f.getParent());
    byte[] head = "id: x\nlaw: geiger/dz\ntitle: ".getBytes(StandardCharsets.UTF_8);
    byte[] bad = {(byte) 0xE9, 't', 'e', '\n'}; // Latin-1 e-acute
    byte[] all = new byte[head.length + bad.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(bad, 0, all, head.length, bad.length);
    Files.write(f, all);
    SpecException e = assertThrows(SpecException.class, () -> YNode.parse(f));
    assertEquals(3, e.line(), e.getMessage());
    assertTrue(e.getMessage().startsWith(f + ":3: not UTF-8"), e.getMessage());
  }

  @Test
  void validUtf8IsReadUnchanged() throws IOException {
    Path f = Path.of("target", "reliability-yaml", "utf8.yaml");
    Files.createDirectories(f.getParent());
    Files.writeString(f, "title: \"caf\u00e9 \u4e2d \ud83d\ude00\"\n", StandardCharsets.UTF_8);
    assertEquals("caf\u00e9 \u4e2d \ud83d\ude00", YNode.parse(f).get("title").text());
  }
}
