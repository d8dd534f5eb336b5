package org.scalefit.core.curve;

/**
 * What a curve law sees of one run after the checkpoint rules: the kept rows in order, their x (steps or
 * tokens), learning rates (null if unknown), losses, and which of them enter the objective. Rows left out
 * of the objective (warm-up, the first fraction) still count in schedule areas such as S1.
 */
public record CurveInput(String run, double[] step, double[] x, double[] lr, double[] loss, boolean[] fitted) {

    public CurveInput {
        int n = step.length;
        if (x.length != n || loss.length != n || fitted.length != n || (lr != null && lr.length != n)) {
            throw new IllegalArgumentException("curve " + run + ": columns differ in length");
        }
    }

    /** Every row fitted, x = step. */
    public static CurveInput of(String run, double[] step, double[] lr, double[] loss) {
        boolean[] all = new boolean[step.length];
        java.util.Arrays.fill(all, true);
        return new CurveInput(run, step, step, lr, loss, all);
    }

    public int size() {
        return step.length;
    }

    public int fittedCount() {
        int n = 0;
        for (boolean b : fitted) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /**
     * The first row where the forward area S1 = Σ lr up to the row is above 0 (size() if the learning rate never
     * rises, 0 without an lr column): laws of learning-rate areas are not defined before it (a warm-up from lr = 0).
     */
    private int firstAreaRow() {
        if (lr == null) {
            return 0;
        }
        double area = 0;
        for (int i = 0; i < size(); i++) {
            area += lr[i];
            if (area > 0) {
                return i;
            }
        }
        return size();
    }

    /** How many fitted rows come before the first step where S1 > 0. */
    public int fittedBeforeFirstArea() {
        int n = 0;
        for (int i = 0, end = firstAreaRow(); i < end; i++) {
            if (fitted[i]) {
                n++;
            }
        }
        return n;
    }

    /** The first step where S1 > 0, or NaN if the learning rate never rises (or the curve has no lr column). */
    public double firstStepWithArea() {
        int at = firstAreaRow();
        return lr != null && at < size() ? step[at] : Double.NaN;
    }

    /** The same rows with those before the first step where S1 > 0 left out of the objective. */
    public CurveInput fromFirstArea() {
        int end = firstAreaRow();
        if (end == 0) {
            return this;
        }
        boolean[] f = fitted.clone();
        java.util.Arrays.fill(f, 0, end, false);
        return new CurveInput(run, step, x, lr, loss, f);
    }

    /** The rows with x > 0, all fitted: learning-curve laws are undefined at x = 0 (step 0). */
    public CurveInput positiveX() {
        int n = 0;
        for (double v : x) {
            if (v > 0) {
                n++;
            }
        }
        double[] s = new double[n];
        double[] xs = new double[n];
        double[] lrs = lr == null ? null : new double[n];
        double[] ls = new double[n];
        boolean[] all = new boolean[n];
        int j = 0;
        for (int i = 0; i < size(); i++) {
            if (x[i] > 0) {
                s[j] = step[i];
                xs[j] = x[i];
                if (lrs != null) {
                    lrs[j] = lr[i];
                }
                ls[j] = loss[i];
                all[j] = true;
                j++;
            }
        }
        return new CurveInput(run, s, xs, lrs, ls, all);
    }
}
