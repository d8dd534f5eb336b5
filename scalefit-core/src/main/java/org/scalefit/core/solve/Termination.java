package org.scalefit.core.solve;

/** Why a local solver stopped. Converged reasons first. */
public enum Termination {
    /** Projected gradient small enough. */
    GRADIENT_TOLERANCE(true),
    /** Relative reduction of the objective below tolerance. */
    FUNCTION_TOLERANCE(true),
    /** Step below tolerance. */
    STEP_TOLERANCE(true),
    MAX_ITERATIONS(false),
    MAX_EVALUATIONS(false),
    /** The line search could not find an acceptable step (often: at a kink or at round-off level). */
    LINE_SEARCH_FAILED(false),
    /** The objective was not finite at the start point. */
    NON_FINITE(false);

    private final boolean converged;

    Termination(boolean converged) {
        this.converged = converged;
    }

    public boolean converged() {
        return converged;
    }
}
