package org.scalefit.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What text is a number in a data cell: decimal forms and the named infinities and NaN, nothing else. */
class NumberCellsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1|1.0", "  2.5 |2.5", "-3|-3.0", "+4|4.0", "1e24|1e24", "1E-3|0.001", "6.02e+23|6.02e23", ".5|0.5",
        "5.|5.0", "nan|NaN", "NaN|NaN", "Inf|Infinity", "+inf|Infinity", "-INF|-Infinity", "infinity|Infinity",
        "-Infinity|-Infinity", "0|0.0", "-0|-0.0"})
    void numbers(String cell, double expected) {
        assertThat(NumberCells.parse(cell)).isEqualTo(Double.valueOf(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "abc", "1d", "2f", "0x1p3", "1e", "1e+", "--1", "1-", "1.2.3", "e5", "+", "-",
        ".", "1,5", "1 000", "infinit", "nan1", "١٢", "12%", "3e4.5"})
    void notNumbers(String cell) {
        assertThat(NumberCells.parse(cell)).isNull();
    }

    /** Every double, written as Java, C's %e and %.17g would write it, reads back as itself (seeded). */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void writtenDoublesReadBack(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < 2_000; i++) {
            double x = (rnd.nextBoolean() ? -1 : 1) * Math.pow(10, rnd.nextDouble(-300, 300)) * rnd.nextDouble();
            assertThat(NumberCells.parse(Double.toString(x))).isEqualTo(x);
            assertThat(NumberCells.parse(String.format(Locale.ROOT, "%.17g", x))).isEqualTo(x);
            String e = String.format(Locale.ROOT, "%.6e", x);
            assertThat(NumberCells.parse(" " + e + "\t")).isEqualTo(Double.parseDouble(e));
        }
    }
}
