package org.scalefit.io;

import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.fit.JointFit;
import org.scalefit.core.fit.KernelFactory;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.SharedFit;
import org.scalefit.core.validate.Backtest;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The document of a joint fit ({@code fit --group-by COL --shared NAME,...}): the shared names and grouping, the
 * law, the joint parameters ({@code alpha}, {@code E[dataset=rpj]}), every group with all its parameters, the
 * objective, starts and warnings, the bootstrap's standard errors and intervals, the data's provenance and the
 * command. Numbers that are not finite are written as null.
 */
public final class SharedFitJson {
    static final String BOOTSTRAP_METHOD = "rows resampled with replacement within each group; each resample"
            + " re-fitted jointly from the full fit's optimum plus fresh starts of the shared parameters";

    private SharedFitJson() {
    }

    public static ObjectNode document(SharedFit.Report report, String command) {
        Law law = report.law();
        JointFit.Result fit = report.fit();
        ObjectNode doc = FitDocuments.object();
        ArrayNode shared = doc.putArray("shared");
        report.shared().forEach(shared::add);
        ArrayNode by = doc.putArray("groupBy");
        report.groupBy().forEach(by::add);
        doc.put("law", Backtest.label(law));
        doc.put("formula", law.target() + " = " + law.unfixed().formula());
        doc.set("parameters", JsonNumbers.putAll(FitDocuments.object(), report.values()));
        if (!law.fixed().isEmpty()) {
            doc.set("fixed", JsonNumbers.putAll(FitDocuments.object(), law.fixed()));
        }
        ArrayNode groups = doc.putArray("groups");
        for (SharedFit.Group g : report.groups()) {
            ObjectNode o = groups.addObject();
            o.set("group", GroupDocuments.key(g.key()));
            o.put("rows", g.rows());
            o.set("parameters", JsonNumbers.putAll(FitDocuments.object(), g.parameters()));
            JsonNumbers.put(o, "objective", g.objective());
            o.set("aloneParameters", JsonNumbers.putAll(FitDocuments.object(), g.alone().fit().parameters()));
        }
        JsonNumbers.put(doc, "objective", fit.objective());
        ObjectNode st = doc.putObject("starts");
        st.put("total", fit.startValues().length);
        st.put("atOptimum", fit.startsAtOptimum());
        st.put("plan", "median of the groups' own optima for the shared parameters, each group's own values, and "
                + "Latin-hypercube draws");
        ArrayNode warnings = doc.putArray("warnings");
        report.warnings().forEach(warnings::add);
        doc.put("objectiveFunction", report.spec().loss().toString());
        doc.put("objectiveDefinition", report.spec().loss().definition());
        doc.put("residuals", report.spec().residuals().toString());
        doc.put("solver", "lbfgsb (joint)");
        doc.put("evaluation", fit.path() == KernelFactory.Path.POWER_SUM ? "log-sum-exp" : "formula");
        doc.put("termination", fit.termination().name());
        doc.put("seed", report.spec().seed());
        JsonNumbers.put(doc, "seconds", fit.seconds());
        JsonNumbers.put(doc, "level", report.level());
        BootstrapResult boot = report.bootstrap();
        if (boot != null) {
            doc.set("standardErrors", FitDocuments.numbersOrNull(boot.standardErrors()));
            doc.set("intervals", FitDocuments.intervals(report.intervals()));
            ObjectNode b = doc.putObject("bootstrap");
            b.put("resamples", boot.resamples());
            b.put("failures", boot.failures());
            b.put("seed", boot.seed());
            JsonNumbers.put(b, "seconds", boot.seconds());
            b.put("method", BOOTSTRAP_METHOD);
        }
        doc.set("data", FitDocuments.data(report.provenance()));
        if (command != null) {
            doc.put("command", command);
        }
        return doc;
    }
}
