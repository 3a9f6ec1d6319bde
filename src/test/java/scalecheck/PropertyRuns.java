package scalecheck;

import java.security.SecureRandom;
import org.quicktheories.QuickTheory;

/**
 * The one way a {@code *Properties} test starts QuickTheories, so that the default test run is
 * deterministic and exploration is a choice.
 *
 * <ul>
 *   <li>Default run: every property draws its examples from the fixed seed {@link #DEFAULT_SEED},
 *       with the number of examples its test asks for.</li>
 *   <li>{@code -DQT_SEED=S}: replays seed S (QuickTheories prints "Seed was S" with every falsified
 *       property, so a failure seen anywhere is reproduced with that one flag).</li>
 *   <li>{@code -Dscalecheck.explore=true} (the Maven profile {@code explore}: {@code mvn -B -q verify
 *       -Pexplore}): a fresh seed for every property and {@link #EXPLORE_FACTOR} times the examples
 *       (or {@code -Dscalecheck.explore.factor=F} times); meant for a nightly job, not for CI gates.</li>
 * </ul>
 *
 * <p>{@code PropertyRunsTest} fails if a test source calls QuickTheories' {@code qt()} or
 * {@code withFixedSeed} itself.
 */
public final class PropertyRuns {
  private PropertyRuns() {}

  /** The seed of the default (deterministic) run. */
  public static final long DEFAULT_SEED = 20261129L;
  /** The system property that turns on random exploration. */
  public static final String EXPLORE = "scalecheck.explore";
  /** How many times more examples an exploring run draws, unless scalecheck.explore.factor says. */
  public static final int EXPLORE_FACTOR = 20;

  private static final SecureRandom FRESH = new SecureRandom();

  /** QuickTheories with the run's seed and {@code examples} examples (times the exploration factor). */
  public static QuickTheory qt(int examples) {
    if (examples < 1) throw new IllegalArgumentException("examples must be at least 1: " + examples);
    return QuickTheory.qt().withFixedSeed(seed()).withExamples(examples(examples));
  }

  /** Whether this run explores (fresh seeds, more examples). */
  public static boolean exploring() {
    return Boolean.parseBoolean(System.getProperty(EXPLORE, "false").trim());
  }

  /** QT_SEED when given, else a fresh seed when exploring, else {@link #DEFAULT_SEED}. */
  public static long seed() {
    String s = System.getProperty("QT_SEED");
    if (s != null && !s.isBlank()) return Long.parseLong(s.trim());
    return exploring() ? FRESH.nextLong() : DEFAULT_SEED;
  }

  /** The number of examples a property asking for {@code examples} runs with. */
  public static int examples(int examples) {
    if (!exploring()) return examples;
    int factor = Integer.getInteger("scalecheck.explore.factor", EXPLORE_FACTOR);
    return (int) Math.min(Integer.MAX_VALUE, (long) examples * Math.max(1, factor));
  }
}
