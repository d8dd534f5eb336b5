package org.scalefit.core.frontier;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The three Chinchilla approaches (Hoffmann et al. 2022) to the compute-optimal frontier. */
public enum Approach {
    /** 1: the lowest-loss run per compute budget. */
    LOWEST("1"),
    /** 2: a minimum per IsoFLOP profile, then a power law through the minima. */
    ISOFLOP("2"),
    /** 3: the parametric law E + A/N^α + B/D^β, a = β/(α+β). */
    PARAMETRIC("3");

    private final String label;

    Approach(String label) {
        this.label = label;
    }

    /** "1", "2" or "3", as {@link FrontierResult#approach()} names it. */
    public String label() {
        return label;
    }

    /** "all", one of 1, 2, 3, or a comma-separated list such as "2,3" (repeats dropped, order kept). */
    public static List<Approach> parseList(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return List.of(values());
        }
        List<Approach> out = new ArrayList<>();
        for (String part : t.split(",")) {
            Approach a = switch (part.strip()) {
                case "1" -> LOWEST;
                case "2" -> ISOFLOP;
                case "3" -> PARAMETRIC;
                default -> throw new IllegalArgumentException("approach '" + text.strip() + "': expected 1, 2, 3,"
                        + " a list such as 2,3, or all");
            };
            if (!out.contains(a)) {
                out.add(a);
            }
        }
        return List.copyOf(out);
    }
}
