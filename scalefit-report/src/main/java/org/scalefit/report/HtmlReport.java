package org.scalefit.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitWarnings;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.law.Scale;
import org.scalefit.core.plan.ComputeOptimal;
import org.scalefit.core.plan.Prediction;
import org.scalefit.report.plot.Plot;
import org.scalefit.report.plot.Plots;

/**
 * One self-contained HTML file for a fit: inline CSS and inline SVG plots, no script and no external
 * reference, so it opens anywhere without a network.
 */
public final class HtmlReport {
    /** Decades of compute past the largest run that the compute-optimal table covers. */
    static final int BUDGET_DECADES = 5;
    /** Default prediction target without --predict or --compute: this many times the largest run's compute. */
    static final double DEFAULT_TARGET_FACTOR = 100;

    private HtmlReport() {
    }

    /** The figures for a fit: points against the law and residuals always; compute figures for laws in N, D. */
    public static List<Plot> plots(ReportInput in) {
        Law law = in.law();
        FitData data = in.data();
        double[] theta = in.fit().naturalPoint();
        List<Plot> plots = new ArrayList<>();
        plots.add(Plots.fit(data, law, theta));
        plots.add(Plots.residuals(data, law, theta));
        if (Plots.isComputeLaw(law)) {
            plots.add(Plots.isoFlop(data, law, theta));
            double[] c = compute(data);
            double cMax = max(c);
            double hi = Math.max(cMax * 1e4, budgets(in).stream().mapToDouble(Double::doubleValue).max().orElse(0) * 2);
            plots.add(Plots.frontier(law, theta, in.draws(), min(c) / 2, hi, in.level(), cMax));
            plots.add(Plots.prediction(data, law, theta, in.draws(), target(in), in.level()));
        }
        return plots;
    }

    /** The prediction target of the figure: the first --predict point, else the optimum at a budget. */
    static Map<String, Double> target(ReportInput in) {
        for (Map<String, Double> p : in.predictAt()) {
            if (p.containsKey("N") && p.containsKey("D")) {
                return p;
            }
        }
        double c = in.budgets().isEmpty() ? DEFAULT_TARGET_FACTOR * max(compute(in.data())) : in.budgets().get(0);
        ComputeOptimal.Allocation a = ComputeOptimal.solve(in.law(), in.fit().naturalPoint(), null, c, in.level())
                .point();
        return Map.of("N", a.n(), "D", a.d());
    }

    /** Budgets for the compute-optimal table: whole decades past the largest run, plus those asked for. */
    static List<Double> budgets(ReportInput in) {
        TreeSet<Double> set = new TreeSet<>(in.budgets());
        int k0 = (int) Math.ceil(Math.log10(max(compute(in.data()))));
        for (int k = k0; k < k0 + BUDGET_DECADES; k++) {
            set.add(Math.pow(10, k));
        }
        return new ArrayList<>(set);
    }

    /** Writes the report to a temporary file beside {@code file}, then moves it into place. */
    public static void write(String html, Path file) throws IOException {
        HtmlPage.writeAtomically(html.getBytes(java.nio.charset.StandardCharsets.UTF_8), file);
    }

    public static String render(ReportInput in, List<Plot> plots) {
        Law law = in.law();
        FitResult fit = in.fit();
        StringBuilder h = new StringBuilder(1 << 20);
        String title = "scalefit report: " + law.id() + " on " + Path.of(in.file()).getFileName();
        HtmlPage.begin(h, title);
        h.append("<p class=\"law\"><code>").append(Format.html(law.target() + " = " + law.formula()))
                .append("</code>");
        if (!law.name().isEmpty() && !law.name().equals(law.id())) {
            h.append(" — ").append(Format.html(law.name()));
        }
        h.append("</p>\n");
        nav(h, plots);
        summary(h, in);
        fitTable(h, in);
        diagnostics(h, in);
        h.append("<h2 id=\"plots\">Plots</h2>\n");
        for (Plot p : plots) {
            HtmlPage.figure(h, p);
        }
        if (Plots.isComputeLaw(law)) {
            computeOptimal(h, in);
        }
        predictions(h, in);
        HtmlPage.command(h, in.command());
        HtmlPage.end(h, law.citation());
        return h.toString();
    }

    private static void nav(StringBuilder h, List<Plot> plots) {
        h.append("<nav><a href=\"#data\">Data</a> · <a href=\"#fit\">Fit</a> · <a href=\"#diagnostics\">Diagnostics</a>");
        for (Plot p : plots) {
            h.append(" · <a href=\"#fig-").append(p.id()).append("\">").append(Format.html(p.title())).append("</a>");
        }
        h.append(" · <a href=\"#command\">Command</a></nav>\n");
    }

    private static void summary(StringBuilder h, ReportInput in) {
        FitData data = in.data();
        h.append("<h2 id=\"data\">Data</h2>\n<div class=\"row\">\n<table class=\"kv\">\n");
        kv(h, "file", "<code>" + Format.html(in.file()) + "</code>");
        kv(h, "SHA-256", "<code class=\"small\">" + Format.html(in.sha256()) + "</code>");
        kv(h, "rows", in.rowsRead() + " read, " + data.rows() + " used"
                + (in.droppedLines().length > 0 ? ", " + in.droppedLines().length + " left out" : ""));
        if (!in.selection().isEmpty()) {
            kv(h, "selection", Format.html(String.join("; ", in.selection())));
        }
        StringBuilder cols = new StringBuilder();
        // a column read from the file ("N ← 'Model Size'") or derived by a formula ("D = C/(6*N)")
        in.columns().forEach((k, v) -> cols.append(cols.length() > 0 ? ", " : "").append(Format.html(k))
                .append(v.startsWith("= ") ? " " + Format.html(v) + " (derived)" : " ← '" + Format.html(v) + "'"));
        kv(h, "columns", cols.toString());
        h.append("</table>\n");
        h.append("<table>\n<thead><tr><th>quantity</th><th>min</th><th>max</th><th>span</th></tr></thead>\n<tbody>\n");
        for (String v : data.variables()) {
            range(h, v, data.column(v));
        }
        if (Plots.isComputeLaw(in.law()) && !data.variables().contains("C")) {
            range(h, "C = 6ND", compute(data));
        }
        range(h, data.target(), data.y());
        h.append("</tbody>\n</table>\n</div>\n");
    }

    private static void range(StringBuilder h, String name, double[] v) {
        double lo = min(v);
        double hi = max(v);
        String span = lo > 0 ? String.format(java.util.Locale.ROOT, "%.2f decades", Math.log10(hi / lo)) : "";
        h.append("<tr><td>").append(Format.html(name)).append("</td><td>").append(Format.num(lo))
                .append("</td><td>").append(Format.num(hi)).append("</td><td>").append(span).append("</td></tr>\n");
    }

    private static void fitTable(StringBuilder h, ReportInput in) {
        FitResult fit = in.fit();
        Law law = in.law();
        boolean boot = in.boot() != null;
        Map<String, Double> se = boot ? in.boot().standardErrors() : null;
        Map<String, double[]> ci = boot ? in.boot().intervals(in.level()) : null;
        h.append("<h2 id=\"fit\">Fit</h2>\n<table>\n<thead><tr><th>parameter</th><th>value</th>");
        if (boot) {
            h.append("<th>std. error</th><th>").append(Math.round(in.level() * 100)).append("% interval</th>");
        }
        h.append("<th>bounds</th><th></th></tr></thead>\n<tbody>\n");
        double[] theta = fit.naturalPoint();
        List<Parameter> ps = law.parameters();
        for (int k = 0; k < ps.size(); k++) {
            Parameter p = ps.get(k);
            h.append("<tr><td>").append(Format.html(p.name())).append("</td><td class=\"num\">")
                    .append(Format.num(theta[k])).append("</td>");
            if (boot) {
                h.append("<td class=\"num\">").append(Format.num(se.get(p.name()))).append("</td><td class=\"num\">")
                        .append(Format.interval(ci.get(p.name()))).append("</td>");
            }
            h.append("<td class=\"num\">").append(Format.interval(new double[] {p.lower(), p.upper()}))
                    .append(p.scale() == Scale.LOG ? " log" : "").append("</td><td>")
                    .append(atBound(p, theta[k]) ? "<span class=\"warn\">at a bound</span>" : "").append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (boot) {
            h.append("<p class=\"note\">Standard errors and percentile intervals from ").append(in.boot().resamples())
                    .append(" bootstrap resamples of the runs, each re-fitted with a multi-start solve (seed ")
                    .append(in.boot().seed()).append(")").append(in.boot().failures() > 0 ? "; "
                    + in.boot().failures() + " failed and were left out" : "").append(".</p>\n");
        } else {
            h.append("<p class=\"note\">No bootstrap: run with <code>--bootstrap 1000</code> for standard errors and"
                    + " intervals.</p>\n");
        }
    }

    /** Within a millionth of a bound (relative, or on the log scale for log-scale parameters). */
    static boolean atBound(Parameter p, double v) {
        for (double b : new double[] {p.lower(), p.upper()}) {
            if (Double.isInfinite(b)) {
                continue;
            }
            boolean near = p.scale() == Scale.LOG && b > 0 && v > 0
                    ? Math.abs(Math.log(v / b)) <= 1e-6
                    : Math.abs(v - b) <= 1e-6 * Math.max(1, Math.abs(b));
            if (near) {
                return true;
            }
        }
        return false;
    }

    private static void diagnostics(StringBuilder h, ReportInput in) {
        FitResult fit = in.fit();
        h.append("<h2 id=\"diagnostics\">Diagnostics</h2>\n<table class=\"kv\">\n");
        double share = (double) fit.startsAtOptimum() / fit.startsTotal();
        kv(h, "starts at the optimum", fit.startsAtOptimum() + " of " + fit.startsTotal() + " ("
                + Format.percent(share) + "; " + Format.html(fit.spec().starts().toString()) + " starts)");
        kv(h, "objective", Format.num(fit.objective()) + " (" + Format.html(fit.spec().loss().definition())
                + " on " + fit.spec().residuals() + " residuals)");
        kv(h, "residuals", "RMS " + Format.num(fit.residualRms()) + ", max |residual| "
                + Format.num(fit.residualMaxAbs()) + " (" + fit.spec().residuals() + " scale)");
        kv(h, "solver", Format.html(fit.spec().solver() + ", " + fit.termination().name().toLowerCase(
                java.util.Locale.ROOT).replace('_', ' ') + ", seed " + fit.spec().seed()));
        kv(h, "time", String.format(java.util.Locale.ROOT, "%.2f s fit (%s)", fit.seconds(), fit.work())
                + (in.boot() == null ? "" : String.format(java.util.Locale.ROOT,
                ", %.2f s bootstrap (%d resamples re-fitted)", in.boot().seconds(), in.boot().resamples())));
        h.append("</table>\n");
        // the same warnings, in the same words, as 'scalefit fit' prints
        List<String> warnings = new ArrayList<>(FitWarnings.of(fit));
        if (in.boot() != null && in.boot().failures() > 0) {
            warnings.add(in.boot().failures() + " bootstrap resamples failed to fit.");
        }
        for (String w : warnings) {
            h.append("<p class=\"warn\">").append(Format.html(w)).append("</p>\n");
        }
        if (warnings.isEmpty()) {
            h.append("<p class=\"ok\">No warnings: several starts agree on the optimum and every parameter lies"
                    + " inside its bounds.</p>\n");
        }
    }

    private static void computeOptimal(StringBuilder h, ReportInput in) {
        Law law = in.law();
        double[] theta = in.fit().naturalPoint();
        double[][] draws = in.draws();
        boolean iv = draws != null && draws.length > 1;
        h.append("<h2 id=\"optimal\">Compute-optimal allocation</h2>\n<table>\n<thead><tr><th>compute C (FLOP)</th>")
                .append("<th>parameters N*</th>").append(iv ? "<th>interval</th>" : "")
                .append("<th>tokens D*</th>").append(iv ? "<th>interval</th>" : "")
                .append("<th>D*/N*</th><th>loss L*</th>").append(iv ? "<th>interval</th>" : "")
                .append("</tr></thead>\n<tbody>\n");
        ComputeOptimal.Result first = null;
        for (double c : budgets(in)) {
            ComputeOptimal.Result r = ComputeOptimal.solve(law, theta, draws, c, in.level());
            first = first == null ? r : first;
            ComputeOptimal.Allocation a = r.point();
            h.append("<tr><td class=\"num\">").append(Format.num(c)).append("</td><td class=\"num\">")
                    .append(Format.num(a.n(), 4)).append("</td>");
            if (iv) {
                h.append("<td class=\"num\">").append(Format.interval(r.nInterval(), 3)).append("</td>");
            }
            h.append("<td class=\"num\">").append(Format.num(a.d(), 4)).append("</td>");
            if (iv) {
                h.append("<td class=\"num\">").append(Format.interval(r.dInterval(), 3)).append("</td>");
            }
            h.append("<td class=\"num\">").append(Format.num(Math.round(a.tokensPerParameter() * 10) / 10.0))
                    .append("</td><td class=\"num\">").append(Format.num(a.loss(), 4)).append("</td>");
            if (iv) {
                h.append("<td class=\"num\">").append(Format.interval(r.lossInterval(), 4)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
        if (first != null) {
            ComputeOptimal.Allocation a = first.point();
            h.append("<p class=\"note\">Under C = 6·N·D: N* ∝ C<sup>").append(Format.num(round(a.a(), 4)))
                    .append("</sup>").append(iv ? " " + Format.interval(round(first.aInterval(), 4)) : "")
                    .append(", D* ∝ C<sup>").append(Format.num(round(a.b(), 4))).append("</sup>")
                    .append(iv ? " " + Format.interval(round(first.bInterval(), 4)) : "")
                    .append(iv ? " (" + Math.round(in.level() * 100) + "% intervals from the bootstrap draws)" : "")
                    .append(".</p>\n");
        }
    }

    private static void predictions(StringBuilder h, ReportInput in) {
        if (in.predictAt().isEmpty()) {
            return;
        }
        List<Prediction.Point> pts = Prediction.predict(in.law(), in.fit().naturalPoint(), in.draws(), in.predictAt(),
                in.level());
        h.append("<h2 id=\"predictions\">Predictions</h2>\n<table>\n<thead><tr><th>at</th><th>")
                .append(Format.html(in.law().target())).append("</th><th>")
                .append(Math.round(in.level() * 100)).append("% interval</th></tr></thead>\n<tbody>\n");
        for (Prediction.Point p : pts) {
            StringBuilder at = new StringBuilder();
            p.at().forEach((k, v) -> at.append(at.length() > 0 ? ", " : "").append(Format.html(k)).append(" = ")
                    .append(Format.num(v)));
            h.append("<tr><td>").append(at).append("</td><td class=\"num\">").append(Format.num(p.value()))
                    .append("</td><td class=\"num\">").append(Format.interval(p.interval())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static void kv(StringBuilder h, String key, String valueHtml) {
        HtmlPage.kv(h, key, valueHtml);
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static double[] round(double[] v, int digits) {
        return v == null ? null : new double[] {round(v[0], digits), round(v[1], digits)};
    }

    static double[] compute(FitData data) {
        double[] n = data.column("N");
        double[] d = data.column("D");
        double[] c = new double[n.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = ComputeOptimal.FLOP_PER_PARAM_TOKEN * n[i] * d[i];
        }
        return c;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
