package org.scalefit.cli;

import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.law.Law;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The fit settings of backtest and compare, as in 'scalefit fit' (shared options in SolveOptions) plus
 * '--solver auto', applied to every law compared. */
final class ValidationFitOptions {
    @Mixin
    SolveOptions.Objective objective = new SolveOptions.Objective();

    @Option(names = "--solver", paramLabel = "lbfgsb|lm|varpro|auto", defaultValue = "lbfgsb",
            converter = OptionTypes.SolverName.class,
            description = "local solver for every start; 'auto' is varpro for sums of power terms without --starts, else lbfgsb"
                    + " (default ${DEFAULT-VALUE})")
    String solver;

    @Option(names = "--starts", paramLabel = "K",
            description = "K seeded random (Latin hypercube) starts instead of each law's grid")
    Integer starts;

    @Mixin
    SolveOptions.Run run = new SolveOptions.Run();

    @Mixin
    SolveOptions.Screening screening = new SolveOptions.Screening();

    @Mixin
    FixOptions fix = new FixOptions();

    FitSpec spec(Law declared) {
        Law law = fix.apply(declared);
        StartPlan plan = SolveOptions.plan(law, starts);
        return SolveOptions.spec(law, objective, run, screening, Solver.choose(solver, law, plan), starts);
    }

    String describe(FitSpec any) {
        return "sum of " + any.loss() + " on " + any.residuals() + " residuals, solver " + solver
                + ", starts " + (starts != null ? starts + " random" : "each law's grid");
    }
}
