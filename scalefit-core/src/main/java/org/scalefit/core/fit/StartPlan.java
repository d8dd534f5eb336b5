package org.scalefit.core.fit;

import java.util.List;
import java.util.SplittableRandom;

import org.scalefit.core.law.Parameter;

/**
 * Where the local solver starts: the Cartesian product of the parameters' grids, or a seeded Latin
 * hypercube of a given size over each parameter's start range (its grid's span, else its bounds), on the
 * solver's scale.
 */
public final class StartPlan {
    private final int randomCount; // 0 means grid

    private StartPlan(int randomCount) {
        this.randomCount = randomCount;
    }

    public static StartPlan grid() {
        return new StartPlan(0);
    }

    public static StartPlan random(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("the number of starts must be at least 1, not " + count);
        }
        Limits.atMost("the number of starts", count, Limits.STARTS);
        return new StartPlan(count);
    }

    /** The grid when every parameter has one, else 64 random starts. */
    public static StartPlan auto(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (p.grid().length == 0) {
                return random(64);
            }
        }
        return grid();
    }

    public boolean isGrid() {
        return randomCount == 0;
    }

    public int randomCount() {
        return randomCount;
    }

    /** Start points on the solver scale, inside the bounds. */
    public double[][] generate(ParameterSpace space, long seed) {
        return isGrid() ? gridPoints(space) : latinHypercube(space, randomCount, new SplittableRandom(seed));
    }

    private static double[][] gridPoints(ParameterSpace space) {
        List<Parameter> ps = space.parameters();
        int p = ps.size();
        double[][] axes = new double[p][];
        long total = 1;
        for (int k = 0; k < p; k++) {
            double[] g = ps.get(k).grid();
            if (g.length == 0) {
                throw new IllegalArgumentException("parameter " + ps.get(k).name()
                        + " has no start grid; give one, or ask for a number of random starts");
            }
            axes[k] = new double[g.length];
            for (int j = 0; j < g.length; j++) {
                axes[k][j] = ps.get(k).scale().toSolver(g[j]);
            }
            total *= g.length;
        }
        if (total > 10_000_000) {
            throw new IllegalArgumentException("the start grid has " + total + " points; at most 10,000,000");
        }
        double[][] out = new double[(int) total][p];
        int[] idx = new int[p];
        for (int s = 0; s < total; s++) {
            for (int k = 0; k < p; k++) {
                out[s][k] = axes[k][idx[k]];
            }
            // last parameter varies fastest
            for (int k = p - 1; k >= 0; k--) {
                if (++idx[k] < axes[k].length) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return out;
    }

    /** Start range [lo, hi] of parameter k on the solver scale. */
    static double[] range(ParameterSpace space, int k) {
        Parameter par = space.parameters().get(k);
        double[] g = par.grid();
        double lo;
        double hi;
        if (g.length >= 2) {
            lo = Double.POSITIVE_INFINITY;
            hi = Double.NEGATIVE_INFINITY;
            for (double v : g) {
                lo = Math.min(lo, par.scale().toSolver(v));
                hi = Math.max(hi, par.scale().toSolver(v));
            }
        } else {
            lo = par.solverLower();
            hi = par.solverUpper();
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            throw new IllegalArgumentException("parameter " + par.name()
                    + " needs finite bounds or a grid to draw random starts from");
        }
        return new double[] {lo, hi};
    }

    static double[][] latinHypercube(ParameterSpace space, int count, SplittableRandom rng) {
        int p = space.dimension();
        Limits.atMost("starts × parameters", Limits.product(count, p), Limits.START_VALUES);
        double[][] out = new double[count][p];
        for (int k = 0; k < p; k++) {
            double[] r = range(space, k);
            int[] perm = new int[count];
            for (int i = 0; i < count; i++) {
                perm[i] = i;
            }
            for (int i = count - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            for (int i = 0; i < count; i++) {
                double u = (perm[i] + rng.nextDouble()) / count;
                out[i][k] = r[0] + u * (r[1] - r[0]);
            }
        }
        for (double[] x : out) {
            space.bounds().project(x);
        }
        return out;
    }

    @Override
    public String toString() {
        return isGrid() ? "grid" : randomCount + " random";
    }
}
