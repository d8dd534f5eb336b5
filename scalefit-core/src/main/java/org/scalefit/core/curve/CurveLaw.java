package org.scalefit.core.curve;

import java.util.List;
import java.util.Map;

import org.scalefit.core.fit.ModelKernel;
import org.scalefit.core.law.Parameter;

/**
 * A law for whole loss curves. Unlike a {@code Law} over columns it may need a curve's history (learning-rate
 * areas, an implicit equation per point), so it builds its own evaluation kernel. Predictions are on the
 * law's response scale (see {@link Bound#response()}).
 */
public interface CurveLaw {

    String id();

    String name();

    String citation();

    /** The formula as people write it (for tables and saved fits). */
    String formula();

    /** Fitted parameters with bounds, solver scale and start grid. */
    List<Parameter> parameters();

    /** Fixed options that shape the law (such as λ), recorded in saved fits. */
    Map<String, Object> options();

    /** Whether the law needs the learning-rate column. */
    boolean needsLr();

    /**
     * Whether the law reads the learning-rate areas (S1, S2, the multi-power sums): then it is defined only from the
     * first step where S1 > 0, and it needs the learning rate of every step.
     */
    default boolean readsAreas() {
        return needsLr();
    }

    /** Binds the law to the fitted rows of these curves. */
    Bound bind(List<CurveInput> curves);

    /** The law bound to data: the objective's response values and fresh kernels (one per thread). */
    interface Bound {
        /** The values the kernel predicts, one per fitted row (curves in order): the losses, or a transform. */
        double[] response();

        /** A new kernel; its {@code evaluate(phi, log, ...)} predicts {@link #response()} row by row. */
        ModelKernel newKernel();

        /** Maps a kernel prediction back to a loss (the identity unless the law fits a transform). */
        default double toLoss(double prediction) {
            return prediction;
        }

        /**
         * The law bound to {@code response} (one value per fitted row) with kernels from {@code kernels}; the kernel
         * predicts loss + {@code shift} (0 unless the law fits a shifted loss, as BNSL's log(y + 1)).
         */
        static Bound of(double[] response, java.util.function.Supplier<ModelKernel> kernels, double shift) {
            return new Bound() {
                @Override
                public double[] response() {
                    return response;
                }

                @Override
                public ModelKernel newKernel() {
                    return kernels.get();
                }

                @Override
                public double toLoss(double prediction) {
                    return prediction - shift;
                }
            };
        }
    }

    /**
     * Starts of the law's own recipe (e.g. the best points of a brute-force scan), on the solver scale, or
     * null to use the parameters' grid. {@code objective} is the fit's objective over {@code bound}.
     */
    default double[][] starts(Bound bound, org.scalefit.core.fit.LossObjective objective) {
        return null;
    }

    /**
     * Predicted losses at every row of the curve (fitted or not) for natural parameter values; NaN before the first
     * step where S1 > 0 for a law of learning-rate areas, which is not defined there.
     */
    default double[] predict(double[] theta, CurveInput curve) {
        boolean[] all = new boolean[curve.size()];
        java.util.Arrays.fill(all, true);
        double[] loss = curve.loss() == null ? new double[curve.size()] : curve.loss();
        return predictAt(theta, new CurveInput(curve.run(), curve.step(), curve.x(), curve.lr(), loss, all));
    }

    /**
     * Predicted losses at the curve's fitted rows only (NaN at the others, and before the first step where S1 > 0
     * for a law of learning-rate areas), the schedule still read at every row: what a prediction printed at every
     * K-th step of a long schedule needs, without the cost of the rows between.
     */
    default double[] predictAt(double[] theta, CurveInput curve) {
        double[] loss = curve.loss() == null ? new double[curve.size()] : curve.loss();
        CurveInput at = new CurveInput(curve.run(), curve.step(), curve.x(), curve.lr(), loss, curve.fitted());
        if (readsAreas()) {
            at = at.fromFirstArea();
        }
        double[] out = new double[curve.size()];
        java.util.Arrays.fill(out, Double.NaN);
        if (at.fittedCount() == 0) {
            return out;
        }
        Bound b = bind(List.of(at));
        ModelKernel k = b.newKernel();
        double[] phi = new double[theta.length];
        List<Parameter> ps = parameters();
        for (int i = 0; i < theta.length; i++) {
            phi[i] = ps.get(i).scale().toSolver(theta[i]);
        }
        double[] predicted = new double[at.fittedCount()];
        k.evaluate(phi, false, predicted, null);
        int j = 0;
        for (int i = 0; i < out.length; i++) {
            if (at.fitted()[i]) {
                out[i] = b.toLoss(predicted[j++]);
            }
        }
        return out;
    }
}
