package scalecheck.sim.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads images and labels in the IDX format of the MNIST database (LeCun, Bottou, Bengio and
 * Haffner, "Gradient-based learning applied to document recognition", Proc. IEEE 1998).
 *
 * <p>An IDX file is a 4-byte magic number {@code 00 00 TT NN} (TT the element type, which must be
 * {@code 08}, unsigned byte; NN the number of dimensions), NN big-endian 32-bit dimension sizes, then
 * the elements in row-major order, and nothing after them. The images file has NN &gt;= 2 (N images
 * of any shape, flattened to d = product of the other sizes); the labels file has NN = 1 and the
 * same N. A file whose name ends in {@code .gz} is decompressed first (byte offsets then count in
 * the decompressed content).
 *
 * <p>The {@code path} names the images file. Its labels file is either given after a comma,
 * {@code "images-file,labels-file"}, or found next to it by the MNIST naming convention: in the
 * file name, {@code images} becomes {@code labels} and {@code idx3} becomes {@code idx1}
 * ({@code train-images-idx3-ubyte} -&gt; {@code train-labels-idx1-ubyte},
 * {@code t10k-images.idx3-ubyte} -&gt; {@code t10k-labels.idx1-ubyte}, {@code foo.idx3} -&gt;
 * {@code foo.idx1}).
 *
 * <p>Pixels are divided by 255 and each image is then rescaled to |x| = sqrt(d) (an all-zero image is
 * an error); the binary label is +1 for an even digit and -1 for an odd one. Every problem is an
 * {@link IllegalArgumentException} whose message reads {@code data.path: FILE: byte OFFSET: what is
 * wrong} (or {@code data.path: FILE: what is wrong} when no offset applies).
 */
public final class IdxFiles {
  private IdxFiles() {}

  /** Every image and label of {@code path} (see the class comment for its form). */
  public static LabeledRows read(String path) {
    return read(path, "data.path");
  }

  static LabeledRows read(String path, String field) {
    Source s = open(path, field);
    return s.rows(0, s.rows());
  }

  /** The labels file that goes with an images file by the MNIST naming convention. */
  public static Path labelsFileFor(Path images) {
    String name = images.getFileName().toString();
    String labels = name.replace("images", "labels").replace("idx3", "idx1");
    if (labels.equals(name)) {
      throw new IllegalArgumentException("data.path: " + images + ": cannot derive the labels file from the name"
          + " (no 'images' or 'idx3' in it); write the path as \"images-file,labels-file\"");
    }
    return images.resolveSibling(labels);
  }

  /**
   * An opened, checked pair of files; rows are decoded on request.
   *
   * @param field the spec field problems are reported under
   * @param images the images file, named in messages
   * @param pix the images file's bytes
   * @param pixStart offset of the first pixel in {@code pix}
   * @param lab the labels file's bytes
   * @param labStart offset of the first label in {@code lab}
   * @param n number of images
   * @param d pixels per image
   */
  record Source(String field, Path images, byte[] pix, int pixStart, byte[] lab, int labStart, int n, int d) {
    int rows() {
      return n;
    }

    /**
     * The images at {@code index} (any order, repeats allowed) as pixel / 255, not normalised, into
     * {@code x} (rows of d), and their class labels (0-255) into {@code label}.
     */
    void raw(int[] index, double[] x, int[] label) {
      for (int r = 0; r < index.length; r++) {
        int i = index[r];
        if (i < 0 || i >= n) throw new IllegalArgumentException(field + ": " + images + ": no image " + i + " (holds " + n + ")");
        long off = pixStart + (long) i * d;
        for (int j = 0; j < d; j++) x[r * d + j] = (pix[(int) (off + j)] & 0xFF) / 255.0;
        label[r] = lab[labStart + i] & 0xFF;
      }
    }

    /** Rows [from, from + count): normalised images and parity labels. */
    LabeledRows rows(int from, int count) {
      double[] x = new double[Math.multiplyExact(count, d)];
      double[] y = new double[count];
      double target = d;
      for (int r = 0; r < count; r++) {
        long off = pixStart + (long) (from + r) * d;
        double s = 0;
        for (int i = 0; i < d; i++) {
          double v = (pix[(int) (off + i)] & 0xFF) / 255.0;
          x[r * d + i] = v;
          s += v * v;
        }
        if (s == 0) {
          throw new IllegalArgumentException(field + ": " + images + ": byte " + off + ": image " + (from + r)
              + " is all zero and cannot be normalised");
        }
        double scale = Math.sqrt(target / s);
        for (int i = 0; i < d; i++) x[r * d + i] *= scale;
        y[r] = (lab[labStart + from + r] & 0xFF) % 2 == 0 ? 1 : -1;
      }
      return new LabeledRows(d, x, y);
    }
  }

  static Source open(String path, String field) {
    if (path == null || path.isBlank()) throw new IllegalArgumentException(field + ": missing");
    Path images;
    Path labels;
    int comma = path.indexOf(',');
    if (comma >= 0) {
      images = pathOf(path.substring(0, comma).strip(), field);
      labels = pathOf(path.substring(comma + 1).strip(), field);
    } else {
      images = pathOf(path.strip(), field);
      try {
        labels = labelsFileFor(images);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage().replaceFirst("^data\\.path", field));
      }
    }
    byte[] pix = bytes(images, field);
    int[] pdims = header(pix, images, field, "images");
    if (pdims.length < 2) {
      throw new IllegalArgumentException(field + ": " + images + ": byte 3: an images file needs at least 2"
          + " dimensions (count and pixels), found " + pdims.length);
    }
    long d = 1;
    for (int i = 1; i < pdims.length; i++) d *= pdims[i];
    int pixStart = 4 + 4 * pdims.length;
    checkLength(pix, images, field, pixStart, (long) pdims[0] * d, pdims);
    byte[] lab = bytes(labels, field);
    int[] ldims = header(lab, labels, field, "labels");
    if (ldims.length != 1) {
      throw new IllegalArgumentException(field + ": " + labels + ": byte 3: a labels file has 1 dimension, found "
          + ldims.length);
    }
    int labStart = 8;
    checkLength(lab, labels, field, labStart, ldims[0], ldims);
    if (ldims[0] != pdims[0]) {
      throw new IllegalArgumentException(field + ": " + labels + ": byte 4: " + ldims[0] + " labels but "
          + images + " holds " + pdims[0] + " images");
    }
    if (pdims[0] == 0) throw new IllegalArgumentException(field + ": " + images + ": byte 4: the file holds no images");
    if (d == 0 || d > Integer.MAX_VALUE / 8) {
      throw new IllegalArgumentException(field + ": " + images + ": byte 8: images of " + d + " pixels are not supported");
    }
    return new Source(field, images, pix, pixStart, lab, labStart, pdims[0], (int) d);
  }

  /** {@code text} as a path; a malformed one is reported under {@code field}. */
  static Path pathOf(String text, String field) {
    try {
      return Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw new IllegalArgumentException(field + ": '" + text + "' is not a valid path (" + e.getReason() + ")");
    }
  }

  /** Checks the magic number and reads the dimension sizes. */
  private static int[] header(byte[] b, Path file, String field, String what) {
    if (b.length < 4) {
      throw new IllegalArgumentException(field + ": " + file + ": byte " + b.length
          + ": truncated, the file ends inside the 4-byte magic number");
    }
    if (b[0] != 0 || b[1] != 0) {
      throw new IllegalArgumentException(field + ": " + file + ": byte 0: wrong magic number "
          + String.format("0x%02X%02X%02X%02X", b[0], b[1], b[2], b[3]) + ", an IDX " + what + " file starts with 00 00 08 0N");
    }
    if (b[2] != 0x08) {
      throw new IllegalArgumentException(field + ": " + file + ": byte 2: element type "
          + String.format("0x%02X", b[2]) + " is not supported, only 0x08 (unsigned byte)");
    }
    int nd = b[3] & 0xFF;
    if (nd == 0) throw new IllegalArgumentException(field + ": " + file + ": byte 3: zero dimensions");
    if (b.length < 4 + 4 * nd) {
      throw new IllegalArgumentException(field + ": " + file + ": byte " + b.length + ": truncated, the header of "
          + nd + " dimension sizes needs " + (4 + 4 * nd) + " bytes");
    }
    int[] dims = new int[nd];
    for (int i = 0; i < nd; i++) {
      int o = 4 + 4 * i;
      long v = ((b[o] & 0xFFL) << 24) | ((b[o + 1] & 0xFF) << 16) | ((b[o + 2] & 0xFF) << 8) | (b[o + 3] & 0xFF);
      if (v > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(field + ": " + file + ": byte " + o + ": dimension size " + v + " is too large");
      }
      dims[i] = (int) v;
    }
    return dims;
  }

  private static void checkLength(byte[] b, Path file, String field, int start, long elements, int[] dims) {
    long end = start + elements;
    StringBuilder shape = new StringBuilder();
    for (int i = 0; i < dims.length; i++) shape.append(i == 0 ? "" : " x ").append(dims[i]);
    if (b.length < end) {
      throw new IllegalArgumentException(field + ": " + file + ": byte " + b.length + ": truncated, " + shape
          + " = " + elements + " bytes of data from byte " + start + " need the file to end at byte " + end);
    }
    if (b.length > end) {
      throw new IllegalArgumentException(field + ": " + file + ": byte " + end + ": " + (b.length - end)
          + " unexpected bytes after the " + shape + " data");
    }
  }

  private static byte[] bytes(Path file, String field) {
    try {
      if (Files.isDirectory(file)) throw new IllegalArgumentException(field + ": " + file + ": is a directory, not a file");
      if (file.getFileName().toString().endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
          return in.readAllBytes();
        }
      }
      return Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(field + ": " + file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(field + ": " + file + ": cannot read (" + e.getMessage() + ")");
    }
  }
}
