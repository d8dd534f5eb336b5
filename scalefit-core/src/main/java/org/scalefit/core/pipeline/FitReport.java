package org.scalefit.core.pipeline;

import java.util.List;
import java.util.Map;

import org.scalefit.core.fit.BootstrapResult;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.law.Law;
import org.scalefit.core.validate.Backtest;

/**
 * A finished, documented fit: the law, the fit, its bootstrap (null without one), where the data came from,
 * the warnings, the interval level, and the compute-optimal exponents where the law is in N and D (else null).
 * Every shell prints, saves or stores this one value.
 */
public record FitReport(Law law, FitResult fit, BootstrapResult bootstrap, Provenance provenance,
                        List<String> warnings, double level, Exponents exponents) {

    /** N* ∝ C^a and D* ∝ C^b under C = 6·N·D. */
    public record Exponents(double a, double b) {
    }

    public FitReport {
        warnings = List.copyOf(warnings);
    }

    /** How the law is named in results: a catalogue id, or "TARGET = FORMULA" for the user's own. */
    public String lawLabel() {
        return Backtest.label(law);
    }

    /**
     * What the starts were: the law's grid or random starts, or the exponent starts of variable projection; and, on a
     * table screened by rows, the subset they ran on and how many of their end points were refined on all rows.
     */
    public String startPlan() {
        String plan;
        if (fit.spec().solver() != Solver.VARPRO) {
            plan = fit.spec().starts().toString();
        } else {
            plan = fit.startsScreened() > 0
                    ? "the best " + fit.startsTotal() + " distinct of " + fit.startsScreened()
                            + " exponent starts by projected objective (variable projection)"
                    : "exponent starts (variable projection)";
        }
        if (fit.screeningRows() == 0) {
            return plan;
        }
        return plan + ", run on a stratified subset of " + fit.screeningRows() + " of the " + fit.points()
                + " rows (their share at the optimum is counted there), the best end points polished there and "
                + (fit.startsRefined() == 1 ? "the best basin" : "the " + fit.startsRefined() + " best distinct basins")
                + " refined on all rows";
    }

    /** Percentile intervals at the report's level (null without a bootstrap). */
    public Map<String, double[]> intervals() {
        return bootstrap == null ? null : bootstrap.intervals(level);
    }
}
