package org.scalefit.report;

import java.util.Locale;

import org.scalefit.report.plot.LogTicks;

/** Numbers and text for HTML: six significant digits, powers of ten as ×10ⁿ, and escaping. */
public final class Format {
    private Format() {
    }

    /** Six significant digits without trailing zeros; very large or small values as m×10ⁿ. */
    public static String num(double v) {
        return num(v, 6);
    }

    /** {@code digits} significant digits without trailing zeros; very large or small values as m×10ⁿ. */
    public static String num(double v, int digits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            String s = String.format(Locale.ROOT, "%." + Math.min(4, digits - 1) + "e", v);
            int e = s.indexOf('e');
            String m = trimZeros(s.substring(0, e));
            int k = Integer.parseInt(s.substring(e + 1));
            return (m.equals("1") ? "" : m + "×") + "10" + LogTicks.superscriptOf(k);
        }
        return trimZeros(String.format(Locale.ROOT, "%." + digits + "g", v));
    }

    /** A low–high interval as [low, high], or an em dash when there is none. */
    public static String interval(double[] iv) {
        return interval(iv, 6);
    }

    public static String interval(double[] iv, int digits) {
        return iv == null ? "—" : "[" + num(iv[0], digits) + ", " + num(iv[1], digits) + "]";
    }

    public static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    private static String trimZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String html(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&': sb.append("&amp;"); break;
                case '<': sb.append("&lt;"); break;
                case '>': sb.append("&gt;"); break;
                case '"': sb.append("&quot;"); break;
                case '\'': sb.append("&#39;"); break;
                default: sb.append(c);
            }
        }
        return sb.toString();
    }
}
