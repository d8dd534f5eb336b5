package org.scalefit.cli;

import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.law.Law;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to fit: objective, residual scale, solver, starts, seed, threads, bootstrap and interval level. */
final class FitOptions {
    @Mixin
    SolveOptions.Objective objective = new SolveOptions.Objective();

    @Option(names = "--solver", paramLabel = "lbfgsb|lm|varpro", defaultValue = "lbfgsb",
            description = "local solver for every start: bounded L-BFGS-B, Levenberg-Marquardt, or variable projection"
                    + " (exponents searched, coefficients solved; sums of power terms) (default ${DEFAULT-VALUE})")
    String solver;

    @Option(names = "--starts", paramLabel = "K",
            description = "K seeded random (Latin hypercube) starts instead of the law's grid")
    Integer starts;

    @Mixin
    SolveOptions.Run run = new SolveOptions.Run();

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
        Limits.atMost("--bootstrap", bootstrap, Limits.RESAMPLES);
    }

    FitSpec spec(Law law) {
        return SolveOptions.spec(law, objective, run, Solver.parse(solver), starts);
    }
}
