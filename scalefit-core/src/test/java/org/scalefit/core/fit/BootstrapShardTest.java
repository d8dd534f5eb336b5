package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/**
 * A bootstrap cut into shards of resample indices and combined is the single-machine bootstrap, bit for bit:
 * each resample depends only on (seed, index), so where and in which order shards run cannot matter.
 */
class BootstrapShardTest {
    private static final Law LAW = LawCatalogue.get("chinchilla");
    private static final double[] TRUTH = FitTestData.theta(LAW, "besiroglu2024");
    private static final FitData DATA = FitTestData.isoFlop(LAW, TRUTH, 6, 0.01, 5);
    private static final FitResult FULL = Fitter.fit(DATA, FitSpec.defaults(LAW).withThreads(2));

    @Test
    void threeShardsCombineToTheSingleRun() {
        int total = 30;
        long seed = 7;
        BootstrapResult single = Bootstrap.run(DATA, FULL, total, seed, Progress.NONE);
        List<Bootstrap.Shard> shards = new ArrayList<>();
        // uneven shards, computed out of order and on one thread, as executors might
        for (int[] r : new int[][] {{17, 30}, {0, 4}, {4, 17}}) {
            FitResult oneThread = Fitter.fit(DATA, FitSpec.defaults(LAW).withThreads(1));
            shards.add(Bootstrap.shard(DATA, oneThread, total, r[0], r[1], seed, Progress.NONE));
        }
        BootstrapResult combined = Bootstrap.combine(LAW.parameterNames(), total, seed, shards);

        assertThat(combined.resamples()).isEqualTo(single.resamples());
        assertThat(combined.failures()).isEqualTo(single.failures());
        assertThat(combined.draws()).isDeepEqualTo(single.draws());
        assertThat(combined.standardErrors()).isEqualTo(single.standardErrors());
        Map<String, double[]> a = combined.intervals(0.9);
        Map<String, double[]> b = single.intervals(0.9);
        for (String p : LAW.parameterNames()) {
            assertThat(a.get(p)).as(p).isEqualTo(b.get(p));
        }
        // the draws are real re-fits, not copies of the full fit: they spread around it
        assertThat(combined.standardErrors().get("E")).isGreaterThan(0);
    }

    @Test
    void aShardHoldsItsObjectivesAndIsTheSameWhereverItRuns() {
        Bootstrap.Shard s = Bootstrap.shard(DATA, FULL, 20, 5, 9, 3, Progress.NONE);
        Bootstrap.Shard again = Bootstrap.shard(DATA, FULL, 20, 5, 9, 3, Progress.NONE);
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.draws()).isDeepEqualTo(again.draws());
        assertThat(s.objectives()).isEqualTo(again.objectives());
        // a resample fits its own rows at least as well as the full-data optimum fits them, and not exactly
        for (double o : s.objectives()) {
            assertThat(o).isPositive().isFinite();
        }
        // resample 5 of a 20-resample bootstrap is resample 5 of a 100-resample one: the total only bounds it
        Bootstrap.Shard wider = Bootstrap.shard(DATA, FULL, 100, 5, 6, 3, Progress.NONE);
        assertThat(wider.draws()[0]).isEqualTo(s.draws()[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 30, 31})
    void rangesCoverEveryResampleOnce(int shards) {
        List<int[]> ranges = Bootstrap.ranges(30, shards);
        assertThat(ranges).hasSize(Math.min(shards, 30));
        int next = 0;
        for (int[] r : ranges) {
            assertThat(r[0]).isEqualTo(next);
            assertThat(r[1]).isGreaterThan(r[0]);
            next = r[1];
        }
        assertThat(next).isEqualTo(30);
    }

    @Test
    void shardsThatMissOrOverlapResamplesAreRefused() {
        Bootstrap.Shard a = Bootstrap.shard(DATA, FULL, 6, 0, 3, 1, Progress.NONE);
        Bootstrap.Shard b = Bootstrap.shard(DATA, FULL, 6, 2, 6, 1, Progress.NONE);
        Bootstrap.Shard c = Bootstrap.shard(DATA, FULL, 6, 4, 6, 1, Progress.NONE);
        List<String> names = LAW.parameterNames();
        assertThatThrownBy(() -> Bootstrap.combine(names, 6, 1, List.of(a, b)))
                .hasMessageContaining("overlap at resample 2");
        assertThatThrownBy(() -> Bootstrap.combine(names, 6, 1, List.of(a, c)))
                .hasMessageContaining("miss resamples 3 to 3");
        assertThatThrownBy(() -> Bootstrap.combine(names, 6, 1, Collections.singletonList(a)))
                .hasMessageContaining("miss resamples 3 to 5");
        assertThatThrownBy(() -> Bootstrap.shard(DATA, FULL, 6, 4, 7, 1, Progress.NONE))
                .hasMessageContaining("within [0, 6)");
        assertThatThrownBy(() -> Bootstrap.shard(DATA, FULL, 200_000, 0, 1, 1, Progress.NONE))
                .hasMessageContaining("at most 100,000");
    }
}
