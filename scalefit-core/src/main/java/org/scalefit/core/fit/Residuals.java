package org.scalefit.core.fit;

import java.util.Locale;

/** Where residuals are taken: on log values (relative error, the field's norm) or on raw values. */
public enum Residuals {
    LOG, LINEAR;

    public static Residuals parse(String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "log":
                return LOG;
            case "linear":
                return LINEAR;
            default:
                throw new IllegalArgumentException("unknown residuals '" + text + "'; expected log or linear");
        }
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
