package org.scalefit.core.law;

import java.util.Arrays;

/**
 * A fitted parameter of a law: bounds on the natural scale, the scale the solver works on, and the values
 * a multi-start grid tries for it (natural scale; empty means "no grid of its own").
 */
public record Parameter(String name, double lower, double upper, Scale scale, double[] grid, String meaning) {

    public Parameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a parameter needs a name");
        }
        if (Double.isNaN(lower) || Double.isNaN(upper) || lower >= upper) {
            throw new IllegalArgumentException("parameter " + name + ": lower bound " + lower
                    + " must be below upper bound " + upper);
        }
        if (scale == Scale.LOG && lower <= 0) {
            throw new IllegalArgumentException("parameter " + name
                    + " is fitted on a log scale, so its lower bound must be positive, not " + lower);
        }
        grid = grid == null ? new double[0] : grid.clone();
        for (double g : grid) {
            if (!(g >= lower && g <= upper)) {
                throw new IllegalArgumentException("parameter " + name + ": grid value " + g
                        + " lies outside its bounds [" + lower + ", " + upper + "]");
            }
        }
        meaning = meaning == null ? "" : meaning;
    }

    public static Parameter linear(String name, double lower, double upper, String meaning, double... grid) {
        return new Parameter(name, lower, upper, Scale.LINEAR, grid, meaning);
    }

    public static Parameter logScale(String name, double lower, double upper, String meaning, double... grid) {
        return new Parameter(name, lower, upper, Scale.LOG, grid, meaning);
    }

    public Parameter withBounds(double lo, double hi) {
        return new Parameter(name, lo, hi, scale, grid, meaning);
    }

    public Parameter withGrid(double... values) {
        return new Parameter(name, lower, upper, scale, values, meaning);
    }

    public double solverLower() {
        return scale.toSolver(lower);
    }

    public double solverUpper() {
        return scale.toSolver(upper);
    }

    @Override
    public double[] grid() {
        return grid.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameter p && p.name.equals(name) && p.lower == lower && p.upper == upper
                && p.scale == scale && Arrays.equals(p.grid, grid) && p.meaning.equals(meaning);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(grid);
    }
}
