package org.scalefit.core.frontier;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of the envelope: consecutive grid points where the same run has the lowest loss, from compute
 * {@code from} to {@code to}.
 */
public record Stretch(String run, double n, double from, double to, int points) {

    /** Tokens per parameter D/N = C/(6·N²) at the stretch's first grid point. */
    public double tokensPerParameterFrom() {
        return from / (6 * n * n);
    }

    /** Tokens per parameter D/N at the stretch's last grid point. */
    public double tokensPerParameterTo() {
        return to / (6 * n * n);
    }

    /**
     * The stretches of an envelope's grid points (the budgets of {@link Envelope.Result#frontier()}, whose
     * first note names the lowest run), in order of compute.
     */
    static List<Stretch> of(List<BudgetOptimum> grid) {
        List<Stretch> out = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= grid.size(); k++) {
            if (k == grid.size() || !grid.get(k).notes().equals(grid.get(start).notes())) {
                BudgetOptimum b = grid.get(start);
                String run = b.notes().isEmpty() ? "" : b.notes().get(0).replaceFirst("^run ", "");
                out.add(new Stretch(run, b.n(), b.compute(), grid.get(k - 1).compute(), k - start));
                start = k;
            }
        }
        return List.copyOf(out);
    }
}
