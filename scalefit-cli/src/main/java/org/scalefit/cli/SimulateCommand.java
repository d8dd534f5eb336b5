package org.scalefit.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.scalefit.core.data.RunTable;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.law.CoefficientSet;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.synth.GroupedSweeps;
import org.scalefit.core.synth.SyntheticSweep;
import org.scalefit.io.RunTables;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", sortOptions = false, usageHelpAutoWidth = true,
        description = "Write a synthetic sweep drawn from a catalogue law with known coefficients and log-normal noise.")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--law", required = true, paramLabel = "ID", description = "a catalogue law")
    String lawId;

    @Option(names = "--coefficients", paramLabel = "LABEL",
            description = "a published coefficient set of the law (default: its first)")
    String coefficients;

    @Option(names = "--set", paramLabel = "NAME=VALUE", description = "override one coefficient")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--budgets", split = ",", paramLabel = "C1,C2,...",
            defaultValue = "6e18,1e19,3e19,6e19,1e20,3e20,6e20,1e21,3e21",
            description = "IsoFLOP compute budgets for laws in N and D (default ${DEFAULT-VALUE})")
    double[] budgets;

    @Option(names = "--per-budget", defaultValue = "9", description = "model sizes per budget (default ${DEFAULT-VALUE})")
    int perBudget;

    @Option(names = "--spread", defaultValue = "6", description = "sizes span N* / spread .. N* x spread (default ${DEFAULT-VALUE})")
    double spread;

    @Option(names = "--range", paramLabel = "VAR=LOW..HIGH", description = "for laws not in N and D: each variable's range")
    List<String> ranges = new ArrayList<>();

    @Option(names = "--points", defaultValue = "12", description = "grid points per variable with --range (default ${DEFAULT-VALUE})")
    int points;

    @Option(names = "--noise", defaultValue = "0.01", description = "log-normal noise sd on the target (default ${DEFAULT-VALUE})")
    double noise;

    @Option(names = "--seed", defaultValue = "1", description = "noise seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--groups", paramLabel = "K", defaultValue = "0",
            description = "K groups (a 'group' column), each an IsoFLOP sweep from its own coefficients: the chosen"
                    + " set, each value times exp(VARY·z), z standard normal (seeded)")
    int groups;

    @Option(names = "--broken", paramLabel = "B", defaultValue = "0",
            description = "B more groups that cannot be fitted: too few rows, a negative loss, a text cell, an empty"
                    + " cell, a zero model size (cycled)")
    int broken;

    @Option(names = "--vary", defaultValue = "0.1",
            description = "with --groups: log-scale spread of each group's coefficients (default ${DEFAULT-VALUE})")
    double vary;

    @Option(names = "--truth", paramLabel = "FILE.csv",
            description = "with --groups: write each group's coefficients (and why a broken group is broken)")
    Path truth;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.csv", description = "where to write the CSV")
    Path out;

    @Override
    public Integer call() throws Exception {
        Outputs outputs = new Outputs();
        outputs.target(out, "-o", ".csv");
        outputs.target(truth, "--truth", ".csv");
        if (truth != null && groups + broken == 0) {
            throw new IllegalArgumentException("--truth is for --groups K: one sweep's truth is its --set values");
        }
        Limits.atMost("--per-budget", perBudget, Limits.ROWS);
        Limits.atMost("--points", points, Limits.ROWS);
        Law law = LawCatalogue.get(lawId);
        if (law.published().isEmpty() && overrides.isEmpty()) {
            throw new IllegalArgumentException("the law " + lawId + " has no published coefficients: give them with --set");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        if (!law.published().isEmpty()) {
            CoefficientSet set = law.published().get(0);
            if (coefficients != null) {
                set = law.published().stream().filter(c -> c.label().equals(coefficients)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("the law " + lawId + " has no coefficient set '"
                                + coefficients + "'; see 'scalefit laws " + lawId + "'"));
            }
            values.putAll(set.values());
        }
        for (String o : overrides) {
            Map<String, Double> kv = PredictCommand.parsePoint(o);
            values.putAll(kv);
        }
        double[] theta = new double[law.parameters().size()];
        for (int k = 0; k < theta.length; k++) {
            Double v = values.get(law.parameterNames().get(k));
            if (v == null) {
                throw new IllegalArgumentException("no value for parameter " + law.parameterNames().get(k) + "; give it with --set");
            }
            theta[k] = v;
        }
        RunTable table;
        if (groups + broken > 0) {
            if (!ranges.isEmpty()) {
                throw new IllegalArgumentException("--groups makes IsoFLOP sweeps of laws in N and D; --range is not used");
            }
            GroupedSweeps.Result made = GroupedSweeps.make(law, theta, groups, broken, vary, budgets, perBudget,
                    spread, noise, seed);
            RunTables.writeCsv(made.runs(), out);
            if (truth != null) {
                RunTables.writeCsv(made.truth(), truth);
            }
            PrintWriter w = spec.commandLine().getOut();
            w.println("wrote " + made.runs().rowCount() + " runs of " + groups + " groups (+" + broken + " broken) of "
                    + lawId + " around " + values + ", vary " + vary + ", noise " + noise + " (seed " + seed + ") to "
                    + out + (truth == null ? "" : "; truth in " + truth));
            w.flush();
            return 0;
        }
        if (ranges.isEmpty() && law.variables().size() == 2 && law.variables().contains("N")
                && law.variables().contains("D")) {
            table = SyntheticSweep.isoFlop(law, theta, budgets, perBudget, spread, noise, seed);
        } else {
            Map<String, double[]> rg = new LinkedHashMap<>();
            for (String r : ranges) {
                int eq = r.indexOf('=');
                int dots = r.indexOf("..");
                if (eq <= 0 || dots < eq) {
                    throw new IllegalArgumentException("--range '" + r + "': expected VAR=LOW..HIGH");
                }
                rg.put(r.substring(0, eq).strip(), new double[] {
                    LawOptions.number(r.substring(eq + 1, dots), "--range " + r),
                    LawOptions.number(r.substring(dots + 2), "--range " + r)});
            }
            table = SyntheticSweep.grid(law, theta, rg, points, noise, seed);
        }
        RunTables.writeCsv(table, out);
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + table.rowCount() + " runs of " + lawId + " " + values + " with noise " + noise
                + " (seed " + seed + ") to " + out);
        w.flush();
        return 0;
    }
}
