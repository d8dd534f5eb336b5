package org.scalefit.core.fit;

import org.scalefit.core.expr.CompiledExpression;
import org.scalefit.core.expr.Evaluator;

/** Any law, through its compiled formula and symbolic derivatives. */
final class ExpressionKernel implements ModelKernel {
    private final Evaluator evaluator;
    private final ParameterSpace space;
    private final double[][] columns;
    private final int rows;
    private final double[] theta;

    ExpressionKernel(CompiledExpression compiled, ParameterSpace space, double[][] columns, int rows) {
        this.evaluator = compiled.newEvaluator();
        this.space = space;
        this.columns = columns;
        this.rows = rows;
        this.theta = new double[space.dimension()];
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int dimension() {
        return theta.length;
    }

    @Override
    public void evaluate(double[] phi, boolean log, double[] out, double[][] jacobian) {
        space.toNatural(phi, theta);
        if (jacobian == null) {
            evaluator.values(columns, theta, out);
            if (log) {
                for (int i = 0; i < rows; i++) {
                    out[i] = out[i] > 0 ? Math.log(out[i]) : Double.NaN;
                }
            }
            return;
        }
        evaluator.valuesAndJacobian(columns, theta, out, jacobian);
        // chain rule for log-scale parameters: dθ/dφ = θ
        for (int k = 0; k < theta.length; k++) {
            if (space.isLog(k)) {
                double[] row = jacobian[k];
                double t = theta[k];
                for (int i = 0; i < rows; i++) {
                    row[i] *= t;
                }
            }
        }
        if (log) {
            for (int i = 0; i < rows; i++) {
                double f = out[i];
                if (f > 0) {
                    out[i] = Math.log(f);
                    double inv = 1.0 / f;
                    for (int k = 0; k < theta.length; k++) {
                        jacobian[k][i] *= inv;
                    }
                } else {
                    out[i] = Double.NaN;
                }
            }
        }
    }
}
