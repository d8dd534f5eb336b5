package org.scalefit.core.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import org.scalefit.core.fit.Progress;

/**
 * Approach 1 on loss curves drawn from a known Chinchilla law L = E + A/N^α + B/D^β (Hoffmann et al.'s
 * fitted values), whose compute-optimal N* ∝ C^a has a = β/(α+β) = 0.4516.
 */
class EnvelopeTest {
    static final double E = 1.69;
    static final double A = 406.4;
    static final double B = 410.7;
    static final double ALPHA = 0.34;
    static final double BETA = 0.28;
    static final double A_TRUE = BETA / (ALPHA + BETA);

    static double law(double n, double d) {
        return E + A / Math.pow(n, ALPHA) + B / Math.pow(d, BETA);
    }

    /** Tokens at which N is the continuous law's compute-optimal size: N = G·(C/6)^a with D = C/(6N). */
    static double optimalTokens(double n) {
        double g = Math.pow(ALPHA * A / (BETA * B), 1 / (ALPHA + BETA));
        double c6 = Math.pow(n / g, 1 / A_TRUE);
        return c6 / n;
    }

    /**
     * {@code sizes} log-spaced model sizes from nLo to nHi, each trained over tokens from D_opt(N)/window to
     * D_opt(N)·window (so neighbouring runs overlap and the envelope changes hands between each pair), with
     * {@code checkpoints} log-spaced checkpoints and multiplicative noise of relative size {@code noise}.
     */
    static List<Envelope.Run> curves(int sizes, double nLo, double nHi, double window, int checkpoints, double noise,
                                     long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Envelope.Run> runs = new ArrayList<>();
        for (int i = 0; i < sizes; i++) {
            double n = nLo * Math.pow(nHi / nLo, (double) i / (sizes - 1));
            double d0 = optimalTokens(n) / window;
            double d1 = optimalTokens(n) * window;
            double[] tokens = new double[checkpoints];
            double[] loss = new double[checkpoints];
            for (int k = 0; k < checkpoints; k++) {
                tokens[k] = d0 * Math.pow(d1 / d0, (double) k / (checkpoints - 1));
                loss[k] = law(n, tokens[k]) * (1 + noise * rng.nextGaussian());
            }
            runs.add(new Envelope.Run("N=" + String.format("%.3g", n), n, tokens, loss));
        }
        return runs;
    }

    /**
     * The exact envelope of the discrete sizes on the result's own grid: at each C, the size with the lowest
     * law value among the runs whose compute range holds C, with no interpolation between checkpoints; then
     * the least-squares slope of ln N* on ln C. This is what the method should return for these sizes.
     */
    static double exactDiscreteA(List<Envelope.Run> runs, Envelope.Result r) {
        List<BudgetOptimum> grid = r.frontier().budgets();
        double[] c = new double[grid.size()];
        double[] nStar = new double[grid.size()];
        for (int k = 0; k < c.length; k++) {
            c[k] = grid.get(k).compute();
            double best = Double.POSITIVE_INFINITY;
            for (Envelope.Run run : runs) {
                double d = c[k] / (6 * run.n());
                boolean inside = d >= run.tokens()[0] * (1 - 1e-9) && d <= run.tokens()[run.tokens().length - 1] * (1 + 1e-9);
                if (inside && law(run.n(), d) < best) {
                    best = law(run.n(), d);
                    nStar[k] = run.n();
                }
            }
        }
        return PowerLawFit.fit(c, nStar, null).exponent();
    }

    @Test
    void sevenSizesRecoverTheExactDiscreteEnvelopeAndNearlyTheLaw() {
        List<Envelope.Run> runs = curves(7, 1e8, 1e10, 20, 120, 0, 1);
        Envelope.Result r = Envelope.analyse(runs, new Envelope.Options(300, 0, 0, 0.95), Progress.NONE);
        double expected = exactDiscreteA(runs, r);
        System.out.printf("7 sizes: a = %.5f, exact discrete a = %.5f, b = %.5f, β/(α+β) = %.5f, on envelope %d%n",
                r.frontier().a(), expected, r.frontier().b(), A_TRUE, r.runsOnEnvelope());
        // the envelope changes hands between every neighbouring pair of sizes
        assertThat(r.runsOnEnvelope()).isEqualTo(7);
        // only linear interpolation between 120 checkpoints separates the method from the exact discrete
        // envelope: it can move a crossing by a grid point or two of 300, which changes a by < 0.005
        assertThat(r.frontier().a()).isCloseTo(expected, within(0.005));
        // b = 1 - a exactly, since ln D* = ln C - ln 6 - ln N* on the same grid
        assertThat(r.frontier().a() + r.frontier().b()).isCloseTo(1, within(1e-9));
        // N* is a step function over 7 sizes a factor 2.15 apart: each step is a flat stretch of about
        // ln(2.15)/a in ln C, whose least-squares slope differs from the law's by a few hundredths (edge
        // stretches where the smallest or largest size is lowest flatten it most)
        assertThat(r.frontier().a()).isCloseTo(A_TRUE, within(0.04));
    }

    @Test
    void manySizesRecoverTheLawsExponent() {
        // 40 sizes a factor 1.12 apart, each run over a factor 3 either side of its optimal tokens: the steps
        // are fine, what remains is the ends of the grid, where the optimum lies below the smallest (above the
        // largest) size present, so N* stays flat there for about a factor 2 in C and a comes out low by ~0.013
        List<Envelope.Run> runs = curves(40, 1e8, 1e10, 3, 120, 0, 1);
        Envelope.Result r = Envelope.analyse(runs, new Envelope.Options(400, 0, 0, 0.95), Progress.NONE);
        System.out.printf("40 sizes: a = %.5f, b = %.5f, β/(α+β) = %.5f, on envelope %d, grid %d%n",
                r.frontier().a(), r.frontier().b(), A_TRUE, r.runsOnEnvelope(), r.gridPoints());
        assertThat(r.runsOnEnvelope()).isEqualTo(40);
        assertThat(r.frontier().a()).isCloseTo(exactDiscreteA(runs, r), within(0.005));
        assertThat(r.frontier().a()).isCloseTo(A_TRUE, within(0.02));
        assertThat(r.frontier().b()).isCloseTo(1 - A_TRUE, within(0.02));
    }

    @Test
    void bootstrapOverWholeRunsBracketsTheEstimate() {
        // 8 sizes with 0.2% loss noise
        List<Envelope.Run> runs = curves(8, 1e8, 1e10, 20, 120, 0.002, 7);
        Envelope.Result r = Envelope.analyse(runs, new Envelope.Options(200, 200, 3, 0.9), Progress.NONE);
        FrontierResult f = r.frontier();
        System.out.printf("bootstrap: a = %.4f [%.4f, %.4f], b = %.4f [%.4f, %.4f], draws %d failed %d%n", f.a(),
                f.aInterval()[0], f.aInterval()[1], f.b(), f.bInterval()[0], f.bInterval()[1], f.draws(),
                f.failedDraws());
        assertThat(f.hasIntervals()).isTrue();
        assertThat(f.draws() + f.failedDraws()).isEqualTo(200);
        assertThat(f.a()).isBetween(f.aInterval()[0], f.aInterval()[1]);
        assertThat(f.b()).isBetween(f.bInterval()[0], f.bInterval()[1]);
        assertThat(f.aInterval()[1]).isGreaterThan(f.aInterval()[0]);
        assertThat(f.a()).isCloseTo(A_TRUE, within(0.05));
        // the same seed gives the same intervals
        Envelope.Result again = Envelope.analyse(runs, new Envelope.Options(200, 200, 3, 0.9), Progress.NONE);
        assertThat(again.frontier().aInterval()).containsExactly(f.aInterval());
    }

    @Test
    void interpolatesLinearlyInLogComputeAndOnlyInsideEachRun() {
        Envelope.Run run = new Envelope.Run("r", 1, new double[] {10, 1000}, new double[] {4, 2});
        // C = 6·N·D: halfway in ln C between 60 and 6000 is 600
        assertThat(run.lossAt(Math.log(600))).isCloseTo(3, within(1e-12));
        assertThat(run.lossAt(Math.log(60))).isCloseTo(4, within(1e-12));
        assertThat(run.lossAt(Math.log(59))).isNaN();
        assertThat(run.lossAt(Math.log(6001))).isNaN();
    }

    @Test
    void errors() {
        List<Envelope.Run> two = curves(2, 1e8, 1e10, 20, 10, 0, 1);
        Envelope.Options o = new Envelope.Options(50, 0, 0, 0.95);
        assertThatThrownBy(() -> Envelope.analyse(two.subList(0, 1), o, Progress.NONE))
                .hasMessageContaining("at least 2 runs, found 1");
        // a factor 100 apart in size with a window of 2: the compute ranges do not overlap
        List<Envelope.Run> apart = curves(2, 1e8, 1e10, 2, 10, 0, 1);
        assertThatThrownBy(() -> Envelope.analyse(apart, o, Progress.NONE))
                .hasMessageContaining("no compute range is covered by 2 runs");
        assertThatThrownBy(() -> new Envelope.Run("r", 1e8, new double[] {10, 10}, new double[] {3, 2}))
                .hasMessageContaining("tokens must increase");
        assertThatThrownBy(() -> new Envelope.Run("r", 0, new double[] {10}, new double[] {3}))
                .hasMessageContaining("N must be a positive");
    }
}
