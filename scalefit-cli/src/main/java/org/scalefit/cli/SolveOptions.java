package org.scalefit.cli;

import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.fit.Uncertainty;
import org.scalefit.core.law.Law;

import picocli.CommandLine.Option;

/**
 * The fit settings every fitting command shares, as two picocli mixins, and how they make a FitSpec.
 * {@link FitOptions} (one law) and {@link ValidationFitOptions} (every compared law, plus '--solver auto') each
 * declare {@link Objective}, then their own --solver and --starts (whose help differs), then {@link Run}: the
 * help lists the options in that order.
 */
final class SolveOptions {
    private SolveOptions() {
    }

    /** --objective and --residuals: what is minimised. */
    static final class Objective {
        /** The objective of a runs fit when none is given (Hoffmann et al. 2022). */
        static final String DEFAULT = "huber:1e-3";

        @Option(names = "--objective", paramLabel = "huber[:DELTA]|squared|absolute",
                converter = OptionTypes.Objective.class,
                description = "per-point loss ρ(r), summed over points: huber ½r² for |r| <= DELTA else"
                        + " DELTA·(|r| − DELTA/2); squared ½r² (the objective is half the sum of squares); absolute |r|"
                        + " (default " + DEFAULT + "; a curve law: its published recipe)")
        String objective;

        @Option(names = "--residuals", paramLabel = "log|linear", defaultValue = "log",
                converter = OptionTypes.ResidualScale.class,
                description = "residuals of log values (relative error) or raw values (default ${DEFAULT-VALUE})")
        String residuals = "log";

        /** The objective as written, or the runs default (batch fingerprints its requests with this text). */
        String objective() {
            return objective != null ? objective : DEFAULT;
        }

        /** The objective given, or {@code orElse} (a curve law's own recipe) when none is. */
        Loss loss(Loss orElse) {
            return objective != null ? Loss.parse(objective) : orElse;
        }
    }

    /** --solver and --starts of a runs fit: which local solver runs every start, and which starts. */
    static final class Starts {
        @Option(names = "--solver", paramLabel = "lbfgsb|lm|varpro|auto", defaultValue = "lbfgsb",
                converter = OptionTypes.SolverName.class,
                description = "local solver for every start: bounded L-BFGS-B, Levenberg-Marquardt, or variable"
                        + " projection (exponents searched, coefficients solved; sums of power terms); 'auto' is varpro"
                        + " for a sum of power terms without --starts, else lbfgsb (default ${DEFAULT-VALUE}, as in the"
                        + " server)")
        String solver;

        @Option(names = "--starts", paramLabel = "K",
                description = "K seeded random (Latin hypercube) starts instead of the law's grid")
        Integer starts;
    }

    /** --seed and --threads: how the starts (and any bootstrap) are drawn and run. */
    static final class Run {
        @Option(names = "--seed", defaultValue = "0",
                description = "seed for random starts and the bootstrap (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--threads", paramLabel = "T", converter = OptionTypes.Threads.class,
                description = "threads (default: all cores)")
        Integer threads;

        int threadCount() {
            return threads != null ? threads : Runtime.getRuntime().availableProcessors();
        }
    }

    /** --no-screening: variable projection's exponent screen, for the runs fits that use it. */
    static final class Screening {
        @Option(names = "--no-screening", description = "variable projection: run every exponent start to the end"
                + " instead of ranking them by the projected objective and refining the best "
                + Fitter.REFINED_STARTS + " distinct ones")
        boolean noScreening;
    }

    /** --bootstrap and --level: the uncertainty of a fit, resampled with --seed. */
    static final class Intervals {
        @Option(names = "--bootstrap", paramLabel = "K", defaultValue = "0", converter = OptionTypes.Resamples.class,
                description = "K bootstrap resamples, each re-fitted: standard errors and intervals (default 0: none)")
        int bootstrap;

        @Option(names = "--level", defaultValue = "0.95", converter = OptionTypes.Level.class,
                description = "interval level (default ${DEFAULT-VALUE})")
        double level;

        Uncertainty uncertainty(Run run) {
            return new Uncertainty(bootstrap, level, run.seed);
        }
    }

    /** K random starts (checked against the limit as --starts), or null for the law's own plan. */
    static StartPlan plan(Law law, Integer starts) {
        if (starts != null) {
            Limits.atMost("--starts", starts, Limits.STARTS);
        }
        return starts != null ? StartPlan.random(starts) : StartPlan.auto(law.parameters());
    }

    /** The spec for {@code law} with the given solver and random starts (null: the law's grid). */
    static FitSpec spec(Law law, Objective objective, Run run, Screening screening, Solver solver, Integer starts) {
        FitSpec fitSpec = FitSpec.defaults(law)
                .withLoss(Loss.parse(objective.objective()))
                .withResiduals(Residuals.parse(objective.residuals))
                .withSolver(solver)
                .withSeed(run.seed)
                .withStarts(plan(law, starts))
                .withScreening(!screening.noScreening);
        return run.threads != null ? fitSpec.withThreads(run.threads) : fitSpec;
    }
}
