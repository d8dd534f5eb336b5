package org.scalefit.core.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The multi-power law's loss-drop sums by blocks equal the sums term by term: on long cosine, WSD, step and warm-up
 * schedules, at every 97th step and the last, for seeded random (C, β, γ) across the law's range, to 2e-7 of the
 * largest the sum can be (Σ|Δη| so far; measured: at most 1.3e-7 with blocks up to a quarter of their distance, 1e-8
 * at a tenth, for 1.7-2.5x the terms); the derivatives agree with central differences of the sums.
 */
class LossDropSumsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "cosine:steps=72000,peak=1e-3,final=1e-4,warmup=1000,warmup-from=0",
        "cosine:steps=33908,peak=1e-3,final=1e-5",
        "wsd:steps=50000,peak=2e-3,final=2e-5,decay=0.2,shape=exp,warmup=500",
        "wsd:steps=20000,peak=3e-4,final=0,decay=0.1",
        "step:steps=33908,peak=1e-3",
        "linear:steps=10000,peak=1e-3,final=0"})
    void theBlockSumsAreTheTermByTermSums(String spec) {
        double[] lr = Schedule.parse(spec).lr();
        LossDropSums sums = new LossDropSums(lr);
        LossDropSums.Scratch scratch = sums.scratch();
        SplittableRandom random = new SplittableRandom(spec.hashCode());
        // Σ|η_{k−1} − η_k| over the changes up to each row (after the warm-up's rise)
        double[] changed = new double[lr.length];
        int warm = 0;
        while (warm + 1 < lr.length && lr[warm + 1] > lr[warm]) {
            warm++;
        }
        for (int k = 1; k < lr.length; k++) {
            changed[k] = changed[k - 1] + (k > warm ? Math.abs(lr[k - 1] - lr[k]) : 0);
        }
        double[] out = new double[4];
        double worst = 0;
        for (int trial = 0; trial < 6; trial++) {
            double c = Math.exp(Math.log(1e-2) + random.nextDouble() * Math.log(1e5));   // 1e-2 .. 1e3
            double beta = 0.05 + random.nextDouble() * 2;
            double gamma = random.nextDouble() * 1.5;
            sums.prepare(scratch, gamma);
            for (int row = 1; row < lr.length; row = row + 97 < lr.length || row == lr.length - 1 ? row + 97
                    : lr.length - 1) {
                sums.sum(scratch, row, c, beta, false, out);
                double exact = sums.exact(row, c, beta, gamma);
                // the largest the sum can be (every G = 1): an error of 2e-7 of it is a loss error of B·2e-7·Σ|Δη|,
                // about 2e-8 for B = 400 and a peak lr of 3e-4, far below the noise of any logged loss
                double scale = Math.max(changed[row], 1e-300);
                worst = Math.max(worst, Math.abs(out[0] - exact) / scale);
                assertThat(out[0]).as("%s row %d C %g beta %g gamma %g", spec, row, c, beta, gamma)
                        .isCloseTo(exact, within(2e-7 * scale));
            }
        }
        System.out.printf("%s: %d changes, worst relative error %.2e%n", spec, sums.changes(), worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cosine:steps=20000,peak=1e-3,final=1e-4,warmup=300,warmup-from=0",
        "wsd:steps=20000,peak=1e-3,final=1e-5,shape=cosine"})
    void theDerivativesAreThoseOfTheSums(String spec) {
        double[] lr = Schedule.parse(spec).lr();
        LossDropSums sums = new LossDropSums(lr);
        LossDropSums.Scratch scratch = sums.scratch();
        double c = 2.0;
        double beta = 0.6;
        double gamma = 0.5;
        double[] out = new double[4];
        double[] up = new double[4];
        double[] down = new double[4];
        for (int row : new int[] {500, 9_000, 17_999, 19_999}) {
            sums.prepare(scratch, gamma);
            sums.sum(scratch, row, c, beta, true, out);
            double[] p = {c, beta, gamma};
            for (int k = 0; k < 3; k++) {
                double h = 1e-6 * Math.max(1, p[k]);
                double[] q = p.clone();
                q[k] += h;
                sums.prepare(scratch, q[2]);
                sums.sum(scratch, row, q[0], q[1], false, up);
                q[k] -= 2 * h;
                sums.prepare(scratch, q[2]);
                sums.sum(scratch, row, q[0], q[1], false, down);
                double numeric = (up[0] - down[0]) / (2 * h);
                assertThat(out[1 + k]).as("row %d derivative %d", row, k)
                        .isCloseTo(numeric, within(1e-6 * Math.max(1e-3, Math.abs(numeric))));
            }
        }
    }
}
