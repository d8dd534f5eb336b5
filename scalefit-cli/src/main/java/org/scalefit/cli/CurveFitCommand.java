package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.curve.CurveSchedules;
import org.scalefit.io.CurveFitDocuments;
import org.scalefit.io.RunTables;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code scalefit curve fit}: a curve law fitted to loss curves, jointly or per run. */
@Command(name = "fit", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Fit a curve law to per-step loss curves (CSV, TSV, JSON Lines or Parquet); all runs jointly unless --per-run.",
        footer = "%nLaws: lr-annealing (Tissue et al. 2024; --lambda, --s2-start), multi-power (Luo et al. 2025),"
                + " power-law (= m2), m1, m3, m4 (Alabdulmohsin et al. 2022), bnsl (Caballero et al. 2023; --breaks K).")
final class CurveFitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "per-step tables: step, lr, L (and run)")
    List<Path> files;
    @ArgGroup(exclusive = false, heading = "%nLaw%n")
    CurveOptions.LawChoice lawChoice = new CurveOptions.LawChoice();
    @ArgGroup(exclusive = false, heading = "%nColumns%n")
    CurveOptions.ColumnOptions columns = new CurveOptions.ColumnOptions();
    @ArgGroup(exclusive = false, heading = "%nSchedule%n")
    CurveOptions.ScheduleOption schedule = new CurveOptions.ScheduleOption();
    @ArgGroup(exclusive = false, heading = "%nCheckpoint rules%n")
    CurveOptions.RuleOptions ruleOptions = new CurveOptions.RuleOptions();
    @ArgGroup(exclusive = false, heading = "%nFitting%n")
    CurveOptions.Solve fitOptions = new CurveOptions.Solve();
    @Option(names = "--per-run", description = "fit every run on its own (JSON: {\"fits\": [...]})")
    boolean perRun;
    @Mixin
    OutputOptions output = new OutputOptions();
    @Option(names = "--out", paramLabel = "CURVEFIT.json", description = "save the fit (with --per-run: the first run's fit)")
    Path out;
    @Option(names = "--plot", paramLabel = "FILE.svg|FILE.png", description = "draw the observed curves (after the checkpoint rules) and the fitted law at the same steps")
    Path plot;
    @Option(names = "--report", paramLabel = "report.html", description = "write a self-contained HTML report: data, fit, diagnostics, plot, command")
    Path report;

    @Override
    public Integer call() throws Exception {
        CurveLaw law = lawChoice.build();
        CheckpointRules rules = ruleOptions.rules();
        Outputs outputs = new Outputs();
        outputs.target(out, "--out");
        CurvePlotFile.check(outputs, plot, "--plot");
        outputs.target(report, "--report", ".html", ".htm");
        CurveFitter.Options options = fitOptions.options(law);
        List<Curve> read = CurveOptions.readAll(files, columns.columns(true));
        CurveSchedules.Prepared prepared = CurveSchedules.prepare(read, law, schedule.schedules(columns), rules);
        List<Curve> curves = prepared.curves();
        rules = rules.forCurves(curves);
        List<CurveInput> inputs = new ArrayList<>();
        for (Curve c : curves) {
            inputs.add(rules.apply(c));
        }
        law = CurveLaws.adapt(law, inputs);
        PrintWriter pw = spec.commandLine().getOut();
        List<List<CurveInput>> jobs = new ArrayList<>();
        if (perRun) {
            for (CurveInput in : inputs) {
                jobs.add(List.of(in));
            }
        } else {
            jobs.add(inputs);
        }
        List<ObjectNode> docs = new ArrayList<>();
        List<org.scalefit.report.CurveReport.FitPart> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (List<CurveInput> job : jobs) {
            List<String> runs = new ArrayList<>();
            job.forEach(c -> runs.add(c.run()));
            CurveLaw jobLaw = perRun ? CurveLaws.adapt(lawChoice.build(), job) : law;
            CurveFit fit = CurveFitter.fit(jobLaw, job, options,
                    ProgressBar.forTerminal("fitting  ", output.progress())).withNotesFirst(prepared.notes());
            docs.add(CurveFitDocuments.fit(fit, rules, runs, files));
            parts.add(new org.scalefit.report.CurveReport.FitPart(fit, job));
            text.append(fitTable(fit, "runs: " + String.join(", ", runs))).append('\n');
        }
        if (out != null) {
            outputs.putJson(out, docs.get(0));
        }
        org.scalefit.report.plot.Plot figure = plot != null || report != null ? curvePlot(parts, rules) : null;
        if (plot != null) {
            outputs.put(plot, CurvePlotFile.bytes(figure, plot));
        }
        if (report != null) {
            List<String> names = new ArrayList<>();
            List<String> sums = new ArrayList<>();
            for (Path f : files) {
                names.add(f.toString());
                sums.add(RunTables.source(f).sha256());
            }
            List<Integer> rowsRead = new ArrayList<>();
            read.forEach(c -> rowsRead.add(c.size()));
            org.scalefit.report.CurveReport.Input in = new org.scalefit.report.CurveReport.Input(
                    FitRun.commandLine(spec), names, sums, rowsRead, describe(rules), parts, rules.xTokens());
            outputs.put(report, org.scalefit.report.CurveReport.render(in, figure));
        }
        outputs.writeAll();
        if (output.json) {
            if (perRun) {
                ObjectNode all = Json.object();
                ArrayNode a = all.putArray("fits");
                docs.forEach(a::add);
                pw.println(Json.write(all));
            } else {
                pw.println(Json.write(docs.get(0)));
            }
        } else {
            pw.print(text);
            if (out != null) {
                pw.println("saved to " + out);
            }
            if (plot != null) {
                pw.println("plot written to " + plot);
            }
            if (report != null) {
                pw.println("report written to " + report);
            }
        }
        pw.flush();
        return 0;
    }

    static String fitTable(CurveFit fit, String title) {
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('\n');
        sb.append("law ").append(fit.law().id()).append(": L = ").append(fit.law().formula());
        if (!fit.law().options().isEmpty()) {
            sb.append("   ").append(fit.law().options());
        }
        sb.append('\n');
        Table t = new Table("parameter", "value");
        fit.parameters().forEach((k, v) -> t.row(k, Table.num(v)));
        sb.append(t);
        sb.append(String.format(java.util.Locale.ROOT, "%d points, objective %s (%s on %s residuals), %d/%d starts at the"
                        + " optimum, residual rms %s, fitted in %.2f s (all starts)%n", fit.points(), Table.num(fit.objective()), fit.loss(),
                fit.residuals(), fit.startsAtOptimum(), fit.startsTotal(), Table.num(fit.residualRms()), fit.seconds()));
        sb.append(String.format(java.util.Locale.ROOT, "solver %s (%s), seed %d%n", fit.solver(),
                fit.termination().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), fit.seed()));
        for (String w : fit.warnings()) {
            sb.append("warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    /** Observed curves of every fit part with its fitted law at the same kept rows. */
    static org.scalefit.report.plot.Plot curvePlot(List<org.scalefit.report.CurveReport.FitPart> parts,
                                                   CheckpointRules rules) {
        List<CurveInput> inputs = new ArrayList<>();
        List<double[]> predicted = new ArrayList<>();
        for (org.scalefit.report.CurveReport.FitPart p : parts) {
            for (CurveInput kept : p.inputs()) {
                // learning-curve laws are undefined at x = 0 (step 0): drawn on a log axis without it
                CurveInput in = p.fit().law().needsLr() ? kept : kept.positiveX();
                inputs.add(in);
                predicted.add(p.fit().predict(in));
            }
        }
        return org.scalefit.report.CurveReport.fitPlot(parts.get(0).fit().law(), inputs, predicted, rules.xTokens());
    }

    /** The checkpoint rules in words, for the report. */
    static String describe(CheckpointRules r) {
        List<String> s = new ArrayList<>();
        s.add(r.every() == 1 ? "every row kept" : "every " + r.every() + "th row kept");
        if (!r.smoothing().equals("none")) {
            s.add("smoothing " + r.smoothing());
        }
        if (r.runningMin()) {
            s.add("running minimum");
        }
        if (r.dropSteps() > 0) {
            s.add("steps below " + Table.num(r.dropSteps()) + " left out of the objective");
        }
        if (r.dropFraction() > 0) {
            s.add("first " + Table.num(r.dropFraction()) + " of each run left out of the objective");
        }
        if (r.dropTokens() > 0) {
            s.add("rows under " + Table.num(r.dropTokens()) + " tokens left out of the objective");
        }
        s.add("x = " + (r.xTokens() ? "tokens" : "step"));
        s.add("lr areas over " + (r.areasOverAllRows() ? "all rows" : "the kept rows"));
        return String.join("; ", s);
    }
}
