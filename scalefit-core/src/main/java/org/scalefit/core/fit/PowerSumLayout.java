package org.scalefit.core.fit;

import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.PowerSum;

/**
 * A power-sum law laid out over one data set as flat arrays: for every term (the constant first) the index
 * of its log-coefficient, and per factor the exponent's index, its sign and the ln x column. Shared by the
 * log-sum-exp kernel and variable projection, which both walk the terms row by row. A parameter the law holds
 * at a value ({@link Law#fixed()}) has index -1: a held coefficient is the constant {@link #fixedLog}, held
 * exponents are folded into the term's constant column {@link #fixedPower}.
 */
final class PowerSumLayout {
    final int terms;
    final int[] coefficient;
    final int[][] exponent;
    final double[][] sign;
    final double[][][] logVar;
    final double[] fixedLog;        // per term: ln(coefficient) when it is held, else 0
    final double[][] fixedPower;    // per term: Σ sign·exponent·ln x over its held exponents, or null
    final boolean anyFixed;

    PowerSumLayout(Law law, PowerSum ps, FitData data) {
        List<PowerSum.Term> list = new ArrayList<>();
        if (ps.constant() != null) {
            list.add(new PowerSum.Term(ps.constant(), List.of()));
        }
        list.addAll(ps.terms());
        terms = list.size();
        coefficient = new int[terms];
        exponent = new int[terms][];
        logVar = new double[terms][][];
        sign = new double[terms][];
        fixedLog = new double[terms];
        fixedPower = new double[terms][];
        java.util.Map<String, Double> held = law.fixed();
        for (int k = 0; k < terms; k++) {
            PowerSum.Term term = list.get(k);
            coefficient[k] = law.parameterIndex(term.coefficient());
            if (coefficient[k] < 0) {
                fixedLog[k] = Math.log(held.get(term.coefficient()));
            }
            List<Integer> free = new ArrayList<>();
            for (int j = 0; j < term.factors().size(); j++) {
                PowerSum.Factor factor = term.factors().get(j);
                if (law.parameterIndex(factor.exponent()) >= 0) {
                    free.add(j);
                } else {
                    double[] l = logs(data.column(factor.variable()));
                    double e = factor.sign() * held.get(factor.exponent());
                    if (fixedPower[k] == null) {
                        fixedPower[k] = new double[l.length];
                    }
                    for (int i = 0; i < l.length; i++) {
                        fixedPower[k][i] += e * l[i];
                    }
                }
            }
            int f = free.size();
            exponent[k] = new int[f];
            logVar[k] = new double[f][];
            sign[k] = new double[f];
            for (int j = 0; j < f; j++) {
                PowerSum.Factor factor = term.factors().get(free.get(j));
                exponent[k][j] = law.parameterIndex(factor.exponent());
                sign[k][j] = factor.sign();
                logVar[k][j] = logs(data.column(factor.variable()));
            }
        }
        anyFixed = !held.isEmpty();
    }

    /** ln(coefficient of term k): its solver value, or the held constant. */
    double logCoefficient(int k, double[] phi) {
        int c = coefficient[k];
        return c >= 0 ? phi[c] : fixedLog[k];
    }

    private static double[] logs(double[] x) {
        double[] l = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            l[i] = x[i] > 0 ? Math.log(x[i]) : Double.NaN;
        }
        return l;
    }

    /** The log of term k's power part at row i, Σ sign·exponent·ln x (the coefficient excluded). */
    double logPower(int k, double[] phi, int i) {
        double t = fixedPower[k] == null ? 0 : fixedPower[k][i];
        int[] ex = exponent[k];
        for (int j = 0; j < ex.length; j++) {
            t += sign[k][j] * phi[ex[j]] * logVar[k][j][i];
        }
        return t;
    }
}
