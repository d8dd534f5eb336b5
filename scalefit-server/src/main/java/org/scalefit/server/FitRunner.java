package org.scalefit.server;

import java.util.List;

import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.Bootstrap;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.fit.FitData;
import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.KernelFactory;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.law.Law;
import org.scalefit.core.plan.ComputeOptimal;
import org.scalefit.core.plan.LawFunction;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** One fit from a checked request to its result document, the JSON the API stores and returns. */
final class FitRunner {
    private FitRunner() {
    }

    /**
     * The solver a request gets: the one it names, or by default variable projection where the law is a
     * sum of power terms (it reaches the grid's optimum on the Chinchilla data in a fraction of the time),
     * else L-BFGS-B over the law's start grid.
     */
    static FitResult fit(FitRequest req, FitData data, FitJobs.Job job) {
        if (req.solver != null) {
            return Fitter.fit(data, req.spec(req.solver), job.progress("fitting"));
        }
        if (req.law.powerSum().isPresent() && req.starts == null) {
            try {
                return Fitter.fit(data, req.spec(Solver.VARPRO), job.progress("fitting"));
            } catch (FitException e) {
                if (!e.getMessage().startsWith("--solver varpro needs")) {
                    throw e;
                }
            }
        }
        return Fitter.fit(data, req.spec(Solver.LBFGSB), job.progress("fitting"));
    }

    static ObjectNode run(FitRequest req, Store.Dataset dataset, RunTable table, Selection.Selected selected,
                          FitJobs.Job job) {
        Law law = req.law;
        FitResult fit = fit(req, selected.data(), job);
        BootstrapResult boot = null;
        if (req.bootstrap > 0) {
            boot = Bootstrap.run(selected.data(), fit, req.bootstrap, req.seed, job.progress("bootstrap"));
        }
        return document(req, dataset, selected, fit, boot);
    }

    static ObjectNode document(FitRequest req, Store.Dataset dataset, Selection.Selected selected, FitResult fit,
                               BootstrapResult boot) {
        Law law = req.law;
        ObjectNode doc = Json.object();
        doc.put("law", law.id().equals("custom") ? law.target() + " = " + law.formula() : law.id());
        doc.put("name", law.name());
        doc.put("formula", law.target() + " = " + law.formula());
        doc.put("target", law.target());
        ArrayNode vars = doc.putArray("variables");
        law.variables().forEach(vars::add);
        doc.put("points", fit.points());
        doc.set("parameters", Json.numbers(fit.parameters()));
        Json.put(doc, "objective", fit.objective());
        ObjectNode st = doc.putObject("starts");
        st.put("total", fit.startsTotal());
        st.put("atOptimum", fit.startsAtOptimum());
        st.put("plan", fit.spec().solver() == Solver.VARPRO ? "exponent starts (variable projection)"
                : fit.spec().starts().toString());
        doc.put("objectiveFunction", fit.spec().loss().toString());
        doc.put("residuals", fit.spec().residuals().toString());
        doc.put("solver", fit.spec().solver().toString());
        doc.put("evaluation", fit.path() == KernelFactory.Path.POWER_SUM ? "log-sum-exp" : "formula");
        doc.put("termination", fit.termination().name());
        doc.put("seed", fit.spec().seed());
        Json.put(doc, "residualRms", fit.residualRms());
        Json.put(doc, "residualMaxAbs", fit.residualMaxAbs());
        Json.put(doc, "seconds", fit.seconds());
        if (ComputeOptimal.appliesTo(law)) {
            var alloc = ComputeOptimal.solve(law, fit.naturalPoint(), null, 1e24, req.level).point();
            ObjectNode ex = doc.putObject("computeOptimalExponents");
            Json.put(ex, "a", alloc.a());
            Json.put(ex, "b", alloc.b());
        }
        Json.put(doc, "level", req.level);
        if (boot != null) {
            doc.set("standardErrors", Json.numbers(boot.standardErrors()));
            ObjectNode iv = doc.putObject("intervals");
            boot.intervals(req.level).forEach((k, v) -> iv.set(k, Json.numbers(v)));
            ObjectNode b = doc.putObject("bootstrap");
            b.put("resamples", boot.resamples());
            b.put("failures", boot.failures());
            b.put("seed", boot.seed());
            ArrayNode names = b.putArray("names");
            boot.names().forEach(names::add);
            ArrayNode draws = b.putArray("draws");
            for (double[] d : boot.draws()) {
                draws.add(Json.numbers(d));
            }
        }
        ObjectNode d = doc.putObject("data");
        d.put("dataset", dataset.id());
        d.put("name", dataset.name());
        d.put("sha256", dataset.sha256());
        d.put("rowsRead", selected.rowsRead());
        d.put("rowsUsed", fit.points());
        ObjectNode cols = d.putObject("columns");
        selected.columnsUsed().forEach(cols::put);
        ArrayNode steps = d.putArray("selection");
        req.selection.describe().forEach(steps::add);
        ArrayNode dropped = d.putArray("droppedLines");
        for (long l : selected.droppedLines()) {
            dropped.add(l);
        }
        doc.set("series", series(law, selected.data(), fit.naturalPoint()));
        return doc;
    }

    /** Every used row's variables, observed and fitted target, and source line: what the page plots. */
    private static ObjectNode series(Law law, FitData data, double[] theta) {
        ObjectNode s = Json.object();
        LawFunction f = new LawFunction(law);
        List<String> vars = data.variables();
        int n = data.rows();
        double[] fitted = new double[n];
        double[] x = new double[vars.size()];
        for (int i = 0; i < n; i++) {
            for (int v = 0; v < x.length; v++) {
                x[v] = data.columns()[v][i];
            }
            fitted[i] = f.value(x, theta);
        }
        ObjectNode vs = s.putObject("variables");
        for (int v = 0; v < vars.size(); v++) {
            vs.set(vars.get(v), Json.numbers(data.columns()[v]));
        }
        s.set("observed", Json.numbers(data.y()));
        s.set("fitted", Json.numbers(fitted));
        ArrayNode lines = s.putArray("lines");
        for (int i = 0; i < n; i++) {
            lines.add(data.line(i));
        }
        return s;
    }
}
