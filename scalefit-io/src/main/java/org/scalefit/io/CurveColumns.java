package org.scalefit.io;

import java.util.List;

/**
 * Which columns of a per-step file hold what. Null names mean "the usual name if the file has it": run id
 * {@code run}; step {@code step}; tokens {@code tokens}; learning rate {@code lr}; loss {@code L}, {@code loss}
 * or {@code Metrics/loss}. A file with {@code step}, {@code lr} and {@code L} needs no options.
 *
 * @param groups       extra columns that describe a run (model size, data set), kept per curve
 * @param run          the run id column, or several joined by commas (their values joined by " / ")
 * @param lossRequired false for schedule files, which may have no loss column
 * @param split        a column marking rows to fit (non-zero) and to hold out (0), or null
 * @param dedupe       keep the first of rows that repeat a step with the same loss, instead of an error
 */
public record CurveColumns(String run, String step, String tokens, String lr, String loss, List<String> groups,
                           boolean lossRequired, String split, boolean dedupe) {
    static final List<String> LOSS_NAMES = List.of("L", "loss", "Metrics/loss");

    public CurveColumns {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public static CurveColumns defaults() {
        return new CurveColumns(null, null, null, null, null, List.of(), true, null, false);
    }

    public CurveColumns(String run, String step, String tokens, String lr, String loss, List<String> groups,
                        boolean lossRequired) {
        this(run, step, tokens, lr, loss, groups, lossRequired, null, false);
    }

    public CurveColumns withLossRequired(boolean b) {
        return new CurveColumns(run, step, tokens, lr, loss, groups, b, split, dedupe);
    }

    public CurveColumns withSplit(String column, boolean dedupeRows) {
        return new CurveColumns(run, step, tokens, lr, loss, groups, lossRequired, column, dedupeRows);
    }
}
