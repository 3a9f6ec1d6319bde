package scalecheck.sim.data;

/**
 * Rows read from a data file: {@code x[r * d + i]} is feature i of row r (already scaled as the
 * loader documents), {@code y[r]} its label (+-1).
 */
public record LabeledRows(int d, double[] x, double[] y) {
  /** Number of rows. */
  public int rows() {
    return y.length;
  }
}
