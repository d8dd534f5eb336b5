package org.scalefit.server;

import java.util.List;

import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.FitPipeline;
import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.pipeline.Provenance;
import org.scalefit.core.plan.LawFunction;
import org.scalefit.io.FitDocuments;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One fit from a checked request to the document the API stores and returns: the library's fit pipeline and
 * io's fit document (with the bootstrap draws, which predictions re-use), plus the server's own fields: the
 * data set's id and the series the page plots.
 */
final class FitRunner {
    private FitRunner() {
    }

    /** The source of a stored data set, as its upload was hashed. */
    static Provenance.Source source(Store.Dataset dataset) {
        return new Provenance.Source(dataset.name(), dataset.sha256(), dataset.bytes());
    }

    /**
     * What a fit stores: the result the API answers, and the saved-fit document ({@code scalefit fit --out}'s),
     * from which predictions rebuild the law as fitted.
     */
    record Documents(ObjectNode result, ObjectNode saved) {
    }

    static Documents run(FitRequest req, FitPipeline.Input input, String datasetId, FitJobs.Job job) {
        FitReport report = FitPipeline.run(input, req.spec(),
                stage -> job.progress(JobStatus.Phase.ofPipelineStage(stage)));
        ObjectNode doc = FitDocuments.fit(report, null, true);
        ((ObjectNode) doc.get("data")).put("dataset", datasetId);
        doc.set("series", series(req.law, input.selected().data(), report.fit().naturalPoint()));
        ObjectNode saved = FitDocuments.saved(report, null);
        ((ObjectNode) saved.get("data")).put("dataset", datasetId);
        return new Documents(doc, saved);
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
