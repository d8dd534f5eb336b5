package org.scalefit.report.plot;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** An SVG document parsed with the JDK's XML parser, and what the tests look for in it. */
final class Svg {
    static final String NS = "http://www.w3.org/2000/svg";
    final Document doc;

    Svg(String text) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // an inline SVG has no DOCTYPE: refusing one proves it and never fetches a DTD
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    Element root() {
        return doc.getDocumentElement();
    }

    List<String> texts() {
        List<String> out = new ArrayList<>();
        NodeList nl = doc.getElementsByTagNameNS(NS, "text");
        for (int i = 0; i < nl.getLength(); i++) {
            out.add(nl.item(i).getTextContent());
        }
        return out;
    }

    List<String> pathData() {
        List<String> out = new ArrayList<>();
        NodeList nl = doc.getElementsByTagNameNS(NS, "path");
        for (int i = 0; i < nl.getLength(); i++) {
            out.add(((Element) nl.item(i)).getAttribute("d"));
        }
        return out;
    }

    /** Paths drawn with cubic curves: the round point markers (lines and diamonds are straight). */
    long circles() {
        return pathData().stream().filter(d -> d.contains("C")).count();
    }

    /** Small closed paths of four straight sides: the diamond markers (not the plot frame). */
    long diamonds() {
        return pathData().stream().filter(d -> !d.contains("C") && d.split("L").length == 4 && d.endsWith("Z"))
                .filter(d -> extent(d) <= 20).count();
    }

    private static double extent(String d) {
        String[] nums = d.replaceAll("[MLZ]", " ").trim().split("\\s+");
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < nums.length; i += 2) {
            double x = Double.parseDouble(nums[i]);
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        return hi - lo;
    }

    List<String> ids() {
        List<String> out = new ArrayList<>();
        NodeList nl = doc.getElementsByTagName("*");
        for (int i = 0; i < nl.getLength(); i++) {
            String id = ((Element) nl.item(i)).getAttribute("id");
            if (!id.isEmpty()) {
                out.add(id);
            }
        }
        return out;
    }
}
