package org.scalefit.core.expr;

/**
 * Runs a {@link CompiledExpression}. Not thread-safe; reusable across calls and row counts.
 *
 * <p>Sub-expressions that depend only on variables are computed once and reused while the same
 * {@code columns} arrays (by identity) are passed again, so do not change a column's contents in
 * place between calls; pass a new array instead.
 */
public interface Evaluator {

    /**
     * columns[v][i] = value of variable v at row i (all columns the same length n);
     * params.length == parameters().size(); out.length &gt;= n. With no variables, n = out.length.
     */
    void values(double[][] columns, double[] params, double[] out);

    /** As {@link #values}, plus jacobian[k][i] = ∂f(row i)/∂param k (parameter-major rows, each of length &gt;= n). */
    void valuesAndJacobian(double[][] columns, double[] params, double[] out, double[][] jacobian);
}
