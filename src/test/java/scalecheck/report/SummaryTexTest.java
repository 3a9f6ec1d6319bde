package scalecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import scalecheck.check.CheckResult;
import scalecheck.check.Verdict;
import scalecheck.check.VerifyOutcome;
import scalecheck.theory.Rational;

/** {@code summary.tex}: a booktabs table with exact predictions, escaped ids, and a document pdflatex compiles. */
class SummaryTexTest {

  private static VerifyOutcome outcome() {
    CheckResult a = Fixtures.check("dW_hidden[alpha=1]", "geiger/dW_hidden", "n", "dW.hidden", "-1", -0.98, 0.02,
        Verdict.PASS, Fixtures.pointsFrom(-1, 0.05, new Random(1)), List.of(), false);
    CheckResult b = Fixtures.check("control_dz_100%", "controls/dz_inverse_n", "alpha", "dz.mean", "-1/2", -0.52,
        0.02, Verdict.FAIL, Fixtures.pointsFrom(-0.5, 0.05, new Random(2)), List.of(), true);
    return new VerifyOutcome(List.of(a, b), List.of(), null);
  }

  @Test
  void tableRowsHoldExactPredictionsIntervalsAndVerdicts() {
    String tex = SummaryTex.render(outcome());
    assertTrue(tex.contains("\\usepackage{booktabs}"), tex);
    assertTrue(tex.contains("\\toprule") && tex.contains("\\midrule") && tex.contains("\\bottomrule"), tex);
    assertTrue(tex.contains("\\texttt{dW\\_hidden[alpha=1]} & \\texttt{geiger/dW\\_hidden} & $n$ & $-1$ & $-0.98$ & "
        + "$[-1.02, -0.94]$ & PASS \\\\"), tex);
    assertTrue(tex.contains("\\texttt{control\\_dz\\_100\\%} & \\texttt{controls/dz\\_inverse\\_n} & $\\alpha$ & "
        + "$-\\frac{1}{2}$ & $-0.52$ & $[-0.56, -0.48]$ & FAIL (control, must FAIL) \\\\"), tex);
  }

  @Test
  void escapesEveryLatexSpecialCharacter() {
    assertEquals("a\\_b\\%c\\&d\\#e\\$f\\{g\\}h\\textasciicircum{}i\\textasciitilde{}j\\textbackslash{}k",
        SummaryTex.escape("a_b%c&d#e$f{g}h^i~j\\k"));
    assertEquals("$-\\frac{3}{4}$", SummaryTex.exact(Rational.of(-3, 4)));
    assertEquals("$0$", SummaryTex.exact(Rational.ZERO));
    assertEquals("$2$", SummaryTex.exact(Rational.of(2)));
    assertEquals("--", SummaryTex.exact(null));
  }

  @Test
  void compilesWithPdflatex() throws Exception {
    String pdflatex = null;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, "pdflatex"))) pdflatex = Path.of(dir, "pdflatex").toString();
    }
    assumeTrue(pdflatex != null, "pdflatex is not installed here (texlive is not installed by the test setup)");
    Path dir = Files.createDirectories(Path.of("target", "check-tests", "summary-tex", "t" + System.nanoTime()));
    Files.writeString(dir.resolve("summary.tex"), SummaryTex.render(outcome()));
    Process p = new ProcessBuilder(pdflatex, "-interaction=nonstopmode", "-halt-on-error", "summary.tex")
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("pdflatex.log").toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "pdflatex did not finish in 120 s");
    assertEquals(0, p.exitValue(), Files.readString(dir.resolve("pdflatex.log")));
    assertTrue(Files.size(dir.resolve("summary.pdf")) > 0);
  }
}
