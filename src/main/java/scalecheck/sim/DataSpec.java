package scalecheck.sim;

/**
 * The data of one run. Synthetic inputs are Gaussian, normalised to |x| = sqrt(d) (except
 * {@code teacher2d}, whose x ~ N(0, I_2) as in the 2D teacher-student of Chizat et al.).
 *
 * @param kind linear | relu | teacher2d | parity | csv | idx
 *     (linear / relu: labels sign of a random linear / ReLU-network teacher; teacher2d: the k = 3
 *     teacher (1/sqrt k) sum_j a*_j ReLU(&lt;w*_j, x&gt;), real-valued targets; parity: sign of the
 *     product of the first {@code k} input signs; csv / idx: files, binary labels by class parity)
 * @param d input dimension (ignored for files: read from the file)
 * @param train number of training points P
 * @param test number of test points
 * @param k teacher width (relu, teacher2d) or parity order (parity)
 * @param path data file for csv / idx (train); {@code testPath} the test file, or null to split
 */
public record DataSpec(String kind, int d, int train, int test, int k, String path, String testPath) {

  /** Linear teacher, d = 10, P = 256, 1000 test points. */
  public static DataSpec defaults() {
    return new DataSpec("linear", 10, 256, 1000, 3, null, null);
  }

  public DataSpec withKind(String v) { return new DataSpec(v, d, train, test, k, path, testPath); }
  public DataSpec withD(int v) { return new DataSpec(kind, v, train, test, k, path, testPath); }
  public DataSpec withTrain(int v) { return new DataSpec(kind, d, v, test, k, path, testPath); }
  public DataSpec withTest(int v) { return new DataSpec(kind, d, train, v, k, path, testPath); }
  public DataSpec withK(int v) { return new DataSpec(kind, d, train, test, v, path, testPath); }
  public DataSpec withPath(String v) { return new DataSpec(kind, d, train, test, k, v, testPath); }
  public DataSpec withTestPath(String v) { return new DataSpec(kind, d, train, test, k, path, v); }
}
