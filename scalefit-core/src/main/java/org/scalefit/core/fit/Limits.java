package org.scalefit.core.fit;

import java.util.Locale;

/**
 * Upper bounds on every size a caller can ask for (starts, resamples, rows to generate, grid points, schedule
 * steps...), checked before anything is allocated, so that a mistyped number is a clear error instead of an
 * out-of-memory crash. Each bound leaves room for real work: far above what published fits use.
 */
public final class Limits {
    /** Random starts of one multi-start fit (the Chinchilla grid has 4,500). */
    public static final long STARTS = 1_000_000;
    /** Start values held at once: starts × parameters. */
    public static final long START_VALUES = 50_000_000;
    /** Bootstrap resamples (published fits use 1,000–4,000). */
    public static final long RESAMPLES = 100_000;
    /** Rows one synthetic sweep may generate. */
    public static final long ROWS = 10_000_000;
    /** Steps of a learning-rate schedule (published curves have ~10^5). */
    public static final long STEPS = 10_000_000;
    /** Points of a compute grid, such as the loss-curve envelope's. */
    public static final long GRID_POINTS = 10_000_000;
    /** Separate fits of one rolling backtest. */
    public static final long CUTS = 10_000;
    /** Breaks of a broken power law. */
    public static final long BREAKS = 100;

    private Limits() {
    }

    /**
     * Returns {@code value} if it is at most {@code max}, else throws an {@link IllegalArgumentException}
     * naming {@code what} (e.g. "the number of starts", or a command-line option), the value and the limit.
     */
    public static long atMost(String what, long value, long max) {
        if (value > max) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s is %d; at most %,d", what, value, max));
        }
        return value;
    }

    /** {@link #atMost} for a value that has to fit in an int. */
    public static int atMost(String what, int value, long max) {
        return (int) atMost(what, (long) value, max);
    }

    /** The product of sizes, or {@code Long.MAX_VALUE} when it overflows (then it is above every limit). */
    public static long product(long... sizes) {
        long p = 1;
        for (long s : sizes) {
            if (s != 0 && p > Long.MAX_VALUE / Math.abs(s)) {
                return Long.MAX_VALUE;
            }
            p *= s;
        }
        return p;
    }
}
