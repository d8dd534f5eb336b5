package org.scalefit.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.law.Scale;
import org.scalefit.report.plot.Plot;
import org.scalefit.report.plot.CurvePlots;

/**
 * Figures and the HTML report of whole-curve fits ({@code scalefit curve}): observed curves after the
 * checkpoint rules beside the fitted law at the same steps.
 */
public final class CurveReport {
    /** Runs drawn in one backtest panel at most: more lines than this are unreadable. */
    public static final int MAX_BACKTEST_RUNS = 9;

    private CurveReport() {
    }

    /**
     * One fit of a curve law and the runs it covered.
     *
     * @param fit    the fit
     * @param inputs the runs it was fitted to, after the checkpoint rules
     */
    public record FitPart(CurveFit fit, List<CurveInput> inputs) {
    }

    /**
     * Everything the curve report shows.
     *
     * @param command   the command line that reproduces the report
     * @param files     data files as named on the command line, with their SHA-256
     * @param sha256    SHA-256 of each file, same order
     * @param rowsRead  rows read per run (before the rules), in the order of all runs of all parts
     * @param rules     the checkpoint rules in words
     * @param parts     one fit over all runs, or one per run (--per-run)
     * @param xTokens   whether learning-curve laws ran over tokens rather than steps
     */
    public record Input(String command, List<String> files, List<String> sha256, List<Integer> rowsRead,
                        String rules, List<FitPart> parts, boolean xTokens) {
    }

    /** Whether the law's natural axis is linear steps (schedule-aware laws) rather than log data seen. */
    public static boolean linearSteps(CurveLaw law) {
        return law.needsLr();
    }

    /** The x of a row as drawn: the step for schedule-aware laws, else the law's own x (steps or tokens). */
    public static double[] drawnX(CurveLaw law, CurveInput in) {
        return linearSteps(law) ? in.step() : in.x();
    }

    public static String xLabel(CurveLaw law, boolean xTokens) {
        if (linearSteps(law)) {
            return "training step";
        }
        return xTokens ? "tokens seen (log scale)" : "training step (log scale)";
    }

    /** Schedule-aware laws were published for language-model cross-entropy, in nats per token. */
    public static String yLabel(CurveLaw law) {
        return linearSteps(law) ? "training loss (nats/token)" : "loss (as logged; log scale)";
    }

    /** The rows a curve law can be drawn at: every row for schedule-aware laws, x > 0 on a log axis. */
    static boolean drawable(CurveLaw law, CurveInput in, int i) {
        return linearSteps(law) || in.x()[i] > 0;
    }

    /**
     * Observed curves (kept rows) solid and the fitted law at the same rows dashed, one colour per run.
     * {@code predicted.get(i)} are the law's losses at every row of {@code inputs.get(i)}.
     */
    public static Plot fitPlot(CurveLaw law, List<CurveInput> inputs, List<double[]> predicted, boolean xTokens) {
        List<CurvePlots.Series> obs = new ArrayList<>();
        List<CurvePlots.Series> fit = new ArrayList<>();
        for (int r = 0; r < inputs.size(); r++) {
            CurveInput in = inputs.get(r);
            obs.add(series(law, in.run(), in, in.loss(), null));
            fit.add(series(law, in.run() + " (" + law.id() + ")", in, predicted.get(r), null));
        }
        return CurvePlots.curvePanel("curves", "Loss curves and the fitted " + law.id() + " law", null,
                xLabel(law, xTokens), yLabel(law), obs, null, fit, !linearSteps(law));
    }

    /**
     * A predicted curve for a new schedule (dashed), with the observed curve of that schedule (solid) when
     * {@code observed} is not null.
     */
    public static Plot predictPlot(CurveLaw law, List<CurveInput> inputs, List<double[]> predicted,
                                   List<CurveInput> observed, boolean xTokens) {
        List<CurvePlots.Series> obs = new ArrayList<>();
        List<CurvePlots.Series> fit = new ArrayList<>();
        for (int r = 0; r < inputs.size(); r++) {
            CurveInput in = inputs.get(r);
            fit.add(series(law, in.run() + " (predicted)", in, predicted.get(r), null));
        }
        if (observed != null) {
            for (CurveInput in : observed) {
                obs.add(series(law, in.run() + " (observed)", in, in.loss(), null));
            }
        }
        return CurvePlots.curvePanel("prediction", "Predicted loss curve (" + law.id() + ")",
                obs.isEmpty() ? "dashed: predicted" : "solid: observed; dashed: predicted",
                xLabel(law, xTokens), yLabel(law), obs, null, fit, !linearSteps(law));
    }

    /**
     * Backtests: per run, the rows fitted (solid), the held-out rows (points) and the law fitted on the first
     * extrapolated over every row (dashed); the first {@link #MAX_BACKTEST_RUNS} runs.
     */
    public static Plot backtestPlot(CurveLaw law, List<CurveInput> inputs, List<boolean[]> heldOut,
                                    List<double[]> predicted, boolean xTokens) {
        List<CurvePlots.Series> fitPart = new ArrayList<>();
        List<CurvePlots.Series> held = new ArrayList<>();
        List<CurvePlots.Series> ext = new ArrayList<>();
        for (int r = 0; r < inputs.size() && r < MAX_BACKTEST_RUNS; r++) {
            CurveInput in = inputs.get(r);
            boolean[] h = heldOut.get(r);
            boolean[] notHeld = new boolean[h.length];
            for (int i = 0; i < h.length; i++) {
                notHeld[i] = !h[i];
            }
            fitPart.add(series(law, in.run() + " (fit rows)", in, in.loss(), notHeld));
            held.add(series(law, in.run() + " (held out)", in, in.loss(), h));
            ext.add(series(law, in.run() + " (" + law.id() + ")", in, predicted.get(r), null));
        }
        String sub = "solid: rows fitted; points: held out; dashed: the law extrapolated"
                + (inputs.size() > MAX_BACKTEST_RUNS ? " (first " + MAX_BACKTEST_RUNS + " of " + inputs.size()
                + " runs)" : "");
        return CurvePlots.curvePanel("backtest", "Backtest of " + law.id(), sub, xLabel(law, xTokens), yLabel(law),
                fitPart, held, ext, !linearSteps(law));
    }

    /** The drawable rows of a run (those in {@code mask}, if given) as one series. */
    static CurvePlots.Series series(CurveLaw law, String name, CurveInput in, double[] y, boolean[] mask) {
        double[] x = drawnX(law, in);
        int n = 0;
        for (int i = 0; i < in.size(); i++) {
            if ((mask == null || mask[i]) && drawable(law, in, i)) {
                n++;
            }
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int j = 0;
        for (int i = 0; i < in.size(); i++) {
            if ((mask == null || mask[i]) && drawable(law, in, i)) {
                xs[j] = x[i];
                ys[j++] = y[i];
            }
        }
        return new CurvePlots.Series(name, xs, ys);
    }

    // ---------------------------------------------------------------- the HTML report

    public static String render(Input in, Plot plot) {
        CurveLaw law = in.parts().get(0).fit().law();
        String title = "scalefit curve report: " + law.id() + " on "
                + String.join(", ", in.files().stream().map(f -> Path.of(f).getFileName().toString()).toList());
        StringBuilder h = new StringBuilder(1 << 20);
        HtmlPage.begin(h, title);
        h.append("<p class=\"law\"><code>").append(Format.html("L = " + law.formula())).append("</code>");
        if (!law.name().isEmpty() && !law.name().equals(law.id())) {
            h.append(" — ").append(Format.html(law.name()));
        }
        if (!law.options().isEmpty()) {
            h.append(" <span class=\"note\">").append(Format.html(law.options().toString())).append("</span>");
        }
        h.append("</p>\n");
        h.append("<nav><a href=\"#data\">Data</a> · <a href=\"#fit\">Fit</a> · <a href=\"#diagnostics\">Diagnostics</a>")
                .append(" · <a href=\"#fig-").append(plot.id()).append("\">").append(Format.html(plot.title()))
                .append("</a> · <a href=\"#command\">Command</a></nav>\n");
        data(h, in);
        h.append("<h2 id=\"fit\">Fit</h2>\n");
        for (FitPart p : in.parts()) {
            fitTable(h, p, in.parts().size() > 1);
        }
        h.append("<h2 id=\"diagnostics\">Diagnostics</h2>\n");
        for (FitPart p : in.parts()) {
            diagnostics(h, p, in.parts().size() > 1);
        }
        h.append("<h2 id=\"plots\">Plot</h2>\n");
        HtmlPage.figure(h, plot);
        HtmlPage.command(h, in.command());
        HtmlPage.end(h, law.citation());
        return h.toString();
    }

    private static void data(StringBuilder h, Input in) {
        h.append("<h2 id=\"data\">Data</h2>\n<table class=\"kv\">\n");
        for (int f = 0; f < in.files().size(); f++) {
            HtmlPage.kv(h, "file", "<code>" + Format.html(in.files().get(f)) + "</code> <code class=\"small\">SHA-256 "
                    + Format.html(in.sha256().get(f)) + "</code>");
        }
        HtmlPage.kv(h, "checkpoint rules", Format.html(in.rules()));
        h.append("</table>\n<table>\n<thead><tr><th>run</th><th>rows read</th><th>kept</th><th>fitted</th>")
                .append("<th>steps</th><th>loss min</th><th>loss max</th><th>final loss</th></tr></thead>\n<tbody>\n");
        int r = 0;
        for (FitPart p : in.parts()) {
            for (CurveInput c : p.inputs()) {
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (double v : c.loss()) {
                    if (Double.isFinite(v)) {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                    }
                }
                int n = c.size();
                h.append("<tr><td>").append(Format.html(c.run())).append("</td><td class=\"num\">")
                        .append(r < in.rowsRead().size() ? String.valueOf(in.rowsRead().get(r)) : "")
                        .append("</td><td class=\"num\">").append(n).append("</td><td class=\"num\">")
                        .append(c.fittedCount()).append("</td><td class=\"num\">")
                        .append(n == 0 ? "" : Format.num(c.step()[0]) + " – " + Format.num(c.step()[n - 1]))
                        .append("</td><td class=\"num\">").append(Format.num(lo)).append("</td><td class=\"num\">")
                        .append(Format.num(hi)).append("</td><td class=\"num\">")
                        .append(n == 0 ? "" : Format.num(c.loss()[n - 1])).append("</td></tr>\n");
                r++;
            }
        }
        h.append("</tbody>\n</table>\n");
    }

    private static String runs(FitPart p) {
        return String.join(", ", p.inputs().stream().map(CurveInput::run).toList());
    }

    private static void fitTable(StringBuilder h, FitPart part, boolean named) {
        CurveFit fit = part.fit();
        if (named) {
            h.append("<h3>").append(Format.html(runs(part))).append("</h3>\n");
        }
        h.append("<table>\n<thead><tr><th>parameter</th><th>value</th><th>bounds</th><th></th></tr></thead>\n<tbody>\n");
        List<Parameter> ps = fit.law().parameters();
        for (int k = 0; k < ps.size(); k++) {
            Parameter p = ps.get(k);
            double v = fit.theta()[k];
            h.append("<tr><td>").append(Format.html(p.name())).append("</td><td class=\"num\">").append(Format.num(v))
                    .append("</td><td class=\"num\">").append(Format.interval(new double[] {p.lower(), p.upper()}))
                    .append(p.scale() == Scale.LOG ? " log" : "").append("</td><td>")
                    .append(HtmlReport.atBound(p, v) ? "<span class=\"warn\">at a bound</span>" : "")
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void diagnostics(StringBuilder h, FitPart part, boolean named) {
        CurveFit fit = part.fit();
        if (named) {
            h.append("<h3>").append(Format.html(runs(part))).append("</h3>\n");
        }
        h.append("<table class=\"kv\">\n");
        HtmlPage.kv(h, "points fitted", String.valueOf(fit.points()));
        HtmlPage.kv(h, "starts at the optimum", fit.startsAtOptimum() + " of " + fit.startsTotal() + " ("
                + Format.percent((double) fit.startsAtOptimum() / Math.max(1, fit.startsTotal())) + ")");
        HtmlPage.kv(h, "objective", Format.num(fit.objective()) + " (sum of " + Format.html(fit.loss().toString())
                + " on " + fit.residuals() + " residuals)");
        HtmlPage.kv(h, "residual RMS", Format.num(fit.residualRms()) + " (" + fit.residuals() + " scale)");
        HtmlPage.kv(h, "evaluations", String.valueOf(fit.evaluations()));
        HtmlPage.kv(h, "time", String.format(Locale.ROOT, "%.2f s fit (all starts)", fit.seconds()));
        h.append("</table>\n");
        // the same warnings, in the same words, as 'scalefit curve fit' prints
        List<String> warnings = new ArrayList<>(fit.warnings());
        for (String w : warnings) {
            h.append("<p class=\"warn\">").append(Format.html(w)).append("</p>\n");
        }
        if (warnings.isEmpty()) {
            h.append("<p class=\"ok\">No warnings: several starts agree on the optimum and every parameter lies"
                    + " inside its bounds.</p>\n");
        }
    }
}
