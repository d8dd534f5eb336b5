package org.scalefit.core.fit;

import org.scalefit.core.solve.DifferentiableFunction;
import org.scalefit.core.solve.ResidualFunction;

/**
 * Σ w_i·ρ(y_i − f_i) over the rows of one data set (log y and log f for log residuals; w_i = 1 without
 * weights), with its gradient; also usable as residuals √(2wρ) for Levenberg–Marquardt. One instance per thread.
 */
public final class LossObjective implements DifferentiableFunction, ResidualFunction {
    private final ModelKernel kernel;
    private final Loss loss;
    private final boolean log;
    private final double[] response;
    private final double[] weights;     // null: every row counts once (the kernels' fused loops apply)
    private final double[] rootWeights;
    private double[] pred;      // scratch, allocated on first use: a fused kernel's gradient needs neither
    private double[][] jac;
    private final int rows;
    private final int dim;

    public LossObjective(ModelKernel kernel, double[] y, Loss loss, Residuals residuals) {
        this(kernel, y, null, loss, residuals);
    }

    /** @param weights a weight per row (at least 0), or null for equal weights */
    public LossObjective(ModelKernel kernel, double[] y, double[] weights, Loss loss, Residuals residuals) {
        this.kernel = kernel;
        this.weights = weights;
        this.rootWeights = weights == null ? null : new double[weights.length];
        if (weights != null) {
            if (weights.length != kernel.rows()) {
                throw new IllegalArgumentException("one weight per row expected");
            }
            for (int i = 0; i < weights.length; i++) {
                rootWeights[i] = Math.sqrt(weights[i]);
            }
        }
        this.loss = loss;
        this.log = residuals == Residuals.LOG;
        this.rows = kernel.rows();
        this.dim = kernel.dimension();
        this.response = new double[rows];
        for (int i = 0; i < rows; i++) {
            response[i] = log ? Math.log(y[i]) : y[i];
        }
    }

    private double[] pred() {
        if (pred == null) {
            pred = new double[rows];
        }
        return pred;
    }

    private double[][] jac() {
        if (jac == null) {
            jac = new double[dim][rows];
        }
        return jac;
    }

    public Loss loss() {
        return loss;
    }

    /** Whether residuals are taken between logs (ln y − ln f) rather than between values. */
    public boolean logResiduals() {
        return log;
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
        double[] pred = pred();
        kernel.evaluate(phi, log, pred, null);
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double rho = loss.value(response[i] - pred[i]);
            sum += weights == null ? rho : weighted(weights[i], rho);
        }
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
    }

    // a zero weight drops the row even where its prediction is not finite, as leaving the row out would
    private static double weighted(double w, double v) {
        return w == 0 ? 0 : w * v;
    }

    @Override
    public double valueAndGradient(double[] phi, double[] gradient) {
        if (weights == null) {
            return kernel.fusesLoss() ? kernel.lossAndGradient(phi, response, loss, log, gradient, null, null)
                    : kernel.lossAndGradient(phi, response, loss, log, gradient, pred(), jac());
        }
        double[] pred = pred();
        double[][] jac = jac();
        kernel.evaluate(phi, log, pred, jac);
        for (int k = 0; k < dim; k++) {
            gradient[k] = 0;
        }
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            double w = weights[i];
            if (w == 0) {
                continue;
            }
            double r = response[i] - pred[i];
            sum += w * loss.value(r);
            double d = w * loss.derivative(r);
            if (d != 0) {
                for (int k = 0; k < dim; k++) {
                    gradient[k] -= d * jac[k][i];
                }
            }
        }
        return Double.isNaN(sum) ? Double.POSITIVE_INFINITY : sum;
    }

    /**
     * Residuals r̃ with ½Σr̃² = Σwρ(r): r̃ = sign(r)·√(2ρ(r))·√w, so LM minimises the same objective.
     */
    @Override
    public void evaluate(double[] phi, double[] residuals, double[][] jacobian) {
        double[] pred = pred();
        double[][] jac = jacobian == null ? null : jac();
        kernel.evaluate(phi, log, pred, jac);
        for (int i = 0; i < rows; i++) {
            double r = response[i] - pred[i];
            double root = rootWeights == null ? 1.0 : rootWeights[i];
            double rt = Math.copySign(Math.sqrt(2 * loss.value(r)), r);
            residuals[i] = root == 0 ? 0 : root * rt;
            if (jacobian != null) {
                // dr̃/dr = ρ'(r)/r̃, which is 1 in the quadratic zone (and its limit at r = 0)
                double scale = root == 0 ? 0 : root * (rt == 0 ? 1.0 : loss.derivative(r) / rt);
                for (int k = 0; k < dim; k++) {
                    jacobian[i][k] = -scale * jac[k][i];
                }
            }
        }
    }

    /** Residuals on the fitted scale at φ (for diagnostics). */
    public double[] residuals(double[] phi) {
        double[] pred = pred();
        kernel.evaluate(phi, log, pred, null);
        double[] r = new double[rows];
        for (int i = 0; i < rows; i++) {
            r[i] = response[i] - pred[i];
        }
        return r;
    }
}
