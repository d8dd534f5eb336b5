package org.scalefit.core.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.scalefit.core.data.FitData;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.law.Law;

/**
 * The runs as every law of a backtest or comparison sees them: one selection serving all the laws (a --col
 * that only another law, or the holdout's scale, reads is in use), the same rows for each, each law's own
 * variables, and every run's value of the holdout scale.
 *
 * @param scales per law, the scale of every selected run; null entries when no scale was asked for
 */
public record SameRuns(Selection selection, List<Selection.Selected> selected, List<double[]> scales) {

    /** {@code scale} is the holdout's scale expression, or null when nothing is held out. */
    public static SameRuns of(RunTable table, Selection selection, List<Law> laws, String scale) {
        Selection shared = selection.sharedBy(laws);
        if (scale != null) {
            shared = shared.alsoUses(scale);
        }
        List<Selection.Selected> selected = new ArrayList<>();
        List<double[]> scales = new ArrayList<>();
        long[] lines = null;
        for (Law law : laws) {
            Selection.Selected s = shared.apply(table, law);
            long[] l = new long[s.data().rows()];
            for (int i = 0; i < l.length; i++) {
                l[i] = s.data().line(i);
            }
            if (lines != null && !Arrays.equals(lines, l)) {
                throw new IllegalArgumentException("the laws see different runs (" + lines.length + " and " + l.length
                        + " rows): some variable of " + law.id() + " is missing on rows the others use; add a"
                        + " --where filter so that every law sees the same runs");
            }
            lines = l;
            selected.add(s);
            scales.add(scale == null ? null : Scales.of(table, shared, law, scale));
        }
        return new SameRuns(shared, List.copyOf(selected), java.util.Collections.unmodifiableList(scales));
    }

    public FitData data(int law) {
        return selected.get(law).data();
    }

    public int rowsUsed() {
        return data(0).rows();
    }
}
