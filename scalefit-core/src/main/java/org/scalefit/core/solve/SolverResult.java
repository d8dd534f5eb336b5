package org.scalefit.core.solve;

/** Outcome of one local minimisation. {@code point} is a fresh array owned by the caller. */
public record SolverResult(double[] point, double value, int iterations, int evaluations, Termination termination) {
}
