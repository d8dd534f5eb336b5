package org.scalefit.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.data.DataException;
import org.scalefit.core.pipeline.RunCurves;

/**
 * How the curve job reads one run's cells (core {@link RunCurves#curve}, no Spark needed): numbers from Spark
 * numbers or text, steps sorted with their rows, and every bad cell one message with its row and column, as a
 * curve file's reader words it.
 */
class RunCellsTest {
    private static RunCurves.Cells cells(Object[] step, Object[] tokens, Object[] lr, Object[] loss) {
        long[] rows = new long[step.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 10 + i;
        }
        return new RunCurves.Cells("c.parquet", "a", Map.of(), rows, step, tokens, lr, loss, "step", "tokens", "lr",
                "loss");
    }

    @Test
    void stepsAreSortedWithTheirRowsAndTextNumbersRead() {
        Curve c = RunCurves.curve(cells(new Object[] {300L, 100, "200"}, new Object[] {3e9, 1e9, 2e9},
                new Object[] {1e-4, 1e-3, "5e-4"}, new Object[] {"3.0", 3.5, 3.2f}));
        assertThat(c.step()).containsExactly(100, 200, 300);
        assertThat(c.lines()).containsExactly(11, 12, 10);
        assertThat(c.tokens()).containsExactly(1e9, 2e9, 3e9);
        assertThat(c.lr()).containsExactly(1e-3, 5e-4, 1e-4);
        assertThat(c.loss()).containsExactly(3.5, (double) 3.2f, 3.0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "step | -1 | c.parquet, row 11, column 'step': expected a non-negative step, found -1.0",
        "step | x | c.parquet, row 11, column 'step': expected a number, found 'x'",
        "step | 100 | c.parquet, row 11, column 'step': step 100 of run 'a' appears twice (also row 10)",
        "tokens | -5 | c.parquet, row 11, column 'tokens': expected a non-negative number of tokens, found -5.0",
        "lr | Infinity | c.parquet, row 11, column 'lr': expected a finite learning rate >= 0, found Infinity",
        "loss | NaN | c.parquet, row 11, column 'loss': expected a finite loss, found NaN",
        "loss | | c.parquet, row 11, column 'loss': expected a number, found an empty cell",
    })
    void aBadCellIsOneMessageWithItsRowAndColumn(String column, String cell, String message) {
        Object[] step = {100.0, 200.0};
        Object[] tokens = {1e9, 2e9};
        Object[] lr = {1e-3, 1e-3};
        Object[] loss = {3.0, 2.9};
        Object[] target = switch (column) {
            case "step" -> step;
            case "tokens" -> tokens;
            case "lr" -> lr;
            default -> loss;
        };
        // a Spark number where the cell reads as one, else its text (null: an empty cell)
        target[1] = cell == null ? null : cell.equals("x") ? cell : (Object) Double.valueOf(cell);
        // an empty loss is an error only without an lr: beside one it is a schedule row (below)
        Object[] lrCells = column.equals("loss") && cell == null ? null : lr;
        assertThatThrownBy(() -> RunCurves.curve(cells(step, tokens, lrCells, loss))).isInstanceOf(DataException.class)
                .hasMessage(message);
    }

    @org.junit.jupiter.api.Test
    void anEmptyLossBesideAnLrIsAStepOfTheScheduleWithoutACheckpoint() {
        Object[] step = {0.0, 1.0, 2.0};
        Object[] lr = {1e-3, 1e-3, 9e-4};
        Object[] loss = {3.0, null, 2.9};
        var c = RunCurves.curve(cells(step, new Object[] {1e9, 2e9, 3e9}, lr, loss));
        assertThat(c.loss()[0]).isEqualTo(3.0);
        assertThat(c.loss()[1]).isNaN();
        assertThat(c.lr()[1]).isEqualTo(1e-3);
    }
}
