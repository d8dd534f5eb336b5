package org.scalefit.core.solve;

import java.util.Arrays;

/** Box constraints lower[i] ≤ x[i] ≤ upper[i]; infinite entries mean "unbounded on that side". */
public final class Bounds {
    private final double[] lower;
    private final double[] upper;

    public Bounds(double[] lower, double[] upper) {
        if (lower.length != upper.length) {
            throw new IllegalArgumentException("lower and upper bounds differ in length");
        }
        for (int i = 0; i < lower.length; i++) {
            if (Double.isNaN(lower[i]) || Double.isNaN(upper[i]) || lower[i] > upper[i]) {
                throw new IllegalArgumentException(
                        "bad bounds for variable " + i + ": [" + lower[i] + ", " + upper[i] + "]");
            }
        }
        this.lower = lower.clone();
        this.upper = upper.clone();
    }

    public static Bounds unbounded(int dimension) {
        double[] lo = new double[dimension];
        double[] hi = new double[dimension];
        Arrays.fill(lo, Double.NEGATIVE_INFINITY);
        Arrays.fill(hi, Double.POSITIVE_INFINITY);
        return new Bounds(lo, hi);
    }

    public int dimension() {
        return lower.length;
    }

    public double lower(int i) {
        return lower[i];
    }

    public double upper(int i) {
        return upper[i];
    }

    public boolean hasLower(int i) {
        return lower[i] != Double.NEGATIVE_INFINITY;
    }

    public boolean hasUpper(int i) {
        return upper[i] != Double.POSITIVE_INFINITY;
    }

    /** Clamps x into the box in place and returns it. */
    public double[] project(double[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
        }
        return x;
    }

    public boolean contains(double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (!(x[i] >= lower[i] && x[i] <= upper[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "Bounds" + Arrays.toString(lower) + ".." + Arrays.toString(upper);
    }
}
