package org.scalefit.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditions are the formula language plus comparisons, 'and' and 'or': one grammar, located errors. */
class ConditionTest {

    private static boolean holds(Condition c, Map<String, Double> row, Map<String, String> texts) {
        for (List<Condition.Comparison> all : c.alternatives()) {
            boolean ok = true;
            for (Condition.Comparison k : all) {
                if (k.isText()) {
                    boolean same = texts.get(k.left().text()).equals(k.text());
                    ok &= k.op().equals("==") == same;
                } else {
                    ok &= k.holds(k.left().evaluate(row), k.right().evaluate(row));
                }
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    @Test
    void andBindsTighterThanOrAndSidesAreFormulas() {
        Condition c = Condition.parse("N*D >= 1e20 and dataset == 'rpj' or log(N) < 10");
        assertThat(c.alternatives()).hasSize(2);
        assertThat(c.alternatives().get(0)).hasSize(2);
        // a column compared with text is read; the quoted text is a value, not a name
        assertThat(c.symbols()).containsExactly("N", "D", "dataset");
        assertThat(c.alternatives().get(0).get(0).left().text()).isEqualTo("N*D");
        assertThat(c.alternatives().get(0).get(0).right().text()).isEqualTo("1e20");
        assertThat(c.alternatives().get(0).get(1).text()).isEqualTo("rpj");
        // the first alternative needs both; the second holds alone
        assertThat(holds(c, Map.of("N", 1e10, "D", 1e11), Map.of("dataset", "rpj"))).isTrue();
        assertThat(holds(c, Map.of("N", 1e10, "D", 1e11), Map.of("dataset", "c4"))).isFalse();
        assertThat(holds(c, Map.of("N", 100.0, "D", 1.0), Map.of("dataset", "c4"))).isTrue();
        assertThat(c.single()).isNull();
        assertThat(Condition.parse("C >= 1e21").single().op()).isEqualTo(">=");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "N = 1e8|at column 3: '=' alone is not a comparison: write ==",
            "N >= 1e8 and|: nothing after 'and'",
            "N ! 3|at column 3: '!' alone is not a comparison: write !=",
            "N >= 'big'|at column 3: text compares with == or != only, not >=",
            "log(N) == 'x'|at column 1: text compares with a column's cells",
            "N >= 1e8 D < 2|at column 10: expected 'and', 'or' or the end of the condition but found 'D'",
            "N + 1|: expected a comparison such as 'N >= 1e8'",
            "N >= 1e8 or|: nothing after 'or'",
            "dataset == 'rpj|: the text 'rpj is not closed with '"})
    void aMalformedConditionIsOneLocatedLine(String text, String message) {
        assertThatThrownBy(() -> Condition.parse(text)).isInstanceOf(FormulaException.class)
                .hasMessageContaining("formula '" + text + "'" + (message.startsWith(":") ? "" : " ") + message);
    }

    @Test
    void comparisonsAreNotFormulas() {
        // outside a condition the comparison characters stay errors of the formula language
        assertThatThrownBy(() -> Expression.parse("N >= 1")).hasMessageContaining("unexpected character '>'");
    }
}
