package org.scalefit.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.law.Law;
import org.scalefit.core.pipeline.Backtests;
import org.scalefit.core.validate.Backtest;
import org.scalefit.core.validate.Holdout;

/**
 * What a Spark backtest job does, as the options of {@code scalefit backtest} ({@code --holdout},
 * {@code --holdout-top}, {@code --by}, {@code --rolling}, {@code --scale-tolerance}) and one {@link FitJob} per law
 * for the law, data and fit options; the first law's {@code --bootstrap}, {@code --level} and {@code --seed} are
 * the backtest's. Plain text and numbers, so it travels to the executors as it is.
 *
 * @param holdout    {@code --holdout CONDITION}, or null
 * @param holdoutTop {@code --holdout-top K}, or null
 * @param by         {@code --by SCALE} (C when null)
 * @param rolling    {@code --rolling K}, or null
 */
public record BacktestJob(List<FitJob> laws, String holdout, Integer holdoutTop, String by, Integer rolling,
                          double tolerance) implements Serializable {

    public BacktestJob {
        laws = List.copyOf(laws);
    }

    /** Backtests of {@code laws} holding out the runs where {@code condition} holds, e.g. {@code "C >= 1e21"}. */
    public static BacktestJob holdout(String condition, FitJob... laws) {
        return new BacktestJob(List.of(laws), condition, null, null, null, Holdout.DEFAULT_TOLERANCE);
    }

    /** Backtests of {@code laws} holding out the top {@code k} distinct values of {@code by}. */
    public static BacktestJob top(int k, String by, FitJob... laws) {
        return new BacktestJob(List.of(laws), null, k, by, null, Holdout.DEFAULT_TOLERANCE);
    }

    /** Rolling backtests of {@code laws}: the top 1, 2, ..., {@code k} distinct values of {@code by} in turn. */
    public static BacktestJob rolling(int k, String by, FitJob... laws) {
        return new BacktestJob(List.of(laws), null, null, by, k, Holdout.DEFAULT_TOLERANCE);
    }

    public BacktestJob withTolerance(double relative) {
        return new BacktestJob(laws, holdout, holdoutTop, by, rolling, relative);
    }

    /** The group columns, the same for every law. */
    public List<String> groupBy() {
        return laws.get(0).groupBy();
    }

    /** The holdout plan as {@code scalefit backtest} makes it from the same options. */
    public Backtests.Plan plan() {
        FitJob first = laws.get(0);
        return Backtests.Plan.of(holdout, holdoutTop, by, rolling, tolerance,
                new Backtest.Options(first.bootstrap(), first.level(), first.seed()));
    }

    /** The laws in order, built as the CLI builds them. */
    public List<Law> buildLaws() {
        List<Law> out = new ArrayList<>();
        laws.forEach(j -> out.add(j.buildLaw()));
        return out;
    }

    /** One fit spec per law; the bootstrap is the backtest's ({@link #plan}), not the fit's. */
    public List<FitSpec> specs(List<Law> built) {
        List<FitSpec> out = new ArrayList<>();
        for (int l = 0; l < laws.size(); l++) {
            out.add(laws.get(l).withBootstrap(0).spec(built.get(l)));
        }
        return out;
    }

    /** Checks every option on the driver, so that a mistake fails before any task runs. */
    public BacktestJob checked() {
        if (laws.isEmpty()) {
            throw new IllegalArgumentException("give at least one law: --law ID or --formula FORMULA");
        }
        Set<String> labels = new HashSet<>();
        for (FitJob j : laws) {
            if (!j.groupBy().equals(groupBy())) {
                throw new IllegalArgumentException("every law of one backtest must group by the same columns");
            }
            j.checked();
            if (!labels.add(Backtest.label(j.buildLaw()))) {
                throw new IllegalArgumentException("the law " + Backtest.label(j.buildLaw()) + " is given twice");
            }
        }
        plan();
        return this;
    }
}
