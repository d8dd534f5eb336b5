package org.scalefit.core.fit;

import java.util.ArrayList;
import java.util.List;

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
    private final double[] t;
    private final double[] w;

    PowerSumKernel(Law law, PowerSum ps, FitData data) {
        this.rows = data.rows();
        this.dimension = law.parameters().size();
        List<PowerSum.Term> terms = new ArrayList<>();
        if (ps.constant() != null) {
            terms.add(new PowerSum.Term(ps.constant(), List.of()));
        }
        terms.addAll(ps.terms());
        int n = terms.size();
        coefficient = new int[n];
        exponent = new int[n][];
        logVar = new double[n][][];
        sign = new double[n][];
        for (int k = 0; k < n; k++) {
            PowerSum.Term term = terms.get(k);
            coefficient[k] = law.parameterIndex(term.coefficient());
            int f = term.factors().size();
            exponent[k] = new int[f];
            logVar[k] = new double[f][];
            sign[k] = new double[f];
            for (int j = 0; j < f; j++) {
                PowerSum.Factor factor = term.factors().get(j);
                exponent[k][j] = law.parameterIndex(factor.exponent());
                sign[k][j] = factor.sign();
                logVar[k][j] = logs(data.column(factor.variable()));
            }
        }
        t = new double[n];
        w = new double[n];
    }

    private static double[] logs(double[] x) {
        double[] l = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            l[i] = x[i] > 0 ? Math.log(x[i]) : Double.NaN;
        }
        return l;
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
                double tk = phi[coefficient[k]];
                int[] ex = exponent[k];
                for (int j = 0; j < ex.length; j++) {
                    tk += sign[k][j] * phi[ex[j]] * logVar[k][j][i];
                }
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
                    jacobian[coefficient[k]][i] += wk;
                    int[] ex = exponent[k];
                    for (int j = 0; j < ex.length; j++) {
                        jacobian[ex[j]][i] += sign[k][j] * logVar[k][j][i] * wk;
                    }
                }
            }
        }
    }
}
