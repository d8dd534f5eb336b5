package org.scalefit.core.law;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters held at a value as a user writes them, {@code NAME=VALUE} (several joined by commas), for the
 * command line's {@code --fix}; {@link Law#withFixed(Map)} checks them against a law.
 */
public final class FixedParameters {
    private FixedParameters() {
    }

    /**
     * name → value, in the order given.
     *
     * @throws IllegalArgumentException for a missing '=', a bad name, a value that is not a finite number, or a
     *                                  name given twice
     */
    public static Map<String, Double> parse(List<String> specs, String option) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (String spec : specs) {
            for (String one : spec.split(",")) {
                int eq = one.indexOf('=');
                if (eq <= 0 || eq == one.length() - 1) {
                    throw new IllegalArgumentException(option + " '" + one.strip() + "': expected NAME=VALUE, e.g. "
                            + option + " E=1.69");
                }
                String name = one.substring(0, eq).strip();
                if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new IllegalArgumentException(option + " '" + one.strip() + "': '" + name
                            + "' is not a valid name");
                }
                double v = ParameterSpec.number(one.substring(eq + 1), option + " " + name);
                if (Double.isInfinite(v)) {
                    throw new IllegalArgumentException(option + " " + name + ": the value must be finite, not " + v);
                }
                if (out.put(name, v) != null) {
                    throw new IllegalArgumentException(option + " " + name + " is given twice");
                }
            }
        }
        return out;
    }
}
