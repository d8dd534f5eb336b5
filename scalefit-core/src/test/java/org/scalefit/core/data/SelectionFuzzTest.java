package org.scalefit.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalefit.core.law.LawCatalogue;

/**
 * Fuzzes what the selection reads from the user: --derive formulas and --where conditions. 1,000 seeded cases
 * (seed 20261206), each a random mutation of a valid derive and filter applied to a small table for chinchilla.
 * Each must select rows, or stop with a {@link DataException} or an {@link IllegalArgumentException} (a formula
 * or filter error) in one line of our words, within the hang guard. Under a second.
 */
class SelectionFuzzTest {
    static final long SEED = 20261206L;
    static final int CASES = 1000;

    private static final String[] DERIVES = {"C/(6*N)", "6*N*tokens", "exp(log(C) - log(6) - log(N))"};
    private static final String[] WHERES = {"N >= 1e8", "name == 'a' or N < 3e8", "6*N*D != 0", "name != \"b\"",
        "C > 1e17 or C <= 2"};
    private static final String[] TOKENS = {"'", "\"", " or ", "==", "=", "<", ">=", "!", "(", ")", "1e999", "x",
        "name", "N", "", " ", "or", "NaN", "/0", "-", "log(", "\u0000"};

    static Stream<Integer> cases() {
        return IntStream.range(0, CASES).boxed();
    }

    private static RunTable table() {
        double[] n = {1e8, 2e8, 4e8, 8e8};
        double[] c = new double[4];
        double[] loss = {3.0, 2.8, 2.6, 2.5};
        for (int i = 0; i < 4; i++) {
            c[i] = 6 * n[i] * 20 * n[i];
        }
        return new RunTable("runs.csv", List.of(Column.text("name", 1, new String[] {"a", "b", "a", "c"}, 0),
                Column.numeric("N", 2, n), Column.numeric("C", 3, c), Column.numeric("tokens", 4,
                        new double[] {2e9, 4e9, 8e9, 1.6e10}), Column.numeric("L", 5, loss)), new long[] {2, 3, 4, 5});
    }

    private static String mutate(String s, Random rnd) {
        int at = rnd.nextInt(s.length() + 1);
        switch (rnd.nextInt(4)) {
            case 0:
                return s.substring(0, at) + s.substring(Math.min(s.length(), at + 1 + rnd.nextInt(4)));
            case 1:
                return s.substring(0, at) + TOKENS[rnd.nextInt(TOKENS.length)] + s.substring(at);
            case 2:
                return s.substring(0, at);
            default:
                return s;
        }
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void mutatedDerivesAndFiltersSelectOrFailInOneLine(int i) {
        Random rnd = new Random(SEED + i);
        String derive = mutate(DERIVES[rnd.nextInt(DERIVES.length)], rnd);
        String where = mutate(WHERES[rnd.nextInt(WHERES.length)], rnd);
        String label = "case " + i + " (seed " + SEED + "): --derive 'D=" + derive + "' --where '" + where + "'";
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try {
                Selection.Selected s = new Selection().derive("D", derive).where(where)
                        .apply(table(), LawCatalogue.get("chinchilla"));
                assertThat(s.data().rows()).as(label).isBetween(1, 4);
            } catch (DataException | IllegalArgumentException e) {
                assertThat(e.getMessage()).as(label).isNotBlank().doesNotContain("\n")
                        .doesNotContainPattern("(?i)exception|java\\.|org\\.");
            } catch (Throwable t) {
                fail(label + ": expected a selection or a one-line error, got " + t, t);
            }
        }, label + " hung");
    }
}
