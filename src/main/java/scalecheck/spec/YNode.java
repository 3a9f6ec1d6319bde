package scalecheck.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML document as an immutable tree that remembers where every node came from (file, line and the
 * dotted field path such as {@code laws[2].scaling}), so that every validation error can name the
 * file, line and field. One parser for all user-written files (theory and check files).
 *
 * <p>Three kinds: {@link Kind#MAP} (keys in file order, duplicates rejected), {@link Kind#LIST} and
 * {@link Kind#SCALAR} (the text as written, with the YAML type Jackson saw).
 */
public final class YNode {
  public enum Kind { MAP, LIST, SCALAR }

  /** Type of a scalar as the YAML parser read it. */
  public enum ScalarType { STRING, INT, FLOAT, BOOL, NULL }

  private static final YAMLFactory FACTORY = new YAMLFactory();

  private final String file;
  private final int line;
  private final String path;
  private final Kind kind;
  private final Map<String, YNode> map;
  private final List<YNode> list;
  private final String text;
  private final ScalarType scalarType;

  private YNode(String file, int line, String path, Kind kind, Map<String, YNode> map, List<YNode> list,
      String text, ScalarType scalarType) {
    this.file = file;
    this.line = line;
    this.path = path;
    this.kind = kind;
    this.map = map;
    this.list = list;
    this.text = text;
    this.scalarType = scalarType;
  }

  /** Parses a file; syntax errors become a {@link SpecException} naming the line. */
  public static YNode parse(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new SpecException(file, 0, null, "cannot read file: " + e.getMessage());
    }
    return parse(file.toString(), utf8(file, bytes));
  }

  /** Decodes UTF-8; a malformed byte is an error naming its line. */
  private static String utf8(Path file, byte[] bytes) {
    CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult res = dec.decode(in, out, true);
    if (!res.isError()) res = dec.flush(out);
    if (res.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) if (bytes[i] == '\n') line++;
      throw new SpecException(file, line, null, String.format("not UTF-8 text (byte 0x%02X)",
          bytes[in.position()] & 0xFF));
    }
    return out.flip().toString();
  }

  /** Parses text; {@code file} is only used in messages. An empty document is an empty map. */
  public static YNode parse(String file, String content) {
    JsonParser[] current = new JsonParser[1];
    try (Reader r = new StringReader(content); JsonParser p = FACTORY.createParser(r)) {
      current[0] = p;
      JsonToken t = p.nextToken();
      if (t == null) {
        return new YNode(file, 1, "", Kind.MAP, Map.of(), List.of(), null, null);
      }
      YNode root = read(p, file, "");
      if (p.nextToken() != null) {
        throw new SpecException(file, line(p.currentTokenLocation()), null,
            "more than one YAML document in the file");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation loc = e.getLocation();
      if (loc == null && current[0] != null) loc = current[0].currentLocation();
      String msg = e.getOriginalMessage();
      int nl = msg.indexOf('\n');
      if (nl > 0) msg = msg.substring(0, nl);
      throw new SpecException(file, loc == null ? 0 : line(loc), null, "YAML syntax: " + msg);
    } catch (IOException e) {
      throw new SpecException(file, 0, null, "cannot read: " + e.getMessage());
    } catch (RuntimeException e) {
      if (e instanceof SpecException) throw e;
      int at = current[0] == null ? 0 : line(current[0].currentLocation());
      throw new SpecException(file, at, null, "YAML syntax: " + e.getMessage());
    }
  }

  private static int line(JsonLocation loc) {
    return Math.max(loc.getLineNr(), 0);
  }

  private static YNode read(JsonParser p, String file, String path) throws IOException {
    JsonToken t = p.currentToken();
    int line = line(p.currentTokenLocation());
    switch (t) {
      case START_OBJECT: {
        Map<String, YNode> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = line(p.currentTokenLocation());
          String childPath = path.isEmpty() ? key : path + "." + key;
          if (m.containsKey(key)) {
            throw new SpecException(file, keyLine, childPath, "duplicate key");
          }
          p.nextToken();
          YNode child = read(p, file, childPath);
          // Report a key's line, not the line of its (possibly nested) value.
          m.put(key, child.withLine(keyLine));
        }
        return new YNode(file, line, path, Kind.MAP, Collections.unmodifiableMap(m), List.of(), null, null);
      }
      case START_ARRAY: {
        List<YNode> l = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p, file, path + "[" + i + "]"));
          i++;
        }
        return new YNode(file, line, path, Kind.LIST, Map.of(), List.copyOf(l), null, null);
      }
      case VALUE_STRING:
        return scalar(file, line, path, p.getText(), ScalarType.STRING);
      case VALUE_NUMBER_INT:
        return scalar(file, line, path, p.getText(), ScalarType.INT);
      case VALUE_NUMBER_FLOAT:
        return scalar(file, line, path, p.getText(), ScalarType.FLOAT);
      case VALUE_TRUE:
      case VALUE_FALSE:
        return scalar(file, line, path, p.getText(), ScalarType.BOOL);
      case VALUE_NULL:
        return scalar(file, line, path, null, ScalarType.NULL);
      default:
        throw new SpecException(file, line, path, "unsupported YAML element " + t);
    }
  }

  private static YNode scalar(String file, int line, String path, String text, ScalarType type) {
    return new YNode(file, line, path, Kind.SCALAR, Map.of(), List.of(), text, type);
  }

  private YNode withLine(int newLine) {
    return new YNode(file, newLine, path, kind, map, list, text, scalarType);
  }

  // ---- accessors -------------------------------------------------------------------------------

  public String file() { return file; }
  public int line() { return line; }
  /** Dotted path of this node from the document root, e.g. {@code sweep.n} or {@code laws[1].id}. */
  public String path() { return path; }
  public Kind kind() { return kind; }
  public boolean isMap() { return kind == Kind.MAP; }
  public boolean isList() { return kind == Kind.LIST; }
  public boolean isScalar() { return kind == Kind.SCALAR; }
  public boolean isNull() { return kind == Kind.SCALAR && scalarType == ScalarType.NULL; }
  public ScalarType scalarType() { return scalarType; }
  /** The scalar's text as written (null for a YAML null or a non-scalar). */
  public String text() { return text; }
  /** Entries of a map in file order (empty for other kinds). */
  public Map<String, YNode> entries() { return map; }
  /** Items of a list (empty for other kinds). */
  public List<YNode> items() { return list; }

  public boolean has(String key) { return map.containsKey(key); }

  /** The child at {@code key}, or null. */
  public YNode get(String key) { return map.get(key); }

  /** An error at this node: {@code file:line: path: problem}. */
  public SpecException error(String problem) {
    return new SpecException(file, line, path, problem);
  }

  /** Requires a map, else an error naming what was found. */
  public YNode requireMap() {
    if (!isMap()) throw error("expected a mapping (key: value lines), found " + describe());
    return this;
  }

  public YNode requireList() {
    if (!isList()) throw error("expected a list, found " + describe());
    return this;
  }

  /** The child at {@code key}; an error at this map's line when it is missing or null. */
  public YNode require(String key) {
    requireMap();
    YNode n = map.get(key);
    String childPath = path.isEmpty() ? key : path + "." + key;
    if (n == null) throw new SpecException(file, line, childPath, "required field is missing");
    if (n.isNull()) throw n.error("required field is empty");
    return n;
  }

  /** Rejects keys outside {@code allowed}, naming the first unknown key and listing the allowed ones. */
  public YNode requireOnlyKeys(Set<String> allowed) {
    requireMap();
    for (Map.Entry<String, YNode> e : map.entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw e.getValue().error("unknown field (allowed: " + String.join(", ", new TreeSet<>(allowed)) + ")");
      }
    }
    return this;
  }

  /** A scalar as a string (numbers and booleans as written). */
  public String asString() {
    if (!isScalar() || isNull()) throw error("expected a text value, found " + describe());
    return text;
  }

  public double asDouble() {
    if (!isScalar() || scalarType == ScalarType.NULL || scalarType == ScalarType.BOOL) {
      throw error("expected a number, found " + describe());
    }
    try {
      double v = Double.parseDouble(text.trim());
      if (!Double.isFinite(v)) throw error("expected a finite number, found '" + text + "'");
      return v;
    } catch (NumberFormatException e) {
      throw error("expected a number, found '" + text + "'");
    }
  }

  public long asLong() {
    if (!isScalar() || scalarType != ScalarType.INT) {
      throw error("expected a whole number, found " + describe());
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw error("expected a whole number that fits in 64 bits, found '" + text + "'");
    }
  }

  public int asInt() {
    long v = asLong();
    if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) throw error("number too large: " + text);
    return (int) v;
  }

  public boolean asBoolean() {
    if (!isScalar() || scalarType != ScalarType.BOOL) throw error("expected true or false, found " + describe());
    return Boolean.parseBoolean(text);
  }

  /** Short description of this node for messages. */
  public String describe() {
    switch (kind) {
      case MAP: return "a mapping";
      case LIST: return "a list";
      default:
        return scalarType == ScalarType.NULL ? "nothing" : "'" + text + "'";
    }
  }

  /** Finds the node at a dotted path such as {@code model.width} or {@code laws[1].id}; null if absent. */
  public YNode at(String dotted) {
    YNode cur = this;
    for (String part : dotted.split("\\.")) {
      if (cur == null) return null;
      String key = part;
      int br = part.indexOf('[');
      List<Integer> idx = new ArrayList<>();
      if (br >= 0) {
        key = part.substring(0, br);
        for (String s : part.substring(br + 1).split("\\[")) {
          idx.add(Integer.parseInt(s.replace("]", "")));
        }
      }
      if (!key.isEmpty()) cur = cur.get(key);
      for (int i : idx) {
        if (cur == null || !cur.isList() || i >= cur.items().size()) return null;
        cur = cur.items().get(i);
      }
    }
    return cur;
  }

  /** Line of the deepest existing node on a dotted path (the closest thing to blame), or this line. */
  public int lineOf(String dotted) {
    String p = dotted;
    while (!p.isEmpty()) {
      YNode n = at(p);
      if (n != null) return n.line();
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut <= 0 ? "" : p.substring(0, cut);
    }
    return line;
  }
}
