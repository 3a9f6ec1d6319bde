package scalecheck.spec;

import java.nio.file.Path;

/**
 * Bad input in a user-written file (theory, check, data): names the file, the line and the field, so
 * the message alone says what to fix. The CLI prints {@link #getMessage()} and exits 2, with no stack
 * trace.
 *
 * <p>Format: {@code file:line: field: what is wrong} (line omitted when unknown, field omitted when the
 * problem is not tied to one field).
 */
public final class SpecException extends RuntimeException {
  private final String file;
  private final int line;
  private final String field;
  private final String problem;

  public SpecException(String file, int line, String field, String problem) {
    super(format(file, line, field, problem));
    this.file = file;
    this.line = line;
    this.field = field;
    this.problem = problem;
  }

  public SpecException(Path file, int line, String field, String problem) {
    this(file == null ? "<input>" : file.toString(), line, field, problem);
  }

  private static String format(String file, int line, String field, String problem) {
    StringBuilder sb = new StringBuilder(file == null ? "<input>" : file);
    if (line > 0) sb.append(':').append(line);
    sb.append(": ");
    if (field != null && !field.isEmpty()) sb.append(field).append(": ");
    sb.append(problem);
    return sb.toString();
  }

  public String file() { return file; }
  public int line() { return line; }
  public String field() { return field; }
  public String problem() { return problem; }
}
