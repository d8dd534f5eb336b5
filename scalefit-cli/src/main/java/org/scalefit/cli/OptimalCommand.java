package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.scalefit.core.plan.ComputeOptimal;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(name = "optimal", sortOptions = false, usageHelpAutoWidth = true,
        description = "Compute-optimal model size N* and tokens D* for a budget C = 6·N·D, from a saved fit.")
final class OptimalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--fit", required = true, paramLabel = "FIT.json", description = "a fit saved with 'scalefit fit ... --out'")
    Path fitFile;

    @Option(names = "--compute", required = true, paramLabel = "FLOP", description = "training compute budget(s) in FLOP; repeat for more")
    List<Double> compute = new ArrayList<>();

    @Option(names = "--level", defaultValue = "0.95", description = "interval level (default ${DEFAULT-VALUE})")
    double level;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("--level must lie strictly between 0 and 1, not " + level);
        }
        FitFile.Loaded fit = FitFile.read(fitFile);
        List<ComputeOptimal.Result> results = new ArrayList<>();
        for (double c : compute) {
            results.add(ComputeOptimal.solve(fit.law(), fit.theta(), fit.draws(), c, level));
        }
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            ArrayNode arr = Json.MAPPER.createArrayNode();
            for (ComputeOptimal.Result r : results) {
                arr.add(node(r));
            }
            // one budget gives one object (N, D, a, b at the top level); several give a list
            w.println(Json.write(results.size() == 1 ? arr.get(0) : Json.object().set("allocations", arr)));
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
            w.print(t);
            var p = results.get(0).point();
            w.printf("exponents  N* ∝ C^a, D* ∝ C^b with a = %.4f, b = %.4f", p.a(), p.b());
            if (boot) {
                w.printf("  (a %.0f%% interval %s)", level * 100, range(results.get(0).aInterval()));
            }
            w.println();
            w.println("(C = 6·N·D; " + (boot ? results.get(0).draws() + " bootstrap draws for the intervals)"
                    : "no intervals: the fit was saved without --bootstrap)"));
        }
        w.flush();
        return 0;
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
            Json.put(o, "level", level);
            o.put("draws", r.draws());
        }
        return o;
    }
}
