package org.scalefit.core.data;

/** The one rule for what text counts as a number in a data cell, shared by every reader. */
public final class NumberCells {
    private NumberCells() {
    }

    /**
     * Parses a cell as a decimal number (also "1e24", "NaN", "Inf", "-inf"); returns null when the cell
     * is empty or not a number. Hex floats and Java suffixes ("1d", "2f") are rejected, as no user means
     * them.
     */
    public static Double parse(String cell) {
        String s = cell.strip();
        if (s.isEmpty()) {
            return null;
        }
        // the common case first, without allocating: only digits, '.', exponents and signs, ending in a digit or
        // '.'; none of the names below passes this scan, so the order of the two tests changes no answer
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char ch = s.charAt(i);
            plain = ch >= '0' && ch <= '9' || ch == '.' || ch == 'e' || ch == 'E' || ch == '+' || ch == '-';
        }
        if (!plain) {
            return named(s);
        }
        char last = s.charAt(s.length() - 1);
        if (!(last >= '0' && last <= '9' || last == '.')) {
            return null;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double named(String s) {
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                return null;
        }
    }

    /** A cell quoted for a message, shortened when long (an unclosed quote can make a cell of a whole file). */
    public static String quote(String cell) {
        if (cell.length() <= 40) {
            return "'" + cell + "'";
        }
        return "'" + cell.substring(0, 30) + "…' (" + cell.length() + " characters)";
    }
}
