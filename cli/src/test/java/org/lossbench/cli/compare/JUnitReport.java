package org.lossbench.cli.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A JUnit XML report read back with the JDK's DOM parser and validated against the JUnit report schema
 * ({@code junit-report.xsd}): the suite's counts and, per test case name, its failure message (null when it did not fail),
 * its failure type, and its skip message (blind checks).
 */
record JUnitReport(int tests, int failures, Map<String, String> cases, Map<String, String> classnames, Map<String, String> failureTypes,
                   Map<String, String> skipped) {
    static JUnitReport read(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        URL xsd = JUnitReport.class.getResource("junit-report.xsd");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(xsd).newValidator().validate(new DOMSource(doc));
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        Map<String, String> cases = new LinkedHashMap<>();
        Map<String, String> classnames = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        NodeList tcs = suite.getElementsByTagName("testcase");
        for (int i = 0; i < tcs.getLength(); i++) {
            Element tc = (Element) tcs.item(i);
            NodeList fl = tc.getElementsByTagName("failure");
            String name = tc.getAttribute("name");
            if (cases.containsKey(name)) {
                throw new AssertionError("two test cases named " + name);
            }
            cases.put(name, fl.getLength() == 0 ? null : ((Element) fl.item(0)).getAttribute("message"));
            classnames.put(name, tc.getAttribute("classname"));
            if (fl.getLength() > 0) {
                types.put(name, ((Element) fl.item(0)).getAttribute("type"));
            }
            NodeList sk = tc.getElementsByTagName("skipped");
            if (sk.getLength() > 0) {
                assertEquals(0, fl.getLength(), name + " is both skipped and failed");
                skipped.put(name, ((Element) sk.item(0)).getAttribute("message"));
            }
        }
        int failures = suite.getElementsByTagName("failure").getLength();
        assertEquals(Integer.parseInt(suite.getAttribute("skipped")), skipped.size(), "skipped attribute = number of skipped elements");
        assertEquals(Integer.parseInt(suite.getAttribute("tests")), tcs.getLength(), "tests attribute = number of test cases");
        assertEquals(Integer.parseInt(suite.getAttribute("failures")), failures, "failures attribute = number of failure elements");
        return new JUnitReport(tcs.getLength(), failures, cases, classnames, types, skipped);
    }

    /** The names of the failed test cases. */
    java.util.List<String> failed() {
        return cases.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).toList();
    }
}
