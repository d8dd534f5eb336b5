package org.scalefit.core.fit;

/**
 * A law bound to the data of one fit: predictions for a solver vector φ, with their Jacobian. Holds scratch
 * buffers, so one kernel serves one thread.
 */
public interface ModelKernel {

    int rows();

    int dimension();

    /**
     * Writes the prediction of every row into {@code out} — its natural logarithm when {@code log} — and,
     * when {@code jacobian} is not null, d out[i] / d φ_k into {@code jacobian[k][i]}. A prediction that is
     * undefined (e.g. the log of a non-positive value) is written as NaN.
     */
    void evaluate(double[] phi, boolean log, double[] out, double[][] jacobian);

    /**
     * Whether {@link #lossAndGradient} is a fused loop that needs no scratch: then its {@code pred} and {@code jac}
     * may be null, and an objective that only asks for losses and gradients never allocates rows x parameters.
     */
    default boolean fusesLoss() {
        return false;
    }

    /**
     * Σ ρ(response_i − out_i) and its gradient in φ, where {@code response} is on the scale of {@code out}
     * (logs when {@code log}). Returns +∞ when the sum is not finite. Kernels on the hot path fuse this
     * loop; {@code pred} and {@code jac} are scratch space of the right shape.
     */
    default double lossAndGradient(double[] phi, double[] response, Loss loss, boolean log, double[] gradient,
                                   double[] pred, double[][] jac) {
        evaluate(phi, log, pred, jac);
        int dim = dimension();
        double sum = 0;
        for (int k = 0; k < dim; k++) {
            gradient[k] = 0;
        }
        for (int i = 0; i < rows(); i++) {
            double r = response[i] - pred[i];
            sum += loss.value(r);
            double d = loss.derivative(r);
            if (d != 0) {
                for (int k = 0; k < dim; k++) {
                    gradient[k] -= d * jac[k][i];
                }
            }
        }
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
    }
}
