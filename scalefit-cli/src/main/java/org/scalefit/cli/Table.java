package org.scalefit.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain text table with right-aligned numbers, for people reading a terminal. */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    public Table(String... header) {
        this.header = header;
    }

    public Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    /** Six significant digits, scientific outside [1e-3, 1e6). */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            String s = String.format(Locale.ROOT, "%.5e", v);
            int e = s.indexOf('e');
            return trimZeros(s.substring(0, e)) + s.substring(e);
        }
        return trimZeros(String.format(Locale.ROOT, "%.6g", v));
    }

    // "0.500000" -> "0.5", "2.00000" -> "2": six significant digits without the noise
    private static String trimZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public String toString() {
        int n = header.length;
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = header[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < n; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w, true);
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
        }
        sb.append('\n');
        for (String[] r : rows) {
            line(sb, r, w, false);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w, boolean header) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append("  ");
            }
            String c = cells[i];
            boolean left = i == 0 || header || !looksNumeric(c);
            sb.append(left ? pad(c, w[i], true) : pad(c, w[i], false));
        }
        sb.append('\n');
    }

    private static boolean looksNumeric(String c) {
        // a number has a digit: "E" or "e" alone is a name (a parameter, a target)
        return c.matches("[-+\\[\\]0-9.eE, ]+|NaN|-?inf") && (c.matches(".*[0-9].*") || !c.matches(".*[eE].*"));
    }

    private static String pad(String s, int width, boolean left) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return left ? s + fill : fill + s;
    }
}
