package org.scalefit.core.frontier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.scalefit.core.solve.LeastSquares;

/**
 * Loss-minimising ln N on IsoFLOP profiles by each {@link ProfileMethod}, plus the shape diagnostics that tell
 * a user when the parabola is not to be trusted. A profile is the pair (u = ln N sorted ascending, loss).
 */
final class Profiles {
    /** Two sizes closer than this in ln N are the same size (repeated seeds). */
    static final double SAME_SIZE = 1e-9;
    /** Search range for the shared profile exponents of the corrected method. */
    static final double EXPONENT_MIN = 0.01;
    static final double EXPONENT_MAX = 5;

    /** Per profile: the minimising u and loss, or a reason (then u is NaN). */
    record Minima(double[] u, double[] loss, String[] problem, double alpha, double beta) {
    }

    private Profiles() {
    }

    static Minima minima(ProfileMethod method, List<double[]> us, List<double[]> ls) {
        int b = us.size();
        double[] u = new double[b];
        double[] l = new double[b];
        String[] problem = new String[b];
        switch (method) {
            case PARABOLA:
                for (int k = 0; k < b; k++) {
                    double[] v = parabola(us.get(k), ls.get(k));
                    if (v == null) {
                        problem[k] = "the least-squares parabola opens downward (no minimum)";
                        u[k] = Double.NaN;
                        l[k] = Double.NaN;
                    } else {
                        u[k] = v[0];
                        l[k] = v[1];
                    }
                }
                return new Minima(u, l, problem, Double.NaN, Double.NaN);
            case AKIMA:
                for (int k = 0; k < b; k++) {
                    double[][] d = distinct(us.get(k), ls.get(k));
                    double[] m = new Akima(d[0], d[1]).minimum();
                    u[k] = m[0];
                    l[k] = m[1];
                }
                return new Minima(u, l, problem, Double.NaN, Double.NaN);
            case LOWEST:
                for (int k = 0; k < b; k++) {
                    double[][] d = distinct(us.get(k), ls.get(k));
                    int best = 0;
                    for (int i = 1; i < d[1].length; i++) {
                        if (d[1][i] < d[1][best]) {
                            best = i;
                        }
                    }
                    u[k] = d[0][best];
                    l[k] = d[1][best];
                }
                return new Minima(u, l, problem, Double.NaN, Double.NaN);
            default:
                return asymmetric(us, ls);
        }
    }

    /** {vertex u, loss at the vertex, curvature c2 in u} of the least-squares parabola, or null if not convex. */
    static double[] parabola(double[] u, double[] loss) {
        double centre = mean(u);
        double h = halfRange(u);
        double[][] x = new double[u.length][];
        for (int i = 0; i < u.length; i++) {
            double s = (u[i] - centre) / h;
            x[i] = new double[] {1, s, s * s};
        }
        double[] c = LeastSquares.solve(x, loss);
        if (c == null || !(c[2] > 0)) {
            return null;
        }
        double s = -c[1] / (2 * c[2]);
        return new double[] {centre + h * s, c[0] + s * (c[1] + s * c[2]), c[2] / (h * h)};
    }

    /**
     * Asymmetry of a profile: c3/c2 of a least-squares cubic in s = (u - centre)/halfRange, i.e. the cubic
     * term relative to the quadratic at the edge of the sampled sizes (0 when symmetric; NaN with fewer than
     * 4 sizes). On a slice through E + A/N^α + B/D^β it is about halfRange·(β − α)/3.
     */
    static double asymmetry(double[] u, double[] loss) {
        if (distinct(u, loss)[0].length < 4) {
            return Double.NaN;
        }
        double centre = mean(u);
        double h = halfRange(u);
        double[][] x = new double[u.length][];
        for (int i = 0; i < u.length; i++) {
            double s = (u[i] - centre) / h;
            x[i] = new double[] {1, s, s * s, s * s * s};
        }
        double[] c = LeastSquares.solve(x, loss);
        return c == null || !(c[2] > 0) ? Double.NaN : c[3] / c[2];
    }

    /** The shared-exponent asymmetric form, fitted to all profiles at once (see ProfileMethod.CORRECTED). */
    static Minima asymmetric(List<double[]> us, List<double[]> ls) {
        int b = us.size();
        double[] centres = new double[b];
        int points = 0;
        for (int k = 0; k < b; k++) {
            centres[k] = mean(us.get(k));
            points += us.get(k).length;
        }
        if (points < 3 * b + 3) {
            throw new IllegalArgumentException("the corrected (asymmetric) profile fit needs at least 3 more runs than"
                    + " 3 per budget (" + (3 * b + 3) + " for " + b + " budgets); there are " + points);
        }
        // coarse grid over (ln α, ln β), then a compass search that halves its step
        double lo = Math.log(EXPONENT_MIN);
        double hi = Math.log(EXPONENT_MAX);
        int grid = 24;
        double step = (hi - lo) / (grid - 1);
        double bestP = lo;
        double bestQ = lo;
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < grid; i++) {
            for (int j = 0; j < grid; j++) {
                double p = lo + i * step;
                double q = lo + j * step;
                double v = sse(Math.exp(p), Math.exp(q), us, ls, centres, null);
                if (v < best) {
                    best = v;
                    bestP = p;
                    bestQ = q;
                }
            }
        }
        double s = step / 2;
        while (s > 1e-8) {
            boolean moved = false;
            double[][] moves = {{s, 0}, {-s, 0}, {0, s}, {0, -s}, {s, s}, {-s, -s}, {s, -s}, {-s, s}};
            for (double[] mv : moves) {
                double p = Math.min(hi, Math.max(lo, bestP + mv[0]));
                double q = Math.min(hi, Math.max(lo, bestQ + mv[1]));
                double v = sse(Math.exp(p), Math.exp(q), us, ls, centres, null);
                if (v < best) {
                    best = v;
                    bestP = p;
                    bestQ = q;
                    moved = true;
                    break;
                }
            }
            if (!moved) {
                s /= 2;
            }
        }
        double alpha = Math.exp(bestP);
        double beta = Math.exp(bestQ);
        double[][] coef = new double[b][];
        sse(alpha, beta, us, ls, centres, coef);
        double[] u = new double[b];
        double[] l = new double[b];
        String[] problem = new String[b];
        for (int k = 0; k < b; k++) {
            double[] c = coef[k];
            if (c == null || !(c[1] > 0) || !(c[2] > 0)) {
                problem[k] = "the asymmetric profile fit has no interior minimum (a non-positive term)";
                u[k] = Double.NaN;
                l[k] = Double.NaN;
                continue;
            }
            double v = Math.log(alpha * c[1] / (beta * c[2])) / (alpha + beta);
            u[k] = centres[k] + v;
            l[k] = c[0] + c[1] * Math.exp(-alpha * v) + c[2] * Math.exp(beta * v);
        }
        return new Minima(u, l, problem, alpha, beta);
    }

    private static double sse(double alpha, double beta, List<double[]> us, List<double[]> ls, double[] centres,
                              double[][] coefOut) {
        double total = 0;
        for (int k = 0; k < us.size(); k++) {
            double[] u = us.get(k);
            double[][] x = new double[u.length][];
            for (int i = 0; i < u.length; i++) {
                double v = u[i] - centres[k];
                x[i] = new double[] {1, Math.exp(-alpha * v), Math.exp(beta * v)};
            }
            double[] c = LeastSquares.solve(x, ls.get(k));
            if (coefOut != null) {
                coefOut[k] = c;
            }
            if (c == null) {
                return Double.POSITIVE_INFINITY;
            }
            total += c[3];
        }
        return total;
    }

    /** Sorted distinct sizes with the mean loss of repeated ones: {u, loss}. */
    static double[][] distinct(double[] u, double[] loss) {
        List<double[]> out = new ArrayList<>();
        int i = 0;
        while (i < u.length) {
            int j = i;
            double sum = 0;
            while (j < u.length && u[j] - u[i] <= SAME_SIZE) {
                sum += loss[j];
                j++;
            }
            out.add(new double[] {u[i], sum / (j - i)});
            i = j;
        }
        double[][] r = new double[2][out.size()];
        for (int k = 0; k < out.size(); k++) {
            r[0][k] = out.get(k)[0];
            r[1][k] = out.get(k)[1];
        }
        return r;
    }

    static int distinctCount(double[] u) {
        int n = u.length == 0 ? 0 : 1;
        for (int i = 1; i < u.length; i++) {
            if (u[i] - u[i - 1] > SAME_SIZE) {
                n++;
            }
        }
        return n;
    }

    static double mean(double[] x) {
        return Arrays.stream(x).sum() / x.length;
    }

    static double halfRange(double[] u) {
        double h = (u[u.length - 1] - u[0]) / 2;
        return h > 0 ? h : 1;
    }
}
