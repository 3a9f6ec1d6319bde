package scalecheck.sim.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static scalecheck.sim.data.DatasetsTest.assertMessage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import scalecheck.sim.DataSpec;
import scalecheck.sim.Dataset;

class IdxFilesTest {
  static final Path DIR = Path.of("target", "test-data", "idx");
  static final int N = 10;
  static final int ROWS = 2;
  static final int COLS = 3;

  /** An IDX file: magic 00 00 type ndims, big-endian sizes, then data. */
  static byte[] idx(int type, int[] dims, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(0);
    out.write(type);
    out.write(dims.length);
    for (int v : dims) {
      out.write(v >>> 24);
      out.write(v >>> 16);
      out.write(v >>> 8);
      out.write(v);
    }
    out.writeBytes(data);
    return out.toByteArray();
  }

  /** Image p has pixels (p + 1) * (i + 1) mod 256, i < 6; its digit is p. */
  static byte[] pixels() {
    byte[] b = new byte[N * ROWS * COLS];
    for (int p = 0; p < N; p++) for (int i = 0; i < ROWS * COLS; i++) b[p * 6 + i] = (byte) (((p + 1) * (i + 1) * 40) % 256);
    return b;
  }

  static byte[] digits() {
    byte[] b = new byte[N];
    for (int p = 0; p < N; p++) b[p] = (byte) p;
    return b;
  }

  static Path write(String name, byte[] bytes) {
    try {
      Files.createDirectories(DIR);
      Path p = DIR.resolve(name);
      Files.write(p, bytes);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path mnistPair(String prefix) {
    write(prefix + "-labels-idx1-ubyte", idx(8, new int[] {N}, digits()));
    return write(prefix + "-images-idx3-ubyte", idx(8, new int[] {N, ROWS, COLS}, pixels()));
  }

  @Test
  void readsImagesNormalisedAndLabelsByDigitParity() {
    Path images = mnistPair("train");
    LabeledRows r = IdxFiles.read(images.toString());
    assertEquals(6, r.d());
    assertEquals(N, r.rows());
    byte[] px = pixels();
    for (int p = 0; p < N; p++) {
      double norm = 0;
      for (int i = 0; i < 6; i++) norm += Math.pow((px[p * 6 + i] & 0xFF) / 255.0, 2);
      for (int i = 0; i < 6; i++) {
        assertEquals((px[p * 6 + i] & 0xFF) / 255.0 * Math.sqrt(6 / norm), r.x()[p * 6 + i], 1e-14);
      }
      assertEquals(p % 2 == 0 ? 1 : -1, r.y()[p]);
    }
    // unsigned bytes: pixel 240 of image 0 (i = 5) is read as 240, not -16
    assertEquals((byte) 240, px[5]);
    double n0 = 0;
    for (int i = 0; i < 6; i++) n0 += Math.pow((px[i] & 0xFF), 2);
    assertEquals(240 * Math.sqrt(6 / n0), r.x()[5], 1e-12);
  }

  @Test
  void labelsFileNamesFollowTheMnistConvention() {
    assertEquals(Path.of("a", "train-labels-idx1-ubyte"), IdxFiles.labelsFileFor(Path.of("a", "train-images-idx3-ubyte")));
    assertEquals(Path.of("t10k-labels.idx1-ubyte"), IdxFiles.labelsFileFor(Path.of("t10k-images.idx3-ubyte")));
    assertEquals(Path.of("d", "foo.idx1"), IdxFiles.labelsFileFor(Path.of("d", "foo.idx3")));
    assertEquals(Path.of("images-dir", "x-labels"), IdxFiles.labelsFileFor(Path.of("images-dir", "x-images")));
    assertMessage("data.path: bar.bin: cannot derive the labels file", () -> IdxFiles.labelsFileFor(Path.of("bar.bin")));
  }

  @Test
  void explicitPairAndGzipAreRead() throws IOException {
    Path img = write("pics.idx3", idx(8, new int[] {N, 6}, pixels()));
    Path lab = write("digits.bin", idx(8, new int[] {N}, digits()));
    LabeledRows r = IdxFiles.read(img + ", " + lab);
    LabeledRows ref = IdxFiles.read(mnistPair("ref").toString());
    assertArrayEquals(ref.x(), r.x(), 0);
    assertArrayEquals(ref.y(), r.y(), 0);
    ByteArrayOutputStream z = new ByteArrayOutputStream();
    try (OutputStream g = new GZIPOutputStream(z)) {
      g.write(idx(8, new int[] {N, ROWS, COLS}, pixels()));
    }
    Path gz = write("z-images-idx3-ubyte.gz", z.toByteArray());
    z.reset();
    try (OutputStream g = new GZIPOutputStream(z)) {
      g.write(idx(8, new int[] {N}, digits()));
    }
    write("z-labels-idx1-ubyte.gz", z.toByteArray());
    assertArrayEquals(ref.x(), IdxFiles.read(gz.toString()).x(), 0);
  }

  @Test
  void datasetTakesTrainRowsAndHoldsOutTheLastOnes() {
    Path images = mnistPair("split");
    DataSpec spec = new DataSpec("idx", 0, 4, 3, 0, images.toString(), null);
    Dataset ds = Datasets.make(spec, 5);
    LabeledRows all = IdxFiles.read(images.toString());
    assertEquals(4, ds.train());
    assertArrayEquals(Arrays.copyOfRange(all.x(), 0, 24), ds.xTrain(), 0);
    assertArrayEquals(new double[] {-1, 1, -1}, ds.yTest(), 0); // digits 7, 8, 9
    assertArrayEquals(Arrays.copyOfRange(all.x(), 42, 60), ds.xTest(), 0);
    Path test = mnistPair("t10k");
    Dataset withTest = Datasets.make(spec.withTestPath(test.toString()).withTest(0).withTrain(0), 5);
    assertEquals(N, withTest.train());
    assertEquals(N, withTest.test());
  }

  @Test
  void brokenFilesNameTheFileTheByteAndTheProblem() {
    Path magic = write("magic-images-idx3-ubyte", new byte[] {0x1f, (byte) 0x8b, 8, 3, 0, 0});
    assertMessage("data.path: " + magic + ": byte 0: wrong magic number 0x1F8B0803", () -> IdxFiles.read(magic.toString()));
    Path type = write("type-images-idx3-ubyte", idx(0x0D, new int[] {N, ROWS, COLS}, pixels()));
    assertMessage("data.path: " + type + ": byte 2: element type 0x0D is not supported", () -> IdxFiles.read(type.toString()));
    byte[] full = idx(8, new int[] {N, ROWS, COLS}, pixels());
    Path cut = write("cut-images-idx3-ubyte", Arrays.copyOf(full, 40));
    write("cut-labels-idx1-ubyte", idx(8, new int[] {N}, digits()));
    assertMessage("data.path: " + cut + ": byte 40: truncated, 10 x 2 x 3 = 60 bytes of data from byte 16 need the file to end at byte 76",
        () -> IdxFiles.read(cut.toString()));
    Path head = write("head-images-idx3-ubyte", Arrays.copyOf(full, 9));
    assertMessage("data.path: " + head + ": byte 9: truncated, the header", () -> IdxFiles.read(head.toString()));
    Path extra = write("extra-images-idx3-ubyte", Arrays.copyOf(full, 80));
    assertMessage("data.path: " + extra + ": byte 76: 4 unexpected bytes", () -> IdxFiles.read(extra.toString()));
    Path lonely = write("lonely-images-idx3-ubyte", full);
    assertMessage("data.path: " + DIR.resolve("lonely-labels-idx1-ubyte") + ": no such file",
        () -> IdxFiles.read(lonely.toString()));
    Path count = write("count-images-idx3-ubyte", full);
    write("count-labels-idx1-ubyte", idx(8, new int[] {N - 1}, Arrays.copyOf(digits(), N - 1)));
    assertMessage("byte 4: 9 labels but " + count + " holds 10 images", () -> IdxFiles.read(count.toString()));
    byte[] px = pixels();
    Arrays.fill(px, 12, 18, (byte) 0);
    Path dark = write("dark-images-idx3-ubyte", idx(8, new int[] {N, ROWS, COLS}, px));
    write("dark-labels-idx1-ubyte", idx(8, new int[] {N}, digits()));
    assertMessage("data.path: " + dark + ": byte 28: image 2 is all zero", () -> IdxFiles.read(dark.toString()));
    Path flat = write("flat-images-idx3-ubyte", idx(8, new int[] {N}, digits()));
    assertMessage("byte 3: an images file needs at least 2 dimensions", () -> IdxFiles.read(flat.toString()));
    Path noTest = mnistPair("ok");
    assertMessage("data.testPath: " + DIR.resolve("gone-images-idx3-ubyte") + ": no such file",
        () -> Datasets.make(new DataSpec("idx", 0, 0, 0, 0, noTest.toString(),
            DIR.resolve("gone-images-idx3-ubyte").toString()), 1));
  }

  @Test
  void singleClassIsRejected() {
    byte[] even = new byte[N];
    Arrays.fill(even, (byte) 4);
    write("even-labels-idx1-ubyte", idx(8, new int[] {N}, even));
    Path img = write("even-images-idx3-ubyte", idx(8, new int[] {N, ROWS, COLS}, pixels()));
    assertMessage("data.path: " + img + ": the 10 training rows hold a single class (+1)",
        () -> Datasets.make(new DataSpec("idx", 0, 0, 0, 0, img.toString(), null), 1));
  }
}
