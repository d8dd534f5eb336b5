package org.scalefit.core.fit;

import java.util.Locale;

/** The per-point penalty ρ(r) whose SUM over points is minimised (a mean makes quasi-Newton stop early). */
public final class Loss {
    public enum Kind { HUBER, SQUARED, ABSOLUTE }

    /** The field's default: Huber with δ = 1e-3 on log residuals (Hoffmann et al. 2022). */
    public static final double DEFAULT_DELTA = 1e-3;

    private final Kind kind;
    private final double delta;

    private Loss(Kind kind, double delta) {
        this.kind = kind;
        this.delta = delta;
    }

    public static Loss huber(double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("Huber delta must be a positive number, not " + delta);
        }
        return new Loss(Kind.HUBER, delta);
    }

    public static Loss squared() {
        return new Loss(Kind.SQUARED, Double.NaN);
    }

    public static Loss absolute() {
        return new Loss(Kind.ABSOLUTE, Double.NaN);
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

    public Kind kind() {
        return kind;
    }

    public double delta() {
        return delta;
    }

    public double value(double r) {
        switch (kind) {
            case HUBER: {
                double a = Math.abs(r);
                return a <= delta ? 0.5 * r * r : delta * (a - 0.5 * delta);
            }
            case SQUARED:
                return 0.5 * r * r;
            default:
                return Math.abs(r);
        }
    }

    /** dρ/dr (for |r| the sub-gradient 0 at r = 0). */
    public double derivative(double r) {
        switch (kind) {
            case HUBER:
                return r > delta ? delta : (r < -delta ? -delta : r);
            case SQUARED:
                return r;
            default:
                return Math.signum(r);
        }
    }

    /** True where ρ is ½r² near zero, so Levenberg–Marquardt can minimise it as a sum of squares. */
    public boolean isSquareRootable() {
        return kind != Kind.ABSOLUTE;
    }

    /** The objective in formula words: what the reported objective value is the sum of. */
    public String definition() {
        switch (kind) {
            case HUBER:
                return "sum over points of ½r² where |r| <= " + formatDelta(delta) + ", else " + formatDelta(delta)
                        + "·(|r| − ½·" + formatDelta(delta) + ")";
            case SQUARED:
                return "sum over points of ½r² (half the sum of squared residuals)";
            default:
                return "sum over points of |r|";
        }
    }

    @Override
    public String toString() {
        switch (kind) {
            case HUBER:
                return "huber:" + formatDelta(delta);
            case SQUARED:
                return "squared";
            default:
                return "absolute";
        }
    }

    private static String formatDelta(double d) {
        String s = Double.toString(d);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Loss l && l.kind == kind && Double.compare(l.delta, delta) == 0;
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Double.hashCode(delta);
    }
}
