package org.scalefit.cli;

import org.scalefit.core.validate.Holdout;

import picocli.CommandLine.Option;

/** Which runs a backtest holds out: a cut on a scale, the top K distinct scales, or a rolling series. */
final class HoldoutOptions {
    @Option(names = "--holdout", paramLabel = "CONDITION",
            description = "hold out the runs where it holds, e.g. 'C >= 1e21' (any column or expression on the left)")
    String condition;

    @Option(names = "--holdout-top", paramLabel = "K", description = "hold out the runs at the top K distinct values of --by")
    Integer top;

    @Option(names = "--by", paramLabel = "SCALE", defaultValue = "C",
            description = "the scale for --holdout-top and --rolling: a column or expression, e.g. C, N, 6*N*D"
                    + " (default ${DEFAULT-VALUE})")
    String by;

    @Option(names = "--scale-tolerance", paramLabel = "REL", defaultValue = "0.01",
            description = "scale values within this relative distance count as one scale (default ${DEFAULT-VALUE})")
    double tolerance;

    /** The rule, or {@code fallback} when none was given (null fallback: none). */
    Holdout rule(Holdout fallback) {
        if (condition != null && top != null) {
            throw new IllegalArgumentException("give either --holdout CONDITION or --holdout-top K, not both");
        }
        if (condition != null) {
            return Holdout.where(condition).withTolerance(tolerance);
        }
        if (top != null) {
            return Holdout.top(top, by).withTolerance(tolerance);
        }
        return fallback;
    }
}
