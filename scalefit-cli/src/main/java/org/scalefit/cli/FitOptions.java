package org.scalefit.cli;

import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.law.Law;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How to fit: objective, residual scale, solver, starts, seed, threads, bootstrap and interval level. */
final class FitOptions {
    @Mixin
    SolveOptions.Objective objective = new SolveOptions.Objective();

    @Option(names = "--solver", paramLabel = "lbfgsb|lm|varpro|auto", defaultValue = "lbfgsb",
            converter = OptionTypes.SolverName.class,
            description = "local solver for every start: bounded L-BFGS-B, Levenberg-Marquardt, or variable projection"
                    + " (exponents searched, coefficients solved; sums of power terms); 'auto' is varpro for a sum of"
                    + " power terms without --starts, else lbfgsb (default ${DEFAULT-VALUE}, as in the server)")
    String solver;

    @Option(names = "--starts", paramLabel = "K",
            description = "K seeded random (Latin hypercube) starts instead of the law's grid")
    Integer starts;

    @Mixin
    SolveOptions.Run run = new SolveOptions.Run();

    @Mixin
    SolveOptions.Screening screening = new SolveOptions.Screening();

    @Mixin
    SolveOptions.Intervals intervals = new SolveOptions.Intervals();

    @Mixin
    FixOptions fix = new FixOptions();

    /** The spec for {@code declared} with its --fix values held: the solver ('auto' decided by the library), starts, and the bootstrap's settings. */
    FitSpec spec(Law declared) {
        Law law = fix.apply(declared);
        StartPlan plan = SolveOptions.plan(law, starts);
        return SolveOptions.spec(law, objective, run, screening, Solver.choose(solver, law, plan), starts)
                .withUncertainty(intervals.uncertainty(run));
    }
}
