package scalecheck.check;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import scalecheck.theory.Exponent;
import scalecheck.theory.TheoryBook;

/**
 * The theory module behind {@link LawSource}: laws from theory files ({@link TheoryBook}), exponents
 * derived exactly. Check symbols are matched to theory symbols in lower case (L -&gt; l, P -&gt; p).
 */
public final class TheoryLawSource implements LawSource {
  private final TheoryBook book;

  private TheoryLawSource(TheoryBook book) {
    this.book = book;
  }

  /** Loads theory files (errors are SpecExceptions naming file and line). */
  public static LawSource load(List<Path> files) {
    return new TheoryLawSource(TheoryBook.load(files));
  }

  public static LawSource of(TheoryBook book) {
    return new TheoryLawSource(book);
  }

  @Override
  public Abc parameterisation(String ref) {
    int slash = ref == null ? -1 : ref.indexOf('/');
    if (slash < 0) return null;
    String tid = ref.substring(0, slash), sid = ref.substring(slash + 1);
    for (scalecheck.theory.Theory t : book.theories()) {
      if (!t.id().equals(tid)) continue;
      var d = t.parameterisation(sid);
      if (d.isPresent()) return new Abc(d.get().scheme().abcText(), d.get().scheme().depth());
    }
    return null;
  }

  @Override
  public Law law(String id) {
    var found = book.find(id);
    if (found.isEmpty() || !id.contains("/")) return null;
    scalecheck.theory.Law law = found.get();
    Set<String> symbols = new LinkedHashSet<>();
    for (String s : law.symbols()) symbols.add(s);
    for (String s : law.variables()) symbols.add(s);
    return new Law() {
      @Override
      public Set<String> symbols() {
        Set<String> out = new LinkedHashSet<>(symbols);
        // check files may write L and P for depth and training-set size
        if (symbols.contains("l")) out.add("L");
        if (symbols.contains("p")) out.add("P");
        return out;
      }

      @Override
      public List<String> quantities() {
        return law.quantities();
      }

      @Override
      public String correction() {
        return law.correction();
      }

      @Override
      public scalecheck.theory.Assumptions assumptions() {
        return law.assumptions();
      }

      @Override
      public Exponent exponent(String symbol, Map<String, String> regime) {
        Map<String, String> lower = new java.util.LinkedHashMap<>();
        regime.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return law.exponent(symbol.toLowerCase(java.util.Locale.ROOT), lower);
      }
    };
  }
}
