package org.scalefit.core.frontier;

import java.util.List;
import java.util.Locale;

import org.scalefit.core.fit.Bootstrap;
import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.plan.ComputeOptimal;

/**
 * Chinchilla approach 3: fit L = E + A/N^α + B/D^β to all runs (Huber δ = 1e-3 on log loss, the fitter's
 * defaults) and read the frontier off the law, a = β/(α+β), b = α/(α+β); intervals from the row bootstrap
 * of the fit.
 */
final class Parametric {
    /** The law needs five parameters; fewer runs than this cannot determine it. */
    public static final int MIN_RUNS = 6;

    private Parametric() {
    }

    public static FrontierResult analyse(Runs runs, Solver solver, int bootstrap, long seed, double level,
                                         int threads, Progress fitProgress, Progress bootProgress) {
        if (runs.size() < MIN_RUNS) {
            throw new IllegalArgumentException(runs.source() + ": approach 3 fits a 5-parameter law and needs at least "
                    + MIN_RUNS + " runs, not " + runs.size());
        }
        if (bootstrap < 0 || bootstrap == 1) {
            throw new IllegalArgumentException("the bootstrap needs at least 2 resamples (or 0 for none), not " + bootstrap);
        }
        Limits.atMost("the number of bootstrap resamples", bootstrap, Limits.RESAMPLES);
        Law law = LawCatalogue.get("chinchilla");
        int k = runs.size();
        double[] d = new double[k];
        for (int i = 0; i < k; i++) {
            d[i] = runs.tokens(i);
        }
        double[][] cols = new double[2][];
        cols[law.variables().indexOf("N")] = runs.n();
        cols[law.variables().indexOf("D")] = d;
        FitData data = new FitData(runs.source(), law.variables(), cols, law.target(), runs.loss(), runs.lines());
        FitSpec spec = FitSpec.defaults(law).withSolver(solver).withSeed(seed).withThreads(threads);
        FitResult fit = Fitter.fit(data, spec, fitProgress);
        BootstrapResult boot = bootstrap >= 2 ? Bootstrap.run(data, fit, bootstrap, seed, bootProgress) : null;
        // a and b do not depend on C for this law; N* and D* coefficients are read at C = 1 via eq. 4
        ComputeOptimal.Result r = ComputeOptimal.solve(law, fit.naturalPoint(), boot == null ? null : boot.draws(),
                1e24, level);
        ComputeOptimal.Allocation p = r.point();
        double nCoef = p.n() / Math.pow(1e24, p.a());
        double dCoef = p.d() / Math.pow(1e24, p.b());
        List<String> warnings = new java.util.ArrayList<>();
        if (fit.startsAtOptimum() < 2) {
            warnings.add("approach 3: only " + fit.startsAtOptimum() + " start(s) reached the best optimum; the law"
                    + " fit may not be the global one");
        }
        String method = String.format(Locale.ROOT, "chinchilla law E + A/N^α + B/D^β (%s, %s)", spec.solver(),
                spec.loss());
        return new FrontierResult("3", method, List.of(), p.a(), p.b(), nCoef, dCoef, Double.NaN,
                r.aInterval(), r.bInterval(), level, r.draws(), boot == null ? 0 : boot.failures(), false,
                fit.parameters(), List.copyOf(warnings));
    }
}
