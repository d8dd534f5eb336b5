package org.scalefit.report.plot;

import java.awt.BasicStroke;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Loss-curve panels: observed runs solid, fitted laws dashed, held-out rows as points, one colour per run. */
public final class CurvePlots {
    private CurvePlots() {
    }

    /** A named series of (x, y) points, for loss curves. */
    public record Series(String name, double[] x, double[] y) {
        public Series {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series " + name + ": " + x.length + " x values but " + y.length
                        + " y values");
            }
        }
    }

    /**
     * Loss against training step (or tokens) for several runs, with optional fitted curves drawn dashed in the
     * colour of the observed series at the same index. Both axes are logarithmic when {@code logX}.
     */
    public static Plot lossCurves(String title, String xLabel, String yLabel, List<Series> observed,
                                  List<Series> fitted, boolean logX) {
        return curvePanel("curves", title, null, xLabel, yLabel, observed, null, fitted, logX);
    }

    /**
     * The general loss-curve panel: per run i, {@code observed.get(i)} solid, {@code heldOut.get(i)} as points
     * (may be null: no held-out rows), {@code fitted.get(i)} dashed, all in run i's colour. Each curve is one
     * SVG path (one move and a line to every further point). {@code subtitle} null: says what solid and
     * dashed mean.
     */
    public static Plot curvePanel(String id, String title, String subtitle, String xLabel, String yLabel,
                                  List<Series> observed, List<Series> heldOut, List<Series> fitted, boolean logX) {
        List<Series> obsList = observed == null ? List.of() : observed;
        List<Series> fitList = fitted == null ? List.of() : fitted;
        List<Series> heldList = heldOut == null ? List.of() : heldOut;
        if (obsList.isEmpty() && fitList.isEmpty()) {
            throw new IllegalArgumentException("loss curves: no series to plot");
        }
        XYSeriesCollection obs = new XYSeriesCollection();
        XYSeriesCollection held = new XYSeriesCollection();
        XYSeriesCollection fit = new XYSeriesCollection();
        PositiveRange xr = new PositiveRange();
        PositiveRange yr = new PositiveRange();
        for (Series s : obsList) {
            obs.addSeries(toSeries(s, logX, xr, yr));
        }
        for (Series s : heldList) {
            held.addSeries(toSeries(s, logX, xr, yr));
        }
        for (Series s : fitList) {
            fit.addSeries(toSeries(s, logX, xr, yr));
        }
        XYPlot plot = new XYPlot();
        ValueAxis xa;
        if (logX) {
            xa = new DecadeAxis(xLabel, xr.lo, xr.hi);
        } else {
            NumberAxis na = new NumberAxis(xLabel);
            na.setAutoRangeIncludesZero(false);
            xa = na;
        }
        plot.setDomainAxis(xa);
        plot.setRangeAxis(new DecadeAxis(yLabel, yr.lo, yr.hi));
        // run i has the same colour in every dataset
        int k = Math.max(obs.getSeriesCount(), fit.getSeriesCount());
        int ds = 0;
        if (obs.getSeriesCount() > 0) {
            XYLineAndShapeRenderer or = new XYLineAndShapeRenderer(true, false);
            or.setDrawSeriesLineAsPath(true);
            for (int i = 0; i < obs.getSeriesCount(); i++) {
                or.setSeriesPaint(i, Style.translucent(Style.ordered(i, k), 170));
                or.setSeriesStroke(i, new BasicStroke(1.2f));
            }
            plot.setDataset(ds, obs);
            plot.setRenderer(ds++, or);
        }
        if (held.getSeriesCount() > 0) {
            XYLineAndShapeRenderer hr = new XYLineAndShapeRenderer(false, true);
            hr.setDrawOutlines(false);
            for (int i = 0; i < held.getSeriesCount(); i++) {
                hr.setSeriesShape(i, Style.POINT);
                hr.setSeriesPaint(i, Style.translucent(Style.ordered(Math.min(i, k - 1), k), 150));
            }
            plot.setDataset(ds, held);
            plot.setRenderer(ds++, hr);
        }
        if (fit.getSeriesCount() > 0) {
            XYLineAndShapeRenderer fr = new XYLineAndShapeRenderer(true, false);
            fr.setDrawSeriesLineAsPath(true);
            for (int i = 0; i < fit.getSeriesCount(); i++) {
                fr.setSeriesPaint(i, Style.ordered(Math.min(i, k - 1), k).darker());
                fr.setSeriesStroke(i, Style.DASHED);
            }
            plot.setDataset(ds, fit);
            plot.setRenderer(ds, fr);
        }
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        String sub = subtitle != null ? subtitle
                : fit.getSeriesCount() > 0 && obs.getSeriesCount() > 0 ? "solid: observed; dashed: fitted" : null;
        JFreeChart chart = Style.chart(title, sub, plot);
        return new Plot(id, title, chart);
    }

    private static XYSeries toSeries(Series s, boolean logX, PositiveRange xr, PositiveRange yr) {
        XYSeries out = new XYSeries(s.name(), false, true);
        for (int i = 0; i < s.x().length; i++) {
            double x = s.x()[i];
            double y = s.y()[i];
            if (Double.isFinite(x) && Double.isFinite(y) && y > 0 && (!logX || x > 0)) {
                out.add(x, y);
                xr.add(x);
                yr.add(y);
            }
        }
        return out;
    }
}
