package org.scalefit.cli;

import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.law.Law;

import picocli.CommandLine.Mixin;

/** How to fit: objective, residual scale, solver, starts, seed, threads, bootstrap and interval level. */
final class FitOptions {
    @Mixin
    SolveOptions.Objective objective = new SolveOptions.Objective();

    @Mixin
    SolveOptions.Starts strategy = new SolveOptions.Starts();

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
        StartPlan plan = SolveOptions.plan(law, strategy.starts);
        return SolveOptions.spec(law, objective, run, screening, Solver.choose(strategy.solver, law, plan), strategy.starts)
                .withUncertainty(intervals.uncertainty(run));
    }
}
