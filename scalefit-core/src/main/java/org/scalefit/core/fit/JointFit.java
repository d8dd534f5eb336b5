package org.scalefit.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.solve.Bounds;
import org.scalefit.core.solve.DifferentiableFunction;
import org.scalefit.core.solve.LbfgsB;
import org.scalefit.core.solve.SolverResult;
import org.scalefit.core.solve.Termination;

/**
 * One fit of a law to several groups of rows at once, some parameters common to every group and the rest each
 * group's own. The joint vector is the shared parameters (law order) followed by every group's own parameters;
 * the objective is the sum of the groups' objectives, each through its own kernel, so a row costs what it costs
 * in a fit of its group alone. Solved by L-BFGS-B with the kernels' analytic gradients from several starts,
 * the best polished; the bootstrap resamples rows within each group.
 */
public final class JointFit {
    /** Fresh starts for the shared parameters beside the median and the groups' own values. */
    static final int SPREAD_STARTS = 4;
    /** At most this many groups lend their own shared values as a start. */
    static final int GROUP_STARTS = 6;
    /** Fresh shared starts per bootstrap resample beside the full fit's optimum. */
    static final int BOOTSTRAP_SPREAD = 2;

    private JointFit() {
    }

    /** Where each parameter of the law lives in the joint vector. */
    public static final class Layout {
        private final Law law;
        private final int[] shared;
        private final int[] local;
        private final int groups;

        /**
         * @throws IllegalArgumentException for a name the law does not fit (the message lists them), one held by
         *                                  --fix, a name given twice, or when no parameter would be left per group
         */
        public Layout(Law law, List<String> sharedNames, int groups) {
            this.law = law;
            this.groups = groups;
            if (sharedNames.isEmpty()) {
                throw new IllegalArgumentException("--shared needs at least one parameter name");
            }
            List<Integer> s = new ArrayList<>();
            for (String name : sharedNames) {
                if (law.fixed().containsKey(name)) {
                    throw new IllegalArgumentException("--shared " + name + ": the parameter is held by --fix, so"
                            + " it is the same in every group already");
                }
                int k = law.parameterIndex(name);
                if (k < 0) {
                    throw new IllegalArgumentException("--shared " + name + ": the law " + law.id()
                            + " has no parameter '" + name + "' (it fits: " + String.join(", ", law.parameterNames())
                            + ")");
                }
                if (s.contains(k)) {
                    throw new IllegalArgumentException("--shared " + name + " is given twice");
                }
                s.add(k);
            }
            s.sort(null);
            List<Integer> l = new ArrayList<>();
            for (int k = 0; k < law.parameters().size(); k++) {
                if (!s.contains(k)) {
                    l.add(k);
                }
            }
            if (l.isEmpty()) {
                throw new IllegalArgumentException("--shared names every parameter the law fits ("
                        + String.join(", ", law.parameterNames()) + "): nothing is left per group; fit without"
                        + " --group-by for one fit of all rows");
            }
            shared = s.stream().mapToInt(Integer::intValue).toArray();
            local = l.stream().mapToInt(Integer::intValue).toArray();
        }

        public Law law() {
            return law;
        }

        public int groups() {
            return groups;
        }

        public int dimension() {
            return shared.length + groups * local.length;
        }

        /** Law indices of the shared parameters, in law order. */
        public int[] shared() {
            return shared.clone();
        }

        /** Law indices of each group's own parameters, in law order. */
        public int[] local() {
            return local.clone();
        }

        /** Group g's law vector (solver scale) from the joint vector. */
        void assemble(double[] joint, int g, double[] phi) {
            for (int j = 0; j < shared.length; j++) {
                phi[shared[j]] = joint[j];
            }
            int base = shared.length + g * local.length;
            for (int j = 0; j < local.length; j++) {
                phi[local[j]] = joint[base + j];
            }
        }

        /** Group g's law vector (natural scale) from the joint natural values. */
        public double[] groupPoint(double[] jointNatural, int g) {
            double[] theta = new double[law.parameters().size()];
            assemble(jointNatural, g, theta);
            return theta;
        }

        /** The joint parameters, named {@code alpha} when shared and {@code E[LABEL]} per group. */
        public List<Parameter> parameters(List<String> groupLabels) {
            List<Parameter> out = new ArrayList<>();
            for (int k : shared) {
                out.add(law.parameters().get(k));
            }
            for (int g = 0; g < groups; g++) {
                for (int k : local) {
                    Parameter p = law.parameters().get(k);
                    out.add(new Parameter(p.name() + "[" + groupLabels.get(g) + "]", p.lower(), p.upper(), p.scale(),
                            p.grid(), p.meaning()));
                }
            }
            return out;
        }

        Bounds bounds() {
            ParameterSpace space = new ParameterSpace(law.parameters());
            Bounds b = space.bounds();
            double[] lo = new double[dimension()];
            double[] hi = new double[dimension()];
            for (int i = 0; i < lo.length; i++) {
                int k = lawIndex(i);
                lo[i] = b.lower(k);
                hi[i] = b.upper(k);
            }
            return new Bounds(lo, hi);
        }

        int lawIndex(int joint) {
            return joint < shared.length ? shared[joint] : local[(joint - shared.length) % local.length];
        }

        double[] toNatural(double[] joint) {
            ParameterSpace space = new ParameterSpace(law.parameters());
            double[] out = new double[joint.length];
            for (int i = 0; i < joint.length; i++) {
                out[i] = space.isLog(lawIndex(i)) ? Math.exp(joint[i]) : joint[i];
            }
            return out;
        }
    }

    /** The joint optimum: solver and natural vectors, the objective (and each group's share), the starts. */
    public record Result(double[] point, double[] natural, double objective, double[] groupObjectives,
                         double[] startValues, int bestStart, Termination termination, long evaluations,
                         KernelFactory.Path path, double seconds) {
        public int startsAtOptimum() {
            int n = 0;
            for (double v : startValues) {
                if (FitResult.reachedOptimum(v, startValues[bestStart])) {
                    n++;
                }
            }
            return n;
        }
    }

    /**
     * The joint fit. {@code alone[g]} is group g's own optimum (natural values, law order): the starts take the
     * median of the groups' values for every shared parameter, each of the first groups' own values, and a few
     * Latin-hypercube draws over the shared parameters' start ranges, every group's own parameters at its own
     * optimum.
     */
    public static Result fit(Layout layout, List<FitData> data, double[][] alone, FitSpec spec, Progress progress) {
        long t0 = System.nanoTime();
        Law law = layout.law();
        KernelFactory.Path path = KernelFactory.path(law, spec.fastPath());
        for (FitData d : data) {
            d.validated(spec.residuals() == Residuals.LOG);
        }
        ParameterSpace space = new ParameterSpace(law.parameters());
        double[][] own = new double[alone.length][];
        for (int g = 0; g < alone.length; g++) {
            own[g] = space.toSolver(alone[g]);
        }
        double[][] starts = starts(layout, own, spec.seed());
        Bounds bounds = layout.bounds();
        // the joint objective is small and flat along shared directions: default tolerances stop starts early
        double[][] projected = new double[starts.length][];
        for (int i = 0; i < starts.length; i++) {
            projected[i] = bounds.project(starts[i]);
        }
        MultiStart.Runs runs = MultiStart.solveAll(projected, spec.threads(),
                () -> LocalSolver.lbfgsb(MultiStart.POLISH, new Objective(layout, data, spec, path), bounds), progress);
        int best = MultiStart.bestOrFail(runs, "no start of the joint fit reached a finite objective: the law cannot"
                + " be evaluated on every group within the parameter bounds");
        Objective f = new Objective(layout, data, spec, path);
        MultiStart.Best polished = MultiStart.polish(f, bounds, runs.ends()[best], runs.values()[best],
                runs.terminations()[best]);
        double[] point = polished.point();
        double value = polished.value();
        Termination term = polished.termination();
        long total = runs.totalEvaluations() + polished.evaluations();
        double[] perGroup = f.groupValues(point);
        return new Result(point, layout.toNatural(point), value, perGroup, runs.values(), best, term, total, path,
                (System.nanoTime() - t0) / 1e9);
    }

    static double[][] starts(Layout layout, double[][] own, long seed) {
        int[] shared = layout.shared;
        int[] local = layout.local;
        int groups = own.length;
        double[] base = new double[layout.dimension()];
        for (int g = 0; g < groups; g++) {
            for (int j = 0; j < local.length; j++) {
                base[shared.length + g * local.length + j] = own[g][local[j]];
            }
        }
        List<double[]> out = new ArrayList<>();
        double[] median = base.clone();
        for (int j = 0; j < shared.length; j++) {
            double[] v = new double[groups];
            for (int g = 0; g < groups; g++) {
                v[g] = own[g][shared[j]];
            }
            Arrays.sort(v);
            median[j] = groups % 2 == 1 ? v[groups / 2] : 0.5 * (v[groups / 2 - 1] + v[groups / 2]);
        }
        out.add(median);
        for (int g = 0; g < Math.min(groups, GROUP_STARTS); g++) {
            double[] x = base.clone();
            for (int j = 0; j < shared.length; j++) {
                x[j] = own[g][shared[j]];
            }
            out.add(x);
        }
        out.addAll(Arrays.asList(spread(layout, base, SPREAD_STARTS, new SplittableRandom(seed))));
        return out.toArray(double[][]::new);
    }

    // Latin-hypercube draws of the shared parameters over their start ranges, the groups' own at `base`
    private static double[][] spread(Layout layout, double[] base, int count, SplittableRandom rng) {
        List<Parameter> sharedParams = new ArrayList<>();
        for (int k : layout.shared) {
            sharedParams.add(layout.law.parameters().get(k));
        }
        double[][] draws = StartPlan.latinHypercube(new ParameterSpace(sharedParams), count, rng);
        double[][] out = new double[count][];
        for (int i = 0; i < count; i++) {
            out[i] = base.clone();
            System.arraycopy(draws[i], 0, out[i], 0, layout.shared.length);
        }
        return out;
    }

    /**
     * Resamples rows with replacement within each group (every group keeps its size) and re-fits the joint law
     * from the full fit's optimum and a few fresh shared starts; resample i depends only on (seed, i).
     */
    public static BootstrapResult bootstrap(Layout layout, List<FitData> data, Result full, List<String> names,
                                            FitSpec spec, Progress progress) {
        Uncertainty u = spec.uncertainty();
        int resamples = u.resamples();
        if (resamples < 2) {
            throw new IllegalArgumentException("a bootstrap needs at least 2 resamples, not " + resamples);
        }
        Limits.atMost("the number of bootstrap resamples", resamples, Limits.RESAMPLES);
        long t0 = System.nanoTime();
        Bounds bounds = layout.bounds();
        double[][] draws = new double[resamples][];
        boolean[] failed = new boolean[resamples];
        LbfgsB local = new LbfgsB();
        Parallel.forEach(resamples, spec.threads(), () -> null, (unused, r) -> {
            SplittableRandom rng = new SplittableRandom(Bootstrap.mix(u.seed(), r));
            List<FitData> sample = new ArrayList<>();
            for (FitData d : data) {
                int[] rows = new int[d.rows()];
                for (int i = 0; i < rows.length; i++) {
                    rows[i] = rng.nextInt(d.rows());
                }
                sample.add(d.subset(rows));
            }
            Objective f = new Objective(layout, sample, spec, full.path());
            List<double[]> starts = new ArrayList<>();
            starts.add(full.point());
            starts.addAll(Arrays.asList(spread(layout, full.point(), BOOTSTRAP_SPREAD, rng)));
            MultiStart.Best best = MultiStart.serial(LocalSolver.lbfgsb(local, f, bounds), starts, f, bounds);
            if (best != null) {
                draws[r] = layout.toNatural(best.point());
            } else {
                failed[r] = true;
                draws[r] = new double[layout.dimension()];
                Arrays.fill(draws[r], Double.NaN);
            }
        }, progress);
        return new BootstrapResult(names, draws, failed, u.seed(), (System.nanoTime() - t0) / 1e9);
    }

    /** The sum of the groups' objectives over the joint vector; one per thread. */
    static final class Objective implements DifferentiableFunction {
        private final Layout layout;
        private final LossObjective[] groups;
        private final double[] phi;
        private final double[] gradient;

        Objective(Layout layout, List<FitData> data, FitSpec spec, KernelFactory.Path path) {
            this.layout = layout;
            Law law = layout.law();
            groups = new LossObjective[data.size()];
            for (int g = 0; g < groups.length; g++) {
                FitData d = data.get(g);
                groups[g] = new LossObjective(KernelFactory.kernels(law, d, path).get(), d.y(), d.weights(),
                        spec.loss(), spec.residuals());
            }
            phi = new double[law.parameters().size()];
            gradient = new double[phi.length];
        }

        @Override
        public int dimension() {
            return layout.dimension();
        }

        @Override
        public double valueAndGradient(double[] x, double[] grad) {
            Arrays.fill(grad, 0);
            int[] shared = layout.shared;
            int[] local = layout.local;
            double sum = 0;
            for (int g = 0; g < groups.length; g++) {
                layout.assemble(x, g, phi);
                double v = groups[g].valueAndGradient(phi, gradient);
                if (!Double.isFinite(v)) {
                    return Double.POSITIVE_INFINITY;
                }
                sum += v;
                for (int j = 0; j < shared.length; j++) {
                    grad[j] += gradient[shared[j]];
                }
                int base = shared.length + g * local.length;
                for (int j = 0; j < local.length; j++) {
                    grad[base + j] = gradient[local[j]];
                }
            }
            return sum;
        }

        double[] groupValues(double[] x) {
            double[] out = new double[groups.length];
            for (int g = 0; g < groups.length; g++) {
                layout.assemble(x, g, phi);
                out[g] = groups[g].value(phi);
            }
            return out;
        }
    }
}
