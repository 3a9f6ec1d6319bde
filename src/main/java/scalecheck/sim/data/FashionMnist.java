package scalecheck.sim.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import scalecheck.sim.DataSpec;
import scalecheck.sim.Dataset;

/**
 * The data kind {@code fashion-mnist}: Fashion-MNIST (Xiao, Rasul and Vollgraf, "Fashion-MNIST: a
 * novel image dataset for benchmarking machine learning algorithms", arXiv:1708.07747, 2017), 28 x 28
 * grey images of 10 classes of clothing, as shipped by the Debian package {@value #PACKAGE} (gzip IDX
 * files under {@value #DIR}, read by {@link IdxFiles}).
 *
 * <p>As in the real-data experiments of Geiger, Spigler, Jacot and Wyart (J. Stat. Mech. 2020, and
 * the slides "Fashion MNIST 10k reduced to 2 classes", "10PCA MNIST"):
 * <ol>
 *   <li>{@code train} images are drawn without replacement from the 60000 training images and
 *       {@code test} from the 10000 test images, by a generator seeded with the data seed (so every
 *       initialisation of a verification sees the same points);</li>
 *   <li>two classes by label parity: y = +1 for an even label (T-shirt, pullover, coat, shirt, bag),
 *       -1 for an odd one (trouser, dress, sandal, sneaker, ankle boot);</li>
 *   <li>pixels are divided by 255; with {@code centre}, the mean image of the drawn training points is
 *       subtracted from every training and test image;</li>
 *   <li>with {@code pca = k > 0}, each image is replaced by its coordinates on the first k principal
 *       components of the drawn training points (eigenvectors of the centred scatter matrix
 *       X_c^T X_c with the largest eigenvalues, Commons Math {@link EigenDecomposition}; computed from
 *       the P x P Gram matrix X_c X_c^T when P &lt; 784; each component's sign is chosen so that its
 *       largest entry is positive);</li>
 *   <li>every input is rescaled to |x| = sqrt(d), d = 784 or k, the normalisation of the synthetic
 *       data and of the sources.</li>
 * </ol>
 * {@code path} and {@code testPath} may name other copies of the training and test images files; the
 * labels files are found by the MNIST naming convention. A missing file is an error that names the
 * package and the command that installs it. Built datasets are cached (a few, keyed by the spec and
 * the data seed), so that the seeds of a sweep do not reload and re-project the images.
 */
public final class FashionMnist {
  /** The Debian package with the files. */
  public static final String PACKAGE = "dataset-fashion-mnist";
  /** Where the package puts them. */
  public static final String DIR = "/usr/share/datasets/fashion-mnist";
  /** The command that installs them (as root). */
  public static final String INSTALL = "apt-get install -y " + PACKAGE;
  /** Pixels per image. */
  public static final int PIXELS = 784;

  private static final Map<String, IdxFiles.Source> SOURCES = new LinkedHashMap<>();
  private static final int CACHED = 6;
  private static final Map<String, Dataset> BUILT = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Dataset> e) {
      return size() > CACHED;
    }
  };

  private FashionMnist() {}

  /** The training images file of {@code spec}. */
  public static String trainImages(DataSpec spec) {
    return spec.path() == null || spec.path().isBlank() ? DIR + "/train-images-idx3-ubyte.gz" : spec.path();
  }

  /** The test images file of {@code spec}. */
  public static String testImages(DataSpec spec) {
    return spec.testPath() == null || spec.testPath().isBlank() ? DIR + "/t10k-images-idx3-ubyte.gz" : spec.testPath();
  }

  /** Every file a dataset of {@code spec} reads: training images and labels, test images and labels. */
  public static List<Path> files(DataSpec spec) {
    List<Path> out = new ArrayList<>();
    for (String s : new String[] {trainImages(spec), testImages(spec)}) {
      Path p = IdxFiles.pathOf(s.split(",")[0].strip(), "data.path");
      out.add(p);
      out.add(s.contains(",") ? IdxFiles.pathOf(s.split(",", 2)[1].strip(), "data.path") : IdxFiles.labelsFileFor(p));
    }
    return out;
  }

  /**
   * Checks the settings and that the files exist, without reading them; messages start with the field.
   * A missing file names the package and its install command.
   */
  public static void validate(DataSpec spec) {
    if (spec.train() < 2) throw new IllegalArgumentException("data.train: must be >= 2, got " + spec.train());
    if (spec.test() < 1) throw new IllegalArgumentException("data.test: must be >= 1, got " + spec.test());
    if (spec.train() > 60000) throw new IllegalArgumentException("data.train: at most 60000 training images, got " + spec.train());
    if (spec.test() > 10000) throw new IllegalArgumentException("data.test: at most 10000 test images, got " + spec.test());
    if (spec.pca() < 0 || spec.pca() > PIXELS) {
      throw new IllegalArgumentException("data.pca: must be in [0, " + PIXELS + "], got " + spec.pca());
    }
    if (spec.pca() > 0 && spec.pca() >= spec.train()) {
      throw new IllegalArgumentException("data.pca: " + spec.train() + " training points span at most "
          + (spec.train() - 1) + " centred directions, got pca = " + spec.pca());
    }
    List<Path> files = files(spec);
    for (int i = 0; i < files.size(); i++) {
      Path f = files.get(i);
      if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
        String field = i < 2 ? "data.path" : "data.testPath";
        boolean packaged = f.toString().startsWith(DIR + "/");
        throw new IllegalArgumentException(field + ": cannot read '" + f + "'"
            + (packaged ? "; the Fashion-MNIST files come from the Debian package " + PACKAGE
                + ": install it with '" + INSTALL + "' (as root)" : ""));
      }
    }
  }

  /** The dataset of {@code spec} drawn with {@code dataSeed} (see the class comment). */
  public static Dataset make(DataSpec spec, long dataSeed) {
    validate(spec);
    String key = spec + "#" + dataSeed;
    synchronized (BUILT) {
      Dataset d = BUILT.get(key);
      if (d != null) return d;
    }
    Dataset d = build(spec, dataSeed);
    synchronized (BUILT) {
      BUILT.put(key, d);
    }
    return d;
  }

  private static IdxFiles.Source source(String path, String field) {
    synchronized (SOURCES) {
      String key = field + "|" + path;
      IdxFiles.Source s = SOURCES.get(key);
      if (s == null) {
        s = IdxFiles.open(path, field);
        if (s.d() != PIXELS) {
          throw new IllegalArgumentException(field + ": " + path + ": images of " + s.d() + " pixels, Fashion-MNIST has "
              + PIXELS);
        }
        SOURCES.put(key, s);
      }
      return s;
    }
  }

  private static Dataset build(DataSpec spec, long dataSeed) {
    IdxFiles.Source tr = source(trainImages(spec), "data.path");
    IdxFiles.Source te = source(testImages(spec), "data.testPath");
    if (spec.train() > tr.rows()) {
      throw new IllegalArgumentException("data.train: " + spec.train() + " points asked, " + trainImages(spec)
          + " holds " + tr.rows());
    }
    if (spec.test() > te.rows()) {
      throw new IllegalArgumentException("data.test: " + spec.test() + " points asked, " + testImages(spec)
          + " holds " + te.rows());
    }
    SplittableRandom rnd = new SplittableRandom(dataSeed);
    int[] iTr = draw(rnd, tr.rows(), spec.train());
    int[] iTe = draw(rnd, te.rows(), spec.test());
    int p = spec.train();
    int q = spec.test();
    int d = PIXELS;
    double[] xTr = new double[p * d];
    double[] xTe = new double[q * d];
    int[] lTr = new int[p];
    int[] lTe = new int[q];
    tr.raw(iTr, xTr, lTr);
    te.raw(iTe, xTe, lTe);
    double[] mean = mean(xTr, p, d);
    if (spec.centre()) {
      subtract(xTr, mean, d);
      subtract(xTe, mean, d);
    }
    int dOut = d;
    if (spec.pca() > 0) {
      double[][] v = principalComponents(xTr, p, d, spec.pca());
      xTr = project(xTr, v, d);
      xTe = project(xTe, v, d);
      dOut = spec.pca();
    }
    normalise(xTr, dOut, "training");
    normalise(xTe, dOut, "test");
    double[] yTr = parity(lTr);
    double[] yTe = parity(lTe);
    String name = Path.of(trainImages(spec).split(",")[0].strip()).getFileName().toString();
    String how = (spec.centre() ? ", centred" : "") + (spec.pca() > 0 ? ", first " + spec.pca() + " principal components" : "");
    return new Dataset(dOut, xTr, yTr, xTe, yTe, "Fashion-MNIST " + name + ": " + p + " train / " + q
        + " test drawn with the data seed, 2 classes by label parity" + how + ", |x| = sqrt(" + dOut + ")");
  }

  /** {@code k} distinct indices of [0, n), by a partial Fisher-Yates shuffle. */
  static int[] draw(SplittableRandom rnd, int n, int k) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) all[i] = i;
    for (int i = 0; i < k; i++) {
      int j = i + rnd.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return Arrays.copyOf(all, k);
  }

  private static double[] parity(int[] labels) {
    double[] y = new double[labels.length];
    for (int i = 0; i < y.length; i++) y[i] = labels[i] % 2 == 0 ? 1 : -1;
    return y;
  }

  static double[] mean(double[] x, int rows, int d) {
    double[] m = new double[d];
    for (int r = 0; r < rows; r++) for (int j = 0; j < d; j++) m[j] += x[r * d + j];
    for (int j = 0; j < d; j++) m[j] /= rows;
    return m;
  }

  private static void subtract(double[] x, double[] m, int d) {
    for (int i = 0; i < x.length; i++) x[i] -= m[i % d];
  }

  /**
   * The first {@code k} principal directions of the rows of {@code x} (rows x d): unit vectors, in
   * decreasing order of the variance along them, each with its largest entry positive.
   */
  static double[][] principalComponents(double[] x, int rows, int d, int k) {
    double[] m = mean(x, rows, d);
    double[][] xc = new double[rows][d];
    for (int r = 0; r < rows; r++) for (int j = 0; j < d; j++) xc[r][j] = x[r * d + j] - m[j];
    double[][] v = new double[k][];
    if (rows < d) {
      // Gram route: X_c X_c^T u = lambda u gives the direction X_c^T u / sqrt(lambda)
      double[][] g = new double[rows][rows];
      for (int a = 0; a < rows; a++) {
        for (int b = a; b < rows; b++) {
          double s = 0;
          for (int j = 0; j < d; j++) s += xc[a][j] * xc[b][j];
          g[a][b] = s;
          g[b][a] = s;
        }
      }
      EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(g, false));
      int[] order = descending(e.getRealEigenvalues());
      for (int c = 0; c < k; c++) {
        double[] u = e.getEigenvector(order[c]).toArray();
        double[] dir = new double[d];
        for (int r = 0; r < rows; r++) for (int j = 0; j < d; j++) dir[j] += xc[r][j] * u[r];
        v[c] = unit(dir);
      }
    } else {
      double[][] s = new double[d][d];
      for (int r = 0; r < rows; r++) {
        double[] row = xc[r];
        for (int a = 0; a < d; a++) {
          double ra = row[a];
          if (ra == 0) continue;
          double[] sa = s[a];
          for (int b = a; b < d; b++) sa[b] += ra * row[b];
        }
      }
      for (int a = 0; a < d; a++) for (int b = 0; b < a; b++) s[a][b] = s[b][a];
      RealMatrix sm = new Array2DRowRealMatrix(s, false);
      EigenDecomposition e = new EigenDecomposition(sm);
      int[] order = descending(e.getRealEigenvalues());
      for (int c = 0; c < k; c++) v[c] = unit(e.getEigenvector(order[c]).toArray());
    }
    return v;
  }

  private static int[] descending(double[] values) {
    Integer[] o = new Integer[values.length];
    for (int i = 0; i < o.length; i++) o[i] = i;
    Arrays.sort(o, (a, b) -> Double.compare(values[b], values[a]));
    return Arrays.stream(o).mapToInt(Integer::intValue).toArray();
  }

  /** Scaled to unit length, sign chosen so that the entry of largest magnitude is positive. */
  private static double[] unit(double[] v) {
    double n = 0;
    int big = 0;
    for (int j = 0; j < v.length; j++) {
      n += v[j] * v[j];
      if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
    }
    double s = (v[big] < 0 ? -1 : 1) / Math.sqrt(n);
    double[] out = new double[v.length];
    for (int j = 0; j < v.length; j++) out[j] = v[j] * s;
    return out;
  }

  /** Coordinates of each row of {@code x} (rows of d) on the directions {@code v}. */
  static double[] project(double[] x, double[][] v, int d) {
    int rows = x.length / d;
    int k = v.length;
    double[] out = new double[rows * k];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < k; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) s += x[r * d + j] * v[c][j];
        out[r * k + c] = s;
      }
    }
    return out;
  }

  private static void normalise(double[] x, int d, String which) {
    int rows = x.length / d;
    for (int r = 0; r < rows; r++) {
      double s = 0;
      for (int j = 0; j < d; j++) s += x[r * d + j] * x[r * d + j];
      if (s == 0) throw new IllegalArgumentException("data.kind: " + which + " image " + r + " is 0 after centring or projection");
      double f = Math.sqrt(d / s);
      for (int j = 0; j < d; j++) x[r * d + j] *= f;
    }
  }
}
