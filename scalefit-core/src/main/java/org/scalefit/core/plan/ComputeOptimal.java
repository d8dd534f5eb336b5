package org.scalefit.core.plan;

import java.util.List;

import org.scalefit.core.fit.Stats;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.PowerSum;

/**
 * Compute-optimal allocation under C = 6·N·D: the N that minimises L(N, C/(6N)), found numerically for any
 * law in N and D, and in closed form for E + A/N^α + B/D^β, where N* = G·(C/6)^a, D* = (C/6)^b / G with
 * a = β/(α+β), b = α/(α+β), G = (αA/(βB))^(1/(α+β)) (Hoffmann et al. 2022, eq. 4).
 */
public final class ComputeOptimal {
    /** FLOP per parameter per token for a forward and backward pass. */
    public static final double FLOP_PER_PARAM_TOKEN = 6.0;

    /** One allocation; the exponents are the local slopes d(ln N*) / d(ln C) and d(ln D*) / d(ln C). */
    public record Allocation(double compute, double n, double d, double loss, double a, double b) {
        public double tokensPerParameter() {
            return d / n;
        }
    }

    /** An allocation with percentile intervals from bootstrap draws (null when there are none). */
    public record Result(Allocation point, double[] nInterval, double[] dInterval, double[] lossInterval,
                         double[] aInterval, double[] bInterval, int draws) {
    }

    private ComputeOptimal() {
    }

    /** Whether C = 6·N·D planning applies: a law in N and D only. */
    public static boolean appliesTo(Law law) {
        List<String> v = law.variables();
        return v.size() == 2 && v.contains("N") && v.contains("D");
    }

    public static void checkLaw(Law law) {
        List<String> v = law.variables();
        if (!appliesTo(law)) {
            throw new IllegalArgumentException("compute-optimal allocation needs a law in N and D only; "
                    + law.id() + " uses " + String.join(", ", v));
        }
    }

    public static Result solve(Law law, double[] theta, double[][] draws, double compute, double level) {
        if (!(compute > 0) || Double.isInfinite(compute)) {
            throw new IllegalArgumentException("the compute budget must be a positive number of FLOP, not " + compute);
        }
        checkLaw(law);
        LawFunction f = new LawFunction(law);
        Allocation point = allocate(f, theta, compute);
        if (draws == null || draws.length < 2) {
            return new Result(point, null, null, null, null, null, 0);
        }
        int m = draws.length;
        double[] ns = new double[m];
        double[] ds = new double[m];
        double[] ls = new double[m];
        double[] as = new double[m];
        double[] bs = new double[m];
        for (int i = 0; i < m; i++) {
            Allocation a = allocate(f, draws[i], compute);
            ns[i] = a.n();
            ds[i] = a.d();
            ls[i] = a.loss();
            as[i] = a.a();
            bs[i] = a.b();
        }
        double lo = (1 - level) / 2;
        return new Result(point, interval(ns, lo), interval(ds, lo), interval(ls, lo), interval(as, lo),
                interval(bs, lo), m);
    }

    private static double[] interval(double[] v, double lo) {
        return new double[] {Stats.quantile(v, lo), Stats.quantile(v, 1 - lo)};
    }

    /**
     * Whether {@code at} (from {@link #solve}) is a compute optimum: the law's target rises on both sides of it along
     * the IsoFLOP curve (N and D moved by a factor e^0.1 in opposite directions). A law whose target is not a loss to
     * minimise (a learning rate or batch size in N and D) is monotone there, and the "optimum" a search finds is the
     * edge of its range, whose exponents mean nothing.
     */
    public static boolean isInteriorOptimum(Law law, double[] theta, Allocation at) {
        LawFunction f = new LawFunction(law);
        double h = 0.1;
        double here = at.loss();
        double moreN = loss(f, theta, at.n() * Math.exp(h), at.d() * Math.exp(-h));
        double moreD = loss(f, theta, at.n() * Math.exp(-h), at.d() * Math.exp(h));
        return Double.isFinite(here) && moreN > here && moreD > here;
    }

    static Allocation allocate(LawFunction f, double[] theta, double compute) {
        double[] closed = closedForm(f.law(), theta, compute);
        if (closed != null) {
            double n = closed[0];
            double d = compute / (FLOP_PER_PARAM_TOKEN * n);
            return new Allocation(compute, n, d, loss(f, theta, n, d), closed[1], closed[2]);
        }
        double n = numericOptimum(f, theta, compute);
        double d = compute / (FLOP_PER_PARAM_TOKEN * n);
        // local exponents by a symmetric difference over a factor e^0.05 in compute each way
        double h = 0.05;
        double nUp = numericOptimum(f, theta, compute * Math.exp(h));
        double nDown = numericOptimum(f, theta, compute * Math.exp(-h));
        double a = (Math.log(nUp) - Math.log(nDown)) / (2 * h);
        return new Allocation(compute, n, d, loss(f, theta, n, d), a, 1 - a);
    }

    private static double loss(LawFunction f, double[] theta, double n, double d) {
        int in = f.law().variables().indexOf("N");
        double[] x = new double[2];
        x[in] = n;
        x[1 - in] = d;
        return f.value(x, theta);
    }

    /** {N*, a, b} for the Chinchilla form E + A·N^-α + B·D^-β, else null. */
    static double[] closedForm(Law law, double[] theta, double compute) {
        if (law.powerSum().isEmpty()) {
            return null;
        }
        PowerSum ps = law.powerSum().get();
        if (ps.terms().size() != 2) {
            return null;
        }
        double coefN = Double.NaN;
        double coefD = Double.NaN;
        double alpha = Double.NaN;
        double beta = Double.NaN;
        for (PowerSum.Term t : ps.terms()) {
            if (t.factors().size() != 1 || t.factors().get(0).sign() != -1) {
                return null;
            }
            PowerSum.Factor fac = t.factors().get(0);
            double c = theta[law.parameterIndex(t.coefficient())];
            double e = theta[law.parameterIndex(fac.exponent())];
            if (fac.variable().equals("N")) {
                coefN = c;
                alpha = e;
            } else if (fac.variable().equals("D")) {
                coefD = c;
                beta = e;
            }
        }
        if (Double.isNaN(coefN) || Double.isNaN(coefD) || !(alpha > 0) || !(beta > 0)) {
            return null;
        }
        double a = beta / (alpha + beta);
        double b = alpha / (alpha + beta);
        double g = Math.pow(alpha * coefN / (beta * coefD), 1 / (alpha + beta));
        double n = g * Math.pow(compute / FLOP_PER_PARAM_TOKEN, a);
        return new double[] {n, a, b};
    }

    /** Golden-section search over ln N on [0, ln(C/6)], refined from a coarse scan to find the basin. */
    static double numericOptimum(LawFunction f, double[] theta, double compute) {
        double hi = Math.log(compute / FLOP_PER_PARAM_TOKEN);
        double lo = 0;
        int scan = 400;
        double bestU = lo;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= scan; i++) {
            double u = lo + (hi - lo) * i / scan;
            double v = lossAt(f, theta, compute, u);
            if (v < best) {
                best = v;
                bestU = u;
            }
        }
        if (!(best < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the law gives no finite loss for any split of C = " + compute);
        }
        double step = (hi - lo) / scan;
        double a = Math.max(lo, bestU - step);
        double b = Math.min(hi, bestU + step);
        double gr = (Math.sqrt(5) - 1) / 2;
        double c = b - gr * (b - a);
        double d = a + gr * (b - a);
        double fc = lossAt(f, theta, compute, c);
        double fd = lossAt(f, theta, compute, d);
        for (int it = 0; it < 200 && b - a > 1e-12; it++) {
            if (fc < fd) {
                b = d;
                d = c;
                fd = fc;
                c = b - gr * (b - a);
                fc = lossAt(f, theta, compute, c);
            } else {
                a = c;
                c = d;
                fc = fd;
                d = a + gr * (b - a);
                fd = lossAt(f, theta, compute, d);
            }
        }
        return Math.exp((a + b) / 2);
    }

    private static double lossAt(LawFunction f, double[] theta, double compute, double u) {
        double n = Math.exp(u);
        double v = loss(f, theta, n, compute / (FLOP_PER_PARAM_TOKEN * n));
        return Double.isFinite(v) ? v : Double.POSITIVE_INFINITY;
    }
}
