package org.scalefit.core.law;

import java.util.Arrays;
import java.util.Locale;

/**
 * A parameter as a user writes it, {@code NAME=LOW..HIGH[:log|:linear]}, shared by the command line's
 * {@code --param} and the server's {@code params}. Parsing and building are separate steps so that each caller
 * can word the errors of the Parameter constructor (bounds, log scale) its own way.
 *
 * @param scale the scale written after the colon, or null when none was written
 */
public record ParameterSpec(String name, double lower, double upper, Scale scale) {

    /**
     * Parses one spec; errors name the option (e.g. "--param" or "param") and the spec as written.
     *
     * @throws IllegalArgumentException for a missing '=' or '..', a bad name, an unknown scale or a bad number
     */
    public static ParameterSpec parse(String spec, String option) {
        int eq = spec.indexOf('=');
        int dots = spec.indexOf("..");
        if (eq <= 0 || dots < eq) {
            throw new IllegalArgumentException(option + " '" + spec + "': expected NAME=LOW..HIGH or NAME=LOW..HIGH:log");
        }
        String name = spec.substring(0, eq).strip();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(option + " '" + spec + "': '" + name + "' is not a valid name");
        }
        String rest = spec.substring(dots + 2);
        Scale scale = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            String s = rest.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            if (s.equals("log")) {
                scale = Scale.LOG;
            } else if (s.equals("linear")) {
                scale = Scale.LINEAR;
            } else {
                throw new IllegalArgumentException(option + " '" + spec + "': unknown scale '" + s + "' (log or linear)");
            }
            rest = rest.substring(0, colon);
        }
        double lo = number(spec.substring(eq + 1, dots), option + " " + spec);
        double hi = number(rest, option + " " + spec);
        return new ParameterSpec(name, lo, hi, scale);
    }

    /**
     * The parameter of {@code law} this spec re-bounds, or null without a law.
     *
     * @throws IllegalArgumentException when the law has no parameter of this name (the message lists its names)
     */
    public Parameter base(Law law) {
        return law == null ? null : lawParameter(law, name);
    }

    /**
     * The law's parameter of this name.
     *
     * @throws IllegalArgumentException when the law has none (the message lists its names)
     */
    public static Parameter lawParameter(Law law, String name) {
        int k = law.parameterIndex(name);
        if (k < 0) {
            throw new IllegalArgumentException("the law " + law.id() + " has no parameter '" + name
                    + "' (it has: " + String.join(", ", law.parameterNames()) + ")");
        }
        return law.parameters().get(k);
    }

    /**
     * The parameter: with a base (a catalogue law's own parameter) the scale defaults to the base's and the
     * base's grid is kept where it lies within the new bounds; without one the scale defaults to linear and there
     * is no grid.
     *
     * @throws IllegalArgumentException from the Parameter constructor (bounds in the wrong order, log scale at 0)
     */
    public Parameter toParameter(Parameter base) {
        Scale s = scale;
        double[] grid = new double[0];
        String meaning = "";
        if (base != null) {
            s = s == null ? base.scale() : s;
            meaning = base.meaning();
            grid = Arrays.stream(base.grid()).filter(g -> g >= lower && g <= upper).toArray();
        }
        return new Parameter(name, lower, upper, s == null ? Scale.LINEAR : s, grid, meaning);
    }

    /**
     * A number as the user wrote it (not NaN), for option values beside --param too.
     *
     * @throws IllegalArgumentException "WHERE: 'TEXT' is not a number"
     */
    public static double number(String text, String where) {
        try {
            double v = Double.parseDouble(text.strip());
            if (Double.isNaN(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": '" + text.strip() + "' is not a number");
        }
    }
}
