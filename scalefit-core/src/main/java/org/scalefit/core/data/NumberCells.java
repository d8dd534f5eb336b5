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
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        char last = s.charAt(s.length() - 1);
        if (!(Character.isDigit(last) || last == '.')) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (!(Character.isDigit(ch) || ch == '.' || ch == 'e' || ch == 'E' || ch == '+' || ch == '-')) {
                return null;
            }
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
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
