package org.scalefit.cli;

import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.law.Law;

import picocli.CommandLine.Mixin;

/** The fit settings of backtest and compare, those of 'scalefit fit' (the mixins of SolveOptions) without the
 * bootstrap of the fit itself, applied to every law compared. */
final class ValidationFitOptions {
    @Mixin
    SolveOptions.Objective objective = new SolveOptions.Objective();

    @Mixin
    SolveOptions.Starts strategy = new SolveOptions.Starts();

    @Mixin
    SolveOptions.Run run = new SolveOptions.Run();

    @Mixin
    SolveOptions.Screening screening = new SolveOptions.Screening();

    @Mixin
    FixOptions fix = new FixOptions();

    FitSpec spec(Law declared) {
        Law law = fix.apply(declared);
        StartPlan plan = SolveOptions.plan(law, strategy.starts);
        return SolveOptions.spec(law, objective, run, screening, Solver.choose(strategy.solver, law, plan),
                strategy.starts);
    }

    String describe(FitSpec any) {
        return "sum of " + any.loss() + " on " + any.residuals() + " residuals, solver " + strategy.solver
                + ", starts " + (strategy.starts != null ? strategy.starts + " random" : "each law's grid");
    }
}
