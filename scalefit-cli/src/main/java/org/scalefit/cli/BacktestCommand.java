package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

import org.scalefit.core.data.Groups;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.FitWarnings;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.PerGroup;
import org.scalefit.core.validate.Backtest;
import org.scalefit.core.validate.Holdout;
import org.scalefit.io.RunTables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "backtest", sortOptions = false, usageHelpAutoWidth = true,
        description = "Fit one or more laws on the smaller runs and predict the held-out largest ones: absolute"
                + " relative error per held-out run and overall; --rolling holds out the top 1, 2, ... K scales.")
final class BacktestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the runs: one row per run")
    Path file;

    @Mixin
    LawListOptions lawList;

    @Mixin
    HoldoutOptions holdout;

    @Option(names = "--rolling", paramLabel = "K",
            description = "hold out the top 1, 2, ..., K distinct values of --by in turn, each a separate fit")
    Integer rolling;

    @Mixin
    DataOptions data;

    @Mixin
    ValidationFitOptions fitOptions;

    /** Resamples of the kept runs: an interval on every held-out prediction. */
    @Mixin
    SolveOptions.Intervals intervals = new SolveOptions.Intervals();

    @Mixin
    GroupOptions groups;

    @Mixin
    OutputOptions output = new OutputOptions();


    @Override
    public Integer call() throws Exception {
        if (rolling != null && (holdout.condition != null || holdout.top != null)) {
            throw new IllegalArgumentException("--rolling K holds out the top 1..K values of --by itself: give it"
                    + " without --holdout or --holdout-top");
        }
        Holdout rule = holdout.rule(null);
        if (rule == null && rolling == null) {
            throw new IllegalArgumentException("say what to hold out: --holdout 'C >= 1e21', --holdout-top K"
                    + " [--by C] or --rolling K [--by C]");
        }
        if (rolling != null) {
            Limits.atMost("--rolling", rolling, Limits.CUTS);
        }
        List<Law> laws = lawList.build();
        String by = rule != null ? rule.by() : holdout.by;
        int cuts = rolling == null ? 1 : rolling;
        if (cuts < 1) {
            throw new IllegalArgumentException("--rolling needs at least 1 cut, not " + cuts);
        }
        PrintWriter w = spec.commandLine().getOut();
        if (groups.grouped()) {
            RunTables.Sourced read = RunTables.readSourced(file);
            var results = PerGroup.run(Groups.split(read.table(), groups.groupBy), 1,
                    g -> backtests(new ValidationData(file, read.source().sha256(), g.table(), data.selection(), laws,
                            by), laws, rule, cuts, Progress.NONE),
                    ProgressBar.forTerminal("groups   ", output.progress()));
            return GroupedOutput.print(w, results, groups.groupBy, output.json, Run::document, Run::human,
                    FitRun.commandLine(spec));
        }
        ValidationData vd = ValidationData.read(file, data.selection(), laws, by);
        Run run = backtests(vd, laws, rule, cuts, ProgressBar.forTerminal("backtest ", output.progress()));
        if (output.json) {
            ObjectNode doc = Json.object();
            doc.put("command", FitRun.commandLine(spec));
            w.println(Json.write(doc.setAll(run.document())));
        } else {
            w.print(run.human());
        }
        w.flush();
        return 0;
    }

    /** One backtest of every law on the runs of {@code vd}: results[cut][law]. */
    private Run backtests(ValidationData vd, List<Law> laws, Holdout rule, int cuts, Progress bar) {
        Backtest.Options options = new Backtest.Options(intervals.bootstrap, intervals.level, fitOptions.run.seed);
        String by = rule != null ? rule.by() : holdout.by;
        List<FitSpec> specs = new ArrayList<>();
        for (Law law : laws) {
            specs.add(fitOptions.spec(law));
        }
        AtomicInteger done = new AtomicInteger();
        int total = cuts * laws.size();
        List<List<Backtest.Result>> results = new ArrayList<>();
        for (int k = 1; k <= cuts; k++) {
            Holdout r = rolling == null ? rule : Holdout.top(k, by).withTolerance(holdout.tolerance);
            List<Backtest.Result> row = new ArrayList<>();
            for (int l = 0; l < laws.size(); l++) {
                row.add(Backtest.run(vd.data(l), vd.scales.get(l), r, specs.get(l), options, Progress.NONE));
                bar.update(done.incrementAndGet(), total);
            }
            results.add(row);
        }
        return new Run(vd, results, specs.get(0));
    }

    /** A finished backtest, printed as a table or a document. */
    private final class Run {
        final ValidationData vd;
        final List<List<Backtest.Result>> results;
        final FitSpec anySpec;

        Run(ValidationData vd, List<List<Backtest.Result>> results, FitSpec anySpec) {
            this.vd = vd;
            this.results = results;
            this.anySpec = anySpec;
        }

        ObjectNode document() {
            ObjectNode doc = BacktestCommand.this.document(vd, results);
            ArrayNode wn = doc.putArray("warnings");
            warnings(results).forEach(wn::add);
            return doc;
        }

        String human() {
            StringBuilder sb = new StringBuilder(BacktestCommand.this.human(vd, results, anySpec));
            List<String> warnings = warnings(results);
            if (!warnings.isEmpty()) {
                sb.append("\nwarnings\n");
                warnings.forEach(s -> sb.append("  ").append(s).append('\n'));
            }
            return sb.toString();
        }
    }

    private ObjectNode document(ValidationData vd, List<List<Backtest.Result>> results) {
        ObjectNode doc = Json.object();
        doc.set("data", vd.dataNode());
        Backtest.Result first = results.get(0).get(0);
        doc.put("objectiveFunction", first.fit().spec().loss().toString());
        doc.put("residuals", first.fit().spec().residuals().toString());
        doc.put("errorMeasure", "are = |predicted - actual| / actual; rmseLog = RMS of ln(predicted/actual)");
        if (rolling == null) {
            doc.set("holdout", ValidationData.holdoutNode(first.rule(), first.split()));
            doc.set("laws", lawNodes(results.get(0)));
            return doc;
        }
        ObjectNode ro = doc.putObject("rolling");
        ro.put("by", first.rule().by());
        ro.put("cuts", rolling);
        ArrayNode cuts = doc.putArray("cuts");
        for (List<Backtest.Result> row : results) {
            ObjectNode c = cuts.addObject();
            c.set("holdout", ValidationData.holdoutNode(row.get(0).rule(), row.get(0).split()));
            c.set("laws", lawNodes(row));
        }
        ArrayNode summary = doc.putArray("summary");
        for (int l = 0; l < results.get(0).size(); l++) {
            ObjectNode s = summary.addObject();
            s.put("law", Backtest.label(results.get(0).get(l).law()));
            ArrayNode m = s.putArray("meanAre");
            double sum = 0;
            for (List<Backtest.Result> row : results) {
                Json.add(m, row.get(l).meanAre());
                sum += row.get(l).meanAre();
            }
            Json.put(s, "meanAreOverCuts", sum / results.size());
        }
        return doc;
    }

    /** The warning signs of every backtest fit, each prefixed by its law (and its cut when rolling). */
    private List<String> warnings(List<List<Backtest.Result>> results) {
        List<String> out = new ArrayList<>();
        for (List<Backtest.Result> row : results) {
            for (Backtest.Result r : row) {
                String who = Backtest.label(r.law()) + (rolling == null ? "" : " (top " + r.rule().topCount() + ")");
                FitWarnings.of(r.fit()).forEach(s -> out.add(who + ": " + s));
            }
        }
        return out;
    }

    private static ArrayNode lawNodes(List<Backtest.Result> row) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (Backtest.Result r : row) {
            a.add(ValidationData.lawNode(r));
        }
        return a;
    }

    private String human(ValidationData vd, List<List<Backtest.Result>> results, FitSpec anySpec) {
        return BacktestTable.render(vd, results, fitOptions.describe(anySpec), rolling, intervals.bootstrap,
                intervals.level);
    }
}
