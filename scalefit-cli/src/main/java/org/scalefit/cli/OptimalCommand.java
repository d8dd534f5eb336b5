package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.scalefit.core.plan.BudgetRange;
import org.scalefit.core.plan.ComputeOptimal;
import org.scalefit.core.plan.Planner;
import org.scalefit.io.FitFiles;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "optimal", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Compute-optimal model size N* and tokens D* for a budget C = 6·N·D, from a saved fit.",
            "--unique-tokens U: data-constrained allocation for a law in U (data-constrained, Muennighoff et al."
                + " 2023): D may exceed U by repeating data.",
            "--target-loss L [--inference-tokens T]: the cheapest N, D reaching loss L when the model serves T"
                + " tokens, minimising 6·N·D + 2·N·T (Sardana et al. 2024), beside the Chinchilla-optimal choice.",
            "Intervals re-plan every bootstrap draw of the fit."})
final class OptimalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    FitSource source;

    @Option(names = "--compute", paramLabel = "FLOP", description = "training compute budget(s) in FLOP; repeat for more")
    List<Double> compute = new ArrayList<>();

    @Option(names = "--unique-tokens", paramLabel = "U",
            description = "unique tokens available (data-constrained planning; needs a law in U)")
    Double uniqueTokens;

    @Option(names = "--target-loss", paramLabel = "L",
            description = "plan for this loss instead of a budget: cheapest N, D that reach it")
    Double targetLoss;

    @Option(names = "--inference-tokens", paramLabel = "T",
            description = "tokens the model will serve in its lifetime (with --target-loss; default 0)")
    Double inferenceTokens;

    @Mixin
    IntervalOutputOptions output;

    @Override
    public Integer call() throws Exception {
        FitFiles.Loaded fit = source.load();
        if (targetLoss != null) {
            if (!compute.isEmpty()) {
                throw new IllegalArgumentException("give either --compute (a budget) or --target-loss (a loss to"
                        + " reach), not both");
            }
            return inferenceAware(fit);
        }
        if (inferenceTokens != null) {
            throw new IllegalArgumentException("--inference-tokens needs --target-loss: the inference-aware plan"
                    + " minimises training plus inference FLOPs for a given loss");
        }
        if (compute.isEmpty()) {
            throw new IllegalArgumentException("give a budget with --compute FLOP, or a loss to reach with"
                    + " --target-loss L");
        }
        List<String> warnings = checkBudgets(fit);
        if (uniqueTokens != null || !ComputeOptimal.appliesTo(fit.law())) {
            return planned(fit, warnings);
        }
        List<ComputeOptimal.Result> results = new ArrayList<>();
        for (double c : compute) {
            results.add(ComputeOptimal.solve(fit.law(), fit.theta(), fit.draws(), c, output.level));
        }
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (ComputeOptimal.Result r : results) {
                arr.add(node(r));
            }
            // one budget gives one object (N, D, a, b at the top level); several give a list
            ObjectNode doc = results.size() == 1 ? (ObjectNode) arr.get(0) : Json.object().set("allocations", arr);
            w.println(Json.write(FitSource.withProvenance(withWarnings(doc, warnings), fit)));
        } else {
            boolean boot = results.get(0).draws() > 0;
            Table t = boot ? new Table("compute", "N*", "D*", "D/N", fit.law().target(), "N* interval", "D* interval")
                    : new Table("compute", "N*", "D*", "D/N", fit.law().target());
            for (ComputeOptimal.Result r : results) {
                var p = r.point();
                if (boot) {
                    t.row(Table.num(p.compute()), Table.num(p.n()), Table.num(p.d()), Table.num(p.tokensPerParameter()),
                            Table.num(p.loss()), range(r.nInterval()), range(r.dInterval()));
                } else {
                    t.row(Table.num(p.compute()), Table.num(p.n()), Table.num(p.d()), Table.num(p.tokensPerParameter()),
                            Table.num(p.loss()));
                }
            }
            w.print(FitSource.header(fit));
            w.print(t);
            var p = results.get(0).point();
            w.printf("exponents  N* ∝ C^a, D* ∝ C^b with a = %.4f, b = %.4f", p.a(), p.b());
            if (boot) {
                w.printf("  (a %.0f%% interval %s)", output.level * 100, range(results.get(0).aInterval()));
            }
            w.println();
            w.println("(C = 6·N·D; " + (boot ? results.get(0).draws() + " bootstrap draws for the intervals)"
                    : "no intervals: the fit was saved without --bootstrap)"));
            printWarnings(w, warnings);
        }
        w.flush();
        return 0;
    }

    /**
     * Refuses a budget below every run the fit was made from (core {@link BudgetRange}); the warnings for
     * budgets far above the data, in the order of the budgets.
     */
    private List<String> checkBudgets(FitFiles.Loaded fit) {
        JsonNode c = fit.document().path("data").path("ranges").path("C");
        List<String> warnings = new ArrayList<>();
        if (!c.isArray() || c.size() != 2 || !(c.get(0).asDouble() > 0) || c.get(1).asDouble() < c.get(0).asDouble()) {
            return warnings;
        }
        BudgetRange range = BudgetRange.of(c.get(0).asDouble(), c.get(1).asDouble());
        for (double b : compute) {
            range.check(b, "in " + source.label());
            range.warning(b).ifPresent(warnings::add);
        }
        return warnings;
    }

    private static void printWarnings(PrintWriter w, List<String> warnings) {
        for (String m : warnings) {
            w.println("warning: " + m);
        }
    }

    /** The --json document with the warnings array (empty when there are none). */
    private static ObjectNode withWarnings(ObjectNode o, List<String> warnings) {
        ArrayNode a = o.putArray("warnings");
        warnings.forEach(a::add);
        return o;
    }

    private int planned(FitFiles.Loaded fit, List<String> warnings) {
        double u = uniqueTokens == null ? Double.NaN : uniqueTokens;
        List<Planner.Result> results = new ArrayList<>();
        for (double c : compute) {
            results.add(Planner.computeOptimal(fit.law(), fit.theta(), fit.draws(), c, u, output.level));
        }
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (Planner.Result r : results) {
                arr.add(planNode(r));
            }
            ObjectNode doc = results.size() == 1 ? (ObjectNode) arr.get(0) : Json.object().set("allocations", arr);
            w.println(Json.write(FitSource.withProvenance(withWarnings(doc, warnings), fit)));
        } else {
            boolean boot = results.get(0).intervals() != null && !results.get(0).intervals().isEmpty();
            List<String> head = new ArrayList<>(List.of("compute", "N*", "D*", "D/N"));
            if (uniqueTokens != null) {
                head.add("epochs");
            }
            head.add(fit.law().target());
            if (boot) {
                head.add("N* interval");
                head.add("D* interval");
            }
            Table t = new Table(head.toArray(new String[0]));
            for (Planner.Result r : results) {
                var v = r.values();
                List<String> row = new ArrayList<>(List.of(Table.num(v.get("compute")), Table.num(v.get("N")),
                        Table.num(v.get("D")), Table.num(v.get("tokensPerParameter"))));
                if (uniqueTokens != null) {
                    row.add(Table.num(v.get("epochs")));
                }
                row.add(Table.num(v.get("loss")));
                if (boot) {
                    row.add(range(r.intervals().get("N")));
                    row.add(range(r.intervals().get("D")));
                }
                t.row(row.toArray(new String[0]));
            }
            w.print(FitSource.header(fit));
            w.print(t);
            w.println("(C = 6·N·D" + (uniqueTokens == null ? "" : "; " + Table.num(uniqueTokens)
                    + " unique tokens, repeated for D > U") + "; " + drawsNote(results.get(0)) + ")");
            printWarnings(w, warnings);
        }
        w.flush();
        return 0;
    }

    private int inferenceAware(FitFiles.Loaded fit) {
        double t = inferenceTokens == null ? 0 : inferenceTokens;
        double u = uniqueTokens == null ? Double.NaN : uniqueTokens;
        Planner.Result r = Planner.inferenceAware(fit.law(), fit.theta(), fit.draws(), targetLoss, t, u, output.level);
        PrintWriter w = spec.commandLine().getOut();
        if (output.json) {
            w.println(Json.write(FitSource.withProvenance(planNode(r), fit)));
        } else {
            var v = r.values();
            boolean boot = r.intervals() != null && !r.intervals().isEmpty();
            Table tb = boot ? new Table("", "inference-aware", "interval", "Chinchilla-optimal", "interval")
                    : new Table("", "inference-aware", "Chinchilla-optimal");
            String[][] rows = {{"N", "N", "chinchillaN"}, {"D (training tokens)", "D", "chinchillaD"},
                {"training FLOP", "trainingFlops", "chinchillaTrainingFlops"},
                {"inference FLOP", "inferenceFlops", "chinchillaInferenceFlops"},
                {"total FLOP", "totalFlops", "chinchillaTotalFlops"}};
            for (String[] row : rows) {
                if (boot) {
                    tb.row(row[0], Table.num(v.get(row[1])), range(r.intervals().get(row[1])),
                            Table.num(v.get(row[2])), range(r.intervals().get(row[2])));
                } else {
                    tb.row(row[0], Table.num(v.get(row[1])), Table.num(v.get(row[2])));
                }
            }
            w.printf("target %s = %s with %s inference tokens (cost 6·N·D + 2·N·T FLOP)%n", fit.law().target(),
                    Table.num(targetLoss), Table.num(t));
            w.print(FitSource.header(fit));
            w.print(tb);
            w.printf("saving against the Chinchilla-optimal model: %.2f%% of total FLOP%s%n", 100 * v.get("saving"),
                    boot ? " (interval " + String.format("[%.2f%%, %.2f%%]", 100 * r.intervals().get("saving")[0],
                            100 * r.intervals().get("saving")[1]) + ")" : "");
            w.println("(" + drawsNote(r) + ")");
        }
        w.flush();
        return 0;
    }

    private String drawsNote(Planner.Result r) {
        if (r.draws() == 0) {
            return "no intervals: the fit was saved without --bootstrap";
        }
        return String.format("%.0f%% intervals from %d bootstrap draws%s", output.level * 100, r.draws(),
                r.infeasibleDraws() > 0 ? ", " + r.infeasibleDraws() + " of which cannot reach the target and are"
                        + " left out" : "");
    }

    private ObjectNode planNode(Planner.Result r) {
        ObjectNode o = Json.object();
        r.values().forEach((k, v) -> Json.put(o, k, v));
        if (r.draws() > 0) {
            ObjectNode iv = o.putObject("intervals");
            if (r.intervals() != null) {
                r.intervals().forEach((k, v) -> Json.pair(iv, k, v));
            }
            Json.put(o, "level", output.level);
            o.put("draws", r.draws());
            o.put("infeasibleDraws", r.infeasibleDraws());
        }
        return o;
    }

    private static String range(double[] v) {
        return "[" + Table.num(v[0]) + ", " + Table.num(v[1]) + "]";
    }

    private ObjectNode node(ComputeOptimal.Result r) {
        var p = r.point();
        ObjectNode o = Json.object();
        Json.put(o, "compute", p.compute());
        Json.put(o, "N", p.n());
        Json.put(o, "D", p.d());
        Json.put(o, "a", p.a());
        Json.put(o, "b", p.b());
        Json.put(o, "loss", p.loss());
        Json.put(o, "tokensPerParameter", p.tokensPerParameter());
        if (r.draws() > 0) {
            ObjectNode iv = o.putObject("intervals");
            Json.pair(iv, "N", r.nInterval());
            Json.pair(iv, "D", r.dInterval());
            Json.pair(iv, "a", r.aInterval());
            Json.pair(iv, "b", r.bInterval());
            Json.pair(iv, "loss", r.lossInterval());
            Json.put(o, "level", output.level);
            o.put("draws", r.draws());
        }
        return o;
    }
}
