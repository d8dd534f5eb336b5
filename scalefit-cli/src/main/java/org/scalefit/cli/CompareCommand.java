package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.scalefit.core.data.Groups;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.PerGroup;
import org.scalefit.core.validate.Comparison;
import org.scalefit.core.validate.Holdout;
import org.scalefit.io.RunTables;
import org.scalefit.io.ValidationJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "compare", sortOptions = false, usageHelpAutoWidth = true,
        description = "Several laws on one data set, ranked by held-out error, information criteria and in-sample"
                + " fit, with a verdict on which to trust and the warning signs seen.")
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the runs: one row per run")
    Path file;

    @Mixin
    LawListOptions lawList;

    @Mixin
    HoldoutOptions holdout;

    @Option(names = "--no-backtest", description = "rank by information criteria only (no held-out runs)")
    boolean noBacktest;

    @Mixin
    DataOptions data;

    @Mixin
    ValidationFitOptions fitOptions;

    @Mixin
    GroupOptions groups;

    @Mixin
    OutputOptions output = new OutputOptions();


    @Override
    public Integer call() throws Exception {
        if (noBacktest && (holdout.condition != null || holdout.top != null)) {
            throw new IllegalArgumentException("--no-backtest contradicts --holdout/--holdout-top");
        }
        // by default the top distinct scale of --by (C) is held out
        Holdout rule = noBacktest ? null : holdout.rule(Holdout.top(1, holdout.by).withTolerance(holdout.tolerance));
        List<Law> laws = lawList.build();
        String by = rule == null ? null : rule.by();
        PrintWriter w = spec.commandLine().getOut();
        if (groups.grouped()) {
            RunTables.Sourced read = RunTables.readSourced(file);
            var results = PerGroup.run(Groups.split(read.table(), groups.groupBy), 1, g -> {
                ValidationData vd = new ValidationData(file, read.source().sha256(), g.table(), data.selection(), laws,
                        by);
                return new Ranked(vd, compare(vd, laws, rule, Progress.NONE));
            }, ProgressBar.forTerminal("groups   ", output.progress()));
            return GroupedOutput.print(w, results, groups.groupBy, output.json, r -> document(r.vd(), r.comparison()),
                    r -> human(r.vd(), r.comparison()), FitRun.commandLine(spec));
        }
        ValidationData vd = ValidationData.read(file, data.selection(), laws, by);
        Comparison c = compare(vd, laws, rule, ProgressBar.forTerminal("compare  ", output.progress()));
        if (output.json) {
            ObjectNode doc = Json.object();
            doc.put("command", FitRun.commandLine(spec));
            w.println(Json.write(doc.setAll(document(vd, c))));
        } else {
            w.print(human(vd, c));
        }
        w.flush();
        return 0;
    }

    /** A comparison and the runs it was made on. */
    private record Ranked(ValidationData vd, Comparison comparison) {
    }

    private Comparison compare(ValidationData vd, List<Law> laws, Holdout rule, Progress progress) {
        List<Comparison.Candidate> candidates = new ArrayList<>();
        for (int l = 0; l < laws.size(); l++) {
            candidates.add(new Comparison.Candidate(vd.data(l), vd.scales.get(l), fitOptions.spec(laws.get(l))));
        }
        return Comparison.run(candidates, rule, progress);
    }

    private ObjectNode document(ValidationData vd, Comparison c) {
        ObjectNode doc = Json.object();
        doc.set("data", vd.dataNode());
        doc.put("likelihood", Comparison.LIKELIHOOD);
        Comparison.Entry first = c.entries().get(0);
        doc.put("objectiveFunction", first.fit().spec().loss().toString());
        doc.put("residuals", first.fit().spec().residuals().toString());
        if (c.rule() != null) {
            doc.set("holdout", ValidationData.holdoutNode(c.rule(), first.backtest().split()));
        }
        return ValidationJson.comparison(doc, c, false);
    }

    private String human(ValidationData vd, Comparison c) {
        StringBuilder sb = new StringBuilder();
        sb.append(vd.dataLine());
        Comparison.Entry first = c.entries().get(0);
        sb.append("fit       ").append(fitOptions.describe(first.fit().spec())).append('\n');
        if (c.rule() != null) {
            sb.append(ValidationData.holdoutLine(c.rule(), first.backtest().split(), vd.scales.get(0)));
        }
        sb.append("criteria  ").append(Comparison.LIKELIHOOD).append(" (a guide only under a Huber fit)\n\n");
        List<String> head = new ArrayList<>(List.of("rank", "law", "params", "starts at opt.", "RMSE(log)",
                "AIC", "BIC"));
        if (c.rule() != null) {
            head.addAll(List.of("held-out mean ARE", "max ARE"));
        }
        Table t = new Table(head.toArray(new String[0]));
        int rank = 1;
        for (Comparison.Entry e : c.ranking()) {
            List<String> cells = new ArrayList<>(List.of(String.valueOf(rank++), e.label(),
                    String.valueOf(e.parameterCount()), e.fit().startsAtOptimum() + "/" + e.fit().startsTotal(),
                    Table.num(e.rmseLog()), String.format(java.util.Locale.ROOT, "%.2f", e.aic()), String.format(java.util.Locale.ROOT, "%.2f", e.bic())));
            if (e.backtest() != null) {
                cells.add(ValidationData.pct(e.backtest().meanAre()));
                cells.add(ValidationData.pct(e.backtest().maxAre()));
            }
            t.row(cells.toArray(new String[0]));
        }
        sb.append(t).append('\n');
        boolean any = false;
        for (Comparison.Entry e : c.ranking()) {
            for (String wn : e.warnings()) {
                if (!any) {
                    sb.append("warnings\n");
                    any = true;
                }
                sb.append("  ").append(e.label()).append(": ").append(wn).append('\n');
            }
        }
        if (any) {
            sb.append('\n');
        }
        sb.append("verdict   ").append(c.verdict()).append('\n');
        return sb.toString();
    }
}
