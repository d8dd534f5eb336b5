package org.scalefit.core.solve;

/**
 * The Moré–Thuente line search (Moré and Thuente 1994, as L-BFGS-B uses it): the interval of uncertainty and
 * the safeguarded cubic and quadratic steps that shrink it, until the strong Wolfe conditions hold. One search
 * at a time: {@link #start} begins it, {@link #next} takes each trial's value and slope.
 */
final class MoreThuente {
    private static final double FTOL = 1e-3;
    private static final double GTOL = 0.9;
    private static final double XTOL = 0.1;
    private static final double XTRAPL = 1.1;
    private static final double XTRAPU = 4.0;

    private double stx;
    private double fx;
    private double gx;
    private double sty;
    private double fy;
    private double gy;
    private double stmin;
    private double stmax;
    private double stpmax;
    private double finit;
    private double ginit;
    private double gtest;
    private double width;
    private double width1;
    private boolean brackt;
    private int stage;

    /** A new search from φ(0) = {@code f0} with slope {@code g0} < 0, first trial {@code stp}, longest step {@code max}. */
    void start(double f0, double g0, double stp, double max) {
        stpmax = max;
        finit = f0;
        ginit = g0;
        gtest = FTOL * ginit;
        brackt = false;
        stage = 1;
        width = stpmax;
        width1 = 2.0 * width;
        stx = 0.0;
        fx = finit;
        gx = ginit;
        sty = 0.0;
        fy = finit;
        gy = ginit;
        stmin = 0.0;
        stmax = stp + XTRAPU * stp;
    }

    /**
     * A trial step {@code stp} fell outside the function's domain: never return to (or beyond) it, keep room
     * just below it, and try halfway back towards the best step so far.
     */
    double backOff(double stp) {
        if (stp > stx) {
            stpmax = stx + 0.9 * (stp - stx);
            if (!brackt && stmax > stpmax) {
                stmax = stpmax;
            }
        }
        return stx + 0.5 * (stp - stx);
    }

    /**
     * One step of the Moré–Thuente search for the trial (stp, f, g = φ'(stp)). Returns NaN when stp is
     * accepted (convergence, or a terminal warning at the best point), otherwise the next trial step.
     */
    double next(double stp, double fp, double gp) {
        double ftest = finit + stp * gtest;
        if (stage == 1 && fp <= ftest && gp >= 0.0) {
            stage = 2;
        }
        if (brackt && (stp <= stmin || stp >= stmax)) {
            return Double.NaN; // rounding errors prevent progress
        }
        if (brackt && stmax - stmin <= XTOL * stmax) {
            return Double.NaN; // interval of uncertainty below xtol
        }
        if (stp == stpmax && fp <= ftest && gp <= gtest) {
            return Double.NaN;
        }
        if (stp == 0.0 && (fp > ftest || gp >= gtest)) {
            return Double.NaN;
        }
        if (fp <= ftest && Math.abs(gp) <= GTOL * -ginit) {
            return Double.NaN; // strong Wolfe conditions hold
        }
        double next;
        if (stage == 1 && fp <= fx && fp > ftest) {
            // First stage: work with ψ(α) = φ(α) − α·gtest, whose minimisers satisfy sufficient decrease.
            double fm = fp - stp * gtest;
            double gm = gp - gtest;
            fx -= stx * gtest;
            fy -= sty * gtest;
            gx -= gtest;
            gy -= gtest;
            next = safeguardedStep(stp, fm, gm);
            fx += stx * gtest;
            fy += sty * gtest;
            gx += gtest;
            gy += gtest;
        } else {
            next = safeguardedStep(stp, fp, gp);
        }
        if (brackt) {
            // Force sufficient shrinkage of the bracket by bisection.
            if (Math.abs(sty - stx) >= 0.66 * width1) {
                next = stx + 0.5 * (sty - stx);
            }
            width1 = width;
            width = Math.abs(sty - stx);
            stmin = Math.min(stx, sty);
            stmax = Math.max(stx, sty);
        } else {
            stmin = next + XTRAPL * (next - stx);
            stmax = next + XTRAPU * (next - stx);
        }
        next = Math.max(next, 0.0);
        next = Math.min(next, stpmax);
        if (brackt && (next <= stmin || next >= stmax || stmax - stmin <= XTOL * stmax)) {
            next = stx;
        }
        return next;
    }

    /**
     * The safeguarded cubic/quadratic step of Moré–Thuente §4: updates the interval (stx, sty) with
     * the trial (stp, fp, dp) and returns the next trial, kept within [stmin, stmax].
     */
    private double safeguardedStep(double stp, double fp, double dp) {
        double sgnd = dp * Math.signum(gx);
        double stpf;
        if (fp > fx) {
            // Case 1: higher value — the minimum is bracketed.
            double theta3 = 3.0 * (fx - fp) / (stp - stx) + gx + dp;
            double s = max3(Math.abs(theta3), Math.abs(gx), Math.abs(dp));
            double gamma = s * Math.sqrt(Math.max(0.0, (theta3 / s) * (theta3 / s) - (gx / s) * (dp / s)));
            if (stp < stx) {
                gamma = -gamma;
            }
            double pp = (gamma - gx) + theta3;
            double q = ((gamma - gx) + gamma) + dp;
            double stpc = stx + (pp / q) * (stp - stx);
            double stpq = stx + ((gx / ((fx - fp) / (stp - stx) + gx)) / 2.0) * (stp - stx);
            if (Math.abs(stpc - stx) < Math.abs(stpq - stx)) {
                stpf = stpc;
            } else {
                stpf = stpc + (stpq - stpc) / 2.0;
            }
            brackt = true;
        } else if (sgnd < 0.0) {
            // Case 2: derivatives of opposite sign — bracketed.
            double theta3 = 3.0 * (fx - fp) / (stp - stx) + gx + dp;
            double s = max3(Math.abs(theta3), Math.abs(gx), Math.abs(dp));
            double gamma = s * Math.sqrt(Math.max(0.0, (theta3 / s) * (theta3 / s) - (gx / s) * (dp / s)));
            if (stp > stx) {
                gamma = -gamma;
            }
            double pp = (gamma - dp) + theta3;
            double q = ((gamma - dp) + gamma) + gx;
            double stpc = stp + (pp / q) * (stx - stp);
            double stpq = stp + (dp / (dp - gx)) * (stx - stp);
            stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
            brackt = true;
        } else if (Math.abs(dp) < Math.abs(gx)) {
            // Case 3: lower value, same-sign derivative decreasing in magnitude.
            double theta3 = 3.0 * (fx - fp) / (stp - stx) + gx + dp;
            double s = max3(Math.abs(theta3), Math.abs(gx), Math.abs(dp));
            double gamma = s * Math.sqrt(Math.max(0.0, (theta3 / s) * (theta3 / s) - (gx / s) * (dp / s)));
            if (stp > stx) {
                gamma = -gamma;
            }
            double pp = (gamma - dp) + theta3;
            double q = (gamma + (gx - dp)) + gamma;
            double rr = pp / q;
            double stpc;
            if (rr < 0.0 && gamma != 0.0) {
                stpc = stp + rr * (stx - stp);
            } else if (stp > stx) {
                stpc = stmax;
            } else {
                stpc = stmin;
            }
            double stpq = stp + (dp / (dp - gx)) * (stx - stp);
            if (brackt) {
                stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
                if (stp > stx) {
                    stpf = Math.min(stp + 0.66 * (sty - stp), stpf);
                } else {
                    stpf = Math.max(stp + 0.66 * (sty - stp), stpf);
                }
            } else {
                stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
                stpf = Math.min(stmax, stpf);
                stpf = Math.max(stmin, stpf);
            }
        } else {
            // Case 4: lower value, derivative not decreasing — extrapolate or use the far end.
            if (brackt) {
                double theta3 = 3.0 * (fp - fy) / (sty - stp) + gy + dp;
                double s = max3(Math.abs(theta3), Math.abs(gy), Math.abs(dp));
                double gamma = s * Math.sqrt(Math.max(0.0, (theta3 / s) * (theta3 / s) - (gy / s) * (dp / s)));
                if (stp > sty) {
                    gamma = -gamma;
                }
                double pp = (gamma - dp) + theta3;
                double q = ((gamma - dp) + gamma) + gy;
                stpf = stp + (pp / q) * (sty - stp);
            } else if (stp > stx) {
                stpf = stmax;
            } else {
                stpf = stmin;
            }
        }
        if (fp > fx) {
            sty = stp;
            fy = fp;
            gy = dp;
        } else {
            if (sgnd < 0.0) {
                sty = stx;
                fy = fx;
                gy = gx;
            }
            stx = stp;
            fx = fp;
            gx = dp;
        }
        return stpf;
    }

    private static double max3(double a, double b, double c) {
        return Math.max(a, Math.max(b, c));
    }
}
