package scalecheck.sim.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import scalecheck.sim.DataSpec;
import scalecheck.sim.Dataset;

/**
 * Builds the dataset a {@link DataSpec} names. Synthetic data are a pure function of (spec, dataSeed);
 * file data depend on the files only.
 *
 * <p>Synthetic inputs x are N(0, I_d) rescaled to |x| = sqrt(d), as in Geiger, Spigler, Jacot and
 * Wyart, "Disentangling feature and lazy training in deep neural networks" (J. Stat. Mech. 2020).
 * One generator {@code new SplittableRandom(dataSeed)} draws, in order, the teacher, the training
 * inputs and the test inputs. The kinds:
 * <ul>
 *   <li>{@code linear}: y = sign(w . x), w ~ N(0, I_d) (y = +1 when w . x = 0).</li>
 *   <li>{@code relu}: a random one-hidden-layer teacher of width h = {@code k},
 *       g(x) = (1/sqrt h) sum_j a_j ReLU(w_j . x / sqrt d), a_j ~ N(0, 1), w_j ~ N(0, I_d), and
 *       y = sign(g(x) - m) with m the median of g over {@value #RELU_MEDIAN_DRAW} further inputs, so
 *       the two classes are balanced.</li>
 *   <li>{@code parity}: y = prod_{i &lt; k} sign(x_i), 1 &lt;= k &lt;= d (no teacher is drawn).</li>
 *   <li>{@code teacher2d}: the 2D teacher-student of Chizat, Oyallon and Bach, "On lazy training in
 *       differentiable programming" (NeurIPS 2019): x ~ N(0, I_2), not normalised ({@code d} is
 *       ignored and is always 2), and real targets y = (1/sqrt k) sum_j a*_j ReLU(&lt;w*_j, x&gt;) with
 *       unit vectors w*_j at uniform random angles and a*_j ~ N(0, 1).</li>
 *   <li>{@code csv}, {@code idx}: files, read by {@link CsvFiles} and {@link IdxFiles}. The
 *       training rows are the first {@code train} rows of {@code path} (0 = all); the test rows are
 *       the first {@code test} rows of {@code testPath} (0 = all), or, when {@code testPath} is
 *       null, the last {@code test} rows of {@code path} are held out (none when {@code test} = 0)
 *       and the training rows are taken from the ones before them. Counts larger than the file
 *       are capped at what it holds; the description gives the counts used.</li>
 *   <li>{@code fashion-mnist}: Fashion-MNIST from the Debian package, drawn with the data seed,
 *       optionally centred and projected on principal components ({@link FashionMnist}).</li>
 * </ul>
 * Normal variates come from Box-Muller on the generator (see {@link #gaussian}).
 */
public final class Datasets {
  /** The real-image kind, {@link FashionMnist}. */
  public static final String FASHION = "fashion-mnist";

  /** The kinds read from files named by {@code data.path}. */
  public static final List<String> FILE_KINDS = List.of("csv", "idx");

  /** Every {@code data.kind}, in the order messages list them: the synthetic ones, then the files. */
  public static final List<String> KINDS = List.of("linear", "relu", "parity", "teacher2d", "csv", "idx", FASHION);

  /** Size of the extra draw whose median centres the ReLU teacher. */
  public static final int RELU_MEDIAN_DRAW = 20001;

  private Datasets() {}

  /** The dataset of {@code spec}, drawn with {@code dataSeed}. */
  public static Dataset make(DataSpec spec, long dataSeed) {
    String kind = kindOf(spec);
    if (FILE_KINDS.contains(kind)) return fromFiles(spec, kind);
    if (kind.equals(FASHION)) return FashionMnist.make(spec, dataSeed);
    Synthetic s = Synthetic.of(spec, kind);
    SplittableRandom rnd = new SplittableRandom(dataSeed);
    Teacher teacher = s.teacher(rnd);
    int d = s.d();
    double[] xTr = new double[Math.multiplyExact(spec.train(), d)];
    double[] yTr = new double[spec.train()];
    double[] xTe = new double[Math.multiplyExact(spec.test(), d)];
    double[] yTe = new double[spec.test()];
    s.inputs(rnd, xTr);
    s.inputs(rnd, xTe);
    teacher.label(xTr, yTr);
    teacher.label(xTe, yTe);
    return new Dataset(d, xTr, yTr, xTe, yTe, s.description());
  }

  /**
   * A sampler of fresh points for online SGD, for the synthetic kinds. Its teacher is the one
   * {@link #make} draws with the same {@code dataSeed}; the inputs come from the generator passed to
   * {@link Sampler#fill}. File kinds are finite and have no sampler.
   */
  public static Sampler sampler(DataSpec spec, long dataSeed) {
    String kind = kindOf(spec);
    if (FILE_KINDS.contains(kind) || kind.equals(FASHION)) {
      throw new IllegalArgumentException("data.kind: online sampling needs a synthetic kind, '" + kind
          + "' is a finite file");
    }
    Synthetic s = Synthetic.of(spec.withTrain(Math.max(spec.train(), 1)).withTest(Math.max(spec.test(), 0)), kind);
    return new SyntheticSampler(s, s.teacher(new SplittableRandom(dataSeed)));
  }

  /** Fresh inputs of a synthetic kind, labelled by a teacher fixed at construction. */
  static final class SyntheticSampler implements Sampler {
    private final Synthetic kind;
    private final Teacher teacher;

    private SyntheticSampler(Synthetic kind, Teacher teacher) {
      this.kind = kind;
      this.teacher = teacher;
    }

    @Override
    public int d() {
      return kind.d();
    }

    @Override
    public void fill(SplittableRandom rnd, double[] x, double[] y) {
      if (x.length != (long) y.length * kind.d()) {
        throw new IllegalArgumentException("Sampler.fill: x has " + x.length + " entries, expected "
            + y.length + " x " + kind.d());
      }
      kind.inputs(rnd, x);
      teacher.label(x, y);
    }

    /** The teacher's labels of given inputs (rows of d). */
    void label(double[] x, double[] y) {
      teacher.label(x, y);
    }
  }

  private static String kindOf(DataSpec spec) {
    if (spec == null || spec.kind() == null) throw new IllegalArgumentException("data.kind: missing");
    if (!KINDS.contains(spec.kind())) {
      throw new IllegalArgumentException("data.kind: '" + spec.kind() + "' is not one of " + String.join(", ", KINDS));
    }
    return spec.kind();
  }

  /**
   * The number of inputs d of a spec's data as the network sees it: 2 for {@code teacher2d}, the
   * principal components kept (or every pixel) for {@code fashion-mnist}, else {@code data.d} (at least 1).
   */
  public static int inputDim(DataSpec spec) {
    if (FASHION.equals(spec.kind())) return spec.pca() > 0 ? spec.pca() : FashionMnist.PIXELS;
    return "teacher2d".equals(spec.kind()) ? 2 : Math.max(1, spec.d());
  }

  /**
   * The teacher of a {@code teacher2d} dataset drawn with {@code dataSeed} (the one {@link #make} and
   * {@link #sampler} use): {@code [0]} the unit directions w*_j (k x 2, row-major), {@code [1]} the
   * output weights a*_j. For plots of the 2D module.
   */
  public static double[][] teacher2d(DataSpec spec, long dataSeed) {
    if (!"teacher2d".equals(spec.kind())) {
      throw new IllegalArgumentException("data.kind: '" + spec.kind() + "' has no 2D teacher");
    }
    return teacher2dWeights(new SplittableRandom(dataSeed), Synthetic.of(spec, "teacher2d").k());
  }

  /** Draws k unit directions at uniform angles and N(0, 1) output weights, in that order per neuron. */
  private static double[][] teacher2dWeights(SplittableRandom rnd, int k) {
    double[] w = new double[2 * k];
    double[] a = new double[k];
    for (int j = 0; j < k; j++) {
      double angle = 2 * Math.PI * rnd.nextDouble();
      w[2 * j] = Math.cos(angle);
      w[2 * j + 1] = Math.sin(angle);
      a[j] = gaussian(rnd);
    }
    return new double[][] {w, a};
  }

  /** Labels a block of inputs; holds only fixed teacher parameters and allocates nothing. */
  private interface Teacher {
    void label(double[] x, double[] y);
  }

  /** A synthetic kind with its checked sizes. */
  private record Synthetic(String kind, int d, int k) {
    static Synthetic of(DataSpec spec, String kind) {
      if (spec.train() < 1) throw new IllegalArgumentException("data.train: must be >= 1, got " + spec.train());
      if (spec.test() < 0) throw new IllegalArgumentException("data.test: must be >= 0, got " + spec.test());
      int d = kind.equals("teacher2d") ? 2 : spec.d();
      if (d < 1) throw new IllegalArgumentException("data.d: must be >= 1, got " + d);
      long biggest = (long) Math.max(spec.train(), spec.test()) * d;
      if (biggest > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("data.train: " + Math.max(spec.train(), spec.test()) + " points of dimension "
            + d + " do not fit in one array");
      }
      int k = spec.k();
      switch (kind) {
        case "relu", "teacher2d" -> {
          if (k < 1) throw new IllegalArgumentException("data.k: the " + kind + " teacher width must be >= 1, got " + k);
        }
        case "parity" -> {
          if (k < 1 || k > d) {
            throw new IllegalArgumentException("data.k: parity order must be in [1, d = " + d + "], got " + k);
          }
        }
        default -> {
        }
      }
      return new Synthetic(kind, d, k);
    }

    String description() {
      return switch (kind) {
        case "linear" -> "linear teacher, d=" + d;
        case "relu" -> "ReLU teacher of width " + k + ", median-centred, d=" + d;
        case "parity" -> "parity of the first " + k + " signs, d=" + d;
        default -> "2D ReLU teacher of width " + k + ", x ~ N(0, I_2)";
      };
    }

    /** Fills x (rows of d) with fresh inputs. */
    void inputs(SplittableRandom rnd, double[] x) {
      if (kind.equals("teacher2d")) {
        for (int i = 0; i < x.length; i++) x[i] = gaussian(rnd);
      } else {
        sphere(rnd, x, d);
      }
    }

    Teacher teacher(SplittableRandom rnd) {
      return switch (kind) {
        case "linear" -> {
          double[] w = new double[d];
          for (int i = 0; i < d; i++) w[i] = gaussian(rnd);
          yield (x, y) -> linearLabels(x, w, d, y);
        }
        case "relu" -> reluTeacher(rnd);
        case "parity" -> (x, y) -> parityLabels(x, d, k, y);
        default -> teacher2d(rnd);
      };
    }

    private Teacher reluTeacher(SplittableRandom rnd) {
      int h = k;
      double[] w = new double[h * d];
      double[] a = new double[h];
      for (int j = 0; j < h; j++) {
        for (int i = 0; i < d; i++) w[j * d + i] = gaussian(rnd);
        a[j] = gaussian(rnd);
      }
      SplittableRandom probeRnd = rnd.split();
      double[] probe = new double[d];
      double[] one = new double[1];
      double[] g = new double[RELU_MEDIAN_DRAW];
      for (int p = 0; p < RELU_MEDIAN_DRAW; p++) {
        sphere(probeRnd, probe, d);
        reluOutputs(probe, w, a, d, h, one);
        g[p] = one[0];
      }
      Arrays.sort(g);
      double median = g[RELU_MEDIAN_DRAW / 2];
      return (x, y) -> {
        reluOutputs(x, w, a, d, h, y);
        for (int p = 0; p < y.length; p++) y[p] = y[p] - median >= 0 ? 1 : -1;
      };
    }

    private Teacher teacher2d(SplittableRandom rnd) {
      double[][] wa = teacher2dWeights(rnd, k);
      double[] w = wa[0];
      double[] a = wa[1];
      double scale = 1 / Math.sqrt(k);
      return (x, y) -> {
        for (int p = 0; p < y.length; p++) {
          double x0 = x[2 * p];
          double x1 = x[2 * p + 1];
          double s = 0;
          for (int j = 0; j < k; j++) s += a[j] * Math.max(0, w[2 * j] * x0 + w[2 * j + 1] * x1);
          y[p] = scale * s;
        }
      };
    }
  }

  /** g(x_p) = (1/sqrt h) sum_j a_j ReLU(w_j . x_p / sqrt d) into out[p]. */
  static void reluOutputs(double[] x, double[] w, double[] a, int d, int h, double[] out) {
    double inD = 1 / Math.sqrt(d);
    double inH = 1 / Math.sqrt(h);
    for (int p = 0; p < out.length; p++) {
      double s = 0;
      for (int j = 0; j < h; j++) {
        double z = 0;
        for (int i = 0; i < d; i++) z += w[j * d + i] * x[p * d + i];
        s += a[j] * Math.max(0, z * inD);
      }
      out[p] = inH * s;
    }
  }

  /** Rows of d standard normals, each rescaled to norm sqrt(d). */
  static void sphere(SplittableRandom rnd, double[] x, int d) {
    int p = x.length / d;
    for (int a = 0; a < p; a++) {
      double s = 0;
      for (int i = 0; i < d; i++) {
        double v = gaussian(rnd);
        x[a * d + i] = v;
        s += v * v;
      }
      double scale = Math.sqrt(d / s);
      for (int i = 0; i < d; i++) x[a * d + i] *= scale;
    }
  }

  private static void linearLabels(double[] x, double[] w, int d, double[] y) {
    for (int a = 0; a < y.length; a++) {
      double s = 0;
      for (int i = 0; i < d; i++) s += x[a * d + i] * w[i];
      y[a] = s >= 0 ? 1 : -1;
    }
  }

  private static void parityLabels(double[] x, int d, int k, double[] y) {
    for (int a = 0; a < y.length; a++) {
      boolean negative = false;
      for (int i = 0; i < k; i++) negative ^= x[a * d + i] < 0;
      y[a] = negative ? -1 : 1;
    }
  }

  /** Standard normal by Box-Muller (deterministic given the generator state). */
  public static double gaussian(SplittableRandom rnd) {
    double u1 = rnd.nextDouble();
    double u2 = rnd.nextDouble();
    return Math.sqrt(-2 * Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
  }

  // ---------------------------------------------------------------- files

  /** Rows of a file: their number, their length d, and {@code slice(from, count)} decoding them on request. */
  private record Rows(int rows, int d, Slicer slicer) {
    LabeledRows slice(int from, int count) {
      return slicer.slice(from, count);
    }
  }

  /** Decodes rows [from, from + count) of a file. */
  @FunctionalInterface
  private interface Slicer {
    LabeledRows slice(int from, int count);
  }

  private static Dataset fromFiles(DataSpec spec, String kind) {
    if (spec.train() < 0) throw new IllegalArgumentException("data.train: must be >= 0 (0 = all), got " + spec.train());
    if (spec.test() < 0) throw new IllegalArgumentException("data.test: must be >= 0 (0 = all), got " + spec.test());
    if (spec.path() == null || spec.path().isBlank()) {
      throw new IllegalArgumentException("data.path: required for kind " + kind);
    }
    Rows main = open(kind, spec.path(), "data.path");
    LabeledRows trainRows;
    LabeledRows testRows;
    if (spec.testPath() == null) {
      int held = Math.min(spec.test(), main.rows() - 1);
      int avail = main.rows() - held;
      trainRows = main.slice(0, spec.train() == 0 ? avail : Math.min(spec.train(), avail));
      testRows = main.slice(avail, held);
    } else {
      Rows test = open(kind, spec.testPath(), "data.testPath");
      if (test.d() != main.d()) {
        throw new IllegalArgumentException("data.testPath: " + spec.testPath() + ": rows have " + test.d()
            + " features but " + spec.path() + " has " + main.d());
      }
      trainRows = main.slice(0, spec.train() == 0 ? main.rows() : Math.min(spec.train(), main.rows()));
      testRows = test.slice(0, spec.test() == 0 ? test.rows() : Math.min(spec.test(), test.rows()));
    }
    boolean plus = false;
    boolean minus = false;
    for (double v : trainRows.y()) {
      plus |= v > 0;
      minus |= v < 0;
    }
    if (!(plus && minus)) {
      throw new IllegalArgumentException("data.path: " + spec.path() + ": the " + trainRows.rows()
          + " training rows hold a single class (" + (plus ? "+1" : "-1") + ")");
    }
    Path first = IdxFiles.pathOf(spec.path().split(",")[0].strip(), "data.path");
    String name = first.getFileName() == null ? first.toString() : first.getFileName().toString();
    return new Dataset(main.d(), trainRows.x(), trainRows.y(), testRows.x(), testRows.y(),
        kind + " " + name + ": " + trainRows.rows() + " train / " + testRows.rows() + " test, d=" + main.d()
            + ", binary labels by class parity");
  }

  private static Rows open(String kind, String path, String field) {
    if (kind.equals("idx")) {
      IdxFiles.Source s = IdxFiles.open(path, field);
      return new Rows(s.rows(), s.d(), s::rows);
    }
    LabeledRows all = CsvFiles.read(IdxFiles.pathOf(path.strip(), field), CsvFiles.Labels.AUTO, field);
    int d = all.d();
    return new Rows(all.rows(), d, (from, count) -> new LabeledRows(d,
        Arrays.copyOfRange(all.x(), from * d, (from + count) * d), Arrays.copyOfRange(all.y(), from, from + count)));
  }
}
