package scalecheck.check;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import scalecheck.sim.RunSpec;
import scalecheck.spec.YNode;

/**
 * One validated check file (full or fast variant): which law, which symbol is varied, the settings
 * held fixed ({@code base}), the sweep, the measured quantity and how to judge it; or, for a check of
 * measurements another program wrote, the file's validated rows instead of settings and sweep.
 *
 * @param file the check file
 * @param root its parsed YAML, kept so that later errors can name the line of the field they concern
 * @param laws one law, or several competing laws for a contested quantity (first is the headline)
 * @param vary the symbol whose exponent is fitted
 * @param base model, data and dynamics before the swept symbols are applied (seeds not yet set)
 * @param sweep swept symbols in file order, each with its values; {@code vary} is one of them, the
 *     others define series (one fit per combination)
 * @param seeds number of initialisations per sweep point
 * @param origin for each settings field ({@code model.width}) the YAML path that set it
 *     ({@code sweep.n}), for error messages
 * @param budget how far a staged sweep may grow ({@link StagedSweep}); null for a fixed sweep
 * @param measurements the measurements file another program wrote, read and validated, when the check
 *     judges it instead of simulating ({@code base} is then null, {@code sweep} and {@code seeds} are
 *     what the file holds); null for a simulated check
 */
public record CheckSpec(
    Path file,
    YNode root,
    String id,
    String title,
    List<String> laws,
    String vary,
    RunSpec base,
    Map<String, List<SweepValue>> sweep,
    int seeds,
    String measure,
    double tolerance,
    FitOptions fit,
    String expect,
    Map<String, String> regime,
    BisectSpec bisect,
    boolean mustFail,
    String note,
    Map<String, String> origin,
    Budget budget,
    MeasurementTable measurements) {

  /** A fixed sweep of simulations (no budget, no measurements file). */
  public CheckSpec(Path file, YNode root, String id, String title, List<String> laws, String vary, RunSpec base,
      Map<String, List<SweepValue>> sweep, int seeds, String measure, double tolerance, FitOptions fit,
      String expect, Map<String, String> regime, BisectSpec bisect, boolean mustFail, String note,
      Map<String, String> origin) {
    this(file, root, id, title, laws, vary, base, sweep, seeds, measure, tolerance, fit, expect, regime, bisect,
        mustFail, note, origin, null, null);
  }

  /** A swept value as written ({@code text}, e.g. "1/4") and as a number. */
  public record SweepValue(String text, double value) {}

  /**
   * Which points enter the fit and how the interval is made.
   *
   * @param drop leave out the {@code drop} smallest values of the varied symbol (finite-size)
   * @param minPoints fewer usable points than this makes the check INCONCLUSIVE
   * @param confidence level of the interval on the slope
   * @param minR2 a trend (|predicted| &gt; tolerance) fitted with a lower R^2 is INCONCLUSIVE
   * @param maxExcluded a larger fraction of excluded runs makes the check INCONCLUSIVE
   * @param correction the finite-width correction term ({@code fit.correction}: a number omega,
   *     {@code fit} or {@code none}); null: omega = 1/2 when a width (n, m) is varied, none otherwise
   */
  public record FitOptions(int drop, int minPoints, double confidence, double minR2,
      double maxExcluded, scalecheck.fit.Correction correction) {
    public static FitOptions defaults() {
      return new FitOptions(0, 3, 0.95, 0.9, 0.2, null);
    }

    /** The correction used when the varied symbol is {@code vary}. */
    public scalecheck.fit.Correction correctionFor(String vary) {
      if (correction != null) return correction;
      return vary.equals("n") || vary.equals("m") ? scalecheck.fit.Correction.fixed(0.5)
          : scalecheck.fit.Correction.none();
    }
  }

  /**
   * alpha* by bisection in log(symbol) of the seed-averaged {@code probe} at {@code level}, per value
   * of the varied symbol (theory/README.md section 3).
   */
  public record BisectSpec(String symbol, double lo, double hi, double level, int iterations,
      String probe) {}

  /**
   * The most a staged sweep may use ({@code budget:} in a check file): seeds per point up to
   * {@code seeds}, the varied symbol up to {@code size} (NaN: not grown), and runs whose recorded wall
   * times add up to at most {@code wallSeconds} (infinite: no limit).
   */
  public record Budget(int seeds, double size, double wallSeconds) {}
}
