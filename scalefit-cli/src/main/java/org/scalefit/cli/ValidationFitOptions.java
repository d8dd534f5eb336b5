package org.scalefit.cli;

import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.KernelFactory;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.PowerSum;

import picocli.CommandLine.Option;

/** The fit settings of backtest and compare, as in 'scalefit fit', applied to every law compared. */
final class ValidationFitOptions {
    @Option(names = "--objective", paramLabel = "huber[:DELTA]|squared|absolute", defaultValue = "huber:1e-3",
            description = "per-point loss, summed over points (default ${DEFAULT-VALUE})")
    String objective;

    @Option(names = "--residuals", paramLabel = "log|linear", defaultValue = "log",
            description = "residuals of log values (relative error) or raw values (default ${DEFAULT-VALUE})")
    String residuals;

    @Option(names = "--solver", paramLabel = "lbfgsb|lm|varpro|auto", defaultValue = "lbfgsb",
            description = "local solver for every start; 'auto' is varpro for sums of power terms, else lbfgsb"
                    + " (default ${DEFAULT-VALUE})")
    String solver;

    @Option(names = "--starts", paramLabel = "K",
            description = "K seeded random (Latin hypercube) starts instead of each law's grid")
    Integer starts;

    @Option(names = "--seed", defaultValue = "0", description = "seed for random starts and the bootstrap (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "threads (default: all cores)")
    Integer threads;

    FitSpec spec(Law law) {
        Solver s = solver.strip().equalsIgnoreCase("auto") ? (varproApplies(law) ? Solver.VARPRO : Solver.LBFGSB)
                : Solver.parse(solver);
        FitSpec f = FitSpec.defaults(law)
                .withLoss(Loss.parse(objective))
                .withResiduals(Residuals.parse(residuals))
                .withSolver(s)
                .withSeed(seed)
                .withStarts(starts != null ? StartPlan.random(starts) : StartPlan.auto(law.parameters()));
        return threads != null ? f.withThreads(threads) : f;
    }

    /** Variable projection needs a power sum whose every parameter is a coefficient or an exponent. */
    static boolean varproApplies(Law law) {
        if (law.powerSum().isEmpty() || KernelFactory.path(law, true) != KernelFactory.Path.POWER_SUM) {
            return false;
        }
        PowerSum ps = law.powerSum().get();
        java.util.Set<String> covered = new java.util.HashSet<>();
        if (ps.constant() != null) {
            covered.add(ps.constant());
        }
        for (PowerSum.Term t : ps.terms()) {
            covered.add(t.coefficient());
            for (PowerSum.Factor f : t.factors()) {
                covered.add(f.exponent());
            }
        }
        return covered.containsAll(law.parameterNames());
    }

    String describe(FitSpec any) {
        return "sum of " + any.loss() + " on " + any.residuals() + " residuals, solver " + solver
                + ", starts " + (starts != null ? starts + " random" : "each law's grid");
    }
}
