package org.scalefit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitWarnings;
import org.scalefit.core.law.Law;
import org.scalefit.core.plan.ComputeOptimal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "fit", sortOptions = false, usageHelpAutoWidth = true,
        description = "Fit a scaling law to a table of runs (CSV, TSV, JSON or JSON Lines).")
final class FitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the runs: one row per run, columns such as N, D, C, L")
    Path file;

    @Mixin
    LawHolder lawHolder;

    @Mixin
    DataOptions data;

    @Mixin
    FitOptions options;

    @Option(names = "--json", description = "print one JSON document instead of tables")
    boolean json;

    @Option(names = "--out", paramLabel = "FIT.json", description = "save the fit (law, data provenance, parameters, bootstrap draws)")
    Path out;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    private Map<String, String> sources;

    @Override
    public Integer call() throws Exception {
        Outputs outputs = new Outputs();
        outputs.target(out, "--out");
        FitRun run = FitRun.run(file, lawHolder, data, options, !json && !noProgress);
        Law law = run.law();
        Selection selection = run.selection();
        Selection.Selected selected = run.selected();
        FitResult fit = run.fit();
        BootstrapResult boot = run.boot();
        sources = run.sources(data);
        ObjectNode doc = document(law, selected, selection, fit, boot);
        if (out != null) {
            ObjectNode saved = doc.deepCopy();
            saved.put("format", FitFile.FORMAT);
            saved.set("law", FitFile.lawNode(law));
            if (boot != null) {
                ObjectNode b = (ObjectNode) saved.get("bootstrap");
                ArrayNode names = b.putArray("names");
                law.parameterNames().forEach(names::add);
                ArrayNode draws = b.putArray("draws");
                for (double[] d : boot.draws()) {
                    ArrayNode row = draws.addArray();
                    for (double v : d) {
                        Json.add(row, v);
                    }
                }
            }
            outputs.putJson(out, saved);
        }
        outputs.writeAll();
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(Json.write(doc));
        } else {
            w.print(human(law, selected, selection, fit, boot));
            if (out != null) {
                w.println("saved to " + out);
            }
        }
        w.flush();
        return 0;
    }

    private ObjectNode document(Law law, Selection.Selected selected, Selection selection, FitResult fit,
                                BootstrapResult boot) throws IOException {
        ObjectNode doc = Json.object();
        doc.put("law", law.id().equals("custom") ? law.formula() : law.id());
        doc.put("formula", law.target() + " = " + law.formula());
        doc.put("points", fit.points());
        doc.set("parameters", Json.numbers(fit.parameters()));
        Json.put(doc, "objective", fit.objective());
        ObjectNode st = doc.putObject("starts");
        st.put("total", fit.startsTotal());
        st.put("atOptimum", fit.startsAtOptimum());
        st.put("plan", fit.spec().starts().toString());
        ArrayNode warnings = doc.putArray("warnings");
        FitWarnings.of(fit).forEach(warnings::add);
        doc.put("objectiveFunction", fit.spec().loss().toString());
        doc.put("objectiveDefinition", fit.spec().loss().definition());
        doc.put("residuals", fit.spec().residuals().toString());
        doc.put("solver", fit.spec().solver().toString());
        doc.put("evaluation", fit.path() == org.scalefit.core.fit.KernelFactory.Path.POWER_SUM
                ? "log-sum-exp" : "formula");
        doc.put("termination", fit.termination().name());
        doc.put("seed", fit.spec().seed());
        Json.put(doc, "residualRms", fit.residualRms());
        Json.put(doc, "residualMaxAbs", fit.residualMaxAbs());
        Json.put(doc, "seconds", fit.seconds());
        if (ComputeOptimal.appliesTo(law)) {
            var alloc = ComputeOptimal.solve(law, fit.naturalPoint(), null, 1e24, options.level).point();
            ObjectNode ex = doc.putObject("computeOptimalExponents");
            Json.put(ex, "a", alloc.a());
            Json.put(ex, "b", alloc.b());
        }
        if (boot != null) {
            doc.set("standardErrors", Json.numbers(boot.standardErrors()));
            doc.set("intervals", Json.intervals(boot.intervals(options.level)));
            Json.put(doc, "level", options.level);
            ObjectNode b = doc.putObject("bootstrap");
            b.put("resamples", boot.resamples());
            b.put("failures", boot.failures());
            b.put("seed", boot.seed());
            Json.put(b, "seconds", boot.seconds());
            b.put("method", "rows resampled with replacement; each resample re-fitted from the full fit's distinct"
                    + " optima plus fresh Latin-hypercube starts");
        }
        ObjectNode d = doc.putObject("data");
        d.put("file", file.toString());
        d.put("sha256", sha256(file));
        d.put("rowsRead", selected.rowsRead());
        d.put("rowsUsed", fit.points());
        ObjectNode cols = d.putObject("columns");
        sources.forEach(cols::put);
        d.set("ranges", ranges(selected.data()));
        ArrayNode steps = d.putArray("selection");
        selection.describe().forEach(steps::add);
        ArrayNode dropped = d.putArray("droppedLines");
        for (long l : selected.droppedLines()) {
            dropped.add(l);
        }
        doc.put("command", FitRun.commandLine(spec));
        return doc;
    }

    /** [min, max] of every variable, and of the training compute C = 6·N·D when the law gives N and D (or M = D/N). */
    private static ObjectNode ranges(org.scalefit.core.fit.FitData data) {
        ObjectNode r = Json.object();
        for (String v : data.variables()) {
            double[] x = data.column(v);
            Json.pair(r, v, new double[] {java.util.Arrays.stream(x).min().orElse(Double.NaN),
                java.util.Arrays.stream(x).max().orElse(Double.NaN)});
        }
        List<String> vars = data.variables();
        if (vars.contains("N") && (vars.contains("D") || vars.contains("M")) && !vars.contains("C")) {
            double[] n = data.column("N");
            double[] other = data.column(vars.contains("D") ? "D" : "M");
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n.length; i++) {
                double d = vars.contains("D") ? other[i] : other[i] * n[i];
                double c = ComputeOptimal.FLOP_PER_PARAM_TOKEN * n[i] * d;
                lo = Math.min(lo, c);
                hi = Math.max(hi, c);
            }
            Json.pair(r, "C", new double[] {lo, hi});
        }
        return r;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String human(Law law, Selection.Selected selected, Selection selection, FitResult fit,
                         BootstrapResult boot) {
        StringBuilder sb = new StringBuilder();
        sb.append("law       ").append(law.id()).append(":  ").append(law.target()).append(" = ")
                .append(law.formula()).append('\n');
        sb.append("data      ").append(file).append(": ").append(selected.rowsRead()).append(" rows read, ")
                .append(fit.points()).append(" used");
        List<String> steps = selection.describe();
        if (!steps.isEmpty()) {
            sb.append(" (").append(String.join("; ", steps)).append(')');
        }
        sb.append('\n');
        sb.append("objective ").append(fit.spec().loss().definition()).append(" on ")
                .append(fit.spec().residuals()).append(" residuals, solver ").append(fit.spec().solver())
                .append('\n');
        double share = 100.0 * fit.startsAtOptimum() / fit.startsTotal();
        sb.append(String.format("starts    %d (%s), %d reached the best objective (%.1f%%)%n", fit.startsTotal(),
                fit.spec().starts(), fit.startsAtOptimum(), share));
        for (String warning : FitWarnings.of(fit)) {
            sb.append("warning   ").append(warning).append('\n');
        }
        sb.append('\n');
        Map<String, Double> se = boot == null ? null : boot.standardErrors();
        Map<String, double[]> ci = boot == null ? null : boot.intervals(options.level);
        Table t = boot == null ? new Table("parameter", "value")
                : new Table("parameter", "value", "std.err", String.format("%.0f%% interval", options.level * 100));
        fit.parameters().forEach((k, v) -> {
            if (boot == null) {
                t.row(k, Table.num(v));
            } else {
                double[] c = ci.get(k);
                t.row(k, Table.num(v), Table.num(se.get(k)), "[" + Table.num(c[0]) + ", " + Table.num(c[1]) + "]");
            }
        });
        sb.append(t).append('\n');
        sb.append(String.format("objective %.7e   residual RMS %.4g   max |residual| %.4g (%s scale)%n",
                fit.objective(), fit.residualRms(), fit.residualMaxAbs(), fit.spec().residuals()));
        if (ComputeOptimal.appliesTo(law)) {
            var alloc = ComputeOptimal.solve(law, fit.naturalPoint(), null, 1e24, options.level).point();
            sb.append(String.format("compute-optimal exponents  N* ∝ C^%.4f, D* ∝ C^%.4f%n", alloc.a(), alloc.b()));
        }
        sb.append(String.format("time      %.2f s fit (%d starts and the polish of the best)", fit.seconds(),
                fit.startsTotal()));
        if (boot != null) {
            sb.append(String.format(", %.2f s bootstrap (%d resamples re-fitted)", boot.seconds(), boot.resamples()));
            if (boot.failures() > 0) {
                sb.append(" (").append(boot.failures()).append(" failed and were left out)");
            }
        }
        sb.append('\n');
        return sb.toString();
    }
}
