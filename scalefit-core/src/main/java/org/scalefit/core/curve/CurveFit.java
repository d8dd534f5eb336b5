package org.scalefit.core.curve;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.solve.Termination;

/**
 * A fitted curve law: natural parameter values, the objective (Σρ over fitted rows), how many starts reached
 * it, the fit's residual size, and as a run fit reports them, why the winning solve stopped, the solver and
 * the seed of the starts.
 */
public record CurveFit(CurveLaw law, double[] theta, double objective, int points, int startsTotal,
                       int startsAtOptimum, long evaluations, double residualRms, double seconds, Loss loss,
                       Residuals residuals, Termination termination, Solver solver, long seed, List<String> notes) {

    public CurveFit {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    public CurveFit(CurveLaw law, double[] theta, double objective, int points, int startsTotal, int startsAtOptimum,
                    long evaluations, double residualRms, double seconds, Loss loss, Residuals residuals,
                    Termination termination, Solver solver, long seed) {
        this(law, theta, objective, points, startsTotal, startsAtOptimum, evaluations, residualRms, seconds, loss,
                residuals, termination, solver, seed, List.of());
    }

    /**
     * The fit's warning signs (rows the law is not defined on, too few starts at the best objective, parameters at a
     * bound); empty if none.
     */
    public List<String> warnings() {
        List<String> out = new java.util.ArrayList<>(notes);
        String starts = org.scalefit.core.fit.FitWarnings.starts(startsTotal, startsAtOptimum);
        if (starts != null) {
            out.add(starts);
        }
        String bounds = org.scalefit.core.fit.FitWarnings.bounds(law.parameters(), theta);
        if (bounds != null) {
            out.add(bounds);
        }
        return out;
    }

    /** The same fit with more notes first (what was done to the curves before the fit). */
    public CurveFit withNotesFirst(List<String> more) {
        List<String> all = new java.util.ArrayList<>(more);
        all.addAll(notes);
        return new CurveFit(law, theta, objective, points, startsTotal, startsAtOptimum, evaluations, residualRms,
                seconds, loss, residuals, termination, solver, seed, all);
    }

    public Map<String, Double> parameters() {
        Map<String, Double> m = new LinkedHashMap<>();
        List<org.scalefit.core.law.Parameter> ps = law.parameters();
        for (int k = 0; k < ps.size(); k++) {
            m.put(ps.get(k).name(), theta[k]);
        }
        return m;
    }

    /** Predicted losses at every row of a curve. */
    public double[] predict(CurveInput curve) {
        return law.predict(theta.clone(), curve);
    }
}
