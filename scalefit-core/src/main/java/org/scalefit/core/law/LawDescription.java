package org.scalefit.core.law;

import java.util.List;

/**
 * What a law file says about a law beyond the formula: what its variables mean, the intermediate quantities it
 * defines, where it holds, and which entry of the published catalogue ({@code ../shared/laws}) it transcribes.
 * The law computes with the formula as expanded; this is how a person reads it.
 *
 * @param entry     the catalogue entry id in {@code ../shared/laws/catalogue.json}, empty for a user's law
 * @param variables what the data variables (and the target) mean, in the order the file gives them
 * @param defines   the intermediate quantities, in order (a define may use those before it)
 * @param formula   the formula as written, before the defines are expanded
 * @param validity  where the published law was measured to hold
 * @param notes     anything else a user should know (conventions, caveats)
 */
public record LawDescription(String entry, List<Variable> variables, List<Define> defines, String formula,
                             String validity, String notes) {

    public LawDescription {
        entry = entry == null ? "" : entry;
        variables = List.copyOf(variables);
        defines = List.copyOf(defines);
        validity = validity == null ? "" : validity;
        notes = notes == null ? "" : notes;
    }

    /** A law with nothing said beyond its formula. */
    public static LawDescription of(String formula) {
        return new LawDescription("", List.of(), List.of(), formula, "", "");
    }

    /**
     * A variable (or the target): what it measures, in which unit, and the range the published law was measured
     * over ({@code low} and {@code high} NaN when the file gives none).
     */
    public record Variable(String name, String meaning, String unit, double low, double high) {
        public Variable {
            meaning = meaning == null ? "" : meaning;
            unit = unit == null ? "" : unit;
        }

        public boolean hasRange() {
            return !Double.isNaN(low);
        }
    }

    /** {@code name = expression}: a quantity the formula uses by name. */
    public record Define(String name, String expression) {
    }
}
