package scalecheck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import scalecheck.theory.Derivation;
import scalecheck.theory.Exponent;
import scalecheck.theory.Law;
import scalecheck.theory.Scheme;
import scalecheck.theory.Theory;
import scalecheck.theory.TheoryBook;

/**
 * {@code scalecheck derive FILE... [--json]}: loads theory files (or every {@code *.yaml} of a folder)
 * and prints each law's expression, derived closed form and exact exponent in each symbol; for each
 * declared parameterisation, kappa's width exponent G, the regime, Yang-Hu's r with the stability
 * conditions, and the per-layer exponents (its laws are listed with the others).
 *
 * <p>The symbols reported are those of the derived form (or the law's {@code variables}), and also
 * every symbol of the formula as written that the law's regime substitutes away: the user wrote it
 * and asks about it, so it is reported with exponent 0 and the note "the regime removes alpha"
 * (e.g. {@code 1/(alpha*Sqrt(n))} with {@code alpha: n^(-1/2)} gives n^0 alpha^0).
 */
@Command(name = "derive", mixinStandardHelpOptions = true,
    description = "Derive each law's exact exponents from theory files (or folders of them).")
public final class DeriveCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "FILE", description = "theory files or folders (all *.yaml in them)")
  List<Path> files;

  @Option(names = "--json", description = "print a JSON array, one object per law")
  boolean json;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    TheoryBook book = TheoryBook.load(files);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(book)));
    } else {
      printText(book, out);
    }
    out.flush();
    return 0;
  }

  /** The JSON array written by {@code --json}. */
  static ArrayNode toJson(TheoryBook book) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ArrayNode arr = f.arrayNode();
    for (Law law : book.laws()) {
      ObjectNode o = arr.addObject();
      o.put("theory", law.theoryId());
      o.put("law", law.id());
      o.put("ref", law.ref());
      o.put("quantity", law.quantity());
      o.put("kind", law.kind());
      o.put("expression", law.expression());
      if (!law.regime().isEmpty()) {
        ObjectNode r = o.putObject("regime");
        law.regime().forEach(r::put);
      }
      o.put("derived", law.derived());
      ObjectNode ex = o.putObject("exponents");
      ObjectNode notes = null;
      for (Map.Entry<String, Exponent> e : reported(law, book).entrySet()) {
        Exponent x = e.getValue();
        if (x.isPowerLaw()) {
          ex.put(e.getKey(), x.value().toString());
        } else {
          ex.putNull(e.getKey());
        }
        if (x.note() != null) {
          if (notes == null) notes = f.objectNode();
          notes.put(e.getKey(), x.note());
        }
      }
      if (notes != null) o.set("exponent_notes", notes);
      String note = firstNonPowerNote(law);
      if (note != null) o.put("note", note);
      else if (law.note() != null) o.put("note", law.note());
      if (law.note() != null) o.put("law_note", law.note());
      if (law.norm() != null) o.put("norm", law.norm());
      if (law.contests() != null) o.put("contests", law.theoryId() + "/" + law.contests());
      o.put("file", law.file().toString());
      o.put("line", law.line());
      addParameterisation(book, law, o);
    }
    return arr;
  }

  /** For a law derived from a parameterisation: its kappa exponent, regime, r and classification. */
  private static void addParameterisation(TheoryBook book, Law law, ObjectNode o) {
    for (Theory t : book.theories()) {
      if (!t.id().equals(law.theoryId())) continue;
      for (Derivation d : t.parameterisations()) {
        if (!law.id().startsWith(d.scheme().id() + "_")) continue;
        ObjectNode p = o.putObject("parameterisation");
        p.put("id", d.scheme().ref());
        p.put("abc", d.scheme().abcText());
        p.put("kappa_exponent", d.kappa().toString());
        p.put("regime", d.regime());
        if (d.r() != null) p.put("r", d.r().toString());
        p.put("classification", d.classification());
        return;
      }
    }
  }

  /** What each parameterisation of a theory implies: G, regime, r, conditions, per-layer exponents. */
  static void printParameterisations(Theory t, PrintWriter out) {
    for (Derivation d : t.parameterisations()) {
      Scheme s = d.scheme();
      out.println();
      out.println("parameterisation " + s.ref() + "  (depth " + s.depth() + ", width " + s.width() + ", output "
          + s.output() + (s.regime().isEmpty() ? "" : ", regime " + s.regime()) + ")");
      out.println("  abc:        " + s.abcText());
      out.println("  kappa ~ " + s.width() + "^G, G = " + d.kappa() + ": " + d.regime());
      out.println("  Yang-Hu r = " + d.rText() + ": " + d.classification());
      for (Derivation.Condition c : d.conditions()) {
        out.println("    " + c.name() + ": " + c.formula() + "  " + c.holds());
      }
      StringBuilder lz = new StringBuilder();
      d.lazy().forEach((q, v) -> lz.append(lz.length() == 0 ? "" : ", ").append(q).append(' ').append(v));
      out.println("  theta-lazy side, exponent in " + s.width() + ": " + lz);
      StringBuilder co = new StringBuilder();
      d.coord().forEach((q, v) -> co.append(co.length() == 0 ? "" : ", ").append(q).append(' ').append(v));
      out.println("  coordinate check (fixed steps), exponent in " + s.width() + ": " + co);
      for (String n : d.notes()) out.println("  note: " + n);
    }
  }

  private static String firstNonPowerNote(Law law) {
    for (Exponent x : law.exponents().values()) if (!x.isPowerLaw()) return x.note();
    return null;
  }

  /**
   * The law's exponents, then, for a law with a regime, each declared symbol of the formula as
   * written that the derived form no longer contains, with its exponent there (0) and a note: "the
   * regime removes alpha" for a substituted symbol, "n cancels under the regime" otherwise. Symbols
   * are lower-case names and Symja's functions capitalised, so a whole-word match in the written text
   * finds them.
   */
  static Map<String, Exponent> reported(Law law, TheoryBook book) {
    Map<String, Exponent> out = new LinkedHashMap<>(law.exponents());
    if (law.regime().isEmpty()) return out;
    Theory theory = book.theories().stream().filter(t -> t.id().equals(law.theoryId())).findFirst().orElse(null);
    if (theory == null) return out;
    for (String s : theory.symbols().keySet()) {
      if (out.containsKey(s) || law.symbols().contains(s)) continue;
      if (!Pattern.compile("(?<![A-Za-z0-9_$])" + Pattern.quote(s) + "(?![A-Za-z0-9_$])").matcher(law.expression()).find()) {
        continue;
      }
      Exponent x = law.exponent(s);
      String why = law.regime().containsKey(s) ? "the regime removes " + s : s + " cancels under the regime";
      out.put(s, new Exponent(x.value(), x.note() == null ? why : why + "; " + x.note()));
    }
    return out;
  }

  private static void printText(TheoryBook book, PrintWriter out) {
    for (Theory t : book.theories()) {
      out.println("== " + t.id() + ": " + t.title() + " (" + t.file() + ")");
      for (Law law : t.laws()) {
        out.println();
        out.println(law.ref() + "  [" + law.quantity() + "]");
        out.println("  " + law.kind() + ":  " + law.expression());
        if (!law.regime().isEmpty()) {
          StringBuilder sb = new StringBuilder();
          law.regime().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(" = ").append(v));
          out.println("  regime:   " + sb);
        }
        out.println("  derived:  " + law.derived());
        Map<String, Exponent> reported = reported(law, book);
        if (reported.isEmpty()) {
          out.println("  exponents: none (constant; list 'variables' to report exponent 0)");
        }
        for (Map.Entry<String, Exponent> e : reported.entrySet()) {
          Exponent x = e.getValue();
          out.println("  exponent in " + e.getKey() + ": "
              + (x.isPowerLaw() ? x.value().toString() : "not a power law") + (x.note() == null ? "" : "  (" + x.note() + ")"));
        }
        if (law.contests() != null) out.println("  contests: " + law.theoryId() + "/" + law.contests());
        if (law.norm() != null) out.println("  norm:     " + law.norm());
      }
      printParameterisations(t, out);
      out.println();
    }
  }
}
