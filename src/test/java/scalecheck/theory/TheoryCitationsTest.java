package scalecheck.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Citations of the theory digest point at the repository's own {@code theory/README.md}: no file
 * cites a document that is not in the repository, and every cited section exists there.
 */
class TheoryCitationsTest {
  /** The name of the digest the project was started from, which is not part of the repository. */
  static final String OUTSIDE = "THEORY" + ".md";
  static final Pattern CITE = Pattern.compile("theory/README\\.md,? sections? (\\d+)");
  static final Pattern HEADING = Pattern.compile("(?m)^## (\\d+)\\. ");
  /** Folders of generated output and version control, not sources. */
  static final Set<String> SKIP = Set.of("target", "reports", ".git", "out");

  /** The numbered sections of a digest ("## 3. ..."). */
  static Set<Integer> sections(Path digest) throws IOException {
    Set<Integer> s = new TreeSet<>();
    Matcher m = HEADING.matcher(Files.readString(digest, StandardCharsets.UTF_8));
    while (m.find()) s.add(Integer.parseInt(m.group(1)));
    return s;
  }

  /** file:line: problem for each citation of the outside digest or of a missing section under root. */
  static List<String> problems(Path root) throws IOException {
    Set<Integer> have = sections(root.resolve("theory").resolve("README.md"));
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)
          .filter(p -> root.relativize(p).toString().matches(".*\\.(java|ya?ml|md|sh|py|txt|html)$"))
          .filter(p -> {
            for (Path part : root.relativize(p)) if (SKIP.contains(part.toString())) return false;
            return true;
          }).sorted()::iterator) {
        List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
          String where = root.relativize(f) + ":" + (i + 1) + ": ";
          if (lines.get(i).contains(OUTSIDE)) {
            out.add(where + "cites " + OUTSIDE + ", which is not in the repository (cite theory/README.md)");
          }
          Matcher m = CITE.matcher(lines.get(i));
          while (m.find()) {
            int s = Integer.parseInt(m.group(1));
            if (!have.contains(s)) out.add(where + "cites theory/README.md section " + s + ", which does not exist");
          }
        }
      }
    }
    return out;
  }

  @Test
  void everyCitationPointsAtAnExistingSectionOfTheRepositorysDigest() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    assertTrue(Files.isRegularFile(root.resolve("theory/README.md")), "theory/README.md is missing");
    assertEquals(Set.of(1, 2, 3, 4, 5), sections(root.resolve("theory/README.md")));
    List<String> p = problems(root);
    assertTrue(p.isEmpty(), String.join("\n", p));
  }

  @Test
  void theScanFindsOutsideCitationsAndMissingSections(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("theory"));
    Files.createDirectories(dir.resolve("src"));
    Files.createDirectories(dir.resolve("target"));
    Files.writeString(dir.resolve("theory/README.md"), "# T\n\n## 1. One\n\n## 3. Three\n");
    Files.writeString(dir.resolve("src/A.java"), String.join("\n",
        "// see theory/README.md section 3",
        "// see " + OUTSIDE + " section 3",
        "// see theory/README.md section 2 and theory/README.md sections 1"));
    Files.writeString(dir.resolve("target/B.java"), "// " + OUTSIDE + " in build output is not a source");
    List<String> p = problems(dir);
    assertEquals(2, p.size(), String.join("\n", p));
    assertTrue(p.get(0).startsWith("src/A.java:2: cites " + OUTSIDE), p.get(0));
    assertTrue(p.get(1).startsWith("src/A.java:3: cites theory/README.md section 2, which does not exist"), p.get(1));
  }
}
