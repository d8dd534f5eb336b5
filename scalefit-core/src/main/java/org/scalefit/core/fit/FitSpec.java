package org.scalefit.core.fit;

import org.scalefit.core.law.Law;

/**
 * Everything that decides a fit besides the data: the law, the objective, where residuals are taken, the
 * local solver, the starts, the seed for anything random, how many threads to use, and how the uncertainty
 * is estimated.
 *
 * @param fastPath  use the log-sum-exp power-sum evaluation where the law declares that structure
 * @param screening for variable projection: rank the exponent starts by the projected objective at the start and
 *                  refine only the best few distinct ones ({@link Fitter#REFINED_STARTS}); false runs every start
 */
public record FitSpec(Law law, Loss loss, Residuals residuals, Solver solver, StartPlan starts, long seed,
                      int threads, boolean fastPath, Uncertainty uncertainty, boolean screening) {

    public FitSpec {
        if (uncertainty == null) {
            throw new IllegalArgumentException("the uncertainty settings must be given (Uncertainty.NONE for none)");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (solver == Solver.LM && !loss.isSquareRootable()) {
            throw new IllegalArgumentException("Levenberg–Marquardt minimises sums of squares; the "
                    + loss + " objective needs --solver lbfgsb");
        }
    }

    /** A spec without a bootstrap. */
    public FitSpec(Law law, Loss loss, Residuals residuals, Solver solver, StartPlan starts, long seed, int threads,
                   boolean fastPath) {
        this(law, loss, residuals, solver, starts, seed, threads, fastPath, Uncertainty.NONE, true);
    }

    /** The defaults: Huber δ=1e-3 on log residuals, L-BFGS-B, the law's grid, seed 0, all cores. */
    public static FitSpec defaults(Law law) {
        return new FitSpec(law, Loss.huber(Loss.DEFAULT_DELTA), Residuals.LOG, Solver.LBFGSB,
                StartPlan.auto(law.parameters()), 0L, Runtime.getRuntime().availableProcessors(), true);
    }

    public FitSpec withLaw(Law l) {
        return new FitSpec(l, loss, residuals, solver, starts, seed, threads, fastPath, uncertainty, screening);
    }

    public FitSpec withLoss(Loss l) {
        return new FitSpec(law, l, residuals, solver, starts, seed, threads, fastPath, uncertainty, screening);
    }

    public FitSpec withResiduals(Residuals r) {
        return new FitSpec(law, loss, r, solver, starts, seed, threads, fastPath, uncertainty, screening);
    }

    public FitSpec withSolver(Solver s) {
        return new FitSpec(law, loss, residuals, s, starts, seed, threads, fastPath, uncertainty, screening);
    }

    public FitSpec withStarts(StartPlan s) {
        return new FitSpec(law, loss, residuals, solver, s, seed, threads, fastPath, uncertainty, screening);
    }

    public FitSpec withSeed(long s) {
        return new FitSpec(law, loss, residuals, solver, starts, s, threads, fastPath, uncertainty, screening);
    }

    public FitSpec withThreads(int t) {
        return new FitSpec(law, loss, residuals, solver, starts, seed, t, fastPath, uncertainty, screening);
    }

    public FitSpec withFastPath(boolean f) {
        return new FitSpec(law, loss, residuals, solver, starts, seed, threads, f, uncertainty, screening);
    }

    public FitSpec withUncertainty(Uncertainty u) {
        return new FitSpec(law, loss, residuals, solver, starts, seed, threads, fastPath, u, screening);
    }

    public FitSpec withScreening(boolean s) {
        return new FitSpec(law, loss, residuals, solver, starts, seed, threads, fastPath, uncertainty, s);
    }
}
