package scalecheck.fit;

import java.util.Arrays;

/**
 * Validated, sorted per-seed measurements: {@code rows[k][s]} is the value at the k-th smallest x for
 * seed index s (NaN marks an excluded run). Shared by the plain and the corrected fits so that both
 * see the same points and leave out the same seed in each jackknife replicate.
 */
final class SeedTable {
  final double[] x;
  final double[] lx;
  final double[][] rows;
  /** Number of seed indices (the longest row). */
  final int seeds;
  /** Smallest and largest number of valid seeds at any point. */
  final int minSeeds;
  final int maxSeeds;

  private SeedTable(double[] x, double[][] rows, int minSeeds, int maxSeeds) {
    this.x = x;
    this.rows = rows;
    this.lx = new double[x.length];
    for (int k = 0; k < x.length; k++) lx[k] = Math.log(x[k]);
    int s = 0;
    for (double[] r : rows) s = Math.max(s, r.length);
    this.seeds = s;
    this.minSeeds = minSeeds;
    this.maxSeeds = maxSeeds;
  }

  /**
   * @throws IllegalArgumentException with the offending index for fewer than {@code minPoints} points,
   *     mismatched lengths, non-positive or non-finite values, duplicate x, or a point whose runs are
   *     all NaN
   */
  static SeedTable of(double[] x, double[][] perSeed, int minPoints) {
    if (x == null || perSeed == null) throw new IllegalArgumentException("fit: x and perSeed must not be null");
    if (x.length != perSeed.length) {
      throw new IllegalArgumentException("fit: " + x.length + " x values but " + perSeed.length + " rows of measurements");
    }
    if (x.length < minPoints) {
      throw new IllegalArgumentException("fit: need at least " + minPoints + " points, got " + x.length);
    }
    int n = x.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      if (!(x[i] > 0) || Double.isInfinite(x[i])) {
        throw new IllegalArgumentException("fit: x[" + i + "] = " + x[i] + " must be finite and > 0");
      }
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
    double[] xs = new double[n];
    double[][] rows = new double[n][];
    int minSeeds = Integer.MAX_VALUE;
    int maxSeeds = 0;
    for (int k = 0; k < n; k++) {
      int i = order[k];
      xs[k] = x[i];
      if (k > 0 && xs[k] == xs[k - 1]) throw new IllegalArgumentException("fit: x value " + xs[k] + " appears twice");
      double[] row = perSeed[i];
      if (row == null) throw new IllegalArgumentException("fit: perSeed[" + i + "] is null");
      int c = 0;
      for (int s = 0; s < row.length; s++) {
        double q = row[s];
        if (Double.isNaN(q)) continue;
        if (!(q > 0) || Double.isInfinite(q)) {
          throw new IllegalArgumentException("fit: perSeed[" + i + "][" + s + "] = " + q
              + " at x = " + x[i] + " must be > 0 and finite (NaN excludes a run)");
        }
        c++;
      }
      if (c == 0) {
        throw new IllegalArgumentException("fit: every run at x = " + x[i] + " (perSeed[" + i + "]) is excluded (NaN)");
      }
      rows[k] = row.clone();
      minSeeds = Math.min(minSeeds, c);
      maxSeeds = Math.max(maxSeeds, c);
    }
    return new SeedTable(xs, rows, minSeeds, maxSeeds);
  }

  int points() {
    return x.length;
  }

  /**
   * True when the seed jackknife applies: at least two seeds, and every point keeps a valid value
   * whichever seed is left out (so each replicate fits the same points).
   */
  boolean jackknifeable() {
    return minSeeds >= 2;
  }

  /** log of the mean over valid seeds at every point, seed {@code leaveOut} left out (-1: none). */
  double[] logMeans(int leaveOut) {
    double[] ly = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      double s = 0;
      int c = 0;
      double[] r = rows[k];
      for (int j = 0; j < r.length; j++) {
        if (j == leaveOut || Double.isNaN(r[j])) continue;
        s += r[j];
        c++;
      }
      ly[k] = c == 0 ? Double.NaN : Math.log(s / c);
    }
    return ly;
  }

  /**
   * Estimated variance of each log seed mean from the seed scatter (delta method: sample variance of
   * the values over (valid seeds x mean^2)); NaN where a point has one valid seed.
   */
  double[] logMeanVariances() {
    double[] v = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      int c = valid(rows[k]);
      double m = validMean(rows[k]);
      double ss = 0;
      for (double q : rows[k]) if (!Double.isNaN(q)) ss += (q - m) * (q - m);
      v[k] = c < 2 ? Double.NaN : ss / (c - 1) / c / (m * m);
    }
    return v;
  }

  /** Degrees of freedom of the pooled seed variance: sum over points of (valid seeds - 1). */
  int pooledDf() {
    int df = 0;
    for (double[] r : rows) df += valid(r) - 1;
    return df;
  }

  /** The mean over valid seeds at every point. */
  double[] means() {
    double[] m = new double[x.length];
    for (int k = 0; k < x.length; k++) m[k] = validMean(rows[k]);
    return m;
  }

  /** Number of valid (non-NaN) values in a row. */
  private static int valid(double[] row) {
    int c = 0;
    for (double q : row) if (!Double.isNaN(q)) c++;
    return c;
  }

  /** Mean of the valid values of a row, summed in order (NaN when there are none). */
  private static double validMean(double[] row) {
    double s = 0;
    int c = 0;
    for (double q : row) if (!Double.isNaN(q)) { s += q; c++; }
    return s / c;
  }
}
