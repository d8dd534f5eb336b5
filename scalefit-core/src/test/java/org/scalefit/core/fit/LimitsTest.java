package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.scalefit.core.curve.Schedule;
import org.scalefit.core.data.FitData;
import org.scalefit.core.frontier.Envelope;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.synth.SyntheticSweep;
import org.scalefit.core.validate.Backtest;

/**
 * The library refuses sizes no machine can hold, in its own words, before allocating anything (a library
 * user and the server get the same bounds as the command line).
 */
class LimitsTest {
    @Test
    void productsSaturateInsteadOfOverflowing() {
        assertThat(Limits.product(3, 4, 5)).isEqualTo(60);
        assertThat(Limits.product(2_000_000_000L, 2_000_000_000L, 2_000_000_000L)).isEqualTo(Long.MAX_VALUE);
        assertThat(Limits.atMost("x", 10L, 10)).isEqualTo(10);
    }

    @Test
    void everySizedRequestIsRefusedWithWhatAndTheLimit() {
        Law chinchilla = LawCatalogue.get("chinchilla");
        double[] theta = FitTestData.theta(chinchilla, "besiroglu2024");
        assertThatThrownBy(() -> StartPlan.random(2_000_000_000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the number of starts is 2000000000; at most 1,000,000");
        FitData data = FitTestData.isoFlop(chinchilla, theta, 5, 0.01, 1);
        FitResult fit = Fitter.fit(data, FitSpec.defaults(chinchilla).withStarts(StartPlan.random(8)));
        assertThatThrownBy(() -> Bootstrap.run(data, fit, 2_000_000_000, 1, Progress.NONE))
                .hasMessage("the number of bootstrap resamples is 2000000000; at most 100,000");
        assertThatThrownBy(() -> SyntheticSweep.isoFlop(chinchilla, theta, new double[] {1e19, 1e20}, 2_000_000_000,
                4, 0, 1)).hasMessage("budgets × sizes per budget is 4000000000; at most 10,000,000");
        Law power = LawCatalogue.get("power-law");
        assertThatThrownBy(() -> SyntheticSweep.grid(power, new double[power.parameters().size()],
                Map.of(power.variables().get(0), new double[] {1, 10}), 2_000_000_000, 0, 1))
                .hasMessageContaining("at most 10,000,000");
        assertThatThrownBy(() -> Schedule.parse("constant:steps=1e9,peak=1e-3"))
                .hasMessage("schedule 'constant:steps=1e9,peak=1e-3': steps is 1.00000e+09; at most 10,000,000");
        assertThatThrownBy(() -> new Envelope.Options(2_000_000_000, 0, 0, 0.95))
                .hasMessage("the envelope's grid points is 2000000000; at most 10,000,000");
        assertThatThrownBy(() -> new Backtest.Options(2_000_000_000, 0.95, 0))
                .hasMessage("the number of bootstrap resamples is 2000000000; at most 100,000");
    }

    @Test
    void aNegativePeakIsNamedAsSuch() {
        assertThatThrownBy(() -> Schedule.parse("cosine:steps=100,peak=-1"))
                .hasMessage("schedule 'cosine:steps=100,peak=-1': peak must be positive, not -1");
    }
}
