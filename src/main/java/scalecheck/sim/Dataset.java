package scalecheck.sim;

/**
 * Training and test points, row-major: {@code xTrain[p * d + i]} is coordinate i of point p. Labels
 * are +-1 for classification and real numbers for regression ({@code teacher2d}). Arrays are owned by
 * the dataset and must not be modified.
 */
public record Dataset(int d, double[] xTrain, double[] yTrain, double[] xTest, double[] yTest, String description) {
  public int train() { return yTrain.length; }
  public int test() { return yTest.length; }
}
