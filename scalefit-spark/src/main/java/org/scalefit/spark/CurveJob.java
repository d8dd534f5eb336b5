package org.scalefit.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.types.StructType;
import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.fit.Limits;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.StartPlan;

/**
 * What a Spark curve job does, as the options of {@code scalefit curve fit --per-run}: the curve law and its
 * options ({@code --law}, {@code --lambda}, {@code --s2-start}, {@code --breaks}), the columns ({@code --run},
 * {@code --step}, {@code --tokens}, {@code --lr}, {@code --loss}, {@code --group}), the checkpoint rules and the
 * fit settings, spelled and defaulted as there. Plain text and numbers; immutable, {@code with} methods copy.
 *
 * @param lawOptions  curve-law options by the names of saved fits (lambda, s2Start, breaks)
 * @param run         the run column, or several joined by commas; null: {@code run} if present, else one run
 * @param step        null: {@code step}
 * @param tokens      null: {@code tokens} if present
 * @param lr          null: {@code lr} if present
 * @param loss        null: the first of L, loss, Metrics/loss present
 * @param groups      columns that describe a run, kept with it in the results
 * @param rules       the checkpoint rules
 * @param objective   the per-point loss, or null for the law's published recipe
 */
public record CurveJob(String law, Map<String, String> lawOptions, String run, String step, String tokens,
                       String lr, String loss, List<String> groups, Rules rules, String objective, String residuals,
                       Integer starts, long seed, String source, int partitions) implements Serializable {
    static final List<String> LOSS_NAMES = List.of("L", "loss", "Metrics/loss");

    /** The checkpoint rules as typed ({@code --every}, {@code --smooth}, ..., {@code --x}, {@code --areas}). */
    public record Rules(int every, String smooth, boolean runningMin, double dropSteps, double dropFraction,
                        double dropTokens, String x, String areas) implements Serializable {
        public static final Rules DEFAULTS = new Rules(1, "none", false, 0, 0, 0, "step", "kept");

        public CheckpointRules build() {
            if (!x.equals("step") && !x.equals("tokens")) {
                throw new IllegalArgumentException("--x must be step or tokens, not '" + x + "'");
            }
            if (!areas.equals("kept") && !areas.equals("all")) {
                throw new IllegalArgumentException("--areas must be kept or all, not '" + areas + "'");
            }
            return new CheckpointRules(every, smooth, runningMin, dropSteps, dropFraction, dropTokens,
                    x.equals("tokens"), areas.equals("all"));
        }
    }

    /** The columns of one input that hold each curve quantity (null where the input has none). */
    public record Resolved(List<String> run, String step, String tokens, String lr, String loss) implements Serializable {
    }

    public CurveJob {
        lawOptions = Map.copyOf(new LinkedHashMap<>(lawOptions));
        groups = List.copyOf(groups);
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be at least 1 (or 0 for Spark's default), not "
                    + partitions);
        }
    }

    /** A job fitting curve law {@code id} to every run with the CLI's defaults. */
    public static CurveJob law(String id) {
        return new CurveJob(id, Map.of(), null, null, null, null, null, List.of(), Rules.DEFAULTS, null, "log", null,
                0L, "dataset", 0);
    }

    /** The law as {@code curve fit} builds it from the same options (before it is adapted to a run). */
    public CurveLaw buildLaw() {
        return CurveLaws.create(law, lawOptions);
    }

    /** The fit settings as {@code curve fit} makes them, on one thread (a task is one core). */
    public CurveFitter.Options options(CurveLaw built) {
        if (starts != null) {
            Limits.atMost("--starts", starts, Limits.STARTS);
        }
        return new CurveFitter.Options(objective != null ? Loss.parse(objective) : CurveLaws.recommendedLoss(built),
                Residuals.parse(residuals), starts != null ? StartPlan.random(starts) : null, seed, 1);
    }

    /** Checks the options on the driver, so that a mistake fails before any task runs. */
    public CurveJob checked() {
        options(buildLaw());
        rules.build();
        return this;
    }

    /** Which columns of {@code schema} hold what, as a curve file's columns are found; a missing one is an error. */
    public Resolved resolve(StructType schema) {
        List<String> names = Arrays.asList(schema.fieldNames());
        List<String> runs = new ArrayList<>();
        if (run == null) {
            if (names.contains("run")) {
                runs.add("run");
            }
        } else {
            for (String r : run.split(",")) {
                runs.add(find(names, r.strip(), null));
            }
        }
        String lossColumn = loss != null ? find(names, loss, null)
                : LOSS_NAMES.stream().filter(names::contains).findFirst().orElseThrow(() ->
                        new IllegalArgumentException("no loss column: expected one named " + String.join(", ",
                                LOSS_NAMES) + " (or name it with --loss); columns are " + names));
        for (String g : groups) {
            find(names, g, null);
        }
        return new Resolved(runs, find(names, step != null ? step : "step", step != null ? null
                : " (name the step column with --step)"), optional(names, tokens, "tokens"),
                optional(names, lr, "lr"), lossColumn);
    }

    private static String optional(List<String> names, String given, String usual) {
        return given != null ? find(names, given, null) : names.contains(usual) ? usual : null;
    }

    private static String find(List<String> names, String name, String hint) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("no column '" + name + "'" + (hint == null ? "" : hint)
                    + "; columns are " + names);
        }
        return name;
    }

    public CurveJob withLawOptions(Map<String, String> o) {
        return new CurveJob(law, o, run, step, tokens, lr, loss, groups, rules, objective, residuals, starts, seed,
                source, partitions);
    }

    public CurveJob withColumns(String runColumn, String stepColumn, String tokensColumn, String lrColumn,
                                String lossColumn) {
        return new CurveJob(law, lawOptions, runColumn, stepColumn, tokensColumn, lrColumn, lossColumn, groups,
                rules, objective, residuals, starts, seed, source, partitions);
    }

    public CurveJob withGroups(List<String> g) {
        return new CurveJob(law, lawOptions, run, step, tokens, lr, loss, g, rules, objective, residuals, starts, seed,
                source, partitions);
    }

    public CurveJob withRules(Rules r) {
        return new CurveJob(law, lawOptions, run, step, tokens, lr, loss, groups, r, objective, residuals, starts, seed,
                source, partitions);
    }

    public CurveJob withObjective(String o) {
        return new CurveJob(law, lawOptions, run, step, tokens, lr, loss, groups, rules, o, residuals, starts, seed,
                source, partitions);
    }

    public CurveJob withResiduals(String r) {
        return new CurveJob(law, lawOptions, run, step, tokens, lr, loss, groups, rules, objective, r, starts, seed,
                source, partitions);
    }

    public CurveJob withStarts(Integer k) {
        return new CurveJob(law, lawOptions, run, step, tokens, lr, loss, groups, rules, objective, residuals, k, seed,
                source, partitions);
    }

    public CurveJob withSeed(long s) {
        return new CurveJob(law, lawOptions, run, step, tokens, lr, loss, groups, rules, objective, residuals, starts, s,
                source, partitions);
    }

    public CurveJob withSource(String name) {
        return new CurveJob(law, lawOptions, run, step, tokens, lr, loss, groups, rules, objective, residuals, starts,
                seed, name, partitions);
    }

    public CurveJob withPartitions(int p) {
        return new CurveJob(law, lawOptions, run, step, tokens, lr, loss, groups, rules, objective, residuals, starts,
                seed, source, p);
    }
}
