package org.scalefit.core.solve;

import java.util.SplittableRandom;

/**
 * Chinchilla-style loss law in log-sum-exp form, the shape of problem the fitter solves thousands of times:
 * minimise Σ Huber_δ(y_i − LSE(a − α ln N_i, b − β ln D_i, e)) over (a, b, e, α, β).
 */
final class ChinchillaProblem implements DifferentiableFunction {
    static final double E = 1.8;
    static final double A = 480;
    static final double B = 2100;
    static final double ALPHA = 0.35;
    static final double BETA = 0.37;
    static final double DELTA = 1e-3;

    final double[] lnN;
    final double[] lnD;
    final double[] y;

    ChinchillaProblem(int points, double noise, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        lnN = new double[points];
        lnD = new double[points];
        y = new double[points];
        for (int i = 0; i < points; i++) {
            lnN[i] = rnd.nextDouble(Math.log(7e7), Math.log(1.6e10));
            lnD[i] = rnd.nextDouble(Math.log(5e9), Math.log(5e11));
            double loss = E + A * Math.exp(-ALPHA * lnN[i]) + B * Math.exp(-BETA * lnD[i]);
            y[i] = Math.log(loss) + noise * gaussian(rnd);
        }
    }

    /** (a, b, e, α, β) that generated the data. */
    static double[] truth() {
        return new double[] {Math.log(A), Math.log(B), Math.log(E), ALPHA, BETA};
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box–Muller keeps the data independent of java.util.Random's implementation.
        double u = rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2.0 * Math.log1p(-u)) * Math.cos(2.0 * Math.PI * v);
    }

    @Override
    public int dimension() {
        return 5;
    }

    double value(double[] p) {
        return valueAndGradient(p, null);
    }

    @Override
    public double valueAndGradient(double[] p, double[] grad) {
        double a = p[0];
        double b = p[1];
        double e = p[2];
        double alpha = p[3];
        double beta = p[4];
        double f = 0.0;
        double ga = 0;
        double gb = 0;
        double ge = 0;
        double gal = 0;
        double gbe = 0;
        for (int i = 0; i < y.length; i++) {
            double u1 = a - alpha * lnN[i];
            double u2 = b - beta * lnD[i];
            double mx = Math.max(e, Math.max(u1, u2));
            double w1 = Math.exp(u1 - mx);
            double w2 = Math.exp(u2 - mx);
            double w3 = Math.exp(e - mx);
            double sum = w1 + w2 + w3;
            double lse = mx + Math.log(sum);
            double r = y[i] - lse;
            double ar = Math.abs(r);
            double psi;
            if (ar <= DELTA) {
                f += 0.5 * r * r;
                psi = r;
            } else {
                f += DELTA * (ar - 0.5 * DELTA);
                psi = r > 0 ? DELTA : -DELTA;
            }
            double s = -psi / sum;
            ga += s * w1;
            gb += s * w2;
            ge += s * w3;
            gal -= s * w1 * lnN[i];
            gbe -= s * w2 * lnD[i];
        }
        if (grad != null) {
            grad[0] = ga;
            grad[1] = gb;
            grad[2] = ge;
            grad[3] = gal;
            grad[4] = gbe;
        }
        return f;
    }
}
