package org.scalefit.core.curve;

import java.util.List;

import org.scalefit.core.fit.FitException;
import org.scalefit.core.fit.ParameterSpace;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.law.Parameter;

/**
 * Fit a curve law on the early part of a run and score its extrapolation on the held-out rows: the RMSE of
 * log loss, the metric of Alabdulmohsin et al. (2022) and Caballero et al. (2023).
 */
public final class CurveBacktest {
    /** Outcome for one run; {@code degenerate} is null for a sound fit, else the reason it is not. */
    public record Result(String run, CurveFit fit, int fitted, int heldOut, double rmseHeldOut, double rmseFitted,
                         double[] predictions, String degenerate) {
    }

    private CurveBacktest() {
    }

    /**
     * @param curve   the run; its {@code fitted} mask says which rows the fit may use
     * @param heldOut which rows are scored (usually the later ones)
     */
    public static Result run(CurveLaw law, CurveInput curve, boolean[] heldOut, CurveFitter.Options options) {
        CurveLaw adapted = CurveLaws.adapt(law, List.of(curve));
        CurveFit fit = CurveFitter.fit(adapted, List.of(curve), options, Progress.NONE);
        double[] pred = fit.predict(curve);
        double sh = 0;
        double sf = 0;
        int nh = 0;
        int nf = 0;
        double[] scored = new double[curve.size()];
        int ns = 0;
        for (int i = 0; i < curve.size(); i++) {
            if (Double.isNaN(curve.loss()[i]) || (Double.isNaN(pred[i]) && !curve.fitted()[i])) {
                continue; // a step of the schedule without a checkpoint, or before the law is defined (S1 = 0)
            }
            double r = Math.log(pred[i]) - Math.log(curve.loss()[i]);
            if (heldOut[i]) {
                sh += r * r;
                nh++;
                scored[ns++] = pred[i];
            } else if (curve.fitted()[i]) {
                sf += r * r;
                nf++;
                scored[ns++] = pred[i];
            }
        }
        if (nh == 0) {
            throw new FitException("curve " + curve.run() + " has no held-out rows to score");
        }
        return new Result(curve.run(), fit, nf, nh, Math.sqrt(sh / nh), nf == 0 ? Double.NaN : Math.sqrt(sf / nf),
                pred, degeneracy(fit, java.util.Arrays.copyOf(scored, ns)));
    }

    /**
     * The check that a fit has not degenerated, stated once: (1) every parameter is finite; (2) every
     * prediction it is scored on, fitted or extrapolated, is finite and positive; (3) no coefficient sits at its upper bound
     * (within 1e-6 of the bound's size on the solver scale) — the bounds of {@link LearningCurveLaw} cap
     * coefficients at 1000× the largest loss, so a coefficient pinned there is the "b → 0 with an exploding
     * coefficient" solution that an unbounded fit would have run away to.
     */
    public static String degeneracy(CurveFit fit, double[] predictions) {
        List<Parameter> ps = fit.law().parameters();
        double[] th = fit.theta();
        for (int k = 0; k < th.length; k++) {
            if (!Double.isFinite(th[k])) {
                return "parameter " + ps.get(k).name() + " is " + th[k];
            }
        }
        for (double p : predictions) {
            if (!(p > 0) || !Double.isFinite(p)) {
                return "a prediction is " + p;
            }
        }
        ParameterSpace space = new ParameterSpace(ps);
        double[] phi = space.toSolver(th);
        for (int k = 0; k < th.length; k++) {
            Parameter p = ps.get(k);
            if (!isCoefficient(fit.law(), p.name())) {
                continue;
            }
            double hi = p.solverUpper();
            double span = Math.max(1, Math.abs(hi - p.solverLower()));
            if (hi - phi[k] <= 1e-6 * span) {
                return "coefficient " + p.name() + " = " + th[k] + " is at its upper bound " + p.upper();
            }
        }
        return null;
    }

    private static boolean isCoefficient(CurveLaw law, String name) {
        if (law instanceof LearningCurveLaw) {
            return name.equals("A") || name.equals("B") || name.equals("b");
        }
        return name.equals("A");
    }
}
