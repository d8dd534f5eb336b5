package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/**
 * A screened bootstrap (each resample runs the full fit's optimum and the lowest other start) finds the same optimum
 * of nearly every resample as one that runs all 16 starts, so its standard errors are the same.
 */
class BootstrapScreeningTest {
    private static final Law LAW = LawCatalogue.get("chinchilla");
    private static final double[] TRUTH = FitTestData.theta(LAW, "besiroglu2024");

    @Test
    void screenedResamplesReachTheOptimaOfTheFullSetOfStarts() {
        // 9 budgets x 10 sizes, 2% noise: noisy enough that resamples move
        FitData data = FitTestData.isoFlop(LAW, TRUTH, 10, 0.02, 11);
        FitSpec spec = FitSpec.defaults(LAW).withThreads(2);
        FitResult full = Fitter.fit(data, spec);
        FitResult unscreenedFull = Fitter.fit(data, spec.withScreening(false));
        int total = 200;
        Bootstrap.Shard screened = Bootstrap.shard(data, full, total, 0, total, 3, Progress.NONE);
        Bootstrap.Shard every = Bootstrap.shard(data, unscreenedFull, total, 0, total, 3, Progress.NONE);
        int same = 0;
        for (int r = 0; r < total; r++) {
            double a = screened.objectives()[r];
            double b = every.objectives()[r];
            // a screen can only miss a basin: never below the full set of starts beyond the at-optimum tolerance
            // (1e-6 relative, within which two polished starts of one basin end)
            assertThat(FitResult.reachedOptimum(b, a)).isTrue();
            if (FitResult.reachedOptimum(a, b)) {
                same++;
            }
        }
        assertThat(same).as("resamples at the same optimum").isGreaterThanOrEqualTo(total * 98 / 100);
        BootstrapResult x = Bootstrap.combine(LAW.parameterNames(), total, 3, java.util.List.of(screened));
        BootstrapResult y = Bootstrap.combine(LAW.parameterNames(), total, 3, java.util.List.of(every));
        for (int k = 0; k < LAW.parameterNames().size(); k++) {
            double se = y.standardErrors().get(LAW.parameterNames().get(k));
            assertThat(x.standardErrors().get(LAW.parameterNames().get(k))).isCloseTo(se, within(0.01 * se));
        }
        assertThat(Bootstrap.method(spec)).contains("screened");
        assertThat(Bootstrap.method(spec.withScreening(false))).contains("every one run to the end");
    }
}
