package scalecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every generated-input test goes through {@link PropertyRuns}: fixed seed by default. */
class PropertyRunsTest {

  /** QuickTheories entry points that bypass the helper: a bare qt(), its static import, or a seed of one's own. */
  static final Pattern BYPASS = Pattern.compile(
      "(?<![\\w.])qt\\s*\\(\\s*\\)|QuickTheory\\s*\\.\\s*qt\\b|import\\s+static\\s+org\\.quicktheories\\.QuickTheory\\b"
          + "|\\bwithFixedSeed\\b|\\bWithQuickTheories\\b");

  /** file:line: text for each bypass in the test sources other than PropertyRuns itself. */
  static List<String> bypasses(Path root) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
        if (f.getFileName().toString().equals("PropertyRuns.java")
            || f.getFileName().toString().equals("PropertyRunsTest.java")) {
          continue;
        }
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          Matcher m = BYPASS.matcher(lines.get(i));
          if (m.find()) found.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
        }
      }
    }
    return found;
  }

  @Test
  void noTestStartsQuickTheoriesItself() throws IOException {
    Path root = Path.of("src/test/java");
    assertTrue(Files.isDirectory(root), "run from the repository root");
    List<String> found = bypasses(root);
    assertTrue(found.isEmpty(), "use scalecheck.PropertyRuns.qt(examples) instead of:\n" + String.join("\n", found));
  }

  @Test
  void theScanFindsEveryKindOfBypass(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    // negative control: the scan must see what it forbids
    Files.writeString(dir.resolve("A.java"), String.join("\n",
        "import static org.quicktheories.QuickTheory.qt;",
        "class A { void t() { qt().forAll(null); } }",
        "class B { void t() { org.quicktheories.QuickTheory.qt().withExamples(3); } }",
        "class C { void t() { PropertyRuns.qt(10).withFixedSeed(4L); } }",
        "class D { void t() { PropertyRuns.qt(10).forAll(null); helper.qt(); } }"));
    List<String> found = bypasses(dir);
    assertEquals(List.of("A.java:1", "A.java:2", "A.java:3", "A.java:4"),
        found.stream().map(s -> s.substring(0, s.indexOf(": "))).toList());
  }

  @Test
  void theDefaultRunHasOneFixedSeedAndTheAskedExamples() {
    String replay = System.getProperty("QT_SEED");
    boolean replaying = replay != null && !replay.isBlank();
    if (PropertyRuns.exploring()) {
      // -Pexplore: many more examples, and fresh seeds unless one is replayed
      assertTrue(PropertyRuns.examples(37) >= 37 * 2, "exploring multiplies the examples");
      if (!replaying) assertTrue(PropertyRuns.seed() != PropertyRuns.seed(), "exploring draws fresh seeds");
    } else {
      assertEquals(37, PropertyRuns.examples(37));
      assertEquals(PropertyRuns.seed(), PropertyRuns.seed());
      if (!replaying) assertEquals(PropertyRuns.DEFAULT_SEED, PropertyRuns.seed());
    }
    if (replaying) assertEquals(Long.parseLong(replay.trim()), PropertyRuns.seed());
  }
}
