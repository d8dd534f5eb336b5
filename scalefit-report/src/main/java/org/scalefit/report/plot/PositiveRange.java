package org.scalefit.report.plot;

/** The smallest and largest positive finite values seen: the extent of a log axis. */
final class PositiveRange {
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;

    void add(double... values) {
        for (double v : values) {
            if (v > 0 && Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
    }
}
