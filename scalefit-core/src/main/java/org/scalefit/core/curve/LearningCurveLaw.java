package org.scalefit.core.curve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.fit.LossObjective;
import org.scalefit.core.fit.ModelKernel;
import org.scalefit.core.fit.ParameterSpace;
import org.scalefit.core.law.Parameter;

/**
 * Learning-curve forms over one variable x (steps or tokens), on u = x / xref with xref the smallest fitted
 * x, so that coefficients are on the loss's own scale and bounds can be meaningful:
 * <ul>
 *   <li>{@code power-law} (= M2): L = E + A·u^−α</li>
 *   <li>{@code m1}: L = A·u^−α</li>
 *   <li>{@code m3}: L = B·(1/u + g)^α</li>
 *   <li>{@code m4}: (L − E)/(E0 − L)^α = B·u^−c, solved for L in (E, E0) at every point (Alabdulmohsin et al.)</li>
 *   <li>{@code bnsl}: L = a + b·u^−c0·Π_i (1 + (u/d_i)^(1/f_i))^(−c_i·f_i), k breaks (Caballero et al.)</li>
 * </ul>
 * The irreducible terms are bounded to [0, ymax] and the coefficients to at most 1000·ymax: a power term that
 * flattens (α → 0) can then no longer trade an exploding coefficient against a negative constant, the usual
 * degenerate fit of E + A·x^−α.
 */
final class LearningCurveLaw implements CurveLaw {
    public enum Kind { POWER_LAW, M1, M3, M4, BNSL }

    private final Kind kind;
    private final int breaks;
    private final double xref;
    private final double yscale;
    private final double shift;
    private final List<Parameter> parameters;

    public LearningCurveLaw(Kind kind, int breaks, double xref, double yscale, double shift) {
        if (!(xref > 0) || !(yscale > 0) || !(shift >= 0)) {
            throw new IllegalArgumentException("xref and yscale must be positive and shift non-negative");
        }
        if (kind == Kind.BNSL && (breaks < 0 || breaks > 5)) {
            throw new IllegalArgumentException("bnsl takes 0 to 5 breaks, not " + breaks);
        }
        this.kind = kind;
        this.breaks = kind == Kind.BNSL ? breaks : 0;
        this.xref = xref;
        this.yscale = yscale;
        this.shift = shift;
        this.parameters = makeParameters();
    }

    public static String idOf(Kind k) {
        switch (k) {
            case POWER_LAW:
                return "power-law";
            case M1:
                return "m1";
            case M3:
                return "m3";
            case M4:
                return "m4";
            default:
                return "bnsl";
        }
    }

    /** The same law with xref and yscale taken from the fitted rows of these curves. */
    public LearningCurveLaw adaptedTo(List<CurveInput> curves) {
        double xmin = Double.POSITIVE_INFINITY;
        double ymax = 0;
        for (CurveInput c : curves) {
            for (int i = 0; i < c.size(); i++) {
                if (c.fitted()[i] && c.x()[i] > 0) {
                    xmin = Math.min(xmin, c.x()[i]);
                    ymax = Math.max(ymax, c.loss()[i]);
                }
            }
        }
        if (!(xmin < Double.POSITIVE_INFINITY) || !(ymax > 0)) {
            throw new IllegalArgumentException("law " + id() + " needs fitted rows with x > 0 and a positive loss");
        }
        return new LearningCurveLaw(kind, breaks, xmin, ymax, shift);
    }

    public Kind kind() {
        return kind;
    }

    private List<Parameter> makeParameters() {
        double y = yscale;
        List<Parameter> ps = new ArrayList<>();
        switch (kind) {
            case POWER_LAW:
                ps.add(Parameter.linear("E", 0, y, "irreducible loss", 0, 0.5 * y, 0.9 * y));
                ps.add(Parameter.logScale("A", 1e-8 * y, 1e3 * y, "coefficient at x = xref", 0.01 * y, 0.1 * y, y));
                ps.add(Parameter.linear("alpha", 0, 5, "exponent", 0.1, 0.3, 0.6, 1.0));
                break;
            case M1:
                ps.add(Parameter.logScale("A", 1e-8 * y, 1e3 * y, "coefficient at x = xref", 0.1 * y, y, 10 * y));
                ps.add(Parameter.linear("alpha", 0, 5, "exponent", 0.01, 0.1, 0.3, 1.0));
                break;
            case M3:
                ps.add(Parameter.logScale("B", 1e-8 * y, 1e3 * y, "coefficient", 0.1 * y, y, 10 * y));
                ps.add(Parameter.logScale("g", 1e-8, 1e4, "saturation: L → B·g^α as x → ∞", 1e-3, 0.1, 1));
                ps.add(Parameter.linear("alpha", 0, 5, "exponent", 0.1, 0.3, 0.6, 1.0));
                break;
            case M4:
                ps.add(Parameter.linear("E", 0, y, "loss as x → ∞ (ε∞)", 0, 0.5 * y, 0.9 * y));
                // 24 starts: each point of M4 is a root solve, so its grid is kept small
                ps.add(Parameter.linear("E0", y, 20 * y, "loss at x → 0 (ε0)", 1.01 * y, 2 * y));
                ps.add(Parameter.linear("alpha", 0, 5, "shape exponent", 0.5, 1.0));
                ps.add(Parameter.logScale("B", 1e-6, 1e6, "coefficient", 1));
                ps.add(Parameter.linear("c", 0, 5, "exponent", 0.3, 1.0));
                break;
            default:
                ps.add(Parameter.linear("a", 0, y, "limit loss", 0, 0.5 * y));
                ps.add(Parameter.logScale("b", 1e-8 * y, 1e4 * y, "coefficient at x = xref", 0.1 * y, y));
                ps.add(Parameter.linear("c0", -1, 5, "initial exponent", 0, 0.3));
                for (int i = 1; i <= breaks; i++) {
                    ps.add(Parameter.linear("c" + i, -5, 50, "exponent change at break " + i, 0.5, 2));
                    ps.add(Parameter.logScale("d" + i, 1e-3, 1e9, "break location (x/xref)", 1, 10));
                    ps.add(Parameter.logScale("f" + i, 1e-3, 10, "break sharpness", 0.1, 1));
                }
                break;
        }
        return List.copyOf(ps);
    }

    @Override
    public String id() {
        return idOf(kind);
    }

    @Override
    public String name() {
        switch (kind) {
            case POWER_LAW:
                return "Power law plus constant (M2)";
            case M1:
                return "M1: pure power law (Alabdulmohsin et al. 2022)";
            case M3:
                return "M3: saturating power law (Alabdulmohsin et al. 2022)";
            case M4:
                return "M4 (Alabdulmohsin et al. 2022)";
            default:
                return "Broken neural scaling law with " + breaks + " break(s) (Caballero et al. 2023)";
        }
    }

    /** The catalogue law of the same id gives the citation (one definition); M4 is a method there. */
    @Override
    public String citation() {
        return org.scalefit.core.law.LawCatalogue.find(id()).map(org.scalefit.core.law.Law::citation)
                .orElse("Alabdulmohsin, Neyshabur, Zhai (2022). Revisiting Neural Scaling Laws in Language and Vision."
                        + " arXiv:2209.06640.");
    }

    @Override
    public String formula() {
        switch (kind) {
            case POWER_LAW:
                return "E + A*u^-alpha, u = x/xref";
            case M1:
                return "A*u^-alpha, u = x/xref";
            case M3:
                return "B*(1/u + g)^alpha, u = x/xref";
            case M4:
                return "(L - E)/(E0 - L)^alpha = B*u^-c, u = x/xref";
            default:
                StringBuilder sb = new StringBuilder("a + b*u^-c0");
                for (int i = 1; i <= breaks; i++) {
                    sb.append("*(1 + (u/d").append(i).append(")^(1/f").append(i).append("))^(-c").append(i)
                            .append("*f").append(i).append(")");
                }
                return sb.append(", u = x/xref").toString();
        }
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public Map<String, Object> options() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (kind == Kind.BNSL) {
            m.put("breaks", (double) breaks);
            m.put("shift", shift);
        }
        m.put("xref", xref);
        m.put("yscale", yscale);
        return m;
    }

    @Override
    public boolean needsLr() {
        return false;
    }

    double shift() {
        return kind == Kind.BNSL ? shift : 0;
    }

    /**
     * Predicted losses at every row with x > 0; a power law has no value at x = 0 (often step 0 of a log),
     * so such rows get NaN instead of failing the whole prediction.
     */
    @Override
    public double[] predict(double[] theta, CurveInput curve) {
        boolean[] positive = new boolean[curve.size()];
        int n = 0;
        for (int i = 0; i < positive.length; i++) {
            positive[i] = curve.x()[i] > 0;
            if (positive[i]) {
                n++;
            }
        }
        double[] out = new double[curve.size()];
        java.util.Arrays.fill(out, Double.NaN);
        if (n == 0) {
            return out;
        }
        double[] loss = curve.loss() == null ? new double[curve.size()] : curve.loss();
        CurveInput rows = new CurveInput(curve.run(), curve.step(), curve.x(), curve.lr(), loss, positive);
        Bound b = bind(List.of(rows));
        double[] phi = new double[theta.length];
        for (int k = 0; k < theta.length; k++) {
            phi[k] = parameters().get(k).scale().toSolver(theta[k]);
        }
        double[] values = new double[n];
        b.newKernel().evaluate(phi, false, values, null);
        for (int i = 0, j = 0; i < positive.length; i++) {
            if (positive[i]) {
                out[i] = b.toLoss(values[j++]);
            }
        }
        return out;
    }

    @Override
    public Bound bind(List<CurveInput> curves) {
        int n = 0;
        for (CurveInput c : curves) {
            n += c.fittedCount();
        }
        double[] u = new double[n];
        double[] y = new double[n];
        int r = 0;
        for (CurveInput c : curves) {
            for (int i = 0; i < c.size(); i++) {
                if (c.fitted()[i]) {
                    if (!(c.x()[i] > 0)) {
                        throw new IllegalArgumentException("curve " + c.run() + ", step " + c.step()[i] + ": law "
                                + id() + " needs x > 0, found " + c.x()[i] + " (drop it with --drop-steps 1)");
                    }
                    u[r] = c.x()[i] / xref;
                    y[r] = c.loss()[i] + shift();
                    r++;
                }
            }
        }
        java.util.function.Supplier<ModelKernel> kernels = kind == Kind.M3 ? formulaKernels(u, y) : () -> new Kernel(u);
        return Bound.of(y, kernels, shift());
    }

    /**
     * M3 through the catalogue's own formula, on u = x/xref: the compiled formula is faster than a hand kernel
     * for it (scalefit-bench jmh.CurveKernelBench, docs/benchmarks.md). Power law and M1 keep their kernels (2.7x and
     * 1.6x faster than the formula's), BNSL its log-space kernel (the formula as printed overflows for sharp
     * breaks), each checked against the formula in CatalogueAgreementTest.
     */
    private java.util.function.Supplier<ModelKernel> formulaKernels(double[] u, double[] y) {
        String formula = org.scalefit.core.law.Law.replaceSymbols(
                org.scalefit.core.law.LawCatalogue.get(id()).formula(), Map.of("x", "u"));
        org.scalefit.core.law.Law.Builder b = org.scalefit.core.law.Law.builder(id(), formula);
        parameters.forEach(b::parameter);
        org.scalefit.core.law.Law inU = b.build();
        org.scalefit.core.data.FitData data = new org.scalefit.core.data.FitData("curve", List.of("u"),
                new double[][] {u}, inU.target(), y, new long[u.length]);
        return org.scalefit.core.fit.KernelFactory.kernels(inU, data, org.scalefit.core.fit.KernelFactory.Path.EXPRESSION);
    }

    /**
     * Starts for BNSL as its published recipe does: a brute-force scan of a grid (here about 40k points,
     * adapted to the data's range), keeping the best {@code keep} points as starts for the local solver.
     */
    @Override
    public double[][] starts(Bound bound, LossObjective objective) {
        return scanStarts(objective, 24);
    }

    public double[][] scanStarts(LossObjective objective, int keep) {
        if (kind != Kind.BNSL) {
            return null;
        }
        ParameterSpace space = new ParameterSpace(parameters);
        List<double[]> axes = new ArrayList<>();
        double y = yscale;
        axes.add(new double[] {0, 0.1 * y, 0.2 * y, 0.3 * y, 0.4 * y, 0.5 * y, 0.7 * y, 0.9 * y});
        axes.add(logAxis(0.01 * y, 100 * y, 8));
        axes.add(new double[] {0, 0.1, 0.25, 0.5});
        for (int i = 1; i <= breaks; i++) {
            // the first break gets a fine scan; later ones a coarse one, so k breaks stay about 1M points
            axes.add(i == 1 ? new double[] {0.1, 0.5, 1, 2, 5} : new double[] {0.5, 2});
            axes.add(logAxis(1, 1e3, i == 1 ? 10 : 5));
            axes.add(i == 1 ? new double[] {0.03, 0.1, 0.3, 1} : new double[] {0.1, 1});
        }
        int p = parameters.size();
        long total = 1;
        for (double[] a : axes) {
            total *= a.length;
        }
        int[] idx = new int[p];
        double[] theta = new double[p];
        double[] phi = new double[p];
        double[][] best = new double[keep][];
        double[] bestVal = new double[keep];
        java.util.Arrays.fill(bestVal, Double.POSITIVE_INFINITY);
        for (long s = 0; s < total; s++) {
            for (int k = 0; k < p; k++) {
                theta[k] = axes.get(k)[idx[k]];
                phi[k] = parameters.get(k).scale().toSolver(Math.max(theta[k], parameters.get(k).lower()));
            }
            space.bounds().project(phi);
            double v = objective.value(phi);
            if (v < bestVal[keep - 1]) {
                int j = keep - 1;
                while (j > 0 && bestVal[j - 1] > v) {
                    bestVal[j] = bestVal[j - 1];
                    best[j] = best[j - 1];
                    j--;
                }
                bestVal[j] = v;
                best[j] = phi.clone();
            }
            for (int k = p - 1; k >= 0; k--) {
                if (++idx[k] < axes.get(k).length) {
                    break;
                }
                idx[k] = 0;
            }
        }
        List<double[]> out = new ArrayList<>();
        for (double[] b : best) {
            if (b != null) {
                out.add(b);
            }
        }
        return out.isEmpty() ? null : out.toArray(new double[0][]);
    }

    private static double[] logAxis(double lo, double hi, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo * Math.pow(hi / lo, i / (double) (n - 1));
        }
        return a;
    }

    /** Values and gradients in the natural parameters, chained to the solver scale. */
    private final class Kernel implements ModelKernel {
        private final double[] u;
        private final double[] lnu;
        private final double[] theta;
        private final double[] grad;
        private final ParameterSpace space = new ParameterSpace(parameters);

        Kernel(double[] u) {
            this.u = u;
            this.lnu = new double[u.length];
            for (int i = 0; i < u.length; i++) {
                lnu[i] = Math.log(u[i]);
            }
            this.theta = new double[parameters.size()];
            this.grad = new double[parameters.size()];
        }

        @Override
        public int rows() {
            return u.length;
        }

        @Override
        public int dimension() {
            return theta.length;
        }

        @Override
        public void evaluate(double[] phi, boolean log, double[] out, double[][] jac) {
            space.toNatural(phi, theta);
            int p = theta.length;
            double sh = shift();
            for (int i = 0; i < u.length; i++) {
                double f = value(i, jac == null ? null : grad) + sh;
                double scale = 1;
                if (log) {
                    if (!(f > 0)) {
                        out[i] = Double.NaN;
                        if (jac != null) {
                            for (int k = 0; k < p; k++) {
                                jac[k][i] = Double.NaN;
                            }
                        }
                        continue;
                    }
                    out[i] = Math.log(f);
                    scale = 1 / f;
                } else {
                    out[i] = f;
                }
                if (jac != null) {
                    for (int k = 0; k < p; k++) {
                        double d = grad[k] * scale;
                        jac[k][i] = space.isLog(k) ? d * theta[k] : d;
                    }
                }
            }
        }

        /** The law at row i in natural parameters; fills d/dθ into g when not null. */
        private double value(int i, double[] g) {
            double[] t = theta;
            double uu = u[i];
            double lu = lnu[i];
            switch (kind) {
                case POWER_LAW: {
                    double pw = Math.exp(-t[2] * lu);
                    if (g != null) {
                        g[0] = 1;
                        g[1] = pw;
                        g[2] = -t[1] * pw * lu;
                    }
                    return t[0] + t[1] * pw;
                }
                case M1: {
                    double pw = Math.exp(-t[1] * lu);
                    if (g != null) {
                        g[0] = pw;
                        g[1] = -t[0] * pw * lu;
                    }
                    return t[0] * pw;
                }
                case M3:
                    throw new IllegalStateException("M3 is evaluated through its formula");
                case M4:
                    return m4(lu, g);
                default:
                    return bnsl(uu, lu, g);
            }
        }

        /** Solves (L − E) = r·(E0 − L)^α, r = B·u^−c, for L in (E, E0); gradient by the implicit function theorem. */
        private double m4(double lu, double[] g) {
            double e = theta[0];
            double e0 = theta[1];
            double alpha = theta[2];
            double b = theta[3];
            double c = theta[4];
            if (!(e0 > e)) {
                if (g != null) {
                    java.util.Arrays.fill(g, Double.NaN);
                }
                return Double.NaN;
            }
            double r = b * Math.exp(-c * lu);
            double lo = e;
            double hi = e0;
            // start from the α = 1 solution, which is closed-form: L = (E + r·E0)/(1 + r)
            double l = (e + r * e0) / (1 + r);
            for (int it = 0; it < 100; it++) {
                double w = e0 - l;
                double wa = Math.pow(w, alpha);
                double f = (l - e) - r * wa;
                if (f == 0) {
                    break;
                }
                if (f > 0) {
                    hi = l;
                } else {
                    lo = l;
                }
                double fl = 1 + r * alpha * (w > 0 ? wa / w : 0);
                double next = l - f / fl;
                if (!(next > lo && next < hi)) {
                    next = 0.5 * (lo + hi);
                }
                if (Math.abs(next - l) <= 1e-14 * Math.max(1, Math.abs(l))) {
                    l = next;
                    break;
                }
                l = next;
            }
            if (g != null) {
                double w = e0 - l;
                double wa = Math.pow(w, alpha);
                double fl = 1 + r * alpha * (w > 0 ? wa / w : 0);
                double fe = -1;
                double fe0 = -r * alpha * (w > 0 ? wa / w : 0);
                double falpha = w > 0 ? -r * wa * Math.log(w) : 0;
                double fb = -wa * r / b;
                double fc = r * lu * wa;
                g[0] = -fe / fl;
                g[1] = -fe0 / fl;
                g[2] = -falpha / fl;
                g[3] = -fb / fl;
                g[4] = -fc / fl;
            }
            return l;
        }

        private double bnsl(double uu, double lu, double[] g) {
            double a = theta[0];
            double b = theta[1];
            double c0 = theta[2];
            double lnProd = -c0 * lu;
            // d ln(term)/d c_i, d_i, f_i collected per break
            for (int i = 0; i < breaks; i++) {
                double ci = theta[3 + 3 * i];
                double di = theta[4 + 3 * i];
                double fi = theta[5 + 3 * i];
                double z = (lu - Math.log(di)) / fi; // ln((u/d)^(1/f))
                double sp = softplus(z); // ln(1 + e^z)
                lnProd += -ci * fi * sp;
                if (g != null) {
                    double sig = sigmoid(z);
                    g[3 + 3 * i] = -fi * sp;                  // d/dci of the log term
                    g[4 + 3 * i] = ci * sig / di;             // d/ddi: -ci fi sig * (-1/(fi di))
                    g[5 + 3 * i] = -ci * sp + ci * sig * z;   // d/dfi: -ci sp - ci fi sig * (-z/fi)
                }
            }
            double term = b * Math.exp(lnProd);
            if (g != null) {
                g[0] = 1;
                g[1] = term / b;
                g[2] = -term * lu;
                for (int i = 0; i < breaks; i++) {
                    for (int k = 3 + 3 * i; k < 6 + 3 * i; k++) {
                        g[k] *= term;
                    }
                }
            }
            return a + term;
        }
    }

    private static double softplus(double z) {
        return z > 30 ? z : Math.log1p(Math.exp(z));
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
