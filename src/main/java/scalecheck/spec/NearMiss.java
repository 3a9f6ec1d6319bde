package scalecheck.spec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.ToIntFunction;
import org.apache.commons.text.similarity.LevenshteinDistance;

/** The closest known name to a misspelt one, for "did you mean" hints in bad-input messages. */
public final class NearMiss {
  private NearMiss() {}

  /**
   * "; did you mean X?" with the closest name: equal but for case first, then one that contains the
   * name or is contained in it, then by edit distance (Levenshtein, from Commons Text); nothing when
   * even the closest differs in more than half its letters (at least 2).
   */
  public static String suggestion(String name, Collection<String> candidates) {
    if (candidates.isEmpty()) return "";
    String lower = name.toLowerCase(Locale.ROOT);
    LevenshteinDistance lev = LevenshteinDistance.getDefaultInstance();
    ToIntFunction<String> rank = c -> {
      String cl = c.toLowerCase(Locale.ROOT);
      if (cl.equals(lower)) return 0;
      boolean within = Math.min(cl.length(), lower.length()) >= 2 && (cl.contains(lower) || lower.contains(cl));
      return within ? 1 : 2;
    };
    String best = candidates.stream().min(Comparator.comparingInt(rank)
        .thenComparingInt(c -> lev.apply(lower, c.toLowerCase(Locale.ROOT)))).orElseThrow();
    boolean close = rank.applyAsInt(best) < 2
        || lev.apply(lower, best.toLowerCase(Locale.ROOT)) <= Math.max(2, name.length() / 2);
    return close ? "; did you mean " + best + "?" : "";
  }
}
