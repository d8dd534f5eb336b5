package org.scalefit.core.pipeline;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.CurveLaw;
import org.scalefit.core.curve.CurveLaws;
import org.scalefit.core.curve.CurveSchedules;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.Groups;
import org.scalefit.core.data.NumberCells;
import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.Progress;

/**
 * Loss curves one run at a time, for shells that hold rows rather than files (the Spark job): a run's cells
 * become a {@link Curve} checked as a curve file's are (a number in every step, loss and, where there are such
 * columns, tokens and lr cell, the loss blank only on a row with an lr; steps sorted; a step given twice is an error naming both rows), and each run is
 * fitted as {@code scalefit curve fit} fits a file holding that run alone: checkpoint rules, the law adapted to
 * the run, then core {@link CurveFitter}.
 */
public final class RunCurves {
    private RunCurves() {
    }

    /**
     * The cells of one run in input order; {@code rows} are the 1-based input rows that errors name, each cell a
     * Number, a String or null. {@code tokens} and {@code lr} are null when the input has no such column.
     */
    public record Cells(String source, String run, Map<String, String> groups, long[] rows, Object[] step,
                        Object[] tokens, Object[] lr, Object[] loss, String stepColumn, String tokensColumn,
                        String lrColumn, String lossColumn) {
    }

    /** The run as a curve sorted by step, or a {@link DataException} naming the row and column of a bad cell. */
    public static Curve curve(Cells c) {
        int n = c.rows().length;
        double[] step = new double[n];
        double[] tokens = c.tokens() == null ? null : new double[n];
        double[] lr = c.lr() == null ? null : new double[n];
        double[] loss = new double[n];
        for (int i = 0; i < n; i++) {
            long row = c.rows()[i];
            step[i] = number(c, row, c.stepColumn(), c.step()[i]);
            if (!(step[i] >= 0)) {
                throw bad(c, row, c.stepColumn(), "expected a non-negative step, found " + show(c.step()[i]));
            }
            if (tokens != null) {
                tokens[i] = number(c, row, c.tokensColumn(), c.tokens()[i]);
                if (!(tokens[i] >= 0)) {
                    throw bad(c, row, c.tokensColumn(), "expected a non-negative number of tokens, found "
                            + show(c.tokens()[i]));
                }
            }
            if (lr != null) {
                lr[i] = number(c, row, c.lrColumn(), c.lr()[i]);
                if (!(lr[i] >= 0 && lr[i] < Double.POSITIVE_INFINITY)) {
                    throw bad(c, row, c.lrColumn(), "expected a finite learning rate >= 0, found " + show(c.lr()[i]));
                }
            }
            if (c.loss()[i] == null && lr != null) {
                loss[i] = Double.NaN; // a schedule row: the lr of a step between checkpoints, its loss not logged
                continue;
            }
            loss[i] = number(c, row, c.lossColumn(), c.loss()[i]);
            if (!Double.isFinite(loss[i])) {
                throw bad(c, row, c.lossColumn(), "expected a finite loss, found " + show(c.loss()[i]));
            }
        }
        // stable: rows of one step keep their input order, so a repeated step names its first row
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(step[a], step[b]));
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = order[i];
            if (i > 0 && step[idx[i]] == step[idx[i - 1]]) {
                throw bad(c, c.rows()[idx[i]], c.stepColumn(), "step " + Groups.Key.text(step[idx[i]]) + " of run '"
                        + c.run() + "' appears twice (also row " + c.rows()[idx[i - 1]] + ")");
            }
        }
        Curve curve = new Curve(c.source(), c.run(), c.groups(), step, tokens, lr, loss, c.rows().clone());
        return curve.rows(idx);
    }

    /**
     * Fits one run with {@code law} under {@code rules} (the law adapted to this run, as the CLI adapts it to a
     * file's runs), or the reason it failed; {@code key} names the run in the result.
     */
    public static PerGroup.Result<CurveFit> fit(Groups.Key key, Cells cells, CurveLaw law, CheckpointRules rules,
                                                CurveFitter.Options options) {
        try {
            CurveSchedules.Prepared prepared = CurveSchedules.prepare(List.of(curve(cells)), law, null, rules);
            CurveInput in = rules.forCurves(prepared.curves()).apply(prepared.curves().get(0));
            CurveLaw adapted = CurveLaws.adapt(law, List.of(in));
            return new PerGroup.Result<>(key, cells.rows().length,
                    CurveFitter.fit(adapted, List.of(in), options, Progress.NONE).withNotesFirst(prepared.notes()),
                    null);
        } catch (DataException | FitException | IllegalArgumentException | ArithmeticException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            return new PerGroup.Result<>(key, cells.rows().length, null,
                    e instanceof DataException ? message : "run '" + cells.run() + "': " + message);
        }
    }

    private static double number(Cells c, long row, String column, Object cell) {
        if (cell instanceof Number n) {
            return n.doubleValue();
        }
        if (cell == null) {
            throw bad(c, row, column, "expected a number, found an empty cell");
        }
        Double d = NumberCells.parse(cell.toString());
        if (d == null) {
            throw bad(c, row, column, "expected a number, found " + NumberCells.quote(cell.toString()));
        }
        return d;
    }

    private static String show(Object cell) {
        return cell instanceof String s ? NumberCells.quote(s) : String.valueOf(cell);
    }

    private static DataException bad(Cells c, long row, String column, String problem) {
        return DataException.atRow(c.source(), row, "'" + column + "'", problem);
    }
}
