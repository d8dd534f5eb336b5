package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.curve.CurveBacktest;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveSchedules;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Stats;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code scalefit curve backtest}: fit each run's early part, score the extrapolation of its tail. */
@Command(name = "backtest", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Fit every run on its early rows and report the extrapolation RMSE of log loss on the rest, per law.")
final class CurveBacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "per-step tables")
    List<Path> files;
    @Option(names = "--laws", split = ",", paramLabel = "ID[,ID...]", defaultValue = "power-law",
            description = "curve laws to compare (default ${DEFAULT-VALUE}); e.g. power-law,m1,m3,m4,bnsl, or a law file")
    List<String> laws;
    @Option(names = "--split", paramLabel = "COL", description = "column marking rows to fit (1) and to hold out (0)")
    String split;
    @Option(names = "--fit-fraction", paramLabel = "F", description = "fit on steps up to F of the last step, hold out the rest")
    Double fitFraction;
    @Option(names = "--holdout-last", paramLabel = "N", description = "hold out the last N rows of each run")
    Integer holdoutLast;
    @Option(names = "--dedupe", description = "keep the first of rows that repeat a step with the same loss")
    boolean dedupe;
    @ArgGroup(exclusive = false, heading = "%nLaw options%n")
    CurveOptions.LawChoice lawChoice = new CurveOptions.LawChoice();
    @ArgGroup(exclusive = false, heading = "%nColumns%n")
    CurveOptions.ColumnOptions columns = new CurveOptions.ColumnOptions();
    @ArgGroup(exclusive = false, heading = "%nSchedule%n")
    CurveOptions.ScheduleOption schedule = new CurveOptions.ScheduleOption();
    @ArgGroup(exclusive = false, heading = "%nCheckpoint rules%n")
    CurveOptions.RuleOptions ruleOptions = new CurveOptions.RuleOptions();
    @ArgGroup(exclusive = false, heading = "%nFitting%n")
    CurveOptions.Solve fitOptions = new CurveOptions.Solve();
    @Mixin
    OutputOptions output = new OutputOptions();
    @Option(names = "--plot", paramLabel = "FILE.svg|FILE.png",
            description = "draw, for the first law and the first runs, the rows fitted, the rows held out and the law extrapolated")
    Path plot;

    @Override
    public Integer call() throws Exception {
        int ways = (split != null ? 1 : 0) + (fitFraction != null ? 1 : 0) + (holdoutLast != null ? 1 : 0);
        if (ways != 1) {
            throw new IllegalArgumentException("say how to split each run: exactly one of --split COL,"
                    + " --fit-fraction F or --holdout-last N");
        }
        if (fitFraction != null && !(fitFraction > 0 && fitFraction < 1)) {
            throw new IllegalArgumentException("--fit-fraction must lie strictly between 0 and 1, not " + fitFraction);
        }
        if (holdoutLast != null && holdoutLast < 1) {
            throw new IllegalArgumentException("--holdout-last must be at least 1");
        }
        Outputs outputs = new Outputs();
        CurvePlotFile.check(outputs, plot, "--plot");
        CheckpointRules rules = ruleOptions.rules();
        List<Curve> curves = CurveOptions.readAll(files, columns.columns(true).withSplit(split, dedupe));
        // the curves as curve fit prepares them, for the first law of lr areas (its checks and interpolation serve
        // every law: a curve on its schedule is fitted at its checkpoints by a law of the step alone too)
        CurveLaw areaLaw = null;
        for (String id : laws) {
            CurveLaw l = lawChoice.build(id.strip());
            if (l.readsAreas() && areaLaw == null) {
                areaLaw = l;
            }
        }
        var schedules = schedule.schedules(columns);
        if (areaLaw != null || schedules != null) {
            curves = CurveSchedules.prepare(curves, areaLaw != null ? areaLaw : lawChoice.build(laws.get(0).strip()),
                    schedules, rules).curves();
        }
        rules = rules.forCurves(curves);
        List<CurveInput> inputs = new ArrayList<>();
        List<boolean[]> held = new ArrayList<>();
        for (Curve c : curves) {
            CurveInput in = rules.apply(c);
            // the split is read on the kept rows: thin the split column the same way
            double[] sp = c.split() == null ? null : rules.apply(c.withLoss(c.split())).loss();
            int n = in.size();
            boolean[] hold = new boolean[n];
            double last = in.step()[n - 1];
            // the last N observed rows (a curve on its schedule has rows without a loss between checkpoints)
            int observedAfter = 0;
            for (int i = n - 1; i >= 0; i--) {
                if (sp != null) {
                    hold[i] = sp[i] == 0;
                } else if (fitFraction != null) {
                    hold[i] = in.step()[i] > fitFraction * last;
                } else {
                    hold[i] = !Double.isNaN(in.loss()[i]) && observedAfter++ < holdoutLast;
                }
            }
            boolean[] fitted = in.fitted().clone();
            for (int i = 0; i < n; i++) {
                fitted[i] &= !hold[i];
            }
            inputs.add(new CurveInput(in.run(), in.step(), in.x(), in.lr(), in.loss(), fitted));
            held.add(hold);
        }
        Progress bar = ProgressBar.forTerminal("backtest ", output.progress());
        long total = (long) laws.size() * inputs.size();
        AtomicLong done = new AtomicLong();
        ObjectNode doc = Json.object();
        ArrayNode lawsJson = doc.putArray("laws");
        Table summary = new Table("law", "runs", "median rmse", "mean rmse", "degenerate", "failed",
                "fit warnings");
        String best = null;
        double bestMedian = Double.POSITIVE_INFINITY;
        // what the plot shows: the first law's backtests of the first runs
        CurveLaw plotLaw = null;
        List<CurveInput> plotInputs = new ArrayList<>();
        List<boolean[]> plotHeld = new ArrayList<>();
        List<double[]> plotPred = new ArrayList<>();
        String plotError = null;
        for (String id : laws) {
            CurveLaw law = lawChoice.build(id.strip());
            CurveFitter.Options options = fitOptions.options(law);
            ObjectNode lj = lawsJson.addObject();
            lj.put("law", law.id());
            ArrayNode runs = lj.putArray("runs");
            List<Double> scores = new ArrayList<>();
            int degenerate = 0;
            int failed = 0;
            int warned = 0;
            for (int r = 0; r < inputs.size(); r++) {
                ObjectNode rj = runs.addObject();
                rj.put("run", inputs.get(r).run());
                try {
                    CurveBacktest.Result res = CurveBacktest.run(law, inputs.get(r), held.get(r), options);
                    if (plot != null && id.equals(laws.get(0))
                            && plotInputs.size() < org.scalefit.report.CurveReport.MAX_BACKTEST_RUNS) {
                        plotLaw = res.fit().law();
                        plotInputs.add(inputs.get(r));
                        plotHeld.add(held.get(r));
                        plotPred.add(res.predictions());
                    }
                    Json.put(rj, "rmse", res.rmseHeldOut());
                    Json.put(rj, "fitRmse", res.rmseFitted());
                    rj.put("fitted", res.fitted());
                    rj.put("heldOut", res.heldOut());
                    rj.set("parameters", Json.numbers(res.fit().parameters()));
                    ArrayNode wn = rj.putArray("warnings");
                    res.fit().warnings().forEach(wn::add);
                    warned += res.fit().warnings().isEmpty() ? 0 : 1;
                    if (res.degenerate() != null) {
                        rj.put("degenerate", res.degenerate());
                        degenerate++;
                    } else {
                        rj.putNull("degenerate");
                    }
                    scores.add(res.rmseHeldOut());
                } catch (org.scalefit.core.fit.FitException | IllegalArgumentException e) {
                    rj.put("error", e.getMessage());
                    plotError = plotError == null ? e.getMessage() : plotError;
                    failed++;
                }
                bar.update(done.incrementAndGet(), total);
            }
            double[] s = scores.stream().mapToDouble(Double::doubleValue).toArray();
            double median = s.length == 0 ? Double.NaN : median(s);
            double mean = s.length == 0 ? Double.NaN : Arrays.stream(s).average().orElse(Double.NaN);
            Json.put(lj, "medianRmse", median);
            Json.put(lj, "meanRmse", mean);
            lj.put("degenerate", degenerate);
            lj.put("failed", failed);
            lj.put("warned", warned);
            summary.row(law.id(), String.valueOf(s.length), Table.num(median), Table.num(mean),
                    String.valueOf(degenerate), String.valueOf(failed), warned + " runs (see --json)");
            if (median < bestMedian) {
                bestMedian = median;
                best = law.id();
            }
        }
        if (best != null) {
            doc.put("best", best);
        }
        if (plot != null) {
            if (plotLaw == null) {
                throw new IllegalArgumentException("--plot: the law " + laws.get(0)
                        + " failed on every run, nothing to draw; the first error: " + plotError);
            }
            outputs.put(plot, CurvePlotFile.bytes(org.scalefit.report.CurveReport.backtestPlot(plotLaw, plotInputs,
                    plotHeld, plotPred, rules.xTokens()), plot));
        }
        outputs.writeAll();
        PrintWriter pw = spec.commandLine().getOut();
        if (output.json) {
            pw.println(Json.write(doc));
        } else {
            pw.println("extrapolation RMSE of log loss on held-out rows, " + inputs.size() + " runs");
            pw.print(summary);
            if (best != null) {
                pw.println("best by median: " + best);
            }
            if (plot != null) {
                pw.println("plot written to " + plot);
            }
        }
        pw.flush();
        return 0;
    }

    static double median(double[] v) {
        return Stats.quantile(v, 0.5);
    }
}
