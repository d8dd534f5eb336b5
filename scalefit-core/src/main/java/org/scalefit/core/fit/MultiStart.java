package org.scalefit.core.fit;

import java.util.function.Supplier;

import org.scalefit.core.solve.Bounds;
import org.scalefit.core.solve.DifferentiableFunction;
import org.scalefit.core.solve.LbfgsB;
import org.scalefit.core.solve.SolverResult;
import org.scalefit.core.solve.Termination;

/**
 * The one multi-start engine, for column laws ({@link Fitter}), joint fits and curve laws alike: every start
 * is minimised by its thread's own {@link LocalSolver}, the best objective wins (the lowest start index on
 * ties, so the result does not depend on the number of threads), and the winner is polished with tight
 * tolerances.
 */
public final class MultiStart {
    /** The tight L-BFGS-B that polishes a winner (the default tolerances stop early on small objectives). */
    public static final LbfgsB POLISH = new LbfgsB(LbfgsB.Options.DEFAULTS
            .withFactr(10).withPgtol(1e-12).withMaxIterations(20_000).withMaxEvaluations(40_000));
    /**
     * {@link #POLISH} capped at 10 evaluations: the check after a converged Newton solve of the exponents, which
     * can only find round-off there but on a million rows spent 88 evaluations (4.3 s) confirming it.
     */
    public static final LbfgsB CHECK = new LbfgsB(LbfgsB.Options.DEFAULTS
            .withFactr(10).withPgtol(1e-12).withMaxIterations(10).withMaxEvaluations(10));

    private MultiStart() {
    }

    /** Where every start ended, by start index; a start whose objective is not finite has value +∞. */
    public record Runs(double[][] ends, double[] values, Termination[] terminations, long[] evaluations) {

        /** The lowest finite objective's start (the first on ties), or -1 if no start reached one. */
        public int best() {
            int best = -1;
            for (int i = 0; i < values.length; i++) {
                if (values[i] < Double.POSITIVE_INFINITY && (best < 0 || values[i] < values[best])) {
                    best = i;
                }
            }
            return best;
        }

        public long totalEvaluations() {
            long total = 0;
            for (long e : evaluations) {
                total += e;
            }
            return total;
        }

        /** How many starts reached the best objective (within {@link FitResult#reachedOptimum}). */
        public int atOptimum() {
            double best = Double.POSITIVE_INFINITY;
            for (double v : values) {
                best = Math.min(best, v);
            }
            int n = 0;
            for (double v : values) {
                if (FitResult.reachedOptimum(v, best)) {
                    n++;
                }
            }
            return n;
        }

        public int size() {
            return values.length;
        }
    }

    /** The winner after the polish: its point, objective and why its solver stopped. */
    public record Best(double[] point, double value, Termination termination, long evaluations) {
    }

    /** Minimises from every start, on up to {@code threads} threads, each with a solver from {@code solvers}. */
    public static Runs solveAll(double[][] starts, int threads, Supplier<? extends LocalSolver> solvers,
                                Progress progress) {
        int s = starts.length;
        double[][] ends = new double[s][];
        double[] values = new double[s];
        Termination[] terminations = new Termination[s];
        long[] evals = new long[s];
        Parallel.forEach(s, threads, solvers, (solver, i) -> {
            SolverResult r = solver.minimize(starts[i]);
            ends[i] = r.point();
            values[i] = Double.isFinite(r.value()) ? r.value() : Double.POSITIVE_INFINITY;
            terminations[i] = r.termination();
            evals[i] = r.evaluations();
        }, progress);
        return new Runs(ends, values, terminations, evals);
    }

    /** The best start of {@code runs}, or a {@link FitException} with {@code noneFinite} as its message. */
    public static int bestOrFail(Runs runs, String noneFinite) {
        int best = runs.best();
        if (best < 0) {
            throw new FitException(noneFinite);
        }
        return best;
    }

    /**
     * Polishes a point with {@link #POLISH}; the polished point replaces it only if its objective is lower, and its
     * termination only if it also converged.
     */
    public static Best polish(DifferentiableFunction f, Bounds bounds, double[] point, double value,
                              Termination termination) {
        return polish(POLISH, f, bounds, point, value, termination);
    }

    /** {@link #polish} with another solver: {@link #CHECK} where a Newton solve has already converged. */
    public static Best polish(LbfgsB solver, DifferentiableFunction f, Bounds bounds, double[] point, double value,
                              Termination termination) {
        SolverResult polished = solver.minimize(f, point, bounds);
        if (polished.value() < value) {
            return new Best(polished.point(), polished.value(),
                    polished.termination().converged() ? polished.termination() : termination,
                    polished.evaluations());
        }
        return new Best(point, value, termination, polished.evaluations());
    }

    /**
     * The best of a few starts run one after another by one solver (a bootstrap resample's fit, already on its own
     * thread), polished; null if no start reached a finite objective.
     */
    public static Best serial(LocalSolver solver, Iterable<double[]> starts, DifferentiableFunction f, Bounds bounds) {
        double best = Double.POSITIVE_INFINITY;
        SolverResult winner = null;
        for (double[] s : starts) {
            SolverResult r = solver.minimize(s);
            if (r.value() < best) {
                best = r.value();
                winner = r;
            }
        }
        return winner == null ? null : polish(f, bounds, winner.point(), winner.value(), winner.termination());
    }

    /**
     * The end points of the {@code k} best runs, skipping any within 1e-4 (relative, solver scale) of one already
     * taken: the distinct basins a screening stage found, best first. Empty when no run reached a finite value.
     */
    public static double[][] distinctBest(Runs r, int k) {
        Integer[] order = new Integer[r.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(r.values()[a], r.values()[b]));
        java.util.List<double[]> out = new java.util.ArrayList<>();
        for (int i : order) {
            if (out.size() == k || !(r.values()[i] < Double.POSITIVE_INFINITY)) {
                break;
            }
            boolean near = false;
            for (double[] o : out) {
                double d = 0;
                for (int j = 0; j < o.length; j++) {
                    d = Math.max(d, Math.abs(o[j] - r.ends()[i][j]) / Math.max(1, Math.abs(o[j])));
                }
                near |= d < 1e-4;
            }
            if (!near) {
                out.add(r.ends()[i].clone());
            }
        }
        return out.toArray(new double[0][]);
    }
}
