package org.scalefit.core.frontier;

import java.util.Locale;

/** How approach 2 finds the loss-minimising size on one IsoFLOP profile. */
public enum ProfileMethod {
    /** Least-squares parabola in ln N and its vertex (Hoffmann et al. 2022): biased on asymmetric profiles. */
    PARABOLA,
    /** Akima interpolant of loss over ln N and its minimum (Porian et al. 2024). */
    AKIMA,
    /**
     * The asymmetric profile form L = E_c + P_c·N^-α + Q_c·N^β fitted to every budget at once (α, β shared, the
     * linear coefficients per budget): the exact shape of an IsoFLOP slice through E + A/N^α + B/D^β, so it
     * removes the parabola's asymmetry bias; its vertex is ln(αP/(βQ))/(α+β).
     */
    CORRECTED,
    /** The lowest-loss run itself (approach 1 on final losses: only as fine as the sampled sizes). */
    LOWEST;

    public static ProfileMethod parse(String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "parabola": case "quadratic":
                return PARABOLA;
            case "akima": case "interpolated":
                return AKIMA;
            case "corrected": case "asymmetric":
                return CORRECTED;
            case "lowest": case "minimum":
                return LOWEST;
            default:
                throw new IllegalArgumentException("unknown IsoFLOP method '" + text
                        + "'; expected parabola, akima, corrected or lowest");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
