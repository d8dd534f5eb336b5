package org.scalefit.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;

/** One look for every plot: fonts, colours, point shapes, line strokes. */
final class Style {
    static final String FONT = "DejaVu Sans";
    static final Font TITLE = new Font(FONT, Font.BOLD, 15);
    static final Font SUBTITLE = new Font(FONT, Font.PLAIN, 11);
    static final Font AXIS_LABEL = new Font(FONT, Font.PLAIN, 13);
    static final Font TICK = new Font(FONT, Font.PLAIN, 11);
    static final Font LEGEND = new Font(FONT, Font.PLAIN, 11);

    static final Color GRID = new Color(0xDD, 0xDD, 0xDD);
    static final Color INK = new Color(0x22, 0x22, 0x22);
    static final Color MUTED = new Color(0x88, 0x88, 0x88);

    /** Two contrasting colours for pairs of quantities (N* and D*). */
    static final Color BLUE = new Color(0x1F, 0x77, 0xB4);
    static final Color ORANGE = new Color(0xD9, 0x5F, 0x02);

    /** Stops of a perceptually ordered colour map (dark blue to yellow), for groups ordered by size. */
    private static final int[] ORDERED = {0x440154, 0x472D7B, 0x3B528B, 0x2C728E, 0x21918C, 0x28AE80, 0x5EC962,
        0xADDC30, 0xE0C01E};

    static final Shape POINT = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
    static final Shape MARK = diamond(6);
    static final Stroke LINE = new BasicStroke(1.8f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final Stroke DASHED = new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 4f}, 0f);

    private Style() {
    }

    /** The i-th of n ordered groups (smallest first), spread over the colour map. */
    static Color ordered(int i, int n) {
        if (n <= 1) {
            return new Color(ORDERED[3]);
        }
        // stop before the lightest yellow, which is hard to see on white
        double t = (double) i / (n - 1) * (ORDERED.length - 1.5);
        int k = (int) Math.floor(t);
        double f = t - k;
        Color a = new Color(ORDERED[k]);
        Color b = new Color(ORDERED[Math.min(k + 1, ORDERED.length - 1)]);
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    static Color translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    static Shape diamond(double r) {
        Path2D p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, 0);
        p.lineTo(0, r);
        p.lineTo(-r, 0);
        p.closePath();
        return p;
    }

    static Shape square(double r) {
        return new Rectangle2D.Double(-r, -r, 2 * r, 2 * r);
    }

    /** Applies the look to a chart built from {@code plot}. */
    static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        return chart(title, subtitle, plot, true);
    }

    /** Legend at the right (a list of groups) or below the plot (a few long entries). */
    static JFreeChart chart(String title, String subtitle, XYPlot plot, boolean legendRight) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(MUTED);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.8f));
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        for (int i = 0; i < plot.getDomainAxisCount(); i++) {
            axis(plot.getDomainAxis(i));
        }
        for (int i = 0; i < plot.getRangeAxisCount(); i++) {
            axis(plot.getRangeAxis(i));
        }
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        chart.getTitle().setPaint(INK);
        if (subtitle != null && !subtitle.isEmpty()) {
            TextTitle sub = new TextTitle(subtitle, SUBTITLE);
            sub.setPaint(MUTED);
            chart.addSubtitle(sub);
        }
        LegendTitle legend = chart.getLegend();
        legend.setItemFont(LEGEND);
        legend.setPosition(legendRight ? RectangleEdge.RIGHT : RectangleEdge.BOTTOM);
        legend.setFrame(BlockBorder.NONE);
        legend.setBackgroundPaint(Color.WHITE);
        legend.setItemLabelPadding(new RectangleInsets(2, 4, 2, 2));
        return chart;
    }

    private static void axis(org.jfree.chart.axis.ValueAxis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(AXIS_LABEL);
        axis.setLabelPaint(INK);
        axis.setTickLabelFont(TICK);
        axis.setTickLabelPaint(INK);
        axis.setAxisLinePaint(MUTED);
        axis.setTickMarkPaint(MUTED);
    }

    static Paint ink() {
        return INK;
    }
}
