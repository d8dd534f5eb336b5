package org.scalefit.report.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Tick positions and labels for a logarithmic axis. Where the range spans two or more powers of ten the ticks
 * are those powers (10¹⁹, 10²⁰, ...; every k-th when there are many); within about a decade they are
 * 1-2-5 multiples (5×10⁸, 10⁹, 2×10⁹); within a narrow range (a loss axis from 1.9 to 3.5) they are evenly
 * spaced round numbers, so that every axis has at least a few labelled ticks.
 */
public final class LogTicks {
    /** One labelled tick. */
    public record Tick(double value, String label) {
    }

    /** At most this many labels on an axis of decades before thinning to every k-th decade. */
    static final int MAX_DECADES = 8;

    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    private LogTicks() {
    }

    public static List<Tick> ticks(double lo, double hi) {
        if (!(lo > 0) || !(hi > lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("a log axis needs 0 < low < high, not " + lo + ".." + hi);
        }
        // a relative slack of 1e-9 keeps a bound that is a power of ten (1e21 computed as 1.0000000000000002e21)
        double slack = 1e-9;
        int kLo = (int) Math.ceil(Math.log10(lo) - slack);
        int kHi = (int) Math.floor(Math.log10(hi) + slack);
        List<Tick> out = new ArrayList<>();
        if (kHi - kLo + 1 >= 2) {
            int step = (kHi - kLo + MAX_DECADES) / MAX_DECADES;
            // thin on multiples of step so that 10⁰ stays a tick when it is in range
            int first = Math.floorDiv(kLo + step - 1, step) * step;
            boolean plain = first >= -2 && kHi <= 3;
            for (int k = first; k <= kHi; k += step) {
                out.add(new Tick(Math.pow(10, k), label(1, k, plain)));
            }
            if (out.size() >= 2) {
                return out;
            }
            out.clear();
        }
        boolean plain = kLo - 1 >= -2 && kHi <= 3;
        for (int k = kLo - 1; k <= kHi; k++) {
            for (int m : new int[] {1, 2, 5}) {
                double v = m * Math.pow(10, k);
                if (v >= lo * (1 - slack) && v <= hi * (1 + slack)) {
                    out.add(new Tick(v, label(m, k, plain)));
                }
            }
        }
        if (out.size() >= 3) {
            return out;
        }
        out.clear();
        // four to seven ticks: a loss axis from 2.1 to 3.4 gets 2.25, 2.5, ..., 3.25
        double step = niceStep((hi - lo) / 6);
        for (long i = (long) Math.ceil(lo / step - slack); i * step <= hi * (1 + slack); i++) {
            // i·step rounded to 12 digits drops the binary noise (0.1·3 = 0.30000000000000004)
            double r = new BigDecimal(i * step, new MathContext(12)).doubleValue();
            out.add(new Tick(r, format(r)));
        }
        return out;
    }

    /**
     * m·10ᵏ as "10ᵏ" or "m×10ᵏ", or as a plain number; one axis uses one style (plain only when every tick
     * lies between 0.01 and 10,000), so that 1000 never stands next to 10⁵.
     */
    static String label(int m, int k, boolean plain) {
        if (plain) {
            return format(m * Math.pow(10, k));
        }
        return (m == 1 ? "" : m + "×") + "10" + superscript(k);
    }

    /** An integer in superscript digits, e.g. 19 → ¹⁹, −3 → ⁻³. */
    public static String superscriptOf(int k) {
        return superscript(k);
    }

    static String superscript(int k) {
        StringBuilder sb = new StringBuilder();
        if (k < 0) {
            sb.append('⁻');
        }
        for (char c : Integer.toString(Math.abs(k)).toCharArray()) {
            sb.append(SUPERSCRIPTS.charAt(c - '0'));
        }
        return sb.toString();
    }

    /** A number as a short label: plain where that is short, else mantissa×10ᵏ. */
    public static String format(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        BigDecimal d = new BigDecimal(v, new MathContext(6)).stripTrailingZeros();
        if (a >= 1e-3 && a < 1e5) {
            return d.toPlainString();
        }
        int k = (int) Math.floor(Math.log10(a) + 1e-12);
        BigDecimal m = new BigDecimal(v / Math.pow(10, k), new MathContext(3)).stripTrailingZeros();
        String ms = m.toPlainString();
        return (ms.equals("1") ? "" : ms.equals("-1") ? "-" : ms + "×") + "10" + superscript(k);
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw * (1 - 1e-12)) {
                return m * p;
            }
        }
        return 10 * p;
    }
}
