package org.scalefit.core.curve;

/**
 * The two areas of a learning-rate schedule that the LR-annealing law (Tissue et al. 2024) uses, over the
 * sequence of learning rates it is given (one value per kept row, so A scales with the thinning factor):
 * <pre>
 *   S1(s) = Σ_{i≤s} η_i                              forward area
 *   m_i   = λ·m_{i−1} + (η_{i−1} − η_i),  S2(s) = Σ_{i≤s} m_i     annealing area with momentum λ
 * </pre>
 * The first momentum value m_0 is η_0 in the reproduction whose fits are the published reference
 * ({@code zkshan2002/ScalingLaw} main.py, {@code m[0] = lr[0]}); {@link Start#ZERO} starts it at 0 instead.
 * The choice moves the fitted C a lot (0.55 vs 2.66 on the 8-1-1 curve), so it is an explicit option.
 */
public final class AnnealingAreas {
    /** The published default momentum. */
    public static final double DEFAULT_LAMBDA = 0.999;

    /** How the momentum sequence starts. */
    public enum Start {
        /** m_0 = η_0: the convention behind the published fits. */
        ETA0,
        /** m_0 = 0: no annealing before the first step. */
        ZERO;

        public static Start parse(String s) {
            switch (s.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "eta0":
                    return ETA0;
                case "zero":
                    return ZERO;
                default:
                    throw new IllegalArgumentException("unknown S2 start '" + s + "'; expected eta0 or zero");
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final double[] s1;
    private final double[] s2;

    private AnnealingAreas(double[] s1, double[] s2) {
        this.s1 = s1;
        this.s2 = s2;
    }

    public static AnnealingAreas of(double[] lr, double lambda, Start start) {
        if (!(lambda >= 0 && lambda <= 1)) {
            throw new IllegalArgumentException("the momentum lambda must lie in [0, 1], not " + lambda);
        }
        int n = lr.length;
        double[] s1 = new double[n];
        double[] s2 = new double[n];
        double a = 0;
        double b = 0;
        double m = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0) {
                m = start == Start.ETA0 ? lr[0] : 0;
            } else {
                m = lambda * m + (lr[i - 1] - lr[i]);
            }
            a += lr[i];
            b += m;
            s1[i] = a;
            s2[i] = b;
        }
        return new AnnealingAreas(s1, s2);
    }

    public double[] s1() {
        return s1;
    }

    public double[] s2() {
        return s2;
    }
}
