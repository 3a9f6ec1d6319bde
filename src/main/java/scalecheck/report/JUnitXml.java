package scalecheck.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import scalecheck.check.CheckResult;
import scalecheck.check.Verdict;
import scalecheck.check.VerifyOutcome;

/**
 * {@code junit.xml}: the verdicts in the JUnit XML format that Jenkins, GitLab and GitHub test reporters
 * read (the Ant/Jenkins schema: {@code testsuites > testsuite > testcase}), so a CI job shows each
 * check as a test. One {@code testsuite} per check, one {@code testcase} per check and series (its
 * result id, e.g. {@code dz[alpha=1]}). A FAIL is a {@code failure} with the reason; an INCONCLUSIVE is
 * {@code skipped} with the reason; a check refused as bad input is an {@code error}. A negative control
 * (a wrong law on purpose) that FAILs as it must is a pass; one that PASSes is a failure. Written with
 * the JDK's StAX writer, which escapes text and attributes.
 */
public final class JUnitXml extends ReportPart.Output {
  JUnitXml() {
    super("junit.xml");
  }


  /** What one result counts as in a CI system. */
  enum Outcome { PASSED, FAILED, SKIPPED, ERROR }

  static Outcome outcome(CheckResult c) {
    if (c.verdict() == Verdict.REFUSED) return Outcome.ERROR;
    Verdict v = c.verdict();
    if (v == null || v == Verdict.INCONCLUSIVE) return Outcome.SKIPPED;
    if (c.negativeControl()) return v == Verdict.FAIL ? Outcome.PASSED : Outcome.FAILED;
    return v == Verdict.PASS ? Outcome.PASSED : Outcome.FAILED;
  }

  /** Writes the document to {@code file} (parent folders created). */
  public static void write(VerifyOutcome o, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(file, render(o), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  String render(ReportPart.Report report) {
    return render(report.data().outcome());
  }

  /** The document. */
  public static String render(VerifyOutcome o) {
    List<CheckResult> checks = o.checks() == null ? List.of() : o.checks();
    Map<String, List<CheckResult>> suites = new LinkedHashMap<>();
    for (CheckResult c : checks) suites.computeIfAbsent(checkId(c.id()), k -> new ArrayList<>()).add(c);
    int[] total = count(checks);
    StringWriter sw = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(sw);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeCharacters("\n");
      w.writeStartElement("testsuites");
      w.writeAttribute("name", "scalecheck");
      w.writeAttribute("tests", Integer.toString(checks.size()));
      w.writeAttribute("failures", Integer.toString(total[1]));
      w.writeAttribute("errors", Integer.toString(total[3]));
      double wall = o.provenance() == null ? 0 : o.provenance().wallSeconds();
      w.writeAttribute("time", seconds(wall));
      for (Map.Entry<String, List<CheckResult>> e : suites.entrySet()) {
        int[] n = count(e.getValue());
        w.writeCharacters("\n  ");
        w.writeStartElement("testsuite");
        w.writeAttribute("name", e.getKey());
        w.writeAttribute("tests", Integer.toString(e.getValue().size()));
        w.writeAttribute("failures", Integer.toString(n[1]));
        w.writeAttribute("errors", Integer.toString(n[3]));
        w.writeAttribute("skipped", Integer.toString(n[2]));
        w.writeAttribute("time", "0");
        if (o.provenance() != null && o.provenance().startedAt() != null) {
          w.writeAttribute("timestamp", o.provenance().startedAt().replaceFirst("(\\.[0-9]+)?Z$", ""));
        }
        for (CheckResult c : e.getValue()) testcase(w, e.getKey(), c);
        w.writeCharacters("\n  ");
        w.writeEndElement();
      }
      w.writeCharacters("\n");
      w.writeEndElement();
      w.writeCharacters("\n");
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException ex) {
      throw new IllegalStateException("junit.xml: " + ex.getMessage(), ex);
    }
    return sw.toString();
  }

  private static void testcase(XMLStreamWriter w, String suite, CheckResult c) throws XMLStreamException {
    w.writeCharacters("\n    ");
    w.writeStartElement("testcase");
    w.writeAttribute("name", c.id() == null ? suite : c.id());
    w.writeAttribute("classname", "scalecheck." + suite);
    w.writeAttribute("time", "0");
    String reason = c.reason() == null ? "" : c.reason();
    switch (outcome(c)) {
      case FAILED -> {
        w.writeStartElement("failure");
        String message = c.negativeControl() ? "negative control PASSed: the wrong law was not rejected: " + reason
            : reason;
        w.writeAttribute("message", message);
        w.writeAttribute("type", c.negativeControl() ? "negative control passed" : "FAIL");
        w.writeCharacters(summary(c));
        w.writeEndElement();
      }
      case SKIPPED -> {
        w.writeEmptyElement("skipped");
        w.writeAttribute("message", "INCONCLUSIVE: " + reason);
      }
      case ERROR -> {
        w.writeStartElement("error");
        w.writeAttribute("message", reason);
        w.writeAttribute("type", "bad input");
        w.writeCharacters(reason);
        w.writeEndElement();
      }
      case PASSED -> { }
    }
    w.writeStartElement("system-out");
    w.writeCharacters(summary(c));
    w.writeEndElement();
    w.writeEndElement();
  }

  /** One line: law, prediction, fit, interval, verdict and reason. */
  static String summary(CheckResult c) {
    StringBuilder b = new StringBuilder();
    if (c.law() != null) {
      b.append("law ").append(c.law()).append(", exponent in ").append(c.vary()).append(": predicted ")
          .append(Exponents.exact(c) == null ? "-" : Exponents.exact(c)).append(", fitted ").append(Fmt.num(c.fitted()));
      if (c.ciLow() != null && c.ciHigh() != null) {
        b.append(" [").append(Fmt.num(c.ciLow())).append(", ").append(Fmt.num(c.ciHigh())).append(']');
      }
      b.append(", tolerance ").append(Fmt.num(c.tolerance())).append("; ");
    }
    b.append(c.verdict() == null ? "-" : c.verdict().name());
    if (c.negativeControl()) b.append(" (negative control: must FAIL)");
    if (c.reason() != null && !c.reason().isEmpty()) b.append(": ").append(c.reason());
    return b.toString();
  }

  /** {failed, failures, skipped, errors}: index 1 failures, 2 skipped, 3 errors. */
  private static int[] count(List<CheckResult> cs) {
    int[] n = new int[4];
    for (CheckResult c : cs) {
      switch (outcome(c)) {
        case FAILED -> n[1]++;
        case SKIPPED -> n[2]++;
        case ERROR -> n[3]++;
        case PASSED -> n[0]++;
      }
    }
    return n;
  }

  /** The check's id without its series ({@code dz[alpha=1]} is check {@code dz}). */
  static String checkId(String id) {
    if (id == null) return "check";
    int b = id.indexOf('[');
    return b > 0 ? id.substring(0, b) : id;
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.3f", Double.isFinite(s) && s >= 0 ? s : 0);
  }
}
