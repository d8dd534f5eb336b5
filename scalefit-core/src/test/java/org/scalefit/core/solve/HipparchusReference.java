package org.scalefit.core.solve;

import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/** Independent derivative-free optimisers to check our solvers against. */
final class HipparchusReference {
    private HipparchusReference() {
    }

    static double value(DifferentiableFunction f, double[] x) {
        return f.valueAndGradient(x.clone(), new double[x.length]);
    }

    static PointValuePair bobyqa(DifferentiableFunction f, double[] start, Bounds bounds, double radius) {
        int n = start.length;
        double[] lo = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            lo[i] = bounds.lower(i);
            hi[i] = bounds.upper(i);
        }
        BOBYQAOptimizer opt = new BOBYQAOptimizer(2 * n + 1, radius, 1e-11);
        return opt.optimize(new MaxEval(200_000), new ObjectiveFunction(x -> value(f, x)), GoalType.MINIMIZE,
                new InitialGuess(bounds.project(start.clone())), new SimpleBounds(lo, hi));
    }

    /** Nelder–Mead restarted from its own answer until it stops improving ("polished"). */
    static PointValuePair nelderMeadPolished(DifferentiableFunction f, double[] start, double step) {
        double[] x = start.clone();
        PointValuePair best = null;
        for (int round = 0; round < 30; round++) {
            double[] steps = new double[x.length];
            java.util.Arrays.fill(steps, step);
            SimplexOptimizer opt = new SimplexOptimizer(1e-15, 1e-18);
            PointValuePair pv = opt.optimize(new MaxEval(1_000_000), new ObjectiveFunction(p -> value(f, p)),
                    GoalType.MINIMIZE, new InitialGuess(x), new NelderMeadSimplex(steps));
            boolean improved = best == null || pv.getValue() < best.getValue() - 1e-15 * Math.abs(best.getValue());
            if (best == null || pv.getValue() < best.getValue()) {
                best = pv;
            }
            if (!improved) {
                break;
            }
            x = pv.getPoint();
            step = Math.max(step * 0.3, 1e-6);
        }
        return best;
    }
}
