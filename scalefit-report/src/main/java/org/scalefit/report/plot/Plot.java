package org.scalefit.report.plot;

import java.awt.Dimension;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGGraphics2DIOException;
import org.apache.batik.svggen.SVGIDGenerator;
import org.jfree.chart.JFreeChart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * One rendered figure: a JFreeChart drawn either into Batik's SVG recorder (vector, for the HTML report) or
 * into an image (PNG, for papers and slides). Works without a display.
 */
public final class Plot {
    static {
        // charts are drawn off screen; a server has no display
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // rotated text (the vertical axis title) as a rotated string, not glyph outlines: SVG keeps it as text
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    /** The fonts an SVG asks for, in order. */
    static final String FONT_STACK = "'" + Style.FONT + "',Verdana,Arial,Helvetica,sans-serif";

    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    private final String id;
    private final String title;
    private final JFreeChart chart;
    private final int width;
    private final int height;

    Plot(String id, String title, JFreeChart chart) {
        this(id, title, chart, WIDTH, HEIGHT);
    }

    Plot(String id, String title, JFreeChart chart, int width, int height) {
        this.id = id;
        this.title = title;
        this.chart = chart;
        this.width = width;
        this.height = height;
    }

    /** A short name usable in file names and element ids, e.g. {@code isoflop}. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The underlying chart, for callers that want to adjust it before rendering. */
    public JFreeChart chart() {
        return chart;
    }

    /**
     * The figure as a standalone SVG element (no XML declaration or DOCTYPE, so it can be inlined in HTML);
     * ids inside it start with this plot's id, so several plots can share one page.
     */
    public String svg() {
        Document doc;
        try {
            doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument(SVGGraphics2D.SVG_NAMESPACE_URI, "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        SVGGeneratorContext ctx = SVGGeneratorContext.createDefault(doc);
        ctx.setComment(null);
        ctx.setEmbeddedFontsOn(false);
        ctx.setPrecision(5);
        ctx.setIDGenerator(new PrefixedIds(id));
        SVGGraphics2D g = new SVGGraphics2D(ctx, false);
        g.setSVGCanvasSize(new Dimension(width, height));
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        Element root = g.getRoot();
        root.setAttribute("viewBox", "0 0 " + width + " " + height);
        root.setAttribute("role", "img");
        root.setAttribute("class", "plot");
        StringWriter w = new StringWriter();
        try {
            g.stream(root, w, true, false);
        } catch (SVGGraphics2DIOException e) {
            throw new UncheckedIOException(new IOException(e.getMessage(), e));
        } finally {
            g.dispose();
        }
        String s = w.toString().replace("id=\"genericDefs\"", "id=\"" + id + "-genericDefs\"")
                // where the viewer lacks DejaVu (the font the layout was measured with), a similar sans-serif
                .replace("font-family:'" + Style.FONT + "';", "font-family:" + FONT_STACK + ";")
                .replace("font-family:'Dialog';", "font-family:" + FONT_STACK + ";");
        int start = s.indexOf("<svg");
        return start > 0 ? s.substring(start) : s;
    }

    /** The figure as PNG bytes, {@code scale} times the nominal size (2 for slides and papers). */
    public byte[] png(double scale) {
        int w = (int) Math.round(width * scale);
        int h = (int) Math.round(height * scale);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(scale, scale);
            chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Element ids prefixed with the plot's id, so that clip paths of different plots never collide. */
    private static final class PrefixedIds extends SVGIDGenerator {
        private final String prefix;
        private final Map<String, Integer> counts = new HashMap<>();

        PrefixedIds(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String generateID(String kind) {
            int n = counts.merge(kind, 1, Integer::sum);
            return prefix + "-" + kind + n;
        }
    }
}
