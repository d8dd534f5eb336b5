package org.scalefit.report.plot;

import java.awt.Graphics2D;
import java.awt.font.TextAttribute;
import java.awt.geom.Rectangle2D;
import java.text.AttributedString;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTick;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;

/** A base-10 log axis whose ticks come from {@link LogTicks}: powers of ten labelled 10ⁿ in plain text. */
final class DecadeAxis extends LogAxis {
    private static final long serialVersionUID = 1L;

    DecadeAxis(String label, double lo, double hi) {
        super(label);
        setBase(10);
        setSmallestValue(Math.min(lo, 1e-300));
        setAutoRange(false);
        // pad by 4% of the log span each side so that points at the ends are not cut by the frame
        double span = Math.max(Math.log10(hi / lo), 0.05);
        double pad = 0.04 * span;
        setRange(lo / Math.pow(10, pad), hi * Math.pow(10, pad));
        setMinorTickMarksVisible(false);
    }

    @Override
    protected List refreshTicksHorizontal(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        return ticks(edge == RectangleEdge.TOP ? TextAnchor.BOTTOM_CENTER : TextAnchor.TOP_CENTER);
    }

    @Override
    protected List refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
        return ticks(edge == RectangleEdge.RIGHT ? TextAnchor.CENTER_LEFT : TextAnchor.CENTER_RIGHT);
    }

    // NumberTick rather than LogTick: its label is drawn as a plain string, which SVG keeps as a text element
    // (LogTick labels go through TextLayout and would become outlines)
    private List<NumberTick> ticks(TextAnchor anchor) {
        List<NumberTick> out = new ArrayList<>();
        for (LogTicks.Tick t : LogTicks.ticks(getLowerBound(), getUpperBound())) {
            out.add(new NumberTick(TickType.MAJOR, t.value(), t.label(), anchor, anchor, 0.0));
        }
        return out;
    }

    private AttributedString label(String text) {
        AttributedString as = new AttributedString(text);
        as.addAttribute(TextAttribute.FAMILY, getTickLabelFont().getFamily());
        as.addAttribute(TextAttribute.SIZE, (float) getTickLabelFont().getSize2D());
        return as;
    }

    @Override
    protected AttributedString createTickLabel(double value) {
        return label(LogTicks.format(value));
    }
}
