package scalecheck.sim;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data of one run. Synthetic inputs are Gaussian, normalised to |x| = sqrt(d) (except
 * {@code teacher2d}, whose x ~ N(0, I_2) as in the 2D teacher-student of Chizat et al.).
 *
 * @param kind linear | relu | teacher2d | parity | csv | idx | fashion-mnist
 *     (linear / relu: labels sign of a random linear / ReLU-network teacher; teacher2d: the k = 3
 *     teacher (1/sqrt k) sum_j a*_j ReLU(&lt;w*_j, x&gt;), real-valued targets; parity: sign of the
 *     product of the first {@code k} input signs; csv / idx: files, binary labels by class parity;
 *     fashion-mnist: Fashion-MNIST (Xiao, Rasul and Vollgraf 2017) from the Debian package
 *     dataset-fashion-mnist, {@code train} and {@code test} points drawn with the data seed, 2
 *     classes by label parity, see {@link scalecheck.sim.data.FashionMnist})
 * @param d input dimension (ignored for files: read from the file)
 * @param train number of training points P
 * @param test number of test points
 * @param k teacher width (relu, teacher2d) or parity order (parity)
 * @param path data file for csv / idx (train); {@code testPath} the test file, or null to split
 *     (fashion-mnist: null for the package's files)
 * @param pca fashion-mnist: project on the first {@code pca} principal components of the training
 *     points (0: keep every pixel)
 * @param centre fashion-mnist: subtract the training points' mean pixel values
 *     <p>{@code pca} and {@code centre} are left out of the JSON at their defaults, so that the run
 *     keys (hashes of the JSON) of every other kind stay what they were before these fields existed.
 */
public record DataSpec(String kind, int d, int train, int test, int k, String path, String testPath,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int pca,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean centre) {

  /** The settings of every kind but fashion-mnist (no PCA, no centring). */
  public DataSpec(String kind, int d, int train, int test, int k, String path, String testPath) {
    this(kind, d, train, test, k, path, testPath, 0, false);
  }

  /** Linear teacher, d = 10, P = 256, 1000 test points. */
  public static DataSpec defaults() {
    return new DataSpec("linear", 10, 256, 1000, 3, null, null);
  }

  public DataSpec withKind(String v) { return new DataSpec(v, d, train, test, k, path, testPath, pca, centre); }
  public DataSpec withD(int v) { return new DataSpec(kind, v, train, test, k, path, testPath, pca, centre); }
  public DataSpec withTrain(int v) { return new DataSpec(kind, d, v, test, k, path, testPath, pca, centre); }
  public DataSpec withTest(int v) { return new DataSpec(kind, d, train, v, k, path, testPath, pca, centre); }
  public DataSpec withK(int v) { return new DataSpec(kind, d, train, test, v, path, testPath, pca, centre); }
  public DataSpec withPath(String v) { return new DataSpec(kind, d, train, test, k, v, testPath, pca, centre); }
  public DataSpec withTestPath(String v) { return new DataSpec(kind, d, train, test, k, path, v, pca, centre); }
  public DataSpec withPca(int v) { return new DataSpec(kind, d, train, test, k, path, testPath, v, centre); }
  public DataSpec withCentre(boolean v) { return new DataSpec(kind, d, train, test, k, path, testPath, pca, v); }
}
