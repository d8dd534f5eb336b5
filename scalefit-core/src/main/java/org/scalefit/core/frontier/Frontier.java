package org.scalefit.core.frontier;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Solver;

/**
 * The compute-optimal frontier of a set of runs by any of the three approaches, side by side: one call for
 * what {@link IsoFlop} (approaches 1 and 2) and {@link Parametric} (approach 3) do each.
 */
public final class Frontier {
    /** Nominal budgets without a tolerance group the runs within this factor 1 + 0.25 of each. */
    public static final double BUDGETS_TOLERANCE = 0.25;

    private Frontier() {
    }

    /**
     * @param method    approach 2's way to each budget's minimum
     * @param tolerance runs whose C lie within a factor 1 + tolerance share a budget (0: equal C only; with
     *                  nominal budgets, 0 means {@link #BUDGETS_TOLERANCE})
     * @param budgets   nominal budgets each run joins (null: bins of the runs' own C)
     * @param weighted  approach 2: weight budgets by 1/var(ln N*) from the bootstrap
     * @param bootstrap resamples for intervals (0: none)
     * @param solver    approach 3's local solver
     * @param threads   approach 3's threads
     */
    public record Settings(ProfileMethod method, double tolerance, double[] budgets, boolean weighted, int bootstrap,
                           long seed, double level, Solver solver, int threads) {
        public Settings {
            if (!(tolerance >= 0)) {
                throw new IllegalArgumentException("the budget tolerance must be a non-negative relative width, not "
                        + tolerance);
            }
        }

        /** Approach 2 by the parabola, no bootstrap, varpro on all cores. */
        public static Settings defaults() {
            return new Settings(ProfileMethod.PARABOLA, 0, null, false, 0, 0, 0.95, Solver.VARPRO,
                    Runtime.getRuntime().availableProcessors());
        }

        double effectiveTolerance() {
            return budgets != null && tolerance == 0 ? BUDGETS_TOLERANCE : tolerance;
        }

        IsoFlop.Options isoFlop(ProfileMethod m, boolean weigh) {
            return new IsoFlop.Options(m, effectiveTolerance(), budgets, weigh, bootstrap, seed, level);
        }
    }

    /** Every approach in {@code which}, in that order, without progress reports. */
    public static List<FrontierResult> analyse(Runs runs, List<Approach> which, Settings s) {
        return analyse(runs, which, s, phase -> Progress.NONE);
    }

    /**
     * Every approach in {@code which}, in that order. {@code progress} gives the report for a phase: "approach 1",
     * "approach 2", "approach 3" (the law fit) and "bootstrap" (approach 3's re-fits).
     */
    public static List<FrontierResult> analyse(Runs runs, List<Approach> which, Settings s,
                                               Function<String, Progress> progress) {
        List<FrontierResult> out = new ArrayList<>();
        for (Approach a : which) {
            switch (a) {
                case LOWEST -> out.add(IsoFlop.analyse(runs, s.isoFlop(ProfileMethod.LOWEST, false),
                        progress.apply("approach 1")));
                case ISOFLOP -> out.add(IsoFlop.analyse(runs, s.isoFlop(s.method(), s.weighted()),
                        progress.apply("approach 2")));
                case PARAMETRIC -> out.add(Parametric.analyse(runs, s.solver(), s.bootstrap(), s.seed(), s.level(),
                        s.threads(), progress.apply("approach 3"), progress.apply("bootstrap")));
            }
        }
        return out;
    }
}
