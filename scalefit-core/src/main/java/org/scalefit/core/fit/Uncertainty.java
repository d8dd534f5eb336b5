package org.scalefit.core.fit;

/**
 * How a fit's uncertainty is estimated: how many bootstrap resamples (0 for none), the level of the intervals
 * and the seed of the resampling. Checked here once, in the library's words, for every shell.
 */
public record Uncertainty(int resamples, double level, long seed) {
    public static final double DEFAULT_LEVEL = 0.95;
    /** No bootstrap, 95% intervals (for plans made from draws read later), seed 0. */
    public static final Uncertainty NONE = new Uncertainty(0, DEFAULT_LEVEL, 0L);

    public Uncertainty {
        checkedLevel(level);
        checkedResamples(resamples);
    }

    /** {@code level} if it is an interval level (strictly between 0 and 1), else the error every shell shows. */
    public static double checkedLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("the interval level must lie strictly between 0 and 1, not " + level);
        }
        return level;
    }

    /** {@code resamples} if it is a bootstrap's count (0 for none, else 2 up to the limit), else the error. */
    public static int checkedResamples(int resamples) {
        if (resamples < 0 || resamples == 1) {
            throw new IllegalArgumentException("a bootstrap needs at least 2 resamples (or 0 for none), not "
                    + resamples);
        }
        return Limits.atMost("the number of bootstrap resamples", resamples, Limits.RESAMPLES);
    }

    public boolean bootstrapped() {
        return resamples > 0;
    }
}
