package org.scalefit.core.solve;

/**
 * Limited-memory BFGS for box constraints, after Byrd, Lu, Nocedal and Zhu (1995), "A limited memory
 * algorithm for bound constrained optimization", with the Morales–Nocedal (2011) projection of the
 * subspace step and a Moré–Thuente (1994) line search.
 *
 * <p>Each iteration: (1) generalized Cauchy point along the projected steepest-descent path, using the
 * compact representation B = θI − W M Wᵀ with W = [Y, θS]; (2) direct primal minimisation of the quadratic
 * model over the variables still free at that point; (3) a line search along the resulting direction.
 *
 * <p>Instances are immutable and may be shared between threads; every call to {@link #minimize} owns its
 * own work arrays, allocated once per call.
 */
public final class LbfgsB {

    /** Immutable solver settings; defaults match scipy's {@code minimize(method="L-BFGS-B")}. */
    public static final class Options {
        public static final Options DEFAULTS = new Options(10, 1e7, 1e-5, 15000, 15000);

        private final int memory;
        private final double factr;
        private final double pgtol;
        private final int maxIterations;
        private final int maxEvaluations;

        private Options(int memory, double factr, double pgtol, int maxIterations, int maxEvaluations) {
            if (memory < 1) {
                throw new IllegalArgumentException("memory must be at least 1: " + memory);
            }
            if (!(factr >= 0) || !(pgtol >= 0)) {
                throw new IllegalArgumentException("tolerances must be non-negative");
            }
            if (maxIterations < 0 || maxEvaluations < 1) {
                throw new IllegalArgumentException("bad iteration or evaluation limit");
            }
            this.memory = memory;
            this.factr = factr;
            this.pgtol = pgtol;
            this.maxIterations = maxIterations;
            this.maxEvaluations = maxEvaluations;
        }

        public int memory() {
            return memory;
        }

        public double factr() {
            return factr;
        }

        public double pgtol() {
            return pgtol;
        }

        public int maxIterations() {
            return maxIterations;
        }

        public int maxEvaluations() {
            return maxEvaluations;
        }

        public Options withMemory(int value) {
            return new Options(value, factr, pgtol, maxIterations, maxEvaluations);
        }

        public Options withFactr(double value) {
            return new Options(memory, value, pgtol, maxIterations, maxEvaluations);
        }

        public Options withPgtol(double value) {
            return new Options(memory, factr, value, maxIterations, maxEvaluations);
        }

        public Options withMaxIterations(int value) {
            return new Options(memory, factr, pgtol, value, maxEvaluations);
        }

        public Options withMaxEvaluations(int value) {
            return new Options(memory, factr, pgtol, maxIterations, value);
        }

        @Override
        public String toString() {
            return "LbfgsB.Options[memory=" + memory + ", factr=" + factr + ", pgtol=" + pgtol
                    + ", maxIterations=" + maxIterations + ", maxEvaluations=" + maxEvaluations + "]";
        }
    }

    static final double EPS = Math.ulp(1.0);

    private final Options options;

    public LbfgsB() {
        this(Options.DEFAULTS);
    }

    public LbfgsB(Options options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        this.options = options;
    }

    public Options options() {
        return options;
    }

    /** Minimises f over the box, starting from {@code start} projected into the box. */
    public SolverResult minimize(DifferentiableFunction f, double[] start, Bounds bounds) {
        int n = f.dimension();
        if (start.length != n || bounds.dimension() != n) {
            throw new IllegalArgumentException("dimension mismatch: function " + n + ", start "
                    + start.length + ", bounds " + bounds.dimension());
        }
        return new Run(f, start, bounds, options).solve();
    }

    /** All state of one minimisation; never shared. */
    private static final class Run {
        private static final double BIG_STEP = 1e10;
        private static final int MAX_LINE_SEARCH_EVALUATIONS = 20;

        private static final byte FREE = 0;
        private static final byte AT_LOWER = 1;
        private static final byte AT_UPPER = 2;

        private static final int LS_OK = 0;
        private static final int LS_FAILED = 1;
        private static final int LS_OUT_OF_EVALUATIONS = 2;

        private final DifferentiableFunction fn;
        private final Options opt;
        private final int n;
        private final int m;
        private final double[] lo;
        private final double[] hi;
        private final boolean constrained;
        private final boolean boxed;

        private double[] x;
        private double[] g;
        private double f;
        private final double[] xOld;
        private final double[] gOld;
        private double fOld;
        private final double[] xBest;
        private double fBest;

        private final double[] z; // Cauchy point, then the subspace-minimisation point x̄
        private final double[] d; // search direction
        private final double[] dc; // Cauchy path direction
        private final double[] tBreak;
        private final int[] heap;
        private final byte[] state;
        private final int[] free;
        private final double[] r;
        private final double[] du;
        private final double[] xbar;

        // Limited memory: rows of ws/wy are s_k and y_k, oldest first.
        private final double[] ws;
        private final double[] wy;
        private final double[] ss; // s_i·s_j, m×m
        private final double[] sy; // s_i·y_j, m×m
        private final double[] jc; // lower Cholesky factor of θSᵀS + L D⁻¹ Lᵀ
        private int col;
        private double theta = 1.0;

        // 2m-vectors and scratch for the middle matrix M.
        private final double[] p;
        private final double[] c;
        private final double[] wb;
        private final double[] mv;
        private final double[] tmp;
        private final double[] wz; // (2m)×n: columns w_i for free i, then M w_i
        private final double[] mwz;
        private final double[] dense; // up to max(n, 2m)² dense system
        private final double[] rhs;

        private int evaluations;
        private int iterations;

        private final MoreThuente search = new MoreThuente();

        Run(DifferentiableFunction fn, double[] start, Bounds bounds, Options opt) {
            this.fn = fn;
            this.opt = opt;
            this.n = start.length;
            this.m = opt.memory();
            lo = new double[n];
            hi = new double[n];
            boolean anyBound = false;
            boolean allBoxed = true;
            for (int i = 0; i < n; i++) {
                lo[i] = bounds.lower(i);
                hi[i] = bounds.upper(i);
                boolean hasLo = lo[i] != Double.NEGATIVE_INFINITY;
                boolean hasHi = hi[i] != Double.POSITIVE_INFINITY;
                anyBound |= hasLo || hasHi;
                allBoxed &= hasLo && hasHi;
            }
            constrained = anyBound;
            boxed = allBoxed;
            x = start.clone();
            bounds.project(x);
            g = new double[n];
            xOld = new double[n];
            gOld = new double[n];
            xBest = new double[n];
            z = new double[n];
            d = new double[n];
            dc = new double[n];
            tBreak = new double[n];
            heap = new int[n];
            state = new byte[n];
            free = new int[n];
            r = new double[n];
            du = new double[n];
            xbar = new double[n];
            ws = new double[m * n];
            wy = new double[m * n];
            ss = new double[m * m];
            sy = new double[m * m];
            jc = new double[m * m];
            p = new double[2 * m];
            c = new double[2 * m];
            wb = new double[2 * m];
            mv = new double[2 * m];
            tmp = new double[2 * m];
            wz = new double[2 * m * n];
            mwz = new double[2 * m * n];
            int k = Math.max(n, 2 * m);
            dense = new double[k * k];
            rhs = new double[k];
        }

        SolverResult solve() {
            f = fn.valueAndGradient(x, g);
            evaluations = 1;
            if (!Double.isFinite(f) || !allFinite(g)) {
                return result(x, f, Termination.NON_FINITE);
            }
            if (projectedGradientNorm() <= opt.pgtol()) {
                return result(x, f, Termination.GRADIENT_TOLERANCE);
            }
            while (true) {
                if (iterations >= opt.maxIterations()) {
                    return result(x, f, Termination.MAX_ITERATIONS);
                }
                if (evaluations >= opt.maxEvaluations()) {
                    return result(x, f, Termination.MAX_EVALUATIONS);
                }
                if (!searchDirection()) {
                    resetMemory();
                    continue;
                }
                int ls = lineSearch();
                if (ls == LS_OUT_OF_EVALUATIONS) {
                    return bestResult(Termination.MAX_EVALUATIONS);
                }
                if (ls == LS_FAILED) {
                    if (col == 0) {
                        return bestResult(Termination.LINE_SEARCH_FAILED);
                    }
                    // The quasi-Newton model may be stale; retry once from steepest descent.
                    resetMemory();
                    continue;
                }
                iterations++;
                if (projectedGradientNorm() <= opt.pgtol()) {
                    return result(x, f, Termination.GRADIENT_TOLERANCE);
                }
                double scale = Math.max(Math.max(Math.abs(fOld), Math.abs(f)), 1.0);
                if (fOld - f <= opt.factr() * EPS * scale) {
                    return result(x, f, Termination.FUNCTION_TOLERANCE);
                }
                updateMemory();
            }
        }

        private SolverResult result(double[] point, double value, Termination t) {
            return new SolverResult(point.clone(), value, iterations, evaluations, t);
        }

        /** After a failed line search x holds x_k again; a trial point may still have been lower. */
        private SolverResult bestResult(Termination t) {
            if (fBest < f) {
                return result(xBest, fBest, t);
            }
            return result(x, f, t);
        }

        private static boolean allFinite(double[] v) {
            for (double e : v) {
                if (!Double.isFinite(e)) {
                    return false;
                }
            }
            return true;
        }

        private double projectedGradientNorm() {
            double norm = 0.0;
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                if (gi < 0.0) {
                    if (hi[i] != Double.POSITIVE_INFINITY) {
                        gi = Math.max(x[i] - hi[i], gi);
                    }
                } else if (lo[i] != Double.NEGATIVE_INFINITY) {
                    gi = Math.min(x[i] - lo[i], gi);
                }
                norm = Math.max(norm, Math.abs(gi));
            }
            return norm;
        }

        private void resetMemory() {
            col = 0;
            theta = 1.0;
        }

        // ---------------------------------------------------------------- direction

        /** Computes x̄ into z and d = x̄ − x; false when a factorization broke down. */
        private boolean searchDirection() {
            if (!constrained && col > 0) {
                // Without bounds the Cauchy step adds nothing: minimise the model over all variables.
                System.arraycopy(x, 0, z, 0, n);
                java.util.Arrays.fill(c, 0, 2 * col, 0.0);
                for (int i = 0; i < n; i++) {
                    state[i] = FREE;
                }
            } else {
                cauchyPoint();
            }
            if (col > 0 && !subspaceMinimization()) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                d[i] = z[i] - x[i];
            }
            return true;
        }

        /** Generalized Cauchy point (BLNZ §4): first local minimiser of the model along P(x − t g). */
        private void cauchyPoint() {
            int nBreak = 0;
            int moving = 0;
            double f1 = 0.0;
            for (int i = 0; i < n; i++) {
                double gi = g[i];
                boolean atLo = lo[i] != Double.NEGATIVE_INFINITY && x[i] <= lo[i];
                boolean atHi = hi[i] != Double.POSITIVE_INFINITY && x[i] >= hi[i];
                if (atLo && gi >= 0.0) {
                    state[i] = AT_LOWER;
                    dc[i] = 0.0;
                } else if (atHi && gi <= 0.0) {
                    state[i] = AT_UPPER;
                    dc[i] = 0.0;
                } else {
                    state[i] = FREE;
                    dc[i] = -gi;
                    f1 -= gi * gi;
                    double t = Double.POSITIVE_INFINITY;
                    if (gi < 0.0 && hi[i] != Double.POSITIVE_INFINITY) {
                        t = (hi[i] - x[i]) / -gi;
                    } else if (gi > 0.0 && lo[i] != Double.NEGATIVE_INFINITY) {
                        t = (x[i] - lo[i]) / gi;
                    }
                    if (gi != 0.0) {
                        moving++;
                    }
                    if (t < Double.POSITIVE_INFINITY) {
                        tBreak[i] = Math.max(t, 0.0);
                        heap[nBreak++] = i;
                    }
                }
            }
            System.arraycopy(x, 0, z, 0, n);
            int twoCol = 2 * col;
            java.util.Arrays.fill(c, 0, twoCol, 0.0);
            if (moving == 0) {
                return;
            }
            // p = Wᵀ dc
            for (int k = 0; k < col; k++) {
                double py = 0.0;
                double ps = 0.0;
                int off = k * n;
                for (int i = 0; i < n; i++) {
                    py += wy[off + i] * dc[i];
                    ps += ws[off + i] * dc[i];
                }
                p[k] = py;
                p[col + k] = theta * ps;
            }
            double f2 = -theta * f1;
            if (col > 0) {
                applyM(p, mv);
                f2 -= dot(p, mv, twoCol);
            }
            double f2Org = f2;
            double dtMin = -f1 / f2;
            double tSum = 0.0;
            for (int k = nBreak / 2 - 1; k >= 0; k--) {
                siftDown(k, nBreak);
            }
            int left = nBreak;
            while (left > 0) {
                int b = heap[0];
                double dt = tBreak[b] - tSum;
                if (dtMin < dt) {
                    break;
                }
                heap[0] = heap[--left];
                siftDown(0, left);
                tSum = tBreak[b];
                double gb = g[b];
                double zb;
                if (dc[b] > 0.0) {
                    z[b] = hi[b];
                    state[b] = AT_UPPER;
                } else {
                    z[b] = lo[b];
                    state[b] = AT_LOWER;
                }
                zb = z[b] - x[b];
                for (int k = 0; k < twoCol; k++) {
                    c[k] += dt * p[k];
                }
                dc[b] = 0.0;
                if (--moving == 0) {
                    dtMin = 0.0;
                    break;
                }
                // Derivatives of the model along the next segment (BLNZ eq. 4.9–4.10).
                f1 += dt * f2 + gb * gb + theta * gb * zb;
                f2 -= theta * gb * gb;
                if (col > 0) {
                    for (int k = 0; k < col; k++) {
                        wb[k] = wy[k * n + b];
                        wb[col + k] = theta * ws[k * n + b];
                    }
                    applyM(wb, mv);
                    f1 -= gb * dot(mv, c, twoCol);
                    f2 -= 2.0 * gb * dot(mv, p, twoCol) + gb * gb * dot(mv, wb, twoCol);
                    for (int k = 0; k < twoCol; k++) {
                        p[k] += gb * wb[k];
                    }
                }
                // Guard against loss of positive curvature by cancellation.
                f2 = Math.max(EPS * f2Org, f2);
                dtMin = -f1 / f2;
            }
            dtMin = Math.max(dtMin, 0.0);
            tSum += dtMin;
            for (int i = 0; i < n; i++) {
                if (state[i] == FREE && dc[i] != 0.0) {
                    z[i] = Math.min(hi[i], Math.max(lo[i], x[i] + tSum * dc[i]));
                }
            }
            for (int k = 0; k < twoCol; k++) {
                c[k] += dtMin * p[k];
            }
        }

        private void siftDown(int k, int size) {
            int item = heap[k];
            double key = tBreak[item];
            while (true) {
                int child = 2 * k + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && tBreak[heap[child + 1]] < tBreak[heap[child]]) {
                    child++;
                }
                if (tBreak[heap[child]] >= key) {
                    break;
                }
                heap[k] = heap[child];
                k = child;
            }
            heap[k] = item;
        }

        /**
         * Direct primal subspace minimisation (BLNZ §5.1) over the variables free at the Cauchy point z,
         * leaving the result in z. Returns false when a factorization broke down.
         */
        private boolean subspaceMinimization() {
            int nFree = 0;
            for (int i = 0; i < n; i++) {
                if (state[i] == FREE) {
                    free[nFree++] = i;
                }
            }
            if (nFree == 0) {
                return true;
            }
            int twoCol = 2 * col;
            // Reduced gradient of the model at z: r = Zᵀ(g + θ(z − x) − W M c).
            applyM(c, mv);
            for (int a = 0; a < nFree; a++) {
                int i = free[a];
                double wmc = 0.0;
                for (int k = 0; k < col; k++) {
                    wmc += wy[k * n + i] * mv[k] + theta * ws[k * n + i] * mv[col + k];
                }
                r[a] = g[i] + theta * (z[i] - x[i]) - wmc;
            }
            // Columns w_i (i free) of Wᵀ Z, and M applied to each.
            for (int a = 0; a < nFree; a++) {
                int i = free[a];
                int off = a * twoCol;
                for (int k = 0; k < col; k++) {
                    wz[off + k] = wy[k * n + i];
                    wz[off + col + k] = theta * ws[k * n + i];
                }
                applyM(wz, off, mwz, off);
            }
            boolean solved;
            if (nFree <= twoCol) {
                solved = solveReducedDirect(nFree, twoCol) || solveReducedWoodbury(nFree, twoCol);
            } else {
                solved = solveReducedWoodbury(nFree, twoCol) || solveReducedDirect(nFree, twoCol);
            }
            if (!solved) {
                return false;
            }
            projectSubspaceStep(nFree);
            return true;
        }

        /** Reduced Hessian θI − Zᵀ W M Wᵀ Z formed explicitly: cheapest when few variables are free. */
        private boolean solveReducedDirect(int nFree, int twoCol) {
            for (int a = 0; a < nFree; a++) {
                for (int b = 0; b <= a; b++) {
                    double v = -dot(wz, a * twoCol, mwz, b * twoCol, twoCol);
                    if (a == b) {
                        v += theta;
                    }
                    dense[a * nFree + b] = v;
                }
            }
            if (!Cholesky.factor(dense, nFree)) {
                return false;
            }
            for (int a = 0; a < nFree; a++) {
                rhs[a] = -r[a];
            }
            Cholesky.solve(dense, nFree, rhs);
            for (int a = 0; a < nFree; a++) {
                du[a] = rhs[a];
            }
            return true;
        }

        /**
         * Sherman–Morrison–Woodbury form of BLNZ §5.1: d = −r/θ − Zᵀ W N⁻¹ M Wᵀ Z r / θ² with
         * N = I − M Wᵀ Z Zᵀ W / θ, a 2m×2m solve independent of the number of free variables.
         */
        private boolean solveReducedWoodbury(int nFree, int twoCol) {
            // v = M Wᵀ Z r = Σ_a r_a (M w_a)
            java.util.Arrays.fill(rhs, 0, twoCol, 0.0);
            for (int a = 0; a < nFree; a++) {
                int off = a * twoCol;
                double ra = r[a];
                for (int k = 0; k < twoCol; k++) {
                    rhs[k] += ra * mwz[off + k];
                }
            }
            // N = I − (1/θ) Σ_a (M w_a) w_aᵀ
            double invTheta = 1.0 / theta;
            for (int k = 0; k < twoCol; k++) {
                for (int l = 0; l < twoCol; l++) {
                    double s = 0.0;
                    for (int a = 0; a < nFree; a++) {
                        s += mwz[a * twoCol + k] * wz[a * twoCol + l];
                    }
                    dense[k * twoCol + l] = (k == l ? 1.0 : 0.0) - invTheta * s;
                }
            }
            if (!Lu.solveInPlace(dense, twoCol, rhs)) {
                return false;
            }
            for (int a = 0; a < nFree; a++) {
                du[a] = -invTheta * (r[a] + invTheta * dot(wz, a * twoCol, rhs, 0, twoCol));
            }
            return true;
        }

        /**
         * Morales–Nocedal (2011): project z + du into the box and keep it if it is still a descent
         * direction from x; otherwise step back along du to the boundary as in the 1995 paper.
         */
        private void projectSubspaceStep(int nFree) {
            for (int i = 0; i < n; i++) {
                xbar[i] = z[i];
            }
            for (int a = 0; a < nFree; a++) {
                int i = free[a];
                xbar[i] = Math.min(hi[i], Math.max(lo[i], z[i] + du[a]));
            }
            double slope = 0.0;
            for (int i = 0; i < n; i++) {
                slope += (xbar[i] - x[i]) * g[i];
            }
            if (slope <= 0.0) {
                System.arraycopy(xbar, 0, z, 0, n);
                return;
            }
            double alpha = 1.0;
            int hit = -1;
            for (int a = 0; a < nFree; a++) {
                int i = free[a];
                double step = du[a];
                if (step < 0.0 && lo[i] != Double.NEGATIVE_INFINITY) {
                    double room = lo[i] - z[i];
                    if (room >= 0.0) {
                        alpha = 0.0;
                        hit = a;
                    } else if (step * alpha < room) {
                        alpha = room / step;
                        hit = a;
                    }
                } else if (step > 0.0 && hi[i] != Double.POSITIVE_INFINITY) {
                    double room = hi[i] - z[i];
                    if (room <= 0.0) {
                        alpha = 0.0;
                        hit = a;
                    } else if (step * alpha > room) {
                        alpha = room / step;
                        hit = a;
                    }
                }
            }
            for (int a = 0; a < nFree; a++) {
                z[free[a]] += alpha * du[a];
            }
            if (alpha < 1.0 && hit >= 0) {
                int i = free[hit];
                z[i] = du[hit] > 0.0 ? hi[i] : lo[i];
            }
        }

        // ---------------------------------------------------------------- compact matrices

        /**
         * out = M v for a 2·col vector (Y part first), where M⁻¹ = [[−D, Lᵀ], [L, θSᵀS]] is factorised as
         * [[D^½, 0], [−L D^−½, J]]·[[−D^½, D^−½ Lᵀ], [0, Jᵀ]] with J Jᵀ = θSᵀS + L D⁻¹ Lᵀ.
         */
        private void applyM(double[] v, double[] out) {
            applyM(v, 0, out, 0);
        }

        private void applyM(double[] v, int vOff, double[] out, int outOff) {
            for (int i = 0; i < col; i++) {
                double s = v[vOff + col + i];
                for (int j = 0; j < i; j++) {
                    s += sy[i * m + j] * v[vOff + j] / sy[j * m + j];
                }
                tmp[i] = s;
            }
            Cholesky.solve(jc, col, m, tmp);
            for (int i = 0; i < col; i++) {
                double s = -v[vOff + i];
                for (int j = i + 1; j < col; j++) {
                    s += sy[j * m + i] * tmp[j];
                }
                out[outOff + i] = s / sy[i * m + i];
                out[outOff + col + i] = tmp[i];
            }
        }

        private void updateMemory() {
            double sTy = 0.0;
            double yTy = 0.0;
            for (int i = 0; i < n; i++) {
                double si = x[i] - xOld[i];
                double yi = g[i] - gOld[i];
                sTy += si * yi;
                yTy += yi * yi;
            }
            // The paper's curvature safeguard: keep B positive definite, skip otherwise.
            if (!(sTy > EPS * yTy)) {
                return;
            }
            if (col == m) {
                System.arraycopy(ws, n, ws, 0, (m - 1) * n);
                System.arraycopy(wy, n, wy, 0, (m - 1) * n);
                for (int i = 0; i < m - 1; i++) {
                    for (int j = 0; j < m - 1; j++) {
                        ss[i * m + j] = ss[(i + 1) * m + j + 1];
                        sy[i * m + j] = sy[(i + 1) * m + j + 1];
                    }
                }
                col--;
            }
            int k = col;
            int off = k * n;
            for (int i = 0; i < n; i++) {
                ws[off + i] = x[i] - xOld[i];
                wy[off + i] = g[i] - gOld[i];
            }
            col++;
            theta = yTy / sTy;
            for (int j = 0; j <= k; j++) {
                int jo = j * n;
                double sjsk = 0.0;
                double skyj = 0.0;
                double sjyk = 0.0;
                for (int i = 0; i < n; i++) {
                    sjsk += ws[jo + i] * ws[off + i];
                    skyj += ws[off + i] * wy[jo + i];
                    sjyk += ws[jo + i] * wy[off + i];
                }
                ss[k * m + j] = sjsk;
                ss[j * m + k] = sjsk;
                sy[k * m + j] = skyj;
                sy[j * m + k] = sjyk;
            }
            sy[k * m + k] = sTy;
            if (!formJ()) {
                resetMemory();
            }
        }

        /** jc = chol(θSᵀS + L D⁻¹ Lᵀ), L the strictly lower triangle of SᵀY. */
        private boolean formJ() {
            for (int i = 0; i < col; i++) {
                for (int j = 0; j <= i; j++) {
                    double v = theta * ss[i * m + j];
                    for (int k = 0; k < j; k++) {
                        v += sy[i * m + k] * sy[j * m + k] / sy[k * m + k];
                    }
                    jc[i * m + j] = v;
                }
            }
            return Cholesky.factor(jc, col, m);
        }

        // ---------------------------------------------------------------- line search

        private int lineSearch() {
            double gd = 0.0;
            double dNorm2 = 0.0;
            for (int i = 0; i < n; i++) {
                gd += g[i] * d[i];
                dNorm2 += d[i] * d[i];
            }
            if (!(gd < 0.0)) {
                return LS_FAILED;
            }
            boolean first = iterations == 0;
            double stpmax = BIG_STEP;
            if (constrained) {
                if (first) {
                    stpmax = 1.0;
                } else {
                    for (int i = 0; i < n; i++) {
                        double di = d[i];
                        if (di < 0.0 && lo[i] != Double.NEGATIVE_INFINITY) {
                            double room = lo[i] - x[i];
                            if (di * stpmax < room) {
                                stpmax = room / di;
                            }
                        } else if (di > 0.0 && hi[i] != Double.POSITIVE_INFINITY) {
                            double room = hi[i] - x[i];
                            if (di * stpmax > room) {
                                stpmax = room / di;
                            }
                        }
                    }
                    // x + d = x̄ is feasible by construction; do not let rounding say otherwise.
                    stpmax = Math.max(stpmax, 1.0);
                }
            }
            double stp = first && !boxed ? Math.min(1.0 / Math.sqrt(dNorm2), stpmax) : 1.0;

            System.arraycopy(x, 0, xOld, 0, n);
            System.arraycopy(g, 0, gOld, 0, n);
            fOld = f;
            fBest = f;
            double[] xt = x;
            double[] gt = g;

            search.start(f, gd, stp, stpmax);

            int trials = 0;
            while (true) {
                if (evaluations >= opt.maxEvaluations()) {
                    restoreStart();
                    return LS_OUT_OF_EVALUATIONS;
                }
                if (stp == 1.0) {
                    System.arraycopy(z, 0, xt, 0, n);
                } else {
                    for (int i = 0; i < n; i++) {
                        xt[i] = Math.min(hi[i], Math.max(lo[i], xOld[i] + stp * d[i]));
                    }
                }
                double ft = fn.valueAndGradient(xt, gt);
                evaluations++;
                trials++;
                double gdt = 0.0;
                for (int i = 0; i < n; i++) {
                    gdt += gt[i] * d[i];
                }
                if (!Double.isFinite(ft) || !Double.isFinite(gdt) || !allFinite(gt)) {
                    // Outside the domain of f: treat as too long a step and fall back towards stx.
                    if (trials >= MAX_LINE_SEARCH_EVALUATIONS) {
                        restoreStart();
                        return LS_FAILED;
                    }
                    stp = search.backOff(stp);
                    continue;
                }
                if (ft < fBest) {
                    fBest = ft;
                    System.arraycopy(xt, 0, xBest, 0, n);
                }
                double next = search.next(stp, ft, gdt);
                if (Double.isNaN(next)) {
                    f = ft;
                    return LS_OK;
                }
                if (trials >= MAX_LINE_SEARCH_EVALUATIONS) {
                    restoreStart();
                    return LS_FAILED;
                }
                stp = next;
            }
        }

        private void restoreStart() {
            System.arraycopy(xOld, 0, x, 0, n);
            System.arraycopy(gOld, 0, g, 0, n);
            f = fOld;
        }

        // ---------------------------------------------------------------- small dense algebra

        private static double dot(double[] a, double[] b, int len) {
            double s = 0.0;
            for (int i = 0; i < len; i++) {
                s += a[i] * b[i];
            }
            return s;
        }

        private static double dot(double[] a, int aOff, double[] b, int bOff, int len) {
            double s = 0.0;
            for (int i = 0; i < len; i++) {
                s += a[aOff + i] * b[bOff + i];
            }
            return s;
        }
    }
}
