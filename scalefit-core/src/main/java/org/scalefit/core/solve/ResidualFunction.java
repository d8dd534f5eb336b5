package org.scalefit.core.solve;

/** A vector of residuals r(x) with its Jacobian, for least-squares solvers that minimise ½·Σ r_i². */
public interface ResidualFunction {

    int dimension();

    int residualCount();

    /**
     * Writes r(x) into {@code residuals} and, when {@code jacobian} is not null, dr_i/dx_j into
     * {@code jacobian[i][j]}.
     */
    void evaluate(double[] x, double[] residuals, double[][] jacobian);
}
