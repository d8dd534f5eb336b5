package org.scalefit.core.fit;

import org.scalefit.core.solve.Bounds;
import org.scalefit.core.solve.DifferentiableFunction;
import org.scalefit.core.solve.LbfgsB;
import org.scalefit.core.solve.LevenbergMarquardt;
import org.scalefit.core.solve.SolverResult;

/**
 * A local minimiser bound to one thread's objective and bounds: it takes a start and returns where it stopped.
 * L-BFGS-B, Levenberg–Marquardt and variable projection are each one, so the multi-start engine
 * ({@link MultiStart}) runs any of them the same way.
 */
@FunctionalInterface
public interface LocalSolver {

    /** Minimises from {@code start} (solver scale, inside the bounds); the result's point is a fresh array. */
    SolverResult minimize(double[] start);

    /** Bounded L-BFGS-B on any smooth objective. */
    static LocalSolver lbfgsb(LbfgsB solver, DifferentiableFunction objective, Bounds bounds) {
        return start -> solver.minimize(objective, start, bounds);
    }

    /** Levenberg–Marquardt on the objective's √(2wρ) residuals (sums of squares and Huber only). */
    static LocalSolver lm(LevenbergMarquardt solver, LossObjective objective, Bounds bounds) {
        return start -> solver.minimize(objective, start, bounds);
    }

    /**
     * The local solver a {@link Solver} names, for a law that needs no more than its objective (every solver but
     * variable projection, which is bound to the law's power terms and the data: see {@code Fitter}).
     */
    static LocalSolver of(Solver solver, LossObjective objective, Bounds bounds) {
        switch (solver) {
            case LBFGSB:
                return lbfgsb(new LbfgsB(), objective, bounds);
            case LM:
                return lm(new LevenbergMarquardt(), objective, bounds);
            default:
                throw new IllegalArgumentException("variable projection needs the law's power terms and the data");
        }
    }
}
