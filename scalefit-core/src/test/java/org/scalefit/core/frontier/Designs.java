package org.scalefit.core.frontier;

import java.util.Random;

import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.plan.ComputeOptimal;

/** IsoFLOP designs on a known Chinchilla surface, with the grid centre allowed to drift off the optimum. */
final class Designs {
    static final Law CHINCHILLA = LawCatalogue.get("chinchilla");

    private Designs() {
    }

    /** θ = (E, A, B, α, β) in the catalogue's order. */
    static double[] theta(double e, double a, double b, double alpha, double beta) {
        double[] t = new double[5];
        t[CHINCHILLA.parameterIndex("E")] = e;
        t[CHINCHILLA.parameterIndex("A")] = a;
        t[CHINCHILLA.parameterIndex("B")] = b;
        t[CHINCHILLA.parameterIndex("alpha")] = alpha;
        t[CHINCHILLA.parameterIndex("beta")] = beta;
        return t;
    }

    /** The exact N* of E + A/N^α + B/D^β at compute C (Hoffmann et al. eq. 4). */
    static double nStar(double[] th, double c) {
        return ComputeOptimal.solve(CHINCHILLA, th, null, c, 0.95).point().n();
    }

    /**
     * Runs at each budget: {@code perBudget} sizes log-spaced over [centre/spread, centre·spread] where the
     * centre is N*·shift^(k/(budgets−1)) (shift 1: centred; shift 3: drifting from 1× to 3× as in the
     * Open-Athena study), loss from the law times exp(noise·z).
     */
    static Runs runs(double[] th, double[] budgets, int perBudget, double spread, double shift, double noise,
                     long seed) {
        Random rng = new Random(seed);
        int rows = budgets.length * perBudget;
        double[] n = new double[rows];
        double[] c = new double[rows];
        double[] l = new double[rows];
        long[] lines = new long[rows];
        double e = th[CHINCHILLA.parameterIndex("E")];
        double a = th[CHINCHILLA.parameterIndex("A")];
        double b = th[CHINCHILLA.parameterIndex("B")];
        double alpha = th[CHINCHILLA.parameterIndex("alpha")];
        double beta = th[CHINCHILLA.parameterIndex("beta")];
        int r = 0;
        for (int k = 0; k < budgets.length; k++) {
            double frac = budgets.length == 1 ? 0 : (double) k / (budgets.length - 1);
            double centre = nStar(th, budgets[k]) * Math.pow(shift, frac);
            for (int j = 0; j < perBudget; j++) {
                double u = -1 + 2.0 * j / (perBudget - 1);
                n[r] = centre * Math.pow(spread, u);
                c[r] = budgets[k];
                double d = budgets[k] / (6 * n[r]);
                l[r] = (e + a / Math.pow(n[r], alpha) + b / Math.pow(d, beta)) * Math.exp(noise * rng.nextGaussian());
                lines[r] = r + 2;
                r++;
            }
        }
        return new Runs("synthetic", n, c, l, lines);
    }

    static double[] budgets(double from, double to, int count) {
        double[] b = new double[count];
        for (int i = 0; i < count; i++) {
            b[i] = Math.exp(Math.log(from) + (Math.log(to) - Math.log(from)) * i / (count - 1));
        }
        return b;
    }
}
