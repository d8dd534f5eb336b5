package org.scalefit.core.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.data.Groups;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Law;
import org.scalefit.core.validate.Backtest;
import org.scalefit.core.validate.Holdout;
import org.scalefit.core.validate.SameRuns;

/**
 * Every law's backtest of one table as {@code scalefit backtest} makes it: one selection shared by the laws and
 * the holdout scale (so every law sees the same runs), then each law fitted on the runs one holdout rule keeps, or
 * on those of each rolling cut (top 1, 2, ... K scales held out). Per group through {@link #inGroup}, as
 * {@code backtest --group-by} and the Spark job run it.
 */
public final class Backtests {
    private Backtests() {
    }

    /**
     * What to hold out: one {@code rule}, or with {@code rolling} K &gt; 0 the top 1..K distinct values of
     * {@code by} in turn; and the bootstrap of every kept-runs fit.
     */
    public record Plan(Holdout rule, String by, int rolling, double tolerance, Backtest.Options options) {
        /**
         * The plan the backtest options make ({@code --holdout CONDITION}, {@code --holdout-top K}, {@code --by},
         * {@code --rolling K}, {@code --scale-tolerance}), with the CLI's messages for combinations that make no
         * sense.
         */
        public static Plan of(String condition, Integer top, String by, Integer rolling, double tolerance,
                              Backtest.Options options) {
            if (rolling != null && (condition != null || top != null)) {
                throw new IllegalArgumentException("--rolling K holds out the top 1..K values of --by itself: give"
                        + " it without --holdout or --holdout-top");
            }
            if (condition != null && top != null) {
                throw new IllegalArgumentException("give either --holdout CONDITION or --holdout-top K, not both");
            }
            String scale = by == null ? "C" : by;
            Holdout rule = condition != null ? Holdout.where(condition).withTolerance(tolerance)
                    : top != null ? Holdout.top(top, scale).withTolerance(tolerance) : null;
            if (rule == null && rolling == null) {
                throw new IllegalArgumentException("say what to hold out: --holdout 'C >= 1e21', --holdout-top K"
                        + " [--by C] or --rolling K [--by C]");
            }
            if (rolling != null) {
                Limits.atMost("--rolling", rolling, Limits.CUTS);
                if (rolling < 1) {
                    throw new IllegalArgumentException("--rolling needs at least 1 cut, not " + rolling);
                }
                // checked here, not first at the first group
                Holdout.top(1, scale).withTolerance(tolerance);
            }
            return new Plan(rule, rule != null ? rule.by() : scale, rolling == null ? 0 : rolling, tolerance,
                    options);
        }

        /** How many backtests each law gets: 1, or K when rolling. */
        public int cuts() {
            return rolling == 0 ? 1 : rolling;
        }

        /** The holdout of cut {@code k} (1-based). */
        public Holdout cut(int k) {
            return rolling == 0 ? rule : Holdout.top(k, by).withTolerance(tolerance);
        }
    }

    /** A finished backtest of one table: {@code results.get(cut).get(law)}, and what the selection read and kept. */
    public record Run(int rowsRead, int rowsUsed, List<String> selection, List<List<Backtest.Result>> results) {
        public Run {
            selection = List.copyOf(selection);
            List<List<Backtest.Result>> copy = new ArrayList<>();
            results.forEach(r -> copy.add(List.copyOf(r)));
            results = List.copyOf(copy);
        }
    }

    /**
     * Backtests every law (one spec each, in order) on {@code table}, each through {@code selection}.
     */
    public static Run run(RunTable table, Selection selection, List<FitSpec> specs, Plan plan) {
        List<Law> laws = new ArrayList<>();
        specs.forEach(s -> laws.add(s.law()));
        SameRuns runs = SameRuns.of(table, selection, laws, plan.by());
        List<List<Backtest.Result>> results = new ArrayList<>();
        for (int k = 1; k <= plan.cuts(); k++) {
            Holdout rule = plan.cut(k);
            List<Backtest.Result> row = new ArrayList<>();
            for (int l = 0; l < laws.size(); l++) {
                row.add(Backtest.run(runs.data(l), runs.scales().get(l), rule, specs.get(l), plan.options(),
                        Progress.NONE));
            }
            results.add(row);
        }
        return new Run(table.rowCount(), runs.rowsUsed(), runs.selection().describe(), results);
    }

    /** One group's backtests, or the reason they failed (as {@link PerGroup} reports a group). */
    public static PerGroup.Result<Run> inGroup(Groups.Group group, Selection selection, List<FitSpec> specs,
                                               Plan plan) {
        return PerGroup.run(List.of(group), 1, g -> run(g.table(), selection, specs, plan), Progress.NONE).get(0);
    }
}
