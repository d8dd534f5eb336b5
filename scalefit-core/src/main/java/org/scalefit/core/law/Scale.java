package org.scalefit.core.law;

/** How the optimiser sees a parameter: as it is, or as its logarithm (for coefficients spanning decades). */
public enum Scale {
    LINEAR,
    /** The solver works on ln(θ): the log-space coefficients of the log-sum-exp parametrisation. */
    LOG;

    public double toSolver(double natural) {
        return this == LOG ? Math.log(natural) : natural;
    }

    public double toNatural(double solver) {
        return this == LOG ? Math.exp(solver) : solver;
    }
}
