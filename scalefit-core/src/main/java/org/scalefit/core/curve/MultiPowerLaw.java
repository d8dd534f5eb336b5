package org.scalefit.core.curve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.LossObjective;
import org.scalefit.core.fit.ModelKernel;
import org.scalefit.core.fit.ParameterSpace;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.law.Parameter;
import org.scalefit.core.solve.Bounds;
import org.scalefit.core.solve.LbfgsB;
import org.scalefit.core.solve.SolverResult;

/**
 * The multi-power law of Luo et al. (2025), "A Multi-Power Law for Loss Curve Prediction Across Learning
 * Rate Schedules" (arXiv:2503.12811):
 * <pre>
 *   L(t)  = L0 + A·S1(t)^−α − LD(t)
 *   LD(t) = B·Σ_{k=1..t} (η_{k−1} − η_k)·G(η_k^−γ·S_k(t)),   G(x) = 1 − (C·x + 1)^−β,   S_k(t) = Σ_{τ=k..t} η_τ
 * </pre>
 * over the rows of each curve (every step of its schedule; or the kept rows under the published recipe's
 * {@code --every K}), summed by {@link LossDropSums} in time that grows with the log of the schedule's changes. The
 * warm-up's rise enters S1 and adds no loss-drop terms.
 * Fitting follows the published recipe in two stages: first the simplified law L0 + A·S1^−α − B·(η_max − η)
 * from a grid around a log-log regression (L0 ∈ min L ± 0.2, A and α from the regression ± 0.1,
 * B ∈ {100, 550, 1000}), then the full law from that point with C = 1, γ = 0.5 and β ∈ {0.3, 0.5, 0.8} (each also
 * solved first with B on a log scale, three further starts). The
 * objective is Huber δ = 1e-3 on log loss, summed. The paper's second stage runs AdamW; here it is bounded
 * L-BFGS-B on the same objective.
 */
final class MultiPowerLaw implements CurveLaw {
    public static final String ID = "multi-power";

    private static final List<Parameter> PARAMETERS = List.of(
            Parameter.linear("L0", 0, 10, "loss after infinite training at this size"),
            Parameter.linear("A", 0, 10, "coefficient of the forward-area power term"),
            Parameter.linear("alpha", 0, 10, "exponent of the forward area S1"),
            Parameter.linear("B", 0, 1e5, "scale of the loss drop from lr decay"),
            Parameter.linear("C", 0, 1e3, "rate of the loss-drop saturation"),
            Parameter.linear("beta", 0, 10, "power of the loss-drop saturation"),
            Parameter.linear("gamma", 0, 10, "lr exponent inside the loss drop"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String name() {
        return "Multi-power law for loss curves (Luo et al. 2025)";
    }

    @Override
    public String citation() {
        return "Luo, Wen, Hu, Li et al. (2025). A Multi-Power Law for Loss Curve Prediction Across Learning Rate"
                + " Schedules. arXiv:2503.12811 (ICLR 2025).";
    }

    @Override
    public String formula() {
        return "L0 + A*S1^-alpha - B*sum_k (lr[k-1]-lr[k])*(1 - (C*lr[k]^-gamma*S_k + 1)^-beta)";
    }

    @Override
    public List<Parameter> parameters() {
        return PARAMETERS;
    }

    @Override
    public Map<String, Object> options() {
        return new LinkedHashMap<>();
    }

    @Override
    public boolean needsLr() {
        return true;
    }

    /** The per-curve data: the loss-drop sums over its per-step learning rates, and the rows that are fitted. */
    private record Series(LossDropSums sums, int[] rows) {
    }

    private final class MplBound implements Bound {
        final List<Series> series = new ArrayList<>();
        final double[] y;
        final double[] s1;
        final double[] lrAt;
        final double lrMax;

        MplBound(List<CurveInput> curves) {
            int n = 0;
            double max = 0;
            for (CurveInput c : curves) {
                if (c.lr() == null) {
                    throw new IllegalArgumentException("the multi-power law needs a learning rate at every step;"
                            + " curve " + c.run() + " has no lr column");
                }
                n += c.fittedCount();
            }
            y = new double[n];
            s1 = new double[n];
            lrAt = new double[n];
            int r = 0;
            for (CurveInput c : curves) {
                double[] lr = c.lr();
                for (double v : lr) {
                    max = Math.max(max, v);
                }
                LossDropSums sums = new LossDropSums(lr);
                List<Integer> rows = new ArrayList<>();
                for (int i = 0; i < c.size(); i++) {
                    if (c.fitted()[i]) {
                        if (!(sums.area(i) > 0)) {
                            throw new IllegalArgumentException("curve " + c.run() + ", step " + c.step()[i]
                                    + ": the forward lr area S1 is 0; a fitted row needs S1 > 0");
                        }
                        rows.add(i);
                        y[r] = c.loss()[i];
                        s1[r] = sums.area(i);
                        lrAt[r] = lr[i];
                        r++;
                    }
                }
                series.add(new Series(sums, rows.stream().mapToInt(Integer::intValue).toArray()));
            }
            lrMax = max;
        }

        @Override
        public double[] response() {
            return y;
        }

        @Override
        public ModelKernel newKernel() {
            return new Kernel(this);
        }
    }

    @Override
    public Bound bind(List<CurveInput> curves) {
        return new MplBound(curves);
    }

    @Override
    public double[][] starts(Bound bound, LossObjective objective) {
        MplBound b = (MplBound) bound;
        double[] init = stageOne(b);
        Bounds bounds = new ParameterSpace(PARAMETERS).bounds();
        double[][] out = new double[6][];
        double[] betas = {0.3, 0.5, 0.8};
        for (int i = 0; i < 3; i++) {
            out[i] = new double[] {init[0], init[1], init[2], init[3], 1.0, betas[i], 0.5};
            bounds.project(out[i]);
            out[3 + i] = inLogB(objective, out[i], bounds);
        }
        return out;
    }

    /**
     * The end of a solve from {@code start} with B searched on a log scale, as a further start. From the recipe's
     * starts L-BFGS-B on B itself can end with beta and gamma at their bounds well above the optimum (93 checkpoints
     * a run: 1.5x the objective of the parameters that made them, MultiPowerRecoveryTest); on ln B it reaches it,
     * but on the published 100M curves it ends in a worse basin than on B. Both kinds of start run; the best wins.
     */
    // a start needs the basin, not the optimum: 60 evaluations, the fit's own solve polishes it
    private static final LbfgsB PRE_SOLVE = new LbfgsB(LbfgsB.Options.DEFAULTS.withMaxEvaluations(60));

    private static double[] inLogB(LossObjective objective, double[] start, Bounds bounds) {
        final int b = 3;
        double[] lo = new double[start.length];
        double[] hi = new double[start.length];
        for (int k = 0; k < start.length; k++) {
            lo[k] = bounds.lower(k);
            hi[k] = bounds.upper(k);
        }
        lo[b] = Math.log(1e-3);
        hi[b] = Math.log(bounds.upper(b));
        double[] psi = start.clone();
        psi[b] = Math.log(Math.max(start[b], 1e-3));
        double[] phi = new double[start.length];
        org.scalefit.core.solve.DifferentiableFunction f = new org.scalefit.core.solve.DifferentiableFunction() {
            @Override
            public int dimension() {
                return start.length;
            }

            @Override
            public double valueAndGradient(double[] x, double[] gradient) {
                System.arraycopy(x, 0, phi, 0, x.length);
                phi[b] = Math.exp(x[b]);
                double v = objective.valueAndGradient(phi, gradient);
                gradient[b] *= phi[b];
                return v;
            }
        };
        SolverResult r = PRE_SOLVE.minimize(f, psi, new Bounds(lo, hi));
        double[] end = r.point().clone();
        end[b] = Math.exp(end[b]);
        bounds.project(end);
        return Double.isFinite(r.value()) ? end : start.clone();
    }

    /** Stage one of the recipe: the simplified law L0 + A·S1^−α − B·(η_max − η) from a small grid. */
    static double[] stageOne(MplBound b) {
        int n = b.y.length;
        double minL = Double.POSITIVE_INFINITY;
        for (double v : b.y) {
            minL = Math.min(minL, v);
        }
        // log(L − min L + 0.01) against log S1: slope and intercept of a least-squares line
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double lx = Math.log(b.s1[i]);
            double ly = Math.log(b.y[i] - minL + 0.01);
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
        }
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        double intercept = (sy - slope * sx) / n;
        double[] lnS1 = new double[n];
        double[] drop = new double[n];
        for (int i = 0; i < n; i++) {
            lnS1[i] = Math.log(b.s1[i]);
            drop[i] = b.lrMax - b.lrAt[i];
        }
        ModelKernel k = new ModelKernel() {
            @Override
            public int rows() {
                return n;
            }

            @Override
            public int dimension() {
                return 4;
            }

            @Override
            public void evaluate(double[] t, boolean log, double[] out, double[][] jac) {
                for (int i = 0; i < n; i++) {
                    double p = Math.exp(-t[2] * lnS1[i]);
                    double f = t[0] + t[1] * p - t[3] * drop[i];
                    double sc = 1;
                    if (log) {
                        out[i] = f > 0 ? Math.log(f) : Double.NaN;
                        sc = 1 / f;
                    } else {
                        out[i] = f;
                    }
                    if (jac != null) {
                        jac[0][i] = sc;
                        jac[1][i] = sc * p;
                        jac[2][i] = -sc * t[1] * p * lnS1[i];
                        jac[3][i] = -sc * drop[i];
                    }
                }
            }
        };
        LossObjective obj = new LossObjective(k, b.y, Loss.huber(Loss.DEFAULT_DELTA), Residuals.LOG);
        Bounds bounds = new Bounds(new double[] {0, 0, 0, 0}, new double[] {10, 10, 10, 1e5});
        LbfgsB solver = new LbfgsB();
        double best = Double.POSITIVE_INFINITY;
        double[] arg = null;
        double a0 = Math.exp(intercept);
        for (int i = 0; i < 5; i++) {
            for (int j = -1; j <= 1; j++) {
                for (int l = -1; l <= 1; l++) {
                    for (double bb : new double[] {100, 550, 1000}) {
                        double[] x0 = {minL - 0.2 + 0.1 * i, a0 + 0.1 * j, -slope + 0.1 * l, bb};
                        bounds.project(x0);
                        SolverResult r = solver.minimize(obj, x0, bounds);
                        if (r.value() < best) {
                            best = r.value();
                            arg = r.point();
                        }
                    }
                }
            }
        }
        if (arg == null) {
            return new double[] {minL, 1, 0.5, 100};
        }
        return arg;
    }

    /**
     * Predictions and Jacobian; the loss-drop sums by {@link LossDropSums}. Rows are independent, so a long curve's
     * rows are evaluated in chunks on every core, each with its own scratch: the same numbers whatever the threads.
     */
    private static final class Kernel implements ModelKernel {
        /** Rows per chunk of a parallel evaluation; fewer rows run on the calling thread. */
        static final int CHUNK = 256;

        private final MplBound b;
        private final int[] seriesOf;
        private final int[] rowOf;
        private final int threads;
        private final Worker[] pool;
        private final Worker own;
        private long evaluation;

        /** One thread's scratch: the walk's per-series state for the current γ, and a term buffer. */
        private final class Worker {
            final LossDropSums.Scratch[] scratch = new LossDropSums.Scratch[b.series.size()];
            final long[] preparedAt = new long[b.series.size()];   // the evaluation each scratch holds γ for
            final double[] drop = new double[4];

            Worker() {
                for (int i = 0; i < scratch.length; i++) {
                    scratch[i] = b.series.get(i).sums().scratch();
                }
            }
        }

        Kernel(MplBound b) {
            this.b = b;
            int n = b.y.length;
            seriesOf = new int[n];
            rowOf = new int[n];
            int r = 0;
            for (int si = 0; si < b.series.size(); si++) {
                for (int row : b.series.get(si).rows()) {
                    seriesOf[r] = si;
                    rowOf[r] = row;
                    r++;
                }
            }
            threads = n >= 2 * CHUNK ? Runtime.getRuntime().availableProcessors() : 1;
            own = new Worker();
            pool = new Worker[threads];
            pool[0] = own;
        }

        @Override
        public int rows() {
            return b.y.length;
        }

        @Override
        public int dimension() {
            return 7;
        }

        @Override
        public void evaluate(double[] t, boolean log, double[] out, double[][] jac) {
            evaluation++;
            int n = rows();
            if (threads == 1) {
                evaluate(own, t, log, out, jac, 0, n);
                return;
            }
            int chunks = (n + CHUNK - 1) / CHUNK;
            // each of the call's threads takes one of the kernel's workers, kept from call to call
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            org.scalefit.core.fit.Parallel.forEach(chunks, threads, () -> worker(next.getAndIncrement()),
                    (w, chunk) -> evaluate(w, t, log, out, jac, chunk * CHUNK, Math.min(n, (chunk + 1) * CHUNK)),
                    org.scalefit.core.fit.Progress.NONE);
        }

        private Worker worker(int i) {
            if (pool[i] == null) {
                pool[i] = new Worker();
            }
            return pool[i];
        }

        private void evaluate(Worker w, double[] t, boolean log, double[] out, double[][] jac, int from, int to) {
            double l0 = t[0];
            double a = t[1];
            double alpha = t[2];
            double bb = t[3];
            double c = t[4];
            double beta = t[5];
            double gamma = t[6];
            double[] drop = w.drop;
            for (int r = from; r < to; r++) {
                int si = seriesOf[r];
                LossDropSums sums = b.series.get(si).sums();
                if (w.preparedAt[si] != evaluation) {
                    sums.prepare(w.scratch[si], gamma);
                    w.preparedAt[si] = evaluation;
                }
                int row = rowOf[r];
                double lnS = Math.log(sums.area(row));
                double p = Math.exp(-alpha * lnS);
                sums.sum(w.scratch[si], row, c, beta, jac != null, drop);
                double ld = drop[0];
                double f = l0 + a * p - bb * ld;
                double sc = 1;
                if (log) {
                    if (!(f > 0)) {
                        out[r] = Double.NaN;
                        if (jac != null) {
                            for (int k = 0; k < 7; k++) {
                                jac[k][r] = Double.NaN;
                            }
                        }
                        continue;
                    }
                    out[r] = Math.log(f);
                    sc = 1 / f;
                } else {
                    out[r] = f;
                }
                if (jac != null) {
                    jac[0][r] = sc;
                    jac[1][r] = sc * p;
                    jac[2][r] = -sc * a * p * lnS;
                    jac[3][r] = -sc * ld;
                    jac[4][r] = -sc * bb * drop[1];
                    jac[5][r] = -sc * bb * drop[2];
                    jac[6][r] = -sc * bb * drop[3];
                }
            }
        }
    }
}
