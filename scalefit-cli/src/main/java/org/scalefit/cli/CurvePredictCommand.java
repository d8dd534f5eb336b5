package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.Schedule;
import org.scalefit.core.fit.Limits;
import org.scalefit.io.CurveFitDocuments;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code scalefit curve predict}: a saved curve fit's loss curve for a learning-rate schedule. */
@Command(name = "predict", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Predict a loss curve for a learning-rate schedule from a saved curve fit.")
final class CurvePredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--fit", required = true, paramLabel = "CURVEFIT.json", description = "a fit saved by 'scalefit curve fit --out'")
    Path fitFile;
    @Option(names = "--schedule", paramLabel = "FILE_OR_SPEC",
            description = "a per-step file with step and lr columns, or a spec such as cosine:steps=33908,peak=1e-3,final=1e-4"
                    + " (kinds: constant, cosine, linear, wsd, step); learning-curve laws also accept steps:N")
    String schedule;
    @Option(names = "--every", paramLabel = "K", description = "predict at every K-th step (default: as the fit was thinned)")
    Integer every;
    @ArgGroup(exclusive = false, heading = "%nColumns of a schedule file%n")
    CurveOptions.ColumnOptions columns = new CurveOptions.ColumnOptions();
    @Option(names = "--json", description = "print {\"predictions\": [{\"step\", \"value\"}, ...]}")
    boolean json;
    @Option(names = "--plot", paramLabel = "FILE.svg|FILE.png", description = "draw the predicted curve (and the observed one: --data, or losses in the schedule file)")
    Path plot;
    @Option(names = "--data", paramLabel = "FILE", description = "the observed curve for this schedule, drawn beside the prediction (same columns options)")
    Path data;

    @Override
    public Integer call() throws Exception {
        Outputs outputs = new Outputs();
        CurvePlotFile.check(outputs, plot, "--plot");
        if (data != null && plot == null) {
            throw new IllegalArgumentException("--data is drawn on the plot: give --plot FILE.svg or FILE.png too");
        }
        CurveFitDocuments.Saved saved = CurveFitDocuments.read(fitFile);
        if (schedule == null) {
            throw new IllegalArgumentException("--schedule is required: a per-step file or a spec such as"
                    + " cosine:steps=10000,peak=1e-3,final=1e-4");
        }
        int k = every != null ? every : saved.every();
        List<Curve> curves = scheduleCurves(schedule, columns);
        // with areas over the kept rows the thinning is part of the law: keep the fit's, print every k-th
        int stride = 1;
        if (!saved.areasAll() && saved.law().needsLr() && k != saved.every()) {
            if (k % saved.every() != 0) {
                throw new IllegalArgumentException("--every " + k + ": the fit summed lr areas over every "
                        + saved.every() + "th step (--areas kept), so predictions exist at multiples of "
                        + saved.every() + " only; give a multiple of " + saved.every());
            }
            stride = k / saved.every();
            k = saved.every();
        }
        CheckpointRules rules = new CheckpointRules(k, "none", false, 0, 0, 0, saved.xTokens(), saved.areasAll());
        ObjectNode doc = Json.object();
        ArrayNode preds = doc.putArray("predictions");
        List<String[]> rows = new ArrayList<>();
        boolean anyObserved = false;
        List<CurveInput> drawn = new ArrayList<>();
        List<double[]> drawnPred = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Curve c : curves) {
            CurveInput in = rules.predictionRows(c);
            if (!saved.law().needsLr()) {
                in = in.positiveX(); // learning-curve laws are undefined at x = 0 (step 0)
            }
            if (saved.law().needsLr() && in.lr() == null) {
                throw new IllegalArgumentException(schedule + ": the law " + saved.law().id()
                        + " needs an lr column (or give a schedule spec)");
            }
            // a law of lr areas at the printed rows only (the schedule still summed over every step)
            double[] p = saved.law().readsAreas() && plot == null
                    ? saved.law().predictAt(saved.theta(), in) : saved.law().predict(saved.theta(), in);
            if (saved.law().readsAreas() && in.size() > 0 && !(in.firstStepWithArea() == in.step()[0])) {
                notes.add("curve " + c.run() + ": predictions start at step "
                        + Table.num(in.firstStepWithArea()) + ", the first where the learning rate has risen (S1 > 0);"
                        + " the law " + saved.law().id() + " is not defined before it");
            }
            drawn.add(in);
            drawnPred.add(p);
            for (int i = 0; i < p.length; i++) {
                if (!in.fitted()[i] || i % stride != 0 || Double.isNaN(p[i])) {
                    continue; // only every k-th step is printed, and only where the law is defined
                }
                ObjectNode row = preds.addObject();
                if (curves.size() > 1) {
                    row.put("run", c.run());
                }
                putStep(row, in.step()[i]);
                Json.put(row, "value", p[i]);
                if (Double.isFinite(in.loss()[i])) {
                    Json.put(row, "observed", in.loss()[i]);
                }
                anyObserved |= Double.isFinite(in.loss()[i]);
                rows.add(new String[] {c.run(), Table.num(in.step()[i]), Table.num(p[i]),
                    Double.isFinite(in.loss()[i]) ? Table.num(in.loss()[i]) : ""});
            }
        }
        if (plot != null) {
            List<CurveInput> observed = new ArrayList<>();
            if (data != null) {
                for (Curve c : CurveOptions.readAll(List.of(data), columns.columns(true))) {
                    CurveInput in = rules.apply(c);
                    observed.add(saved.law().needsLr() ? in : in.positiveX());
                }
            } else {
                for (CurveInput in : drawn) {
                    if (java.util.Arrays.stream(in.loss()).anyMatch(Double::isFinite)) {
                        observed.add(in);
                    }
                }
            }
            outputs.put(plot, CurvePlotFile.bytes(org.scalefit.report.CurveReport.predictPlot(saved.law(), drawn,
                    drawnPred, observed.isEmpty() ? null : observed, saved.xTokens()), plot));
        }
        outputs.writeAll();
        PrintWriter pw = spec.commandLine().getOut();
        // the observed column only when the schedule file has losses
        Table table = anyObserved ? new Table("run", "step", "predicted loss", "observed")
                : new Table("run", "step", "predicted loss");
        for (String[] r : rows) {
            table.row(anyObserved ? r : java.util.Arrays.copyOf(r, 3));
        }
        if (!notes.isEmpty()) {
            ArrayNode w = doc.putArray("warnings");
            notes.forEach(w::add);
        }
        pw.println(json ? Json.write(doc) : table.toString());
        if (!json) {
            notes.forEach(n -> pw.println("note: " + n));
        }
        if (plot != null && !json) {
            pw.println("plot written to " + plot);
        }
        pw.flush();
        return 0;
    }

    /** Steps are whole numbers in every file we know; write them as such. */
    static void putStep(ObjectNode row, double step) {
        if (step == Math.rint(step) && Math.abs(step) < 1e15) {
            row.put("step", (long) step);
        } else {
            Json.put(row, "step", step);
        }
    }

    /** A schedule file, or a spec turned into one curve of steps 0..N−1 without losses. */
    static List<Curve> scheduleCurves(String schedule, CurveOptions.ColumnOptions columns) throws java.io.IOException {
        Path p = Path.of(schedule);
        if (Files.isRegularFile(p)) {
            return CurveOptions.readAll(List.of(p), columns.columns(false));
        }
        double[] lr;
        int n;
        if (schedule.startsWith("steps:")) {
            try {
                n = Integer.parseInt(schedule.substring(6).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("schedule '" + schedule + "': expected steps:N with N a whole number");
            }
            if (n < 1) {
                throw new IllegalArgumentException("schedule '" + schedule + "': steps:N needs N of at least 1");
            }
            Limits.atMost("schedule '" + schedule + "': the number of steps", n, Limits.STEPS);
            lr = null;
        } else {
            Schedule s = org.scalefit.io.ScheduleSources.spec(schedule);
            lr = s.lr();
            n = s.steps();
        }
        double[] step = new double[n];
        double[] loss = new double[n];
        long[] lines = new long[n];
        for (int i = 0; i < n; i++) {
            step[i] = i;
            loss[i] = Double.NaN;
        }
        return List.of(new Curve(schedule, "schedule", Map.of(), step, null, lr, loss, lines));
    }
}
