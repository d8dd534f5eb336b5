package org.scalefit.core.frontier;

/**
 * The Akima (1970) interpolant: a piecewise cubic through every point whose slope at each point is a weighted
 * mean of the neighbouring secant slopes, the weights being the differences of the secants on the far side.
 * It follows the data without the overshoot of a natural cubic spline, reproduces straight lines exactly and
 * is what Porian et al. (2024) use to locate IsoFLOP minima. Two secants are added beyond each end by linear
 * extrapolation of the secants, as in the paper (and scipy's {@code Akima1DInterpolator}).
 */
final class Akima {
    private final double[] x;
    private final double[] y;
    private final double[] t;

    /** @param x strictly increasing abscissae (at least 2) */
    public Akima(double[] x, double[] y) {
        int n = x.length;
        if (n < 2 || y.length != n) {
            throw new IllegalArgumentException("Akima interpolation needs at least 2 points and as many values");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new IllegalArgumentException("Akima interpolation needs finite points");
            }
            if (i > 0 && !(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("Akima interpolation needs strictly increasing x");
            }
        }
        this.x = x.clone();
        this.y = y.clone();
        this.t = new double[n];
        if (n == 2) {
            double m = (y[1] - y[0]) / (x[1] - x[0]);
            t[0] = m;
            t[1] = m;
            return;
        }
        // m[k + 2] is the secant slope of interval k; k = -2, -1 and n - 1, n are the extrapolated ones
        double[] m = new double[n + 3];
        for (int k = 0; k < n - 1; k++) {
            m[k + 2] = (y[k + 1] - y[k]) / (x[k + 1] - x[k]);
        }
        m[1] = 2 * m[2] - m[3];
        m[0] = 2 * m[1] - m[2];
        m[n + 1] = 2 * m[n] - m[n - 1];
        m[n + 2] = 2 * m[n + 1] - m[n];
        for (int i = 0; i < n; i++) {
            // slopes around point i: m_{i-2}, m_{i-1}, m_i, m_{i+1} at m[i], m[i+1], m[i+2], m[i+3]
            double w1 = Math.abs(m[i + 3] - m[i + 2]);
            double w2 = Math.abs(m[i + 1] - m[i]);
            double den = w1 + w2;
            // equal weights when both are zero (Akima's rule for locally straight data)
            t[i] = den > 1e-14 * (Math.abs(m[i + 1]) + Math.abs(m[i + 2]) + Double.MIN_NORMAL)
                    ? (w1 * m[i + 1] + w2 * m[i + 2]) / den
                    : 0.5 * (m[i + 1] + m[i + 2]);
        }
    }

    public int size() {
        return x.length;
    }

    /** The slope the interpolant takes at data point i. */
    public double slopeAt(int i) {
        return t[i];
    }

    /** The interpolant at {@code u}; outside the data it extends the end cubics. */
    public double value(double u) {
        int k = interval(u);
        double[] c = coefficients(k);
        double s = u - x[k];
        return c[0] + s * (c[1] + s * (c[2] + s * c[3]));
    }

    public double derivative(double u) {
        int k = interval(u);
        double[] c = coefficients(k);
        double s = u - x[k];
        return c[1] + s * (2 * c[2] + s * 3 * c[3]);
    }

    /** {argmin, min} of the interpolant over [x_0, x_{n-1}]: every piece's stationary points and the ends. */
    public double[] minimum() {
        double bestU = x[0];
        double best = y[0];
        for (int k = 0; k < x.length - 1; k++) {
            if (y[k + 1] < best) {
                best = y[k + 1];
                bestU = x[k + 1];
            }
            double[] c = coefficients(k);
            double h = x[k + 1] - x[k];
            // p'(s) = c1 + 2 c2 s + 3 c3 s^2 on [0, h]
            for (double s : quadraticRoots(3 * c[3], 2 * c[2], c[1])) {
                if (s > 0 && s < h) {
                    double v = c[0] + s * (c[1] + s * (c[2] + s * c[3]));
                    if (v < best) {
                        best = v;
                        bestU = x[k] + s;
                    }
                }
            }
        }
        return new double[] {bestU, best};
    }

    private int interval(double u) {
        int lo = 0;
        int hi = x.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (x[mid] <= u) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    // Hermite cubic on interval k in powers of s = u - x_k
    private double[] coefficients(int k) {
        double h = x[k + 1] - x[k];
        double m = (y[k + 1] - y[k]) / h;
        double c2 = (3 * m - 2 * t[k] - t[k + 1]) / h;
        double c3 = (t[k] + t[k + 1] - 2 * m) / (h * h);
        return new double[] {y[k], t[k], c2, c3};
    }

    /** Real roots of a s^2 + b s + c (a may be zero). */
    static double[] quadraticRoots(double a, double b, double c) {
        double scale = Math.max(Math.abs(a), Math.max(Math.abs(b), Math.abs(c)));
        if (scale == 0) {
            return new double[0];
        }
        if (Math.abs(a) <= 1e-14 * scale) {
            return Math.abs(b) <= 1e-14 * scale ? new double[0] : new double[] {-c / b};
        }
        double disc = b * b - 4 * a * c;
        if (disc < 0) {
            return new double[0];
        }
        double q = -0.5 * (b + Math.copySign(Math.sqrt(disc), b));
        return q == 0 ? new double[] {0} : new double[] {q / a, c / q};
    }
}
