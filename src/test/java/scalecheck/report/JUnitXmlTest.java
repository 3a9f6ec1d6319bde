package scalecheck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import scalecheck.check.CheckResult;
import scalecheck.check.Provenance;
import scalecheck.check.Verdict;
import scalecheck.check.VerifyOutcome;

/** {@code junit.xml}: valid against the Jenkins/Ant JUnit schema, one testcase per result, outcomes mapped as CI reads them. */
class JUnitXmlTest {

  private static Schema schema() throws SAXException {
    URL xsd = JUnitXmlTest.class.getResource("/junit-jenkins.xsd");
    return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd);
  }

  private static void validate(String xml) throws SAXException, IOException {
    schema().newValidator().validate(new StreamSource(new StringReader(xml)));
  }

  private static Document dom(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  private static CheckResult result(String id, Verdict v, boolean control, String reason) {
    CheckResult c = Fixtures.check(id, "geiger/dz", "n", "dz.mean", "-1/2", -0.5, 0.02, v,
        Fixtures.pointsFrom(-0.5, 0.05, new Random(1)), List.of(), control);
    return new CheckResult(c.id(), c.law(), c.vary(), c.measure(), c.norm(), c.predicted(), c.fitted(), c.ciLow(),
        c.ciHigh(), c.stdErr(), c.r2(), c.tolerance(), c.expect(), v, reason, c.points(), c.localSlopes(), c.runs(),
        c.excluded(), c.competing(), control, c.fixed());
  }

  private static VerifyOutcome outcome() {
    List<CheckResult> rs = new ArrayList<>();
    rs.add(result("dz[alpha=1]", Verdict.PASS, false, "within tolerance"));
    rs.add(result("dz[alpha=8]", Verdict.FAIL, false, "interval [-1.1, -0.9] lies outside -1/2 +- 0.1 & <beyond>"));
    rs.add(result("t1", Verdict.INCONCLUSIVE, false, "local slopes still drift"));
    rs.add(result("control_dz", Verdict.FAIL, true, "negative control (asserts a wrong law, must FAIL): outside"));
    rs.add(result("control_dw", Verdict.PASS, true, "negative control (asserts a wrong law, must FAIL): within"));
    rs.add(new CheckResult("typo", null, null, null, null, null, null, null, null, null, null, 0, null,
        Verdict.REFUSED, "checks/typo.yaml:3: law: unknown law 'x'", List.of(), List.of(), 0, 0,
        List.of(), false, Map.of()));
    Provenance p = new Provenance("0.1.0", null, "17", "none", 1, 1, 1, false, "2026-12-07T16:39:29.123Z", 12.5,
        "scalecheck verify checks/", Map.of());
    return new VerifyOutcome(rs, List.of(), p);
  }

  private static Element testcase(Document d, String name) {
    NodeList cases = d.getElementsByTagName("testcase");
    for (int i = 0; i < cases.getLength(); i++) {
      Element e = (Element) cases.item(i);
      if (e.getAttribute("name").equals(name)) return e;
    }
    throw new AssertionError("no testcase " + name);
  }

  private static List<String> children(Element e) {
    List<String> names = new ArrayList<>();
    NodeList l = e.getChildNodes();
    for (int i = 0; i < l.getLength(); i++) if (l.item(i) instanceof Element c) names.add(c.getTagName());
    return names;
  }

  @Test
  void isValidAgainstTheJUnitSchemaWithOneTestcasePerCheckAndSeries() throws Exception {
    String xml = JUnitXml.render(outcome());
    validate(xml);
    Document d = dom(xml);
    assertEquals(6, d.getElementsByTagName("testcase").getLength());
    assertEquals(List.of("dz", "t1", "control_dz", "control_dw", "typo"), suites(d));
    Element root = d.getDocumentElement();
    assertEquals("6", root.getAttribute("tests"));
    assertEquals("2", root.getAttribute("failures"));
    assertEquals("1", root.getAttribute("errors"));
  }

  private static List<String> suites(Document d) {
    List<String> s = new ArrayList<>();
    NodeList l = d.getElementsByTagName("testsuite");
    for (int i = 0; i < l.getLength(); i++) s.add(((Element) l.item(i)).getAttribute("name"));
    return s;
  }

  @Test
  void verdictsMapToPassFailureSkippedAndError() throws Exception {
    Document d = dom(JUnitXml.render(outcome()));
    assertEquals(List.of("system-out"), children(testcase(d, "dz[alpha=1]")));
    Element fail = testcase(d, "dz[alpha=8]");
    assertEquals(List.of("failure", "system-out"), children(fail));
    Element failure = (Element) fail.getElementsByTagName("failure").item(0);
    assertEquals("interval [-1.1, -0.9] lies outside -1/2 +- 0.1 & <beyond>", failure.getAttribute("message"));
    Element skipped = (Element) testcase(d, "t1").getElementsByTagName("skipped").item(0);
    assertEquals("INCONCLUSIVE: local slopes still drift", skipped.getAttribute("message"));
    assertEquals(List.of("system-out"), children(testcase(d, "control_dz")), "a control that FAILs passes");
    Element controlPassed = testcase(d, "control_dw");
    assertEquals(List.of("failure", "system-out"), children(controlPassed));
    assertTrue(((Element) controlPassed.getElementsByTagName("failure").item(0)).getAttribute("message")
        .startsWith("negative control PASSed"));
    assertEquals(List.of("error", "system-out"), children(testcase(d, "typo")));
    Element suite = (Element) d.getElementsByTagName("testsuite").item(0);
    assertEquals("2", suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    assertEquals("2026-12-07T16:39:29", suite.getAttribute("timestamp"));
  }

  @Test
  void theValidatorRejectsMalformedDocuments() throws Exception {
    String good = JUnitXml.render(outcome());
    // a testcase without its name
    assertThrows(SAXException.class, () -> validate(good.replace("<testcase name=\"t1\"", "<testcase")));
    // skipped after failure (the schema fixes the order)
    assertThrows(SAXException.class, () -> validate("<testsuites><testsuite name=\"a\" tests=\"1\"><testcase name=\"x\">"
        + "<failure message=\"m\"/><skipped/></testcase></testsuite></testsuites>"));
    // an element the format does not have
    assertThrows(SAXException.class, () -> validate(good.replace("<system-out>", "<verdict>PASS</verdict><system-out>")));
    // a negative count
    assertThrows(SAXException.class, () -> validate(good.replace("tests=\"2\"", "tests=\"-2\"")));
  }
}
