package org.lossbench.cli.report;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Test helper: parses SVG or XHTML-compatible markup as XML and finds elements by class. */
final class SvgDom {
    private SvgDom() {
    }

    static Document parse(String markup) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(markup.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Elements under {@code root} (inclusive of descendants only) whose class list holds {@code cls}. */
    static List<Element> byClass(Element root, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (Arrays.asList(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The element with {@code id} (ids are attributes here, not declared as IDs). */
    static Element byId(Document d, String id) {
        NodeList all = d.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no element with id " + id);
    }

    /** The series group ({@code data-series}) of a chart. */
    static Element series(Element chart, String name) {
        for (Element e : byClass(chart, "series")) {
            if (name.equals(e.getAttribute("data-series"))) {
                return e;
            }
        }
        throw new AssertionError("no series " + name);
    }

    static double num(Element e, String attr) {
        return Double.parseDouble(e.getAttribute(attr));
    }
}
