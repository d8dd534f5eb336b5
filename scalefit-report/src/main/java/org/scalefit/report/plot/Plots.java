package org.scalefit.report.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.plan.ComputeOptimal;
import org.scalefit.core.plan.LawFunction;
import org.scalefit.core.plan.Prediction;

/**
 * The figures of a fit, each a function from core results to a {@link Plot}: points against the fitted law,
 * residuals, IsoFLOP profiles, the compute-optimal frontier, a prediction with its interval, and loss curves.
 * Sizes, compute and tokens are on log axes labelled in powers of ten.
 */
public final class Plots {
    /** Most colour groups in one figure. */
    static final int MAX_GROUPS = 9;
    /** Points along each drawn curve (log-spaced). */
    static final int CURVE_POINTS = 80;

    private Plots() {
    }


    /** Whether the compute-based figures apply: a law in N and D only (C = 6·N·D). */
    public static boolean isComputeLaw(Law law) {
        return org.scalefit.core.plan.ComputeOptimal.appliesTo(law);
    }

    // ---------------------------------------------------------------- (1) points against the fitted law

    /**
     * Loss against compute C = 6·N·D, points coloured by model size N, with the fitted law at each size and
     * the compute-optimal loss L*(C) as a dashed envelope. For other laws: loss against the law's single
     * variable with its curve, or observed against fitted.
     */
    public static Plot fit(FitData data, Law law, double[] theta) {
        if (isComputeLaw(law)) {
            return lossVsCompute(data, law, theta);
        }
        if (law.variables().size() == 1) {
            return lossVsVariable(data, law, theta);
        }
        return observedVsFitted(data, law, theta);
    }

    static Plot lossVsCompute(FitData data, Law law, double[] theta) {
        double[] n = data.column("N");
        double[] d = data.column("D");
        double[] c = compute(n, d);
        double[] y = data.y();
        LawFunction f = new LawFunction(law);
        List<Groups.Group> groups = Groups.byLog(n, MAX_GROUPS);
        XYSeriesCollection points = new XYSeriesCollection();
        XYSeriesCollection curves = new XYSeriesCollection();
        PositiveRange xr = new PositiveRange();
        PositiveRange yr = new PositiveRange();
        xr.add(c);
        yr.add(y);
        for (Groups.Group g : groups) {
            XYSeries s = new XYSeries(Groups.label("N", g), false, true);
            double cMin = Double.POSITIVE_INFINITY;
            double cMax = 0;
            for (int i : g.rows()) {
                s.add(c[i], y[i]);
                cMin = Math.min(cMin, c[i]);
                cMax = Math.max(cMax, c[i]);
            }
            points.addSeries(s);
            XYSeries curve = new XYSeries("law at " + s.getKey(), false, true);
            for (double cc : logSpace(cMin / 1.5, cMax * 1.5, CURVE_POINTS)) {
                double v = f.value(at(law, g.center(), cc / (ComputeOptimal.FLOP_PER_PARAM_TOKEN * g.center())),
                        theta);
                if (Double.isFinite(v) && v > 0) {
                    curve.add(cc, v);
                }
            }
            curves.addSeries(curve);
        }
        XYSeriesCollection envelope = new XYSeriesCollection(
                frontierLoss(law, theta, xr.lo / 1.5, xr.hi * 1.5, "compute-optimal L*(C)", yr));
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new DecadeAxis("training compute C = 6ND (FLOP)", xr.lo, xr.hi));
        plot.setRangeAxis(new DecadeAxis(lossLabel(law), yr.lo, yr.hi));
        plot.setDataset(0, points);
        plot.setRenderer(0, pointRenderer(points.getSeriesCount(), true));
        plot.setDataset(1, curves);
        plot.setRenderer(1, curveRenderer(curves.getSeriesCount(), false));
        plot.setDataset(2, envelope);
        XYLineAndShapeRenderer env = new XYLineAndShapeRenderer(true, false);
        env.setSeriesPaint(0, Style.INK);
        env.setSeriesStroke(0, Style.DASHED);
        plot.setRenderer(2, env);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        JFreeChart chart = Style.chart("Loss against compute", data.rows() + " runs coloured by model size;"
                + " lines: the fitted law at each group's size", plot);
        return new Plot("fit", "Loss against compute", chart);
    }

    static Plot lossVsVariable(FitData data, Law law, double[] theta) {
        String var = law.variables().get(0);
        double[] x = data.columns()[0];
        double[] y = data.y();
        LawFunction f = new LawFunction(law);
        PositiveRange xr = new PositiveRange();
        PositiveRange yr = new PositiveRange();
        xr.add(x);
        yr.add(y);
        XYSeries s = new XYSeries("runs", false, true);
        for (int i = 0; i < x.length; i++) {
            s.add(x[i], y[i]);
        }
        XYSeries curve = new XYSeries("fitted law", false, true);
        for (double v : logSpace(xr.lo / 1.5, xr.hi * 1.5, CURVE_POINTS)) {
            double l = f.value(new double[] {v}, theta);
            if (Double.isFinite(l) && l > 0) {
                curve.add(v, l);
                yr.add(l);
            }
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new DecadeAxis(variableLabel(var), xr.lo, xr.hi));
        plot.setRangeAxis(new DecadeAxis(lossLabel(law), yr.lo, yr.hi));
        plot.setDataset(0, new XYSeriesCollection(s));
        plot.setRenderer(0, pointRenderer(1, true));
        plot.setDataset(1, new XYSeriesCollection(curve));
        XYLineAndShapeRenderer r = curveRenderer(1, true);
        r.setSeriesPaint(0, Style.INK);
        plot.setRenderer(1, r);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        JFreeChart chart = Style.chart("Loss against " + var, data.rows() + " runs and the fitted law", plot);
        return new Plot("fit", "Loss against " + var, chart);
    }

    static Plot observedVsFitted(FitData data, Law law, double[] theta) {
        double[] pred = predictions(data, law, theta);
        double[] y = data.y();
        PositiveRange r = new PositiveRange();
        r.add(pred);
        r.add(y);
        XYSeries s = new XYSeries("runs", false, true);
        for (int i = 0; i < y.length; i++) {
            s.add(pred[i], y[i]);
        }
        XYSeries diag = new XYSeries("observed = fitted", false, true);
        diag.add(r.lo, r.lo);
        diag.add(r.hi, r.hi);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new DecadeAxis("fitted " + law.target(), r.lo, r.hi));
        plot.setRangeAxis(new DecadeAxis("observed " + law.target(), r.lo, r.hi));
        plot.setDataset(0, new XYSeriesCollection(s));
        plot.setRenderer(0, pointRenderer(1, true));
        plot.setDataset(1, new XYSeriesCollection(diag));
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, Style.INK);
        line.setSeriesStroke(0, Style.DASHED);
        plot.setRenderer(1, line);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        JFreeChart chart = Style.chart("Observed against fitted", data.rows() + " runs", plot);
        return new Plot("fit", "Observed against fitted", chart);
    }

    // ---------------------------------------------------------------- (2) residuals

    /**
     * Log residuals ln(L / L̂) against compute (laws in N and D) or against the fitted value, with the zero
     * line and ±1 RMS.
     */
    public static Plot residuals(FitData data, Law law, double[] theta) {
        double[] pred = predictions(data, law, theta);
        double[] y = data.y();
        boolean byCompute = isComputeLaw(law);
        double[] x = byCompute ? compute(data.column("N"), data.column("D")) : pred;
        double sum = 0;
        double max = 0;
        XYSeries s = new XYSeries("runs (" + y.length + ")", false, true);
        PositiveRange xr = new PositiveRange();
        for (int i = 0; i < y.length; i++) {
            double r = Math.log(y[i] / pred[i]);
            if (Double.isFinite(r) && x[i] > 0) {
                s.add(x[i], r);
                xr.add(x[i]);
                sum += r * r;
                max = Math.max(max, Math.abs(r));
            }
        }
        double rms = Math.sqrt(sum / Math.max(1, s.getItemCount()));
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new DecadeAxis(byCompute ? "training compute C = 6ND (FLOP)" : "fitted " + law.target(),
                xr.lo, xr.hi));
        NumberAxis ya = new NumberAxis("log residual ln(" + law.target() + " / fitted)");
        ya.setAutoRangeIncludesZero(true);
        double lim = Math.max(max, 1e-6) * 1.15;
        ya.setRange(-lim, lim);
        plot.setRangeAxis(ya);
        plot.setDataset(0, new XYSeriesCollection(s));
        plot.setRenderer(0, pointRenderer(1, false));
        plot.addRangeMarker(marker(0, Style.INK, new BasicStroke(1.2f), null, false));
        plot.addRangeMarker(marker(rms, Style.MUTED, Style.DASHED, "+1 RMS", false));
        plot.addRangeMarker(marker(-rms, Style.MUTED, Style.DASHED, "−1 RMS", false));
        String sub = String.format("RMS %s, max |residual| %s", LogTicks.format(Groups.round(rms, 3)),
                LogTicks.format(Groups.round(max, 3)));
        JFreeChart chart = Style.chart("Residuals", sub, plot, false);
        return new Plot("residuals", "Residuals", chart);
    }

    // ---------------------------------------------------------------- (3) IsoFLOP profiles

    /**
     * Loss against model size for each compute budget, with the fitted law along C = 6·N·D at that budget and
     * the law's minimum over N marked. Budgets are the distinct values of C, or log-spaced bins of it.
     */
    public static Plot isoFlop(FitData data, Law law, double[] theta) {
        ComputeOptimal.checkLaw(law);
        double[] n = data.column("N");
        double[] c = compute(n, data.column("D"));
        double[] y = data.y();
        LawFunction f = new LawFunction(law);
        List<Groups.Group> groups = Groups.byLog(c, MAX_GROUPS);
        XYSeriesCollection points = new XYSeriesCollection();
        XYSeriesCollection curves = new XYSeriesCollection();
        XYSeries minima = new XYSeries("law's minimum at each budget", false, true);
        PositiveRange xr = new PositiveRange();
        PositiveRange yr = new PositiveRange();
        xr.add(n);
        yr.add(y);
        for (Groups.Group g : groups) {
            XYSeries s = new XYSeries(Groups.label("C", g), false, true);
            double nMin = Double.POSITIVE_INFINITY;
            double nMax = 0;
            for (int i : g.rows()) {
                s.add(n[i], y[i]);
                nMin = Math.min(nMin, n[i]);
                nMax = Math.max(nMax, n[i]);
            }
            points.addSeries(s);
            ComputeOptimal.Allocation opt = ComputeOptimal.solve(law, theta, null, g.center(), 0.95).point();
            nMin = Math.min(nMin, opt.n());
            nMax = Math.max(nMax, opt.n());
            XYSeries curve = new XYSeries("law at " + s.getKey(), false, true);
            for (double nn : logSpace(nMin / 1.5, nMax * 1.5, CURVE_POINTS)) {
                double dd = g.center() / (ComputeOptimal.FLOP_PER_PARAM_TOKEN * nn);
                double v = f.value(at(law, nn, dd), theta);
                if (Double.isFinite(v) && v > 0) {
                    curve.add(nn, v);
                }
            }
            curves.addSeries(curve);
            if (Double.isFinite(opt.loss()) && opt.loss() > 0) {
                minima.add(opt.n(), opt.loss());
                xr.add(opt.n());
                yr.add(opt.loss());
            }
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new DecadeAxis("parameters N", xr.lo, xr.hi));
        plot.setRangeAxis(new DecadeAxis(lossLabel(law), yr.lo, yr.hi));
        plot.setDataset(0, points);
        plot.setRenderer(0, pointRenderer(points.getSeriesCount(), true));
        plot.setDataset(1, curves);
        plot.setRenderer(1, curveRenderer(curves.getSeriesCount(), false));
        plot.setDataset(2, new XYSeriesCollection(minima));
        XYLineAndShapeRenderer mins = new XYLineAndShapeRenderer(false, true);
        mins.setDrawOutlines(false);
        mins.setSeriesShape(0, Style.MARK);
        mins.setSeriesPaint(0, Color.BLACK);
        plot.setRenderer(2, mins);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        boolean binned = !groups.isEmpty() && groups.get(0).binned();
        JFreeChart chart = Style.chart("IsoFLOP profiles", (binned ? "runs binned by compute; " : "")
                + "lines: the fitted law at each budget; ◆ its minimum N*(C)", plot);
        return new Plot("isoflop", "IsoFLOP profiles", chart);
    }

    // ---------------------------------------------------------------- (4) compute-optimal frontier

    /**
     * N*(C) and D*(C) over compute budgets from {@code cLo} to {@code cHi}, each with a shaded band of the
     * bootstrap percentile interval at {@code level} (no band without draws); {@code lastRun} (0 for none)
     * marks where the data end.
     */
    public static Plot frontier(Law law, double[] theta, double[][] draws, double cLo, double cHi, double level,
                                double lastRun) {
        ComputeOptimal.checkLaw(law);
        YIntervalSeries ns = new YIntervalSeries("N* (parameters)");
        YIntervalSeries ds = new YIntervalSeries("D* (tokens)");
        PositiveRange yr = new PositiveRange();
        for (double c : logSpace(cLo, cHi, 40)) {
            ComputeOptimal.Result r = ComputeOptimal.solve(law, theta, draws, c, level);
            double[] ni = r.nInterval() != null ? r.nInterval() : new double[] {r.point().n(), r.point().n()};
            double[] di = r.dInterval() != null ? r.dInterval() : new double[] {r.point().d(), r.point().d()};
            ns.add(c, r.point().n(), ni[0], ni[1]);
            ds.add(c, r.point().d(), di[0], di[1]);
            yr.add(r.point().n(), ni[0], ni[1], r.point().d(), di[0], di[1]);
        }
        YIntervalSeriesCollection ys = new YIntervalSeriesCollection();
        ys.addSeries(ns);
        ys.addSeries(ds);
        DeviationRenderer r = new DeviationRenderer(true, false);
        r.setAlpha(0.22f);
        Color[] colours = {Style.BLUE, Style.ORANGE};
        for (int i = 0; i < 2; i++) {
            r.setSeriesPaint(i, colours[i]);
            r.setSeriesFillPaint(i, colours[i]);
            r.setSeriesStroke(i, Style.LINE);
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new DecadeAxis("training compute C (FLOP)", cLo, cHi));
        plot.setRangeAxis(new DecadeAxis("compute-optimal size: parameters N*, tokens D*", yr.lo, yr.hi));
        plot.setDataset(0, ys);
        plot.setRenderer(0, r);
        if (lastRun > 0) {
            plot.addDomainMarker(marker(lastRun, Style.MUTED, Style.DASHED, "largest run", true));
        }
        String sub = draws != null && draws.length > 1
                ? String.format("shaded: %.0f%% bootstrap interval over %d resamples", 100 * level, draws.length)
                : "no bootstrap draws: no intervals (use --bootstrap K)";
        JFreeChart chart = Style.chart("Compute-optimal allocation", sub, plot, false);
        return new Plot("frontier", "Compute-optimal allocation", chart);
    }

    // ---------------------------------------------------------------- (5) prediction beyond the data

    /**
     * The runs' loss against compute, the compute-optimal loss L*(C) extended past the data, and the
     * prediction at {@code target} (values for N and D) with its bootstrap interval as an error bar.
     */
    public static Plot prediction(FitData data, Law law, double[] theta, double[][] draws, Map<String, Double> target,
                                  double level) {
        ComputeOptimal.checkLaw(law);
        Prediction.Point p = Prediction.predict(law, theta, draws, List.of(target), level).get(0);
        double tc = ComputeOptimal.FLOP_PER_PARAM_TOKEN * target.get("N") * target.get("D");
        double[] c = compute(data.column("N"), data.column("D"));
        double[] y = data.y();
        PositiveRange xr = new PositiveRange();
        PositiveRange yr = new PositiveRange();
        xr.add(c);
        xr.add(tc);
        yr.add(y);
        XYSeries runs = new XYSeries("runs", false, true);
        for (int i = 0; i < y.length; i++) {
            runs.add(c[i], y[i]);
        }
        double[] iv = p.interval() != null ? p.interval() : new double[] {p.value(), p.value()};
        yr.add(p.value(), iv[0], iv[1]);
        YIntervalSeries pred = new YIntervalSeries(String.format("prediction at N = %s, D = %s%s",
                LogTicks.format(Groups.round(target.get("N"), 3)), LogTicks.format(Groups.round(target.get("D"), 3)),
                p.interval() != null ? String.format(" (%.0f%% interval)", 100 * level) : ""));
        pred.add(tc, p.value(), iv[0], iv[1]);
        XYSeries env = frontierLoss(law, theta, xr.lo / 1.5, xr.hi * 1.5, "compute-optimal L*(C)", yr);
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new DecadeAxis("training compute C = 6ND (FLOP)", xr.lo, xr.hi));
        plot.setRangeAxis(new DecadeAxis(lossLabel(law), yr.lo, yr.hi));
        plot.setDataset(0, new XYSeriesCollection(runs));
        XYLineAndShapeRenderer pr = pointRenderer(1, false);
        pr.setSeriesPaint(0, Style.translucent(Style.MUTED, 150));
        plot.setRenderer(0, pr);
        plot.setDataset(1, new XYSeriesCollection(env));
        XYLineAndShapeRenderer er = new XYLineAndShapeRenderer(true, false);
        er.setSeriesPaint(0, Style.INK);
        er.setSeriesStroke(0, Style.DASHED);
        plot.setRenderer(1, er);
        YIntervalSeriesCollection pc = new YIntervalSeriesCollection();
        pc.addSeries(pred);
        plot.setDataset(2, pc);
        XYErrorRenderer bar = new XYErrorRenderer();
        bar.setDefaultLinesVisible(false);
        bar.setDrawXError(false);
        bar.setCapLength(10);
        bar.setErrorStroke(new BasicStroke(2f));
        bar.setErrorPaint(Style.ORANGE);
        bar.setSeriesPaint(0, Style.ORANGE);
        bar.setSeriesShape(0, Style.MARK);
        plot.setRenderer(2, bar);
        plot.addDomainMarker(marker(max(c), Style.MUTED, Style.DASHED, "largest run", true));
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        String sub = String.format("predicted %s = %s", law.target(), value(p.value()))
                + (p.interval() != null ? String.format(", %.0f%% interval [%s, %s]", 100 * level, value(iv[0]),
                value(iv[1])) : "");
        JFreeChart chart = Style.chart("Prediction at the target scale", sub, plot, false);
        return new Plot("prediction", "Prediction at the target scale", chart);
    }

    // ---------------------------------------------------------------- helpers

    private static XYSeries frontierLoss(Law law, double[] theta, double lo, double hi, String name, PositiveRange yr) {
        XYSeries s = new XYSeries(name, false, true);
        for (double c : logSpace(lo, hi, CURVE_POINTS)) {
            double l = ComputeOptimal.solve(law, theta, null, c, 0.95).point().loss();
            if (Double.isFinite(l) && l > 0) {
                s.add(c, l);
                yr.add(l);
            }
        }
        return s;
    }

    static double[] predictions(FitData data, Law law, double[] theta) {
        LawFunction f = new LawFunction(law);
        double[][] cols = data.columns();
        double[] out = new double[data.rows()];
        double[] x = new double[cols.length];
        for (int i = 0; i < out.length; i++) {
            for (int v = 0; v < cols.length; v++) {
                x[v] = cols[v][i];
            }
            out[i] = f.value(x, theta);
        }
        return out;
    }

    static double[] compute(double[] n, double[] d) {
        double[] c = new double[n.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = ComputeOptimal.FLOP_PER_PARAM_TOKEN * n[i] * d[i];
        }
        return c;
    }

    private static double[] at(Law law, double n, double d) {
        double[] x = new double[2];
        int in = law.variables().indexOf("N");
        x[in] = n;
        x[1 - in] = d;
        return x;
    }

    static double[] logSpace(double lo, double hi, int count) {
        double[] out = new double[count];
        double a = Math.log(lo);
        double b = Math.log(hi);
        for (int i = 0; i < count; i++) {
            out[i] = Math.exp(a + (b - a) * i / (count - 1));
        }
        return out;
    }

    /** Four significant digits, trailing zeros kept (2.000, not 2), for values read off a figure. */
    static String value(double v) {
        double a = Math.abs(v);
        if (a >= 1e-3 && a < 1e5) {
            return new java.math.BigDecimal(v, new java.math.MathContext(4)).toPlainString();
        }
        return LogTicks.format(Groups.round(v, 4));
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    private static String lossLabel(Law law) {
        return law.target().equals("L") ? "loss L" : law.target();
    }

    private static String variableLabel(String v) {
        switch (v) {
            case "N": return "parameters N";
            case "D": return "training tokens D";
            case "C": return "training compute C (FLOP)";
            default: return v;
        }
    }

    private static XYLineAndShapeRenderer pointRenderer(int series, boolean ordered) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setDrawOutlines(false);
        for (int i = 0; i < series; i++) {
            r.setSeriesShape(i, Style.POINT);
            r.setSeriesPaint(i, Style.translucent(ordered ? Style.ordered(i, series) : Style.BLUE, 210));
        }
        return r;
    }

    private static XYLineAndShapeRenderer curveRenderer(int series, boolean inLegend) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series; i++) {
            r.setSeriesPaint(i, Style.ordered(i, series));
            r.setSeriesStroke(i, Style.LINE);
            r.setSeriesVisibleInLegend(i, inLegend);
        }
        return r;
    }

    /** A horizontal (range) or vertical (domain) line with a small label beside it. */
    private static ValueMarker marker(double value, Color colour, java.awt.Stroke stroke, String label,
                                      boolean vertical) {
        ValueMarker m = new ValueMarker(value, colour, stroke);
        if (label != null) {
            m.setLabel(label);
            m.setLabelFont(new Font(Style.FONT, Font.PLAIN, 11));
            m.setLabelPaint(Style.MUTED);
            m.setLabelBackgroundColor(new Color(255, 255, 255, 0));
            if (vertical) {
                // right of the line, at the top
                m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            } else {
                // above the line, at the right end
                m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                m.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
            }
        }
        return m;
    }

    /** The positive extent of the values drawn on an axis. */
}
