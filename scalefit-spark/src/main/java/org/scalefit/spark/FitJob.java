package org.scalefit.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.fit.StartPlan;
import org.scalefit.core.fit.Uncertainty;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.TypedLaws;

/**
 * What a Spark fit job does, as the options a user types ({@code --law}, {@code --col}, {@code --where},
 * {@code --solver}...): plain text and numbers, so the job travels to executors as it is and each builds the
 * core law, {@link FitSpec} and {@link Selection} with the same core calls and defaults as the CLI's
 * {@code fit} and {@code batch}. Immutable; each {@code with} method returns a changed copy.
 *
 * @param columns    {@code NAME=COLUMN} mappings ({@code --col})
 * @param derived    {@code NAME=FORMULA} derived columns ({@code --derive})
 * @param where      row filters ({@code --where})
 * @param starts     random starts, or null for the law's grid ({@code --starts})
 * @param source     how results name the input (a file name; "dataset" when not given)
 * @param sha256     the input's SHA-256 when known, else null
 * @param partitions how many tasks share the groups (0: {@code spark.sql.shuffle.partitions})
 * @param screening  variable projection screens its exponent starts (false: {@code --no-screening})
 */
public record FitJob(String law, String formula, List<String> params, List<String> grids, List<String> groupBy,
                     List<String> columns, List<String> derived, List<String> where, int dropHighest, String target,
                     String objective, String residuals, String solver, Integer starts, long seed, int bootstrap,
                     double level, String source, String sha256, int partitions, boolean screening)
        implements Serializable {

    public FitJob {
        params = List.copyOf(params);
        grids = List.copyOf(grids);
        groupBy = List.copyOf(groupBy);
        columns = List.copyOf(columns);
        derived = List.copyOf(derived);
        where = List.copyOf(where);
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be at least 1 (or 0 for Spark's default), not "
                    + partitions);
        }
    }

    /** A job fitting the catalogue law {@code id} with the CLI's defaults, grouped by nothing yet. */
    public static FitJob law(String id) {
        return new FitJob(id, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), 0, null,
                "huber:1e-3", "log", "lbfgsb", null, 0L, 0, Uncertainty.DEFAULT_LEVEL, "dataset", null, 0, true);
    }

    /** A job fitting {@code [TARGET =] FORMULA} with its parameters declared as {@code NAME=LOW..HIGH[:log]}. */
    public static FitJob formula(String formula, String... params) {
        return law(null).withFormula(formula, Arrays.asList(params));
    }

    /** The law to fit, built as the CLI builds it (catalogue id or formula, then --param/--grid overrides). */
    public Law buildLaw() {
        return TypedLaws.build(law, formula, params, grids);
    }

    /**
     * The fit settings for {@code law} as {@code scalefit fit} makes them, on one thread: a Spark task is one
     * core, and results do not depend on threads.
     */
    public FitSpec spec(Law law) {
        Limits.atMost("--bootstrap", bootstrap, Limits.RESAMPLES);
        Uncertainty uncertainty = new Uncertainty(bootstrap, level, seed);
        if (starts != null) {
            Limits.atMost("--starts", starts, Limits.STARTS);
        }
        StartPlan plan = starts != null ? StartPlan.random(starts) : StartPlan.auto(law.parameters());
        return FitSpec.defaults(law)
                .withLoss(Loss.parse(objective))
                .withResiduals(Residuals.parse(residuals))
                .withSolver(Solver.choose(solver, law, plan))
                .withSeed(seed)
                .withStarts(plan)
                .withThreads(1)
                .withUncertainty(uncertainty)
                .withScreening(screening);
    }

    /** How the input's columns become the law's variables, as the CLI's --col/--derive/--where make it. */
    public Selection selection() {
        return Selection.ofTexts(columns, derived, where, dropHighest, target);
    }

    /** Builds the law, spec and selection once, so that a mistyped option fails on the driver, not per group. */
    public FitJob checked() {
        spec(buildLaw());
        selection();
        return this;
    }

    public FitJob withScreening(boolean on) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, target, objective,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, on);
    }

    public FitJob withLaw(String id) {
        return new FitJob(id, null, params, grids, groupBy, columns, derived, where, dropHighest, target, objective,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withFormula(String text, List<String> declared) {
        return new FitJob(null, text, declared, grids, groupBy, columns, derived, where, dropHighest, target,
                objective, residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withParams(List<String> p) {
        return new FitJob(law, formula, p, grids, groupBy, columns, derived, where, dropHighest, target, objective,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withGrids(List<String> g) {
        return new FitJob(law, formula, params, g, groupBy, columns, derived, where, dropHighest, target, objective,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob groupBy(String... cols) {
        return withGroupBy(Arrays.asList(cols));
    }

    public FitJob withGroupBy(List<String> cols) {
        return new FitJob(law, formula, params, grids, cols, columns, derived, where, dropHighest, target, objective,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withColumns(List<String> c) {
        return new FitJob(law, formula, params, grids, groupBy, c, derived, where, dropHighest, target, objective,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withDerived(List<String> d) {
        return new FitJob(law, formula, params, grids, groupBy, columns, d, where, dropHighest, target, objective,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withWhere(List<String> w) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, w, dropHighest, target, objective,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withDropHighest(int k) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, k, target, objective,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withTarget(String t) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, t, objective,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withObjective(String o) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, target, o,
                residuals, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withResiduals(String r) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, target,
                objective, r, solver, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withSolver(String s) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, target,
                objective, residuals, s, starts, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withStarts(Integer k) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, target,
                objective, residuals, solver, k, seed, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withSeed(long s) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, target,
                objective, residuals, solver, starts, s, bootstrap, level, source, sha256, partitions, screening);
    }

    public FitJob withBootstrap(int resamples) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, target,
                objective, residuals, solver, starts, seed, resamples, level, source, sha256, partitions, screening);
    }

    public FitJob withLevel(double l) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, target,
                objective, residuals, solver, starts, seed, bootstrap, l, source, sha256, partitions, screening);
    }

    public FitJob withSource(String name, String sha) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, target,
                objective, residuals, solver, starts, seed, bootstrap, level, name, sha, partitions, screening);
    }

    public FitJob withPartitions(int p) {
        return new FitJob(law, formula, params, grids, groupBy, columns, derived, where, dropHighest, target,
                objective, residuals, solver, starts, seed, bootstrap, level, source, sha256, p, screening);
    }
}
