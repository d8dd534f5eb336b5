package org.scalefit.core.solve;

/** A smooth scalar function of {@link #dimension()} variables, evaluated together with its gradient. */
public interface DifferentiableFunction {

    int dimension();

    /**
     * Returns f(x) and writes the gradient at x into {@code gradient} (length {@link #dimension()}).
     * May return a non-finite value when x lies where f is undefined; solvers treat that as "step too far".
     */
    double valueAndGradient(double[] x, double[] gradient);
}
