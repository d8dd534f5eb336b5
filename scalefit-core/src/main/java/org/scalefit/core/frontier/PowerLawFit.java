package org.scalefit.core.frontier;

/**
 * y ∝ x^exponent by (optionally weighted) least squares of ln y on ln x: the last step of approaches 1 and 2,
 * and what Porian et al. do with sklearn's {@code LinearRegression} (weights 1/σ² in their weighted fit).
 *
 * @param coefficient the k in y = k·x^exponent
 * @param r2 the (weighted) coefficient of determination in log space
 */
record PowerLawFit(double exponent, double coefficient, double r2, int points) {

    /** Fits ln y = ln k + e·ln x; {@code weights} may be null for an unweighted fit. */
    public static PowerLawFit fit(double[] x, double[] y, double[] weights) {
        int n = x.length;
        if (y.length != n || (weights != null && weights.length != n)) {
            throw new IllegalArgumentException("power-law fit: x, y and weights differ in length");
        }
        if (n < 2) {
            throw new IllegalArgumentException("a power law needs at least 2 points, not " + n);
        }
        double sw = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            if (!(x[i] > 0) || !(y[i] > 0) || Double.isInfinite(x[i]) || Double.isInfinite(y[i])) {
                throw new IllegalArgumentException("a power law needs positive finite values, found (" + x[i]
                        + ", " + y[i] + ")");
            }
            double w = weights == null ? 1 : weights[i];
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be positive and finite, found " + w);
            }
            sw += w;
            mx += w * Math.log(x[i]);
            my += w * Math.log(y[i]);
        }
        mx /= sw;
        my /= sw;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double w = weights == null ? 1 : weights[i];
            double dx = Math.log(x[i]) - mx;
            double dy = Math.log(y[i]) - my;
            sxx += w * dx * dx;
            sxy += w * dx * dy;
            syy += w * dy * dy;
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("a power law needs at least 2 different x values");
        }
        double e = sxy / sxx;
        double ln = my - e * mx;
        double r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1;
        return new PowerLawFit(e, Math.exp(ln), r2, n);
    }

    public double predict(double x) {
        return coefficient * Math.pow(x, exponent);
    }
}
