package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.curve.Schedule;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.io.CurveColumns;
import org.scalefit.io.CurveFiles;
import org.scalefit.io.RunTables;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code scalefit curve fit|predict|backtest|bench}: laws for whole loss curves under an lr schedule. */
@Command(name = "curve", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Fit, predict and backtest whole training-loss curves (lr-annealing and learning-curve laws).",
        subcommands = {CurveCommand.Fit.class, CurveCommand.Predict.class, CurveBacktestCommand.class,
            CurveBenchCommand.class})
final class CurveCommand implements Runnable {
    static final String FORMAT = "scalefit-curvefit/1";

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Column mapping of a per-step file. */
    static final class ColumnOptions {
        @Option(names = "--run", paramLabel = "COL", description = "run id column (default: 'run' if present; else one run)")
        String run;
        @Option(names = "--step", paramLabel = "COL", description = "step column (default: step)")
        String step;
        @Option(names = "--tokens", paramLabel = "COL", description = "tokens column (default: tokens if present)")
        String tokens;
        @Option(names = "--lr", paramLabel = "COL", description = "learning-rate column (default: lr if present)")
        String lr;
        @Option(names = "--loss", paramLabel = "COL", description = "loss column (default: L, loss or Metrics/loss)")
        String loss;
        @Option(names = "--group", paramLabel = "COL", split = ",", description = "columns that describe a run, kept with it")
        List<String> groups = new ArrayList<>();

        CurveColumns columns(boolean lossRequired) {
            return new CurveColumns(run, step, tokens, lr, loss, groups, lossRequired);
        }
    }

    /** Checkpoint rules. */
    static final class RuleOptions {
        @Option(names = "--every", paramLabel = "K", defaultValue = "1", description = "keep every K-th row of each run (default ${DEFAULT-VALUE})")
        int every;
        @Option(names = "--drop-steps", paramLabel = "S", defaultValue = "0", description = "leave steps below S (warm-up) out of the objective")
        double dropSteps;
        @Option(names = "--drop-fraction", paramLabel = "F", defaultValue = "0", description = "leave the first fraction F of each run out of the objective (0.1 as the Hitchhiker's Guide)")
        double dropFraction;
        @Option(names = "--drop-tokens", paramLabel = "T", defaultValue = "0", description = "leave rows with fewer than T tokens out of the objective")
        double dropTokens;
        @Option(names = "--smooth", paramLabel = "none|ema:BETA|mean:W", defaultValue = "none", description = "smooth the kept losses (default ${DEFAULT-VALUE})")
        String smooth;
        @Option(names = "--running-min", description = "use the minimum loss so far")
        boolean runningMin;
        @Option(names = "--x", paramLabel = "step|tokens", defaultValue = "step", description = "the variable of learning-curve laws (default ${DEFAULT-VALUE})")
        String x;
        @Option(names = "--areas", paramLabel = "kept|all", defaultValue = "kept",
                description = "sum lr areas over the kept rows (the published recipe; parameters depend on --every)"
                        + " or over all rows (default ${DEFAULT-VALUE})")
        String areas;

        CheckpointRules rules() {
            if (!x.equals("step") && !x.equals("tokens")) {
                throw new IllegalArgumentException("--x must be step or tokens, not '" + x + "'");
            }
            if (!areas.equals("kept") && !areas.equals("all")) {
                throw new IllegalArgumentException("--areas must be kept or all, not '" + areas + "'");
            }
            return new CheckpointRules(every, smooth, runningMin, dropSteps, dropFraction, dropTokens, x.equals("tokens"),
                    areas.equals("all"));
        }
    }

    /** Which law, with its options. */
    static final class LawChoice {
        @Option(names = "--law", paramLabel = "ID", defaultValue = "lr-annealing", description = "curve law (default ${DEFAULT-VALUE}); the list is below")
        String law;
        @Option(names = "--lambda", paramLabel = "L", description = "lr-annealing: momentum of the annealing area (default 0.999)")
        Double lambda;
        @Option(names = "--s2-start", paramLabel = "eta0|zero", description = "lr-annealing: first momentum term (default eta0, as the published fits)")
        String s2Start;
        @Option(names = "--breaks", paramLabel = "K", description = "bnsl: number of breaks (default 1)")
        Integer breaks;

        CurveLaw build() {
            Map<String, String> o = new LinkedHashMap<>();
            if (lambda != null) {
                o.put("lambda", lambda.toString());
            }
            if (s2Start != null) {
                o.put("s2Start", s2Start);
            }
            if (breaks != null) {
                o.put("breaks", breaks.toString());
            }
            return CurveLaws.create(law, o);
        }
    }

    /** Fitting options shared by fit and backtest. */
    static final class FitOptions {
        @Option(names = "--objective", paramLabel = "huber[:DELTA]|squared|absolute", description = "per-point loss, summed (default: the law's recipe)")
        String objective;
        @Option(names = "--residuals", paramLabel = "log|linear", defaultValue = "log", description = "residual scale (default ${DEFAULT-VALUE})")
        String residuals;
        @Option(names = "--starts", paramLabel = "K", description = "K seeded random starts instead of the law's grid")
        Integer starts;
        @Option(names = "--seed", defaultValue = "0", description = "seed for random starts (default ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--threads", paramLabel = "T", description = "threads (default: all cores)")
        Integer threads;

        CurveFitter.Options options(CurveLaw law) {
            if (starts != null) {
                Limits.atMost("--starts", starts, Limits.STARTS);
            }
            CurveFitter.Options o = new CurveFitter.Options(
                    objective != null ? Loss.parse(objective) : CurveLaws.recommendedLoss(law),
                    Residuals.parse(residuals), starts != null ? StartPlan.random(starts) : null, seed,
                    threads != null ? threads : Runtime.getRuntime().availableProcessors());
            if (o.threads() < 1) {
                throw new IllegalArgumentException("--threads must be at least 1");
            }
            return o;
        }
    }

    static List<Curve> readAll(List<Path> files, CurveColumns columns) throws java.io.IOException {
        List<Curve> all = new ArrayList<>();
        for (Path f : files) {
            List<Curve> cs = CurveFiles.read(f, columns);
            for (Curve c : cs) {
                // a file without a run column is one run: name it after the file
                all.add(c.run().isEmpty() ? c.withRun(stem(f)) : c);
            }
        }
        return all;
    }

    static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    static ObjectNode fitJson(CurveFit fit, CheckpointRules rules, List<String> runs, List<Path> files) {
        ObjectNode o = Json.object();
        o.put("format", FORMAT);
        o.put("law", fit.law().id());
        o.put("formula", fit.law().formula());
        ObjectNode opts = o.putObject("options");
        fit.law().options().forEach((k, v) -> {
            if (v instanceof Number n) {
                Json.put(opts, k, n.doubleValue());
            } else {
                opts.put(k, String.valueOf(v));
            }
        });
        fit.law().options().forEach((k, v) -> {
            if (k.equals("lambda")) {
                Json.put(o, "lambda", ((Number) v).doubleValue());
            }
        });
        o.put("points", fit.points());
        o.set("parameters", Json.numbers(fit.parameters()));
        Json.put(o, "objective", fit.objective());
        o.put("loss", fit.loss().toString());
        o.put("residuals", fit.residuals().toString());
        ObjectNode st = o.putObject("starts");
        st.put("total", fit.startsTotal());
        st.put("atOptimum", fit.startsAtOptimum());
        ArrayNode wn = o.putArray("warnings");
        fit.warnings().forEach(wn::add);
        o.put("evaluations", fit.evaluations());
        Json.put(o, "residualRms", fit.residualRms());
        Json.put(o, "seconds", fit.seconds());
        ObjectNode r = o.putObject("rules");
        r.put("every", rules.every());
        r.put("smoothing", rules.smoothing());
        r.put("runningMin", rules.runningMin());
        Json.put(r, "dropSteps", rules.dropSteps());
        Json.put(r, "dropFraction", rules.dropFraction());
        Json.put(r, "dropTokens", rules.dropTokens());
        r.put("x", rules.xTokens() ? "tokens" : "step");
        r.put("areas", rules.areasOverAllRows() ? "all" : "kept");
        ArrayNode rs = o.putArray("runs");
        runs.forEach(rs::add);
        ArrayNode fs = o.putArray("files");
        files.forEach(f -> fs.add(f.toString()));
        return o;
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
        for (String w : fit.warnings()) {
            sb.append("warning: ").append(w).append('\n');
        }
        return sb.toString();
    }

    @Command(name = "fit", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = "Fit a curve law to per-step loss curves (CSV, TSV, JSON Lines or Parquet); all runs jointly unless --per-run.",
            footer = "%nLaws: lr-annealing (Tissue et al. 2024; --lambda, --s2-start), multi-power (Luo et al. 2025),"
                    + " power-law (= m2), m1, m3, m4 (Alabdulmohsin et al. 2022), bnsl (Caballero et al. 2023; --breaks K).")
    static final class Fit implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(arity = "1..*", paramLabel = "FILE", description = "per-step tables: step, lr, L (and run)")
        List<Path> files;
        @ArgGroup(exclusive = false, heading = "%nLaw%n")
        LawChoice lawChoice = new LawChoice();
        @ArgGroup(exclusive = false, heading = "%nColumns%n")
        ColumnOptions columns = new ColumnOptions();
        @ArgGroup(exclusive = false, heading = "%nCheckpoint rules%n")
        RuleOptions ruleOptions = new RuleOptions();
        @ArgGroup(exclusive = false, heading = "%nFitting%n")
        FitOptions fitOptions = new FitOptions();
        @Option(names = "--per-run", description = "fit every run on its own (JSON: {\"fits\": [...]})")
        boolean perRun;
        @Option(names = "--json", description = "print one JSON document instead of tables")
        boolean json;
        @Option(names = "--out", paramLabel = "CURVEFIT.json", description = "save the fit (with --per-run: the first run's fit)")
        Path out;
        @Option(names = "--no-progress", description = "no progress bar")
        boolean noProgress;
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
            List<Curve> curves = readAll(files, columns.columns(true));
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
                        ProgressBar.forTerminal("fitting  ", !json && !noProgress));
                docs.add(fitJson(fit, rules, runs, files));
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
                curves.forEach(c -> rowsRead.add(c.size()));
                org.scalefit.report.CurveReport.Input in = new org.scalefit.report.CurveReport.Input(
                        FitRun.commandLine(spec), names, sums, rowsRead, describe(rules), parts, rules.xTokens());
                outputs.put(report, org.scalefit.report.CurveReport.render(in, figure));
            }
            outputs.writeAll();
            if (json) {
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
    }

    /** Observed curves of every fit part with its fitted law at the same kept rows. */
    static org.scalefit.report.plot.Plot curvePlot(List<org.scalefit.report.CurveReport.FitPart> parts,
                                                   CheckpointRules rules) {
        List<CurveInput> inputs = new ArrayList<>();
        List<double[]> predicted = new ArrayList<>();
        for (org.scalefit.report.CurveReport.FitPart p : parts) {
            for (CurveInput kept : p.inputs()) {
                // learning-curve laws are undefined at x = 0 (step 0): drawn on a log axis without it
                CurveInput in = p.fit().law().needsLr() ? kept : positiveX(kept);
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

    @Command(name = "predict", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
            description = "Predict a loss curve for a learning-rate schedule from a saved curve fit.")
    static final class Predict implements Callable<Integer> {
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
        ColumnOptions columns = new ColumnOptions();
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
            CurveFitFile saved = new CurveFitFile(fitFile);
            if (schedule == null) {
                throw new IllegalArgumentException("--schedule is required: a per-step file or a spec such as"
                        + " cosine:steps=10000,peak=1e-3,final=1e-4");
            }
            int k = every != null ? every : saved.every;
            List<Curve> curves = scheduleCurves(schedule, columns);
            // with areas over the kept rows the thinning is part of the law: keep the fit's, print every k-th
            int stride = 1;
            if (!saved.areasAll && saved.law.needsLr() && k != saved.every) {
                if (k % saved.every != 0) {
                    throw new IllegalArgumentException("--every " + k + ": the fit summed lr areas over every "
                            + saved.every + "th step (--areas kept), so predictions exist at multiples of "
                            + saved.every + " only; give a multiple of " + saved.every);
                }
                stride = k / saved.every;
                k = saved.every;
            }
            CheckpointRules rules = new CheckpointRules(k, "none", false, 0, 0, 0, saved.xTokens, saved.areasAll);
            ObjectNode doc = Json.object();
            ArrayNode preds = doc.putArray("predictions");
            List<String[]> rows = new ArrayList<>();
            boolean anyObserved = false;
            List<CurveInput> drawn = new ArrayList<>();
            List<double[]> drawnPred = new ArrayList<>();
            for (Curve c : curves) {
                CurveInput in = rules.apply(c);
                if (!saved.law.needsLr()) {
                    in = positiveX(in); // learning-curve laws are undefined at x = 0 (step 0)
                }
                if (saved.law.needsLr() && in.lr() == null) {
                    throw new IllegalArgumentException(schedule + ": the law " + saved.law.id()
                            + " needs an lr column (or give a schedule spec)");
                }
                double[] p = saved.law.predict(saved.theta, in);
                drawn.add(in);
                drawnPred.add(p);
                for (int i = 0; i < p.length; i++) {
                    if (!in.fitted()[i] || i % stride != 0) {
                        continue; // only every k-th step is printed
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
                    for (Curve c : readAll(List.of(data), columns.columns(true))) {
                        CurveInput in = rules.apply(c);
                        observed.add(saved.law.needsLr() ? in : positiveX(in));
                    }
                } else {
                    for (CurveInput in : drawn) {
                        if (java.util.Arrays.stream(in.loss()).anyMatch(Double::isFinite)) {
                            observed.add(in);
                        }
                    }
                }
                outputs.put(plot, CurvePlotFile.bytes(org.scalefit.report.CurveReport.predictPlot(saved.law, drawn,
                        drawnPred, observed.isEmpty() ? null : observed, saved.xTokens), plot));
            }
            outputs.writeAll();
            PrintWriter pw = spec.commandLine().getOut();
            // the observed column only when the schedule file has losses
            Table table = anyObserved ? new Table("run", "step", "predicted loss", "observed")
                    : new Table("run", "step", "predicted loss");
            for (String[] r : rows) {
                table.row(anyObserved ? r : java.util.Arrays.copyOf(r, 3));
            }
            pw.println(json ? Json.write(doc) : table.toString());
            if (plot != null && !json) {
                pw.println("plot written to " + plot);
            }
            pw.flush();
            return 0;
        }
    }

    /** The rows with x > 0. */
    static CurveInput positiveX(CurveInput c) {
        int n = 0;
        for (double x : c.x()) {
            if (x > 0) {
                n++;
            }
        }
        double[] step = new double[n];
        double[] x = new double[n];
        double[] lr = c.lr() == null ? null : new double[n];
        double[] loss = new double[n];
        boolean[] fitted = new boolean[n];
        int j = 0;
        for (int i = 0; i < c.size(); i++) {
            if (c.x()[i] > 0) {
                step[j] = c.step()[i];
                x[j] = c.x()[i];
                if (lr != null) {
                    lr[j] = c.lr()[i];
                }
                loss[j] = c.loss()[i];
                fitted[j] = true;
                j++;
            }
        }
        return new CurveInput(c.run(), step, x, lr, loss, fitted);
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
    static List<Curve> scheduleCurves(String schedule, ColumnOptions columns) throws java.io.IOException {
        Path p = Path.of(schedule);
        if (Files.isRegularFile(p)) {
            return readAll(List.of(p), columns.columns(false));
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
            if (!schedule.contains(":") && !schedule.matches("[A-Za-z]+")) {
                throw new IllegalArgumentException(schedule + ": no such file, and not a schedule spec such as"
                        + " cosine:steps=10000,peak=1e-3,final=1e-4");
            }
            Schedule s = Schedule.parse(schedule);
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
