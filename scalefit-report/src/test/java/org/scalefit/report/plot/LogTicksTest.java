package org.scalefit.report.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LogTicksTest {
    private static List<Double> values(List<LogTicks.Tick> ticks) {
        return ticks.stream().map(LogTicks.Tick::value).toList();
    }

    private static List<String> labels(List<LogTicks.Tick> ticks) {
        return ticks.stream().map(LogTicks.Tick::label).toList();
    }

    @Test
    void computeRangeGetsThePowersOfTenInside() {
        List<LogTicks.Tick> t = LogTicks.ticks(6e18, 3e21);
        assertThat(values(t)).containsExactly(1e19, 1e20, 1e21);
        assertThat(labels(t)).containsExactly("10¹⁹", "10²⁰", "10²¹");
    }

    @Test
    void boundsThatArePowersOfTenAreTicks() {
        // 1e21 computed by multiplication is 1.0000000000000002e21 on some paths; both ends must still count
        assertThat(values(LogTicks.ticks(1e18, 10 * 1e20))).containsExactly(1e18, 1e19, 1e20, 1e21);
    }

    @Test
    void manyDecadesAreThinnedOnMultiplesOfTheStep() {
        // 21 decades, at most 8 labels: every third, keeping 10⁰
        List<LogTicks.Tick> t = LogTicks.ticks(1, 1e20);
        assertThat(values(t)).containsExactly(1.0, 1e3, 1e6, 1e9, 1e12, 1e15, 1e18);
        assertThat(t.size()).isLessThanOrEqualTo(LogTicks.MAX_DECADES);
        assertThat(labels(t).get(0)).isEqualTo("10⁰");
        assertThat(labels(t).get(3)).isEqualTo("10⁹");
    }

    @Test
    void withinADecadeUsesOneTwoFive() {
        List<LogTicks.Tick> t = LogTicks.ticks(3e8, 5e9);
        assertThat(values(t)).containsExactly(5e8, 1e9, 2e9, 5e9);
        assertThat(labels(t)).containsExactly("5×10⁸", "10⁹", "2×10⁹", "5×10⁹");
    }

    @Test
    void aNarrowLossAxisGetsRoundEvenTicks() {
        List<LogTicks.Tick> t = LogTicks.ticks(2.1, 3.4);
        assertThat(values(t)).containsExactly(2.25, 2.5, 2.75, 3.0, 3.25);
        assertThat(labels(t)).containsExactly("2.25", "2.5", "2.75", "3", "3.25");
        assertThat(labels(LogTicks.ticks(1.95, 3.55))).containsExactly("2", "2.5", "3", "3.5");
        assertThat(labels(LogTicks.ticks(2.17, 3.3))).containsExactly("2.2", "2.4", "2.6", "2.8", "3", "3.2");
        // no binary noise in the labels (0.05·39 = 1.9500000000000002)
        assertThat(labels(LogTicks.ticks(1.9, 2.1))).containsExactly("1.9", "1.95", "2", "2.05", "2.1");
    }

    @Test
    void smallAndNegativeExponents() {
        assertThat(labels(LogTicks.ticks(0.01, 100))).containsExactly("0.01", "0.1", "1", "10", "100");
        assertThat(labels(LogTicks.ticks(1e-8, 2e-6))).containsExactly("10⁻⁸", "10⁻⁷", "10⁻⁶");
        // one style per axis: no "1000" beside "10⁵"
        assertThat(labels(LogTicks.ticks(10, 1e5))).containsExactly("10¹", "10²", "10³", "10⁴", "10⁵");
        assertThat(labels(LogTicks.ticks(0.3, 3))).containsExactly("0.5", "1", "2");
    }

    @Test
    void numbersFormatShortly() {
        assertThat(LogTicks.format(6e18)).isEqualTo("6×10¹⁸");
        assertThat(LogTicks.format(1e19)).isEqualTo("10¹⁹");
        assertThat(LogTicks.format(1.8172)).isEqualTo("1.8172");
        assertThat(LogTicks.format(2.5e-7)).isEqualTo("2.5×10⁻⁷");
        assertThat(LogTicks.format(0)).isEqualTo("0");
    }

    @Test
    void refusesRangesALogAxisCannotShow() {
        assertThatThrownBy(() -> LogTicks.ticks(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogTicks.ticks(5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LogTicks.ticks(1, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
