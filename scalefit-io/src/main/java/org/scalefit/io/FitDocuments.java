package org.scalefit.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.scalefit.core.fit.Bootstrap;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.KernelFactory;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.GroupedFits;
import org.scalefit.core.pipeline.PerGroup;
import org.scalefit.core.pipeline.Provenance;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one writer of a fit's documents: the fit document ({@code scalefit fit --json}), the saved fit file
 * ({@link SavedFits}: {@code "format": "scalefit-fit/2"}, {@code "kind": "runs"}, read back by {@link FitFiles}) and the fit the server stores, which is
 * the fit document with the bootstrap draws plus the server's own fields. Numbers that are not finite are
 * written as null (JSON has no NaN).
 */
public final class FitDocuments {
    private FitDocuments() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * The fit document. {@code command} is the command line that made it (null when there is none, as in
     * the server); {@code draws} adds the bootstrap's parameter names and draws, which plans re-use.
     */
    public static ObjectNode fit(FitReport report, String command, boolean draws) {
        Law law = report.law();
        FitResult fit = report.fit();
        ObjectNode doc = object();
        doc.put("law", report.lawLabel());
        doc.put("name", law.name());
        doc.put("formula", law.target() + " = " + law.unfixed().formula());
        doc.put("target", law.target());
        ArrayNode vars = doc.putArray("variables");
        law.variables().forEach(vars::add);
        doc.put("points", fit.points());
        doc.set("parameters", JsonNumbers.putAll(object(), fit.parameters()));
        if (!law.fixed().isEmpty()) {
            doc.set("fixed", JsonNumbers.putAll(object(), law.fixed()));
        }
        JsonNumbers.put(doc, "objective", fit.objective());
        ObjectNode st = starts(doc, fit);
        st.put("plan", report.startPlan());
        ArrayNode warnings = doc.putArray("warnings");
        report.warnings().forEach(warnings::add);
        doc.put("objectiveFunction", fit.spec().loss().toString());
        doc.put("objectiveDefinition", fit.spec().loss().definition());
        doc.put("residuals", fit.spec().residuals().toString());
        doc.put("solver", fit.spec().solver().toString());
        doc.put("evaluation", fit.path() == KernelFactory.Path.POWER_SUM ? "log-sum-exp" : "formula");
        doc.put("termination", fit.termination().name());
        doc.put("seed", fit.spec().seed());
        JsonNumbers.put(doc, "residualRms", fit.residualRms());
        JsonNumbers.put(doc, "residualMaxAbs", fit.residualMaxAbs());
        JsonNumbers.put(doc, "seconds", fit.seconds());
        if (report.exponents() != null) {
            ObjectNode ex = doc.putObject("computeOptimalExponents");
            JsonNumbers.put(ex, "a", report.exponents().a());
            JsonNumbers.put(ex, "b", report.exponents().b());
        }
        JsonNumbers.put(doc, "level", report.level());
        BootstrapResult boot = report.bootstrap();
        if (boot != null) {
            doc.set("standardErrors", numbersOrNull(everyParameter(law, boot.standardErrors())));
            doc.set("intervals", intervals(everyParameter(law, report.intervals())));
            ObjectNode b = doc.putObject("bootstrap");
            b.put("resamples", boot.resamples());
            b.put("failures", boot.failures());
            b.put("seed", boot.seed());
            JsonNumbers.put(b, "seconds", boot.seconds());
            b.put("method", Bootstrap.method(report.fit().spec()));
            if (draws) {
                // every parameter of the law as declared, a held one at its value, so a saved fit reads back whole
                ArrayNode names = b.putArray("names");
                law.unfixed().parameterNames().forEach(names::add);
                ArrayNode rows = b.putArray("draws");
                for (double[] d : boot.draws()) {
                    JsonNumbers.addAll(rows.addArray(), declared(law, boot.names(), d));
                }
            }
        }
        doc.set("data", data(report.provenance()));
        if (command != null) {
            doc.put("command", command);
        }
        return doc;
    }

    /**
     * A value per parameter of the law as declared, in its order; a held parameter has none (null in JSON).
     */
    static <T> Map<String, T> everyParameter(Law law, Map<String, T> values) {
        Map<String, T> out = new java.util.LinkedHashMap<>();
        for (String name : law.unfixed().parameterNames()) {
            out.put(name, values.get(name));
        }
        return out;
    }

    /**
     * A fit's "starts" object in every document: total (the starts run to the end), atOptimum, screened (how many
     * starts screening ranked to choose those, 0 when every start was run), and for a table screened by rows
     * subsetRows (the rows every start ran on, 0 when they ran on all) and refined (the subset's distinct best end
     * points refined on all rows).
     */
    static ObjectNode starts(ObjectNode parent, FitResult fit) {
        ObjectNode st = parent.putObject("starts");
        st.put("total", fit.startsTotal());
        st.put("atOptimum", fit.startsAtOptimum());
        st.put("screened", fit.startsScreened());
        st.put("subsetRows", fit.screeningRows());
        st.put("refined", fit.startsRefined());
        return st;
    }

    /** name → number, null where there is none (a held parameter has no standard error). */
    public static ObjectNode numbersOrNull(Map<String, Double> values) {
        ObjectNode o = object();
        values.forEach((k, v) -> {
            if (v == null) {
                o.putNull(k);
            } else {
                JsonNumbers.put(o, k, v);
            }
        });
        return o;
    }

    // a draw over the fitted parameters, widened to the declared law with the held values
    private static double[] declared(Law law, List<String> names, double[] draw) {
        List<String> all = law.unfixed().parameterNames();
        double[] out = new double[all.size()];
        for (int k = 0; k < out.length; k++) {
            int j = names.indexOf(all.get(k));
            out[k] = j >= 0 ? draw[j] : law.fixed().get(all.get(k));
        }
        return out;
    }

    /**
     * The document of a grouped fit ({@code fit --group-by}), in the shape of every grouped command
     * ({@link GroupDocuments}): each group's element is its fit document without the command.
     */
    public static ObjectNode groups(List<PerGroup.Result<FitReport>> outcomes, List<String> groupBy, String command) {
        return GroupDocuments.of(outcomes, groupBy, report -> fit(report, null, false), command);
    }

    /** The saved fit file: the fit document with its draws, the format, and the law as fitted in full. */
    public static ObjectNode saved(FitReport report, String command) {
        ObjectNode doc = fit(report, command, true);
        // the law as declared: its held parameters are in "parameters" with their values, so it predicts as fitted
        doc.set("law", law(report.law().unfixed()));
        return SavedFits.stamp(doc, SavedFits.Kind.RUNS);
    }

    /** Where the data came from: the source, the rows, the mapping and selection, the ranges, tool and time. */
    public static ObjectNode data(Provenance p) {
        ObjectNode d = object();
        d.put("file", p.source().name());
        d.put("sha256", p.source().sha256());
        d.put("bytes", p.source().bytes());
        d.put("rowsRead", p.rowsRead());
        d.put("rowsUsed", p.rowsUsed());
        ObjectNode cols = d.putObject("columns");
        p.columns().forEach(cols::put);
        d.set("ranges", intervals(p.ranges()));
        ArrayNode steps = d.putArray("selection");
        p.selection().forEach(steps::add);
        ArrayNode dropped = d.putArray("droppedLines");
        for (long l : p.droppedLines()) {
            dropped.add(l);
        }
        d.put("tool", p.tool());
        d.put("time", p.time().toString());
        return d;
    }

    /** A law as a saved fit (or a law file) gives it: id, name, formula, target, variables and parameters. */
    public static ObjectNode law(Law law) {
        ObjectNode n = object();
        n.put("id", law.id());
        n.put("name", law.name());
        n.put("formula", law.formula());
        n.put("target", law.target());
        ArrayNode vars = n.putArray("variables");
        law.variables().forEach(vars::add);
        ArrayNode ps = n.putArray("parameters");
        for (Parameter p : law.parameters()) {
            ObjectNode o = ps.addObject();
            o.put("name", p.name());
            JsonNumbers.put(o, "lower", p.lower());
            JsonNumbers.put(o, "upper", p.upper());
            o.put("scale", p.scale().name().toLowerCase(Locale.ROOT));
            JsonNumbers.addAll(o.putArray("grid"), p.grid());
        }
        if (!law.citation().isEmpty()) {
            n.put("citation", law.citation());
        }
        return n;
    }

    /** name → [lower, upper]. */
    public static ObjectNode intervals(Map<String, double[]> values) {
        ObjectNode o = object();
        values.forEach((k, v) -> {
            if (v == null) {
                o.putNull(k);
            } else {
                JsonNumbers.addAll(o.putArray(k), v[0], v[1]);
            }
        });
        return o;
    }
}
