package org.scalefit.core.fit;

import java.util.Locale;

/**
 * The per-point penalty ρ(r) whose SUM over points is minimised (a mean makes quasi-Newton stop early). An open
 * set: a new objective is one subclass (value, derivative, curvature, its words) plus its name in
 * {@link #parse}; kernels fuse the loop for the penalties they know and use the generic path for any other.
 */
public abstract class Loss {
    /** The field's default: Huber with δ = 1e-3 on log residuals (Hoffmann et al. 2022). */
    public static final double DEFAULT_DELTA = 1e-3;

    public static Huber huber(double delta) {
        return new Huber(delta);
    }

    public static Loss squared() {
        return Squared.INSTANCE;
    }

    public static Loss absolute() {
        return Absolute.INSTANCE;
    }

    /** Parses {@code huber}, {@code huber:DELTA}, {@code squared} or {@code absolute}. */
    public static Loss parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.equals("huber")) {
            return huber(DEFAULT_DELTA);
        }
        if (s.startsWith("huber:")) {
            String d = s.substring(6);
            double delta;
            try {
                delta = Double.parseDouble(d);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("objective '" + text + "': expected huber:DELTA with DELTA a"
                        + " positive number, e.g. huber:1e-3");
            }
            return huber(delta);
        }
        if (s.equals("squared") || s.equals("least-squares") || s.equals("l2")) {
            return squared();
        }
        if (s.equals("absolute") || s.equals("l1")) {
            return absolute();
        }
        throw new IllegalArgumentException("unknown objective '" + text
                + "'; expected huber[:DELTA], squared or absolute");
    }

    public abstract double value(double r);

    /** dρ/dr (a sub-gradient where ρ has a kink). */
    public abstract double derivative(double r);

    /**
     * d²ρ/dr² as Newton steps on the linear coefficients use it (0 on Huber's linear arms), or NaN for a penalty
     * that has none to use (|r|).
     */
    public abstract double curvature(double r);

    /** Whether Newton steps can use {@link #curvature}: the penalty is twice differentiable almost everywhere. */
    public boolean hasCurvature() {
        return true;
    }

    /** True where ρ is ½r² near zero, so Levenberg–Marquardt can minimise it as a sum of squares. */
    public abstract boolean isSquareRootable();

    /** The objective in formula words: what the reported objective value is the sum of. */
    public abstract String definition();

    /** The name {@link #parse} reads back, e.g. {@code huber:0.001}. */
    @Override
    public abstract String toString();

    @Override
    public boolean equals(Object o) {
        return o instanceof Loss l && l.getClass() == getClass() && l.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }

    private static String format(double d) {
        String s = Double.toString(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** ½r² for |r| <= δ, else δ·(|r| − δ/2): quadratic near zero, linear (robust) beyond δ. */
    public static final class Huber extends Loss {
        private final double delta;

        private Huber(double delta) {
            if (!(delta > 0) || Double.isInfinite(delta)) {
                throw new IllegalArgumentException("Huber delta must be a positive number, not " + delta);
            }
            this.delta = delta;
        }

        public double delta() {
            return delta;
        }

        @Override
        public double value(double r) {
            double a = Math.abs(r);
            return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
        }

        @Override
        public double derivative(double r) {
            return r > delta ? delta : (r < -delta ? -delta : r);
        }

        @Override
        public double curvature(double r) {
            return Math.abs(r) > delta ? 0 : 1;
        }

        @Override
        public boolean isSquareRootable() {
            return true;
        }

        @Override
        public String definition() {
            return "sum over points of ½r² where |r| <= " + format(delta) + ", else " + format(delta)
                    + "·(|r| − ½·" + format(delta) + ")";
        }

        @Override
        public String toString() {
            return "huber:" + format(delta);
        }
    }

    /** ½r²: least squares. */
    public static final class Squared extends Loss {
        static final Squared INSTANCE = new Squared();

        private Squared() {
        }

        @Override
        public double value(double r) {
            return 0.5 * r * r;
        }

        @Override
        public double derivative(double r) {
            return r;
        }

        @Override
        public double curvature(double r) {
            return 1;
        }

        @Override
        public boolean isSquareRootable() {
            return true;
        }

        @Override
        public String definition() {
            return "sum over points of ½r² (half the sum of squared residuals)";
        }

        @Override
        public String toString() {
            return "squared";
        }
    }

    /** |r|: least absolute deviations (sub-gradient 0 at r = 0). */
    public static final class Absolute extends Loss {
        static final Absolute INSTANCE = new Absolute();

        private Absolute() {
        }

        @Override
        public double value(double r) {
            return Math.abs(r);
        }

        @Override
        public double derivative(double r) {
            return Math.signum(r);
        }

        @Override
        public double curvature(double r) {
            return Double.NaN;
        }

        @Override
        public boolean hasCurvature() {
            return false;
        }

        @Override
        public boolean isSquareRootable() {
            return false;
        }

        @Override
        public String definition() {
            return "sum over points of |r|";
        }

        @Override
        public String toString() {
            return "absolute";
        }
    }
}
