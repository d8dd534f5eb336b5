package org.scalefit.core.fit;

import org.scalefit.core.solve.DifferentiableFunction;
import org.scalefit.core.solve.ResidualFunction;

/**
 * Σ ρ(y_i − f_i) over the rows of one data set (log y and log f for log residuals), with its gradient;
 * also usable as residuals √(2ρ) for Levenberg–Marquardt. One instance per thread.
 */
public final class LossObjective implements DifferentiableFunction, ResidualFunction {
    private final ModelKernel kernel;
    private final Loss loss;
    private final boolean log;
    private final double[] response;
    private final double[] pred;
    private final double[][] jac;
    private final int rows;
    private final int dim;

    public LossObjective(ModelKernel kernel, double[] y, Loss loss, Residuals residuals) {
        this.kernel = kernel;
        this.loss = loss;
        this.log = residuals == Residuals.LOG;
        this.rows = kernel.rows();
        this.dim = kernel.dimension();
        this.response = new double[rows];
        for (int i = 0; i < rows; i++) {
            response[i] = log ? Math.log(y[i]) : y[i];
        }
        this.pred = new double[rows];
        this.jac = new double[dim][rows];
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public int residualCount() {
        return rows;
    }

    /** The objective without gradient work. */
    public double value(double[] phi) {
        kernel.evaluate(phi, log, pred, null);
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += loss.value(response[i] - pred[i]);
        }
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
    }

    @Override
    public double valueAndGradient(double[] phi, double[] gradient) {
        return kernel.lossAndGradient(phi, response, loss, log, gradient, pred, jac);
    }

    /** Residuals r̃ with ½Σr̃² = Σρ(r): r̃ = sign(r)·√(2ρ(r)), so LM minimises the same objective. */
    @Override
    public void evaluate(double[] phi, double[] residuals, double[][] jacobian) {
        kernel.evaluate(phi, log, pred, jacobian == null ? null : jac);
        for (int i = 0; i < rows; i++) {
            double r = response[i] - pred[i];
            double rt = Math.copySign(Math.sqrt(2 * loss.value(r)), r);
            residuals[i] = rt;
            if (jacobian != null) {
                // dr̃/dr = ρ'(r)/r̃, which is 1 in the quadratic zone (and its limit at r = 0)
                double scale = rt == 0 ? 1.0 : loss.derivative(r) / rt;
                for (int k = 0; k < dim; k++) {
                    jacobian[i][k] = -scale * jac[k][i];
                }
            }
        }
    }

    /** Residuals on the fitted scale at φ (for diagnostics). */
    public double[] residuals(double[] phi) {
        kernel.evaluate(phi, log, pred, null);
        double[] r = new double[rows];
        for (int i = 0; i < rows; i++) {
            r[i] = response[i] - pred[i];
        }
        return r;
    }
}
