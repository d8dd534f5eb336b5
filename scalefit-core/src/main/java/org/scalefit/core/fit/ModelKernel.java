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
}
