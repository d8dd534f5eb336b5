package org.scalefit.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.scalefit.core.solve.SolverResult;

/**
 * Non-parametric bootstrap: resample the rows with replacement and re-fit each resample with a multi-start
 * solve, so that no resample is pulled toward one starting point. Each resample starts from the distinct
 * local optima of the full fit (the basins the data actually has) plus fresh seeded Latin-hypercube starts
 * over the law's start ranges. Resample i depends only on (seed, i): results do not depend on threads.
 */
public final class Bootstrap {
    /** Distinct optima of the full fit reused as starts. */
    static final int BASIN_STARTS = 6;
    /** Fresh random starts per resample. */
    static final int RANDOM_STARTS = 10;
    /** Variable projection reaches the optimum from nearly any start (25 of 25 on Chinchilla): fewer. */
    static final int RANDOM_STARTS_VARPRO = 2;

    private Bootstrap() {
    }

    public static BootstrapResult run(FitData data, FitResult full, int resamples, long seed, Progress progress) {
        if (resamples < 2) {
            throw new IllegalArgumentException("a bootstrap needs at least 2 resamples, not " + resamples);
        }
        Limits.atMost("the number of bootstrap resamples", resamples, Limits.RESAMPLES);
        long t0 = System.nanoTime();
        FitSpec spec = full.spec();
        ParameterSpace space = new ParameterSpace(spec.law().parameters());
        List<double[]> basins = distinctOptima(full, space, BASIN_STARTS);
        int n = data.rows();
        int p = space.dimension();
        double[][] draws = new double[resamples][];
        double[] objectives = new double[resamples];
        boolean[] failed = new boolean[resamples];
        Parallel.forEach(resamples, spec.threads(), () -> null, (unused, r) -> {
            SplittableRandom rng = new SplittableRandom(mix(seed, r));
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = rng.nextInt(n);
            }
            FitData sample = data.subset(rows);
            Supplier<ModelKernel> kernels = KernelFactory.kernels(spec.law(), sample, full.path());
            Fitter.Worker worker = new Fitter.Worker(kernels.get(), sample, spec);
            List<double[]> starts = new ArrayList<>(basins);
            int fresh = spec.solver() == Solver.VARPRO ? RANDOM_STARTS_VARPRO : RANDOM_STARTS;
            starts.addAll(Arrays.asList(StartPlan.latinHypercube(space, fresh, rng)));
            double best = Double.POSITIVE_INFINITY;
            double[] bestPoint = null;
            for (double[] s : starts) {
                SolverResult res = worker.solve(s, space);
                if (res.value() < best) {
                    best = res.value();
                    bestPoint = res.point();
                }
            }
            if (bestPoint != null) {
                // default tolerances stop early on objectives far below 1 (the test is relative to max(|f|, 1)),
                // which would leave a resample near the full-data optimum it started from: polish
                SolverResult polished = Fitter.POLISH.minimize(worker.objective, bestPoint, space.bounds());
                if (polished.value() < best) {
                    best = polished.value();
                    bestPoint = polished.point();
                }
            }
            if (bestPoint == null) {
                failed[r] = true;
                draws[r] = new double[p];
                Arrays.fill(draws[r], Double.NaN);
            } else {
                draws[r] = space.toNatural(bestPoint);
                objectives[r] = best;
            }
        }, progress);
        return new BootstrapResult(spec.law().parameterNames(), draws, failed, seed, (System.nanoTime() - t0) / 1e9);
    }

    // SplitMix64 finaliser: well-spread, independent streams for (seed, index)
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The best point first, then end points of other starts that lie in different basins, best first. */
    static List<double[]> distinctOptima(FitResult full, ParameterSpace space, int max) {
        double[][] ends = full.startEnds();
        double[] values = full.startValues();
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        List<double[]> out = new ArrayList<>();
        out.add(full.solverPoint());
        for (int idx : order) {
            if (out.size() >= max || !(values[idx] < Double.POSITIVE_INFINITY)) {
                break;
            }
            double[] e = ends[idx];
            boolean distinct = true;
            for (double[] q : out) {
                if (distance(e, q, space) < 0.05) {
                    distinct = false;
                    break;
                }
            }
            if (distinct) {
                out.add(e.clone());
            }
        }
        return out;
    }

    // largest coordinate difference, each relative to the start range, so log and linear scales compare
    private static double distance(double[] a, double[] b, ParameterSpace space) {
        double d = 0;
        for (int k = 0; k < a.length; k++) {
            double[] r = StartPlan.range(space, k);
            double w = Math.max(r[1] - r[0], 1e-12);
            d = Math.max(d, Math.abs(a[k] - b[k]) / w);
        }
        return d;
    }
}
