package org.scalefit.core.fit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.scalefit.core.data.FitData;
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
    /**
     * With screening, the starts of a resample run to the end: the full fit's optimum, and the best of the others by
     * their objective on the resample (projected, with variable projection). A resample is a perturbation of the
     * data, so its optimum lies next to the full fit's; the other starts are there to catch a resample whose best
     * basin is another, and one whose start is already the lowest is the one that can.
     */
    static final int SCREENED_RUNS = 2;

    private Bootstrap() {
    }

    /** How the resamples were fitted, in the words of the fit document's {@code bootstrap.method}. */
    public static String method(FitSpec spec) {
        String base = "rows resampled with replacement; each resample re-fitted from the full fit's distinct optima"
                + " plus fresh Latin-hypercube starts";
        return spec.screening()
                ? base + ", screened by their objective on the resample: the full fit's optimum and the "
                        + (SCREENED_RUNS - 1) + " lowest other run to the end"
                : base + ", every one run to the end";
    }

    public static BootstrapResult run(FitData data, FitResult full, int resamples, long seed, Progress progress) {
        checkTotal(resamples);
        Shard all = shard(data, full, resamples, 0, resamples, seed, progress);
        return combine(full.spec().law().parameterNames(), resamples, seed, List.of(all));
    }

    /**
     * Resamples {@code [from, to)} of a bootstrap of {@code total} resamples: each is the same as in
     * {@link #run} (it depends only on the seed and its index), so shards computed anywhere combine into the
     * single-machine answer ({@link #combine}). The shard's resamples run on the spec's threads.
     */
    public static Shard shard(FitData data, FitResult full, int total, int from, int to, long seed,
                              Progress progress) {
        checkTotal(total);
        if (from < 0 || to > total || from >= to) {
            throw new IllegalArgumentException("a bootstrap shard is a non-empty range of resamples within [0, "
                    + total + "), not [" + from + ", " + to + ")");
        }
        long t0 = System.nanoTime();
        FitSpec spec = full.spec();
        ParameterSpace space = new ParameterSpace(spec.law().parameters());
        List<double[]> basins = distinctOptima(full, space, BASIN_STARTS);
        int n = data.rows();
        int p = space.dimension();
        int count = to - from;
        double[][] draws = new double[count][];
        double[] objectives = new double[count];
        boolean[] failed = new boolean[count];
        Parallel.forEach(count, spec.threads(), () -> null, (unused, j) -> {
            int r = from + j;
            SplittableRandom rng = new SplittableRandom(mix(seed, r));
            int[] rows = new int[n];
            for (int i = 0; i < n; i++) {
                rows[i] = rng.nextInt(n);
            }
            FitData sample = data.subset(rows);
            Supplier<ModelKernel> kernels = KernelFactory.kernels(spec.law(), sample, full.path());
            Fitter.Worker worker = new Fitter.Worker(kernels.get(), sample, spec, space);
            List<double[]> starts = new ArrayList<>(basins);
            int fresh = spec.solver() == Solver.VARPRO ? RANDOM_STARTS_VARPRO : RANDOM_STARTS;
            starts.addAll(Arrays.asList(StartPlan.latinHypercube(space, fresh, rng)));
            if (spec.screening()) {
                starts = screened(worker, starts);
            }
            // polished: default tolerances stop early on objectives far below 1 (the test is relative to
            // max(|f|, 1)), which would leave a resample near the full-data optimum it started from
            MultiStart.Best best = MultiStart.serial(worker, starts, worker.objective, space.bounds());
            if (best == null) {
                failed[j] = true;
                draws[j] = new double[p];
                Arrays.fill(draws[j], Double.NaN);
            } else {
                draws[j] = space.toNatural(best.point());
                objectives[j] = best.value();
            }
        }, progress);
        return new Shard(from, to, draws, objectives, failed, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The bootstrap of {@code total} resamples made of shards that together cover {@code [0, total)} once each
     * (in any order): the same draws, standard errors and intervals as {@link #run} with the same seed. Its
     * time is the sum of the shards' times.
     */
    public static BootstrapResult combine(List<String> names, int total, long seed, List<Shard> shards) {
        checkTotal(total);
        List<Shard> sorted = new ArrayList<>(shards);
        sorted.sort(Comparator.comparingInt(Shard::from));
        double[][] draws = new double[total][];
        boolean[] failed = new boolean[total];
        double seconds = 0;
        int next = 0;
        for (Shard s : sorted) {
            if (s.from() != next) {
                throw new IllegalArgumentException(s.from() < next
                        ? "bootstrap shards overlap at resample " + s.from()
                        : "bootstrap shards miss resamples " + next + " to " + (s.from() - 1));
            }
            if (s.to() > total) {
                throw new IllegalArgumentException("a bootstrap shard ends at " + s.to() + ", past the " + total
                        + " resamples");
            }
            for (int j = 0; j < s.size(); j++) {
                if (s.draws()[j].length != names.size()) {
                    throw new IllegalArgumentException("a bootstrap shard has " + s.draws()[j].length
                            + " parameters, not " + names.size());
                }
                draws[s.from() + j] = s.draws()[j].clone();
                failed[s.from() + j] = s.failed()[j];
            }
            seconds += s.seconds();
            next = s.to();
        }
        if (next != total) {
            throw new IllegalArgumentException("bootstrap shards miss resamples " + next + " to " + (total - 1));
        }
        return new BootstrapResult(names, draws, failed, seed, seconds);
    }

    /**
     * Resamples {@code [from, to)} of one bootstrap: per resample its draw (natural scale; NaN when it failed),
     * its objective and whether it failed; and the shard's wall time. Serializable so that a cluster can carry
     * shards back to the machine that combines them.
     */
    public record Shard(int from, int to, double[][] draws, double[] objectives, boolean[] failed, double seconds)
            implements Serializable {
        public Shard {
            if (to - from != draws.length || draws.length != objectives.length || draws.length != failed.length) {
                throw new IllegalArgumentException("a bootstrap shard needs one draw, objective and failure flag"
                        + " per resample of [" + from + ", " + to + ")");
            }
        }

        public int size() {
            return to - from;
        }
    }

    /** Splits {@code total} resamples into at most {@code shards} contiguous ranges of near-equal size. */
    public static List<int[]> ranges(int total, int shards) {
        checkTotal(total);
        if (shards < 1) {
            throw new IllegalArgumentException("a bootstrap needs at least one shard, not " + shards);
        }
        int k = Math.min(shards, total);
        List<int[]> out = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            out.add(new int[] {(int) ((long) total * i / k), (int) ((long) total * (i + 1) / k)});
        }
        return out;
    }

    private static void checkTotal(int resamples) {
        if (resamples < 2) {
            throw new IllegalArgumentException("a bootstrap needs at least 2 resamples, not " + resamples);
        }
        Limits.atMost("the number of bootstrap resamples", resamples, Limits.RESAMPLES);
    }

    // SplitMix64 finaliser: well-spread, independent streams for (seed, index)
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The first start (the full fit's optimum) and the {@code SCREENED_RUNS - 1} others with the lowest objective at
     * their start on this resample (ties in start order).
     */
    private static List<double[]> screened(Fitter.Worker worker, List<double[]> starts) {
        if (starts.size() <= SCREENED_RUNS) {
            return starts;
        }
        double[] value = new double[starts.size()];
        Integer[] order = new Integer[starts.size() - 1];
        for (int i = 1; i < starts.size(); i++) {
            double v = worker.startValue(starts.get(i));
            value[i] = Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
            order[i - 1] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> value[i]));
        List<double[]> out = new ArrayList<>(SCREENED_RUNS);
        out.add(starts.get(0));
        for (int k = 0; k < SCREENED_RUNS - 1; k++) {
            out.add(starts.get(order[k]));
        }
        return out;
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
