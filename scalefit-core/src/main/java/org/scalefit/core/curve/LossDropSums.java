package org.scalefit.core.curve;

import java.util.ArrayList;
import java.util.List;

/**
 * The multi-power law's loss-drop sum of one curve, LD(t)/B = Σ_{k≤t} (η_{k−1} − η_k)·G(η_k^−γ·(S(t) − S(k−1))) with
 * G(x) = 1 − (C·x + 1)^−β, and its derivatives in C, β and γ, at a cost that grows with the log of the schedule's
 * changes rather than with their number.
 *
 * <p>The changes of the schedule after its warm-up are the leaves of a binary tree over their order. A row t sums its
 * terms by walking the tree: a block of changes that lies before t, whose changes all have one sign, whose lr varies
 * by at most {@link #MAX_LOG_LR_RANGE} in log and whose width in S is at most {@link #MAX_WIDTH} of its distance to
 * S(t), is summed by a two-point Gauss rule in the change's order, weighted by the changes (exact for a term that is
 * a cubic there); any other block is opened, and single changes are summed exactly. Far from t the terms vary slowly
 * in k, so most of a long schedule is summed in a few dozen blocks: a 72k-step cosine's row costs about a hundred
 * terms instead of tens of thousands. The rules' error is checked against the exact sum in the tests (1e-8 of the
 * sum). A cosine schedule changes at every step; a step schedule's two changes are always summed exactly.</p>
 *
 * <p>Warm-up: the initial rise of the learning rate (until its first step that does not rise) enters S1 and S(t)
 * but adds no terms, since the law's loss drop is the effect of lowering the learning rate.</p>
 */
final class LossDropSums {
    /** A block is summed by its rule only where its width in S is at most this share of its distance to S(t). */
    static final double MAX_WIDTH = 0.15;
    /** ... and where the log of the learning rate varies over its changes by at most this much. */
    static final double MAX_LOG_LR_RANGE = 0.25;

    private final double[] prefix;      // S(i) = Σ_{τ≤i} η_τ per row (step) of the curve
    // the changes after warm-up, in order: row k, weight η_{k−1} − η_k, S(k−1), ln η_k (−∞ where η_k = 0)
    private final int[] changeRow;
    // the tree, nodes in depth-first order: a node covers changes [lo, hi); children at left[n], right[n] (−1: leaf)
    private final int[] lo;
    private final int[] hi;
    private final int[] left;
    private final int[] right;
    private final boolean[] ruled;      // whether the node may be summed by its rule
    private final double[] width;       // S(k_last − 1) − S(k_first − 1)
    private final double[] lastBase;    // S(k_last − 1)
    // the rule's points (for a leaf: the change itself, weight w2 = 0): weight, S base and ln η at each
    private final double[] w1;
    private final double[] b1;
    private final double[] l1;
    private final double[] w2;
    private final double[] b2;
    private final double[] l2;
    private final int root;

    /** One thread's scratch: η^−γ at each point of each node for the current γ, and the walk's stack. */
    final class Scratch {
        final double[] e1 = new double[lo.length];
        final double[] e2 = new double[lo.length];
        final int[] stack = new int[128];
    }

    /** Sums over a curve's per-step learning rates {@code lr} (one per row, every step). */
    LossDropSums(double[] lr) {
        int n = lr.length;
        prefix = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += lr[i];
            prefix[i] = s;
        }
        int warm = 0;
        while (warm + 1 < n && lr[warm + 1] > lr[warm]) {
            warm++;
        }
        List<Integer> rows = new ArrayList<>();
        for (int k = warm + 1; k < n; k++) {
            if (lr[k - 1] != lr[k]) {
                rows.add(k);
            }
        }
        int m = rows.size();
        changeRow = rows.stream().mapToInt(Integer::intValue).toArray();
        double[] weight = new double[m];
        double[] base = new double[m];
        double[] lnEta = new double[m];
        for (int j = 0; j < m; j++) {
            int k = changeRow[j];
            weight[j] = lr[k - 1] - lr[k];
            base[j] = prefix[k - 1];
            lnEta[j] = lr[k] > 0 ? Math.log(lr[k]) : Double.NEGATIVE_INFINITY;
        }
        int nodes = Math.max(1, 2 * m - 1);
        lo = new int[nodes];
        hi = new int[nodes];
        left = new int[nodes];
        right = new int[nodes];
        ruled = new boolean[nodes];
        width = new double[nodes];
        lastBase = new double[nodes];
        w1 = new double[nodes];
        b1 = new double[nodes];
        l1 = new double[nodes];
        w2 = new double[nodes];
        b2 = new double[nodes];
        l2 = new double[nodes];
        int[] next = {0};
        root = m == 0 ? -1 : build(0, m, weight, base, lnEta, next);
    }

    private int build(int from, int to, double[] weight, double[] base, double[] lnEta, int[] next) {
        int node = next[0]++;
        lo[node] = from;
        hi[node] = to;
        width[node] = base[to - 1] - base[from];
        lastBase[node] = base[to - 1];
        if (to - from == 1) {
            left[node] = -1;
            right[node] = -1;
            w1[node] = weight[from];
            b1[node] = base[from];
            l1[node] = lnEta[from];
            return node;
        }
        int mid = (from + to) >>> 1;
        left[node] = build(from, mid, weight, base, lnEta, next);
        right[node] = build(mid, to, weight, base, lnEta, next);
        rule(node, from, to, weight, base, lnEta);
        return node;
    }

    /**
     * The two-point Gauss rule of a block in the change's order j with the changes as weights: nodes and weights
     * that integrate 1, j, j², j³ exactly; S and ln η at a fractional j interpolated between the changes around it.
     */
    private void rule(int node, int from, int to, double[] weight, double[] base, double[] lnEta) {
        double total = 0;
        boolean positive = weight[from] > 0;
        double lnMin = Double.POSITIVE_INFINITY;
        double lnMax = Double.NEGATIVE_INFINITY;
        for (int j = from; j < to; j++) {
            if ((weight[j] > 0) != positive || !Double.isFinite(lnEta[j])) {
                return; // mixed signs or a change to lr = 0: opened, never ruled
            }
            total += weight[j];
            lnMin = Math.min(lnMin, lnEta[j]);
            lnMax = Math.max(lnMax, lnEta[j]);
        }
        if (lnMax - lnMin > MAX_LOG_LR_RANGE) {
            return;
        }
        double mean = 0;
        for (int j = from; j < to; j++) {
            mean += weight[j] * j;
        }
        mean /= total;
        double c2 = 0;
        double c3 = 0;
        for (int j = from; j < to; j++) {
            double d = j - mean;
            c2 += weight[j] * d * d;
            c3 += weight[j] * d * d * d;
        }
        c2 /= total;
        c3 /= total;
        if (!(c2 > 0)) {
            return;
        }
        // nodes: roots of x² − (c3/c2)·x − c2 (the second orthogonal polynomial, centred)
        double p = c3 / c2;
        double root = Math.sqrt(p * p + 4 * c2);
        double x1 = (p - root) / 2;
        double x2 = (p + root) / 2;
        double j1 = mean + x1;
        double j2 = mean + x2;
        if (!(j1 >= from && j2 <= to - 1)) {
            return;
        }
        ruled[node] = true;
        w1[node] = total * x2 / (x2 - x1);
        w2[node] = -total * x1 / (x2 - x1);
        b1[node] = interpolate(base, j1);
        b2[node] = interpolate(base, j2);
        l1[node] = interpolate(lnEta, j1);
        l2[node] = interpolate(lnEta, j2);
    }

    /**
     * a at a fractional index by the parabola through the three nearest entries: S(k−1) is a sum of the learning
     * rates, curved by their changes, and a straight line between two entries would be off by an eighth of a change
     * (1e-8 of the sum on a linear decay, measured); the parabola leaves the third difference.
     */
    private static double interpolate(double[] a, double j) {
        int n = a.length;
        if (n == 1) {
            return a[0];
        }
        if (n == 2) {
            return a[0] + (j - 0) * (a[1] - a[0]);
        }
        int i = (int) Math.rint(j);
        i = Math.max(1, Math.min(n - 2, i));
        double t = j - i;
        return a[i] + t * (a[i + 1] - a[i - 1]) / 2 + t * t * (a[i + 1] - 2 * a[i] + a[i - 1]) / 2;
    }

    /** S(row) = Σ_{τ≤row} η_τ. */
    double area(int row) {
        return prefix[row];
    }

    Scratch scratch() {
        return new Scratch();
    }

    /** Sets γ for the evaluations with {@code s} that follow: η^−γ at every point of every node. */
    void prepare(Scratch s, double gamma) {
        double[] e1 = s.e1;
        double[] e2 = s.e2;
        for (int node = 0; node < e1.length && root >= 0; node++) {
            e1[node] = Double.isFinite(l1[node]) ? Math.exp(-gamma * l1[node]) : Double.POSITIVE_INFINITY;
            e2[node] = ruled[node] ? Math.exp(-gamma * l2[node]) : 0;
        }
    }

    /**
     * LD(row)/B into {@code out[0]}, and when {@code derivatives}, its derivatives in C, β, γ into out[1..3]; after
     * {@link #prepare} with this γ and scratch.
     */
    void sum(Scratch s, int row, double c, double beta, boolean derivatives, double[] out) {
        double[] e1 = s.e1;
        double[] e2 = s.e2;
        int[] stack = s.stack;
        out[0] = 0;
        out[1] = 0;
        out[2] = 0;
        out[3] = 0;
        if (root < 0) {
            return;
        }
        double st = prefix[row];
        int top = 0;
        stack[top++] = root;
        while (top > 0) {
            int node = stack[--top];
            if (changeRow[lo[node]] > row) {
                continue; // every change of the block comes after the row
            }
            boolean leaf = left[node] < 0;
            if (leaf) {
                term(w1[node], st - b1[node], e1[node], l1[node], c, beta, derivatives, out);
                continue;
            }
            boolean before = changeRow[hi[node] - 1] <= row;
            if (before && ruled[node] && width[node] <= MAX_WIDTH * (st - lastBase[node])) {
                term(w1[node], st - b1[node], e1[node], l1[node], c, beta, derivatives, out);
                term(w2[node], st - b2[node], e2[node], l2[node], c, beta, derivatives, out);
                continue;
            }
            if (top + 2 > stack.length) {
                throw new IllegalStateException("loss-drop tree deeper than expected");
            }
            stack[top++] = right[node];
            stack[top++] = left[node];
        }
    }

    /** One term g·G(e·ds) (e = η^−γ) and its derivatives; a change to lr = 0 has G = 1. */
    private static void term(double g, double ds, double e, double lnEta, double c, double beta, boolean derivatives,
                             double[] out) {
        if (e == Double.POSITIVE_INFINITY) {
            out[0] += g;
            return;
        }
        double x = e * ds;
        double q = 1 + c * x;
        double lnq = Math.log(q);
        double qb = Math.exp(-beta * lnq);
        out[0] += g * (1 - qb);
        if (derivatives) {
            double common = g * beta * qb / q;
            out[1] += common * x;
            out[2] += g * qb * lnq;
            out[3] += common * c * (-lnEta) * x;
        }
    }

    /** The same sum term by term over every change: the reference the rules are tested against. */
    double exact(int row, double c, double beta, double gamma) {
        double st = prefix[row];
        double total = 0;
        for (int j = 0; j < changeRow.length && changeRow[j] <= row; j++) {
            // the leaves hold each change's own weight, base and ln η
            int leaf = leafOf(j);
            double e = Double.isFinite(l1[leaf]) ? Math.exp(-gamma * l1[leaf]) : Double.POSITIVE_INFINITY;
            double[] out = new double[4];
            term(w1[leaf], st - b1[leaf], e, l1[leaf], c, beta, false, out);
            total += out[0];
        }
        return total;
    }

    private int leafOf(int j) {
        int node = root;
        while (left[node] >= 0) {
            node = j < hi[left[node]] ? left[node] : right[node];
        }
        return node;
    }

    /** How many changes after the warm-up the schedule has. */
    int changes() {
        return changeRow.length;
    }
}
