package org.scalefit.core.fit;

import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.PowerSum;

/**
 * Sums of power terms in log-sum-exp form: log f = LSE_k(c_k + Σ s·p·ln x), with c_k = ln(coefficient).
 * Each row costs one exp per term and one log, and the log-space Jacobian is the softmax weights, so this
 * is both the fastest and the best-conditioned way to fit Chinchilla-type laws.
 */
final class PowerSumKernel implements ModelKernel {
    private final int rows;
    private final int dimension;
    private final int[] coefficient;      // parameter index of each term's log-coefficient
    private final int[][] exponent;       // per term: parameter index of each factor's exponent
    private final double[][][] logVar;    // per term: ln x column of each factor
    private final double[][] sign;        // per term: ±1 per factor
    private final PowerSumLayout layout;
    private final double[] t;
    private final double[] w;
    // the common shape, constant + two single-factor terms (Chinchilla), gets a fused loop
    private final boolean twoTermShape;

    PowerSumKernel(Law law, PowerSum ps, FitData data) {
        this.rows = data.rows();
        this.dimension = law.parameters().size();
        layout = new PowerSumLayout(law, ps, data);
        int n = layout.terms;
        coefficient = layout.coefficient;
        exponent = layout.exponent;
        logVar = layout.logVar;
        sign = layout.sign;
        t = new double[n];
        w = new double[n];
        twoTermShape = !layout.anyFixed && n == 3 && exponent[0].length == 0 && exponent[1].length == 1 && exponent[2].length == 1;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public void evaluate(double[] phi, boolean log, double[] out, double[][] jacobian) {
        final int n = t.length;
        for (int i = 0; i < rows; i++) {
            double m = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                double tk = layout.logCoefficient(k, phi) + layout.logPower(k, phi, i);
                t[k] = tk;
                if (tk > m) {
                    m = tk;
                }
            }
            double s = 0;
            for (int k = 0; k < n; k++) {
                double e = Math.exp(t[k] - m);
                w[k] = e;
                s += e;
            }
            double lf = m + Math.log(s);
            double scale = log ? 1.0 : Math.exp(lf);
            out[i] = log ? lf : scale;
            if (jacobian != null) {
                for (int p = 0; p < dimension; p++) {
                    jacobian[p][i] = 0;
                }
                double inv = scale / s;
                for (int k = 0; k < n; k++) {
                    double wk = w[k] * inv;
                    if (coefficient[k] >= 0) {
                        jacobian[coefficient[k]][i] += wk;
                    }
                    int[] ex = exponent[k];
                    for (int j = 0; j < ex.length; j++) {
                        jacobian[ex[j]][i] += sign[k][j] * logVar[k][j][i] * wk;
                    }
                }
            }
        }
    }

    @Override
    public boolean fusesLoss() {
        return twoTermShape;
    }

    @Override
    public double lossAndGradient(double[] phi, double[] response, Loss loss, boolean log, double[] gradient,
                                  double[] pred, double[][] jac) {
        if (!twoTermShape) {
            return ModelKernel.super.lossAndGradient(phi, response, loss, log, gradient, pred, jac);
        }
        if (log && loss instanceof Loss.Huber huber) {
            return huberTwoTerms(phi, response, huber.delta(), gradient);
        }
        return anyLossTwoTerms(phi, response, loss, log, gradient);
    }

    /**
     * The fused loop for any other penalty or residual scale (squared or absolute error, raw values): the same
     * one pass without a stored Jacobian, with ρ and ρ' from the loss. On raw values f = Σ a_k and df/dc_k = a_k;
     * on logs, d ln f / dc_k = a_k / f.
     */
    private double anyLossTwoTerms(double[] phi, double[] y, Loss loss, boolean log, double[] gradient) {
        final int i0 = coefficient[0];
        final int i1 = coefficient[1];
        final int i2 = coefficient[2];
        final int x1 = exponent[1][0];
        final int x2 = exponent[2][0];
        final double s1 = sign[1][0];
        final double s2 = sign[2][0];
        final double c0 = phi[i0];
        final double c1 = phi[i1];
        final double c2 = phi[i2];
        final double q1 = s1 * phi[x1];
        final double q2 = s2 * phi[x2];
        final double[] l1 = logVar[1][0];
        final double[] l2 = logVar[2][0];
        final double w0 = Math.exp(c0);
        double sum = 0;
        double g0 = 0;
        double g1 = 0;
        double g2 = 0;
        double gx1 = 0;
        double gx2 = 0;
        for (int i = 0; i < rows; i++) {
            double t1 = c1 + q1 * l1[i];
            double t2 = c2 + q2 * l2[i];
            double a0 = w0;
            double a1 = Math.exp(t1);
            double a2 = Math.exp(t2);
            double s = a0 + a1 + a2;
            // over- or underflow: the max-shifted sum, f = e^m · s (m = 0 otherwise, and m + log s is log s exactly)
            double m = 0;
            if (!(s > 0 && s < Double.POSITIVE_INFINITY && a0 > 0)) {
                m = Math.max(c0, Math.max(t1, t2));
                a0 = Math.exp(c0 - m);
                a1 = Math.exp(t1 - m);
                a2 = Math.exp(t2 - m);
                s = a0 + a1 + a2;
            }
            double r;
            double ds;
            if (log) {
                r = y[i] - (m + Math.log(s));
                sum += loss.value(r);
                ds = loss.derivative(r) / s;
            } else {
                double scale = m == 0 ? 1 : Math.exp(m);
                r = y[i] - scale * s;
                sum += loss.value(r);
                ds = loss.derivative(r) * scale;
            }
            double b1 = ds * a1;
            double b2 = ds * a2;
            g0 += ds * a0;
            g1 += b1;
            g2 += b2;
            gx1 += b1 * l1[i];
            gx2 += b2 * l2[i];
        }
        return assemble(gradient, sum, g0, g1, g2, s1 * gx1, s2 * gx2);
    }

    /**
     * Σ Huber_δ(log y − log(e^c0 + e^(c1 + q1·ln x1) + e^(c2 + q2·ln x2))) and its gradient in one pass:
     * no Jacobian is stored, and the sum of exponentials is taken directly (three exp and one log per row),
     * falling back to the max-shifted form only on a row where that sum over- or underflows.
     */
    private double huberTwoTerms(double[] phi, double[] y, double delta, double[] gradient) {
        final int i0 = coefficient[0];
        final int i1 = coefficient[1];
        final int i2 = coefficient[2];
        final int x1 = exponent[1][0];
        final int x2 = exponent[2][0];
        final double s1 = sign[1][0];
        final double s2 = sign[2][0];
        final double c0 = phi[i0];
        final double c1 = phi[i1];
        final double c2 = phi[i2];
        final double q1 = s1 * phi[x1];
        final double q2 = s2 * phi[x2];
        final double[] l1 = logVar[1][0];
        final double[] l2 = logVar[2][0];
        final double w0 = Math.exp(c0);
        double sum = 0;
        double g0 = 0;
        double g1 = 0;
        double g2 = 0;
        double gx1 = 0;
        double gx2 = 0;
        for (int i = 0; i < rows; i++) {
            double t1 = c1 + q1 * l1[i];
            double t2 = c2 + q2 * l2[i];
            double a0 = w0;
            double a1 = Math.exp(t1);
            double a2 = Math.exp(t2);
            double s = a0 + a1 + a2;
            double lf;
            if (s > 0 && s < Double.POSITIVE_INFINITY && a0 > 0) {
                lf = Math.log(s);
            } else {
                double m = Math.max(c0, Math.max(t1, t2));
                a0 = Math.exp(c0 - m);
                a1 = Math.exp(t1 - m);
                a2 = Math.exp(t2 - m);
                s = a0 + a1 + a2;
                lf = m + Math.log(s);
            }
            double r = y[i] - lf;
            double ar = Math.abs(r);
            double d;
            if (ar <= delta) {
                sum += 0.5 * r * r;
                d = r;
            } else {
                sum += delta * (ar - 0.5 * delta);
                d = r > 0 ? delta : -delta;
            }
            double ds = d / s;
            double b1 = ds * a1;
            double b2 = ds * a2;
            g0 += ds * a0;
            g1 += b1;
            g2 += b2;
            gx1 += b1 * l1[i];
            gx2 += b2 * l2[i];
        }
        return assemble(gradient, sum, g0, g1, g2, s1 * gx1, s2 * gx2);
    }

    /** The two-term loops' sums as the gradient (of Σρ, hence the minus) and the objective. */
    private double assemble(double[] gradient, double sum, double g0, double g1, double g2, double gx1, double gx2) {
        for (int k = 0; k < dimension; k++) {
            gradient[k] = 0;
        }
        gradient[coefficient[0]] -= g0;
        gradient[coefficient[1]] -= g1;
        gradient[coefficient[2]] -= g2;
        gradient[exponent[1][0]] -= gx1;
        gradient[exponent[2][0]] -= gx2;
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
    }
}
