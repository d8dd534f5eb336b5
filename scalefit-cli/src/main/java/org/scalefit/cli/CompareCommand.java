package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.scalefit.core.law.Law;
import org.scalefit.core.validate.Comparison;
import org.scalefit.core.validate.Holdout;
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

    @Option(names = "--json", description = "print one JSON document instead of tables")
    boolean json;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (noBacktest && (holdout.condition != null || holdout.top != null)) {
            throw new IllegalArgumentException("--no-backtest contradicts --holdout/--holdout-top");
        }
        // by default the top distinct scale of --by (C) is held out
        Holdout rule = noBacktest ? null : holdout.rule(Holdout.top(1, holdout.by).withTolerance(holdout.tolerance));
        List<Law> laws = lawList.build();
        ValidationData vd = new ValidationData(file, data.selection(), laws, rule == null ? null : rule.by());
        List<Comparison.Candidate> candidates = new ArrayList<>();
        for (int l = 0; l < laws.size(); l++) {
            candidates.add(new Comparison.Candidate(vd.data(l), vd.scales.get(l), fitOptions.spec(laws.get(l))));
        }
        Comparison c = Comparison.run(candidates, rule, ProgressBar.forTerminal("compare  ", !json && !noProgress));
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(Json.write(document(vd, c)));
        } else {
            w.print(human(vd, c));
        }
        w.flush();
        return 0;
    }

    private ObjectNode document(ValidationData vd, Comparison c) throws Exception {
        ObjectNode doc = Json.object();
        doc.put("command", "scalefit " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        doc.set("data", vd.dataNode());
        doc.put("likelihood", Comparison.LIKELIHOOD);
        Comparison.Entry first = c.entries().get(0);
        doc.put("objectiveFunction", first.fit().spec().loss().toString());
        doc.put("residuals", first.fit().spec().residuals().toString());
        if (c.rule() != null) {
            doc.set("holdout", ValidationData.holdoutNode(c.rule(), first.backtest().split()));
        }
        ObjectNode out = ValidationJson.comparison(doc, c, false);
        if (!c.hasVerdict() && out.get("verdict") instanceof ObjectNode v) {
            v.putNull("trust"); // one law: nothing was chosen ("reason" says why)
        }
        return out;
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
