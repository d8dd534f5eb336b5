package org.scalefit.cli;

import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.law.Law;

import picocli.CommandLine.Option;

/** How to fit: objective, residual scale, solver, starts, seed, threads, bootstrap and interval level. */
final class FitOptions {
    @Option(names = "--objective", paramLabel = "huber[:DELTA]|squared|absolute", defaultValue = "huber:1e-3",
            description = "per-point loss, summed over points (default ${DEFAULT-VALUE})")
    String objective;

    @Option(names = "--residuals", paramLabel = "log|linear", defaultValue = "log",
            description = "residuals of log values (relative error) or raw values (default ${DEFAULT-VALUE})")
    String residuals;

    @Option(names = "--solver", paramLabel = "lbfgsb|lm|varpro", defaultValue = "lbfgsb",
            description = "local solver for every start: bounded L-BFGS-B, Levenberg-Marquardt, or variable projection"
                    + " (exponents searched, coefficients solved; sums of power terms) (default ${DEFAULT-VALUE})")
    String solver;

    @Option(names = "--starts", paramLabel = "K",
            description = "K seeded random (Latin hypercube) starts instead of the law's grid")
    Integer starts;

    @Option(names = "--seed", defaultValue = "0", description = "seed for random starts and the bootstrap (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "threads (default: all cores)")
    Integer threads;

    @Option(names = "--bootstrap", paramLabel = "K", defaultValue = "0",
            description = "K bootstrap resamples, each re-fitted with a multi-start solve: standard errors and intervals")
    int bootstrap;

    @Option(names = "--level", defaultValue = "0.95", description = "interval level (default ${DEFAULT-VALUE})")
    double level;

    /** Checks the values that picocli cannot, with one clear message each. */
    void check() {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("--level must lie strictly between 0 and 1, not " + level);
        }
        if (bootstrap < 0 || bootstrap == 1) {
            throw new IllegalArgumentException("--bootstrap needs at least 2 resamples (or 0 for none), not " + bootstrap);
        }
    }

    FitSpec spec(Law law) {
        FitSpec fitSpec = FitSpec.defaults(law)
                .withLoss(Loss.parse(objective))
                .withResiduals(Residuals.parse(residuals))
                .withSolver(Solver.parse(solver))
                .withSeed(seed)
                .withStarts(starts != null ? StartPlan.random(starts) : StartPlan.auto(law.parameters()));
        if (threads != null) {
            fitSpec = fitSpec.withThreads(threads);
        }
        return fitSpec;
    }
}
