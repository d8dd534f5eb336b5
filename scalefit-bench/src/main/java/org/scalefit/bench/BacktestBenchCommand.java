package org.scalefit.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.synth.SyntheticSweep;
import org.scalefit.core.validate.Backtest;
import org.scalefit.core.validate.Holdout;
import org.scalefit.core.validate.Scales;
import org.scalefit.cli.Table;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code scalefit bench backtest}: every rolling cut of a generated Chinchilla table, fitted with three laws, timed.
 */
@Command(name = "backtest", sortOptions = false, usageHelpAutoWidth = true,
        description = "Benchmark: a rolling backtest over every held-out cut of a generated table (Chinchilla law,"
                + " 1%% noise) with three laws: chinchilla, kaplan and a power law in C.")
final class BacktestBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--rows", defaultValue = "1000", description = "rows of the generated table (default ${DEFAULT-VALUE})")
    int rows;

    @Option(names = "--budgets", defaultValue = "10", description = "distinct compute budgets (default ${DEFAULT-VALUE})")
    int budgets;

    @Option(names = "--solver", defaultValue = "auto", description = "as for backtest (default ${DEFAULT-VALUE})")
    String solver;

    @Option(names = "--starts", paramLabel = "K", defaultValue = "8",
            description = "K random starts per fit (default ${DEFAULT-VALUE}; 0 = each law's grid)")
    int starts;

    @Option(names = "--threads", description = "threads (default: all cores)")
    Integer threads;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() {
        if (budgets < 2 || rows < budgets) {
            throw new IllegalArgumentException("need at least 2 budgets and at least one row per budget");
        }
        Limits.atMost("--rows", rows, Limits.ROWS);
        Law chinchilla = LawCatalogue.get("chinchilla");
        double[] theta = {1.82, 482.0, 2085.0, 0.348, 0.366};
        double[] c = new double[budgets];
        for (int b = 0; b < budgets; b++) {
            c[b] = 1e18 * Math.pow(10, 4.0 * b / (budgets - 1)); // 1e18 .. 1e22
        }
        RunTable table = SyntheticSweep.isoFlop(chinchilla, theta, c, rows / budgets, 4, 0.01, 1);
        Law powerC = Law.builder("custom", "E + A*C^-alpha")
                .parameter(Parameter.logScale("E", 1e-4, 1e3, "", 0.5, 1, 2))
                .parameter(Parameter.logScale("A", 1e-6, 1e30, "", 1, 1e5, 1e10))
                .parameter(Parameter.linear("alpha", 0, 5, "", 0.05, 0.2, 0.5))
                .build();
        List<Law> laws = List.of(chinchilla, LawCatalogue.get("kaplan"), powerC);
        Selection sel = new Selection();
        int cuts = budgets - 1;
        PrintWriter err = spec.commandLine().getErr();
        err.println("backtest over " + cuts + " rolling cuts x " + laws.size() + " laws on " + table.rowCount()
                + " rows ...");
        err.flush();
        long t0 = System.nanoTime();
        List<double[]> perCut = new ArrayList<>();
        List<Double> seconds = new ArrayList<>();
        List<String> plans = new ArrayList<>();
        for (Law law : laws) {
            long t = System.nanoTime();
            FitData data = sel.apply(table, law).data();
            double[] scale = Scales.of(table, sel, law, "C");
            FitSpec fs = spec(law);
            plans.add(fs.solver() + ", " + fs.starts());
            List<Backtest.Result> rs = Backtest.rolling(data, scale, "C", cuts, Holdout.DEFAULT_TOLERANCE, fs,
                    Backtest.Options.NONE, Progress.NONE);
            double[] are = new double[rs.size()];
            for (int k = 0; k < are.length; k++) {
                are[k] = rs.get(k).meanAre();
            }
            perCut.add(are);
            seconds.add((System.nanoTime() - t) / 1e9);
        }
        double total = (System.nanoTime() - t0) / 1e9;
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            ObjectNode doc = Json.object();
            doc.put("rows", table.rowCount());
            doc.put("cuts", cuts);
            Json.put(doc, "seconds", total);
            ArrayNode ls = doc.putArray("laws");
            for (int l = 0; l < laws.size(); l++) {
                ObjectNode n = ls.addObject();
                n.put("law", Backtest.label(laws.get(l)));
                n.put("fit", plans.get(l));
                Json.put(n, "seconds", seconds.get(l));
                ArrayNode a = n.putArray("meanAre");
                for (double v : perCut.get(l)) {
                    Json.add(a, v);
                }
            }
            w.println(Json.write(doc));
        } else {
            Table t = new Table("law", "fit", "cuts", "wall s", "mean ARE top 1", "mean ARE top " + cuts);
            for (int l = 0; l < laws.size(); l++) {
                double[] a = perCut.get(l);
                t.row(Backtest.label(laws.get(l)), plans.get(l), String.valueOf(cuts),
                        String.format(java.util.Locale.ROOT, "%.2f", seconds.get(l)), pct(a[0]), pct(a[a.length - 1]));
            }
            w.print(t);
            w.printf(java.util.Locale.ROOT, "total: %d fits on %d rows in %.2f s (%d threads)%n", cuts * laws.size(),
                    table.rowCount(), total, threads != null ? threads : Runtime.getRuntime().availableProcessors());
        }
        w.flush();
        return 0;
    }

    /** As {@code scalefit backtest --objective huber:1e-3 --residuals log --solver S [--starts K] [--threads T]}. */
    private FitSpec spec(Law law) {
        if (starts > 0) {
            Limits.atMost("--starts", starts, Limits.STARTS);
        }
        StartPlan plan = starts > 0 ? StartPlan.random(starts) : StartPlan.auto(law.parameters());
        FitSpec fs = FitSpec.defaults(law)
                .withLoss(Loss.parse("huber:1e-3"))
                .withResiduals(Residuals.parse("log"))
                .withSolver(Solver.choose(solver, law, plan))
                .withSeed(0)
                .withStarts(plan)
                .withScreening(true);
        return threads != null ? fs.withThreads(threads) : fs;
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(java.util.Locale.ROOT, "%.3f%%", 100 * v);
    }
}
