package org.scalefit.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParserTest {

    private static final Map<String, Double> ENV = Map.of("x", 3.0, "y", 5.0, "a", 2.0, "b", 3.0, "e", 0.5, "exp_rate", 4.0);

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = ';', value = {
        "-x^2; -9",
        "2^3^2; 512",
        "(2^3)^2; 64",
        "x^-a; 0.1111111111111111",
        "a**b; 8",
        "a**b**a; 512",
        "-2^2; -4",
        "(-2)^2; 4",
        "2^-2^2; 0.0625",
        "2*3+4; 10",
        "2+3*4; 14",
        "8/4/2; 1",
        "8-4-2; 2",
        "2*-x; -6",
        "x - -y; 8",
        "-x*y; -15",
        "--x; 3",
        "+x; 3",
        "x^+a; 9",
        "(1+2)*3; 9",
        "-(2+3); -5",
        "1.5 + .5; 2",
        "1e-3*1000; 1",
        "6.02E23/1E23; 6.02",
        "2.5e+1; 25",
        "e*2; 1",
        "exp_rate + 1; 5",
        "ln(exp(x)); 3",
        "log10(1000) + log2(8); 6",
        "pow(a, b); 8",
        "sqrt(16) + abs(-x); 7",
        "min(x, y) + max(x, y); 8",
        "if_le(x, y, 1, 2) + sign(-x); 0",
        "sigmoid(0) + softplus(0) - log(2); 0.5",
        "tanh(0); 0",
    })
    void precedenceAndAssociativity(String formula, double expected) {
        assertThat(Expression.parse(formula).evaluate(ENV)).isCloseTo(expected, within(1e-12 * Math.max(1, Math.abs(expected))));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = ';', value = {
        "x^-a; x^(-a)",
        "a**b; a^b",
        "-x^2; -(x^2)",
        "2^3^2; 2^(3^2)",
        "a - b - x; (a - b) - x",
        "a/b/x; (a/b)/x",
        "ln(x); log(x)",
        "pow(a, b); a^b",
        "+x; x",
        "-(2); -2",
        "-(-2); 2",
    })
    void sameStructure(String formula, String equivalent) {
        assertThat(Expression.parse(formula)).isEqualTo(Expression.parse(equivalent));
        assertThat(Expression.parse(formula).hashCode()).isEqualTo(Expression.parse(equivalent).hashCode());
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(delimiter = ';', value = {
        "((a)) + (b*x); a + b*x",
        "a-(b-x); a - (b - x)",
        "a-(b+x); a - (b + x)",
        "(a-b)+x; a - b + x",
        "a/(b*x); a/(b*x)",
        "(a/b)*x; a/b*x",
        "(a^b)^x; (a^b)^x",
        "a^(b^x); a^b^x",
        "-(x^2); -x^2",
        "(-x)^2; (-x)^2",
        "x^(-a); x^-a",
        "(-2)^x; (-2)^x",
        "x^(-2); x^-2",
        "-(a*b); -(a*b)",
        "(-a)*b; -a*b",
        "2*(-1); 2*-1",
        "E + A/N^alpha + B/D^beta; E + A/N^alpha + B/D^beta",
        "exp(a - alpha*ln(N)); exp(a - alpha*log(N))",
        "1e-3 + 6.02E23 + 2.0; 0.001 + 6.02E23 + 2",
        "min(a,b); min(a, b)",
    })
    void canonicalText(String formula, String canonical) {
        assertThat(Expression.parse(formula).toString()).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "E + A/N^alpha + B/D^beta",
        "(Nc/N)^(aN/aD) + Dc/D",
        "L0 + A*x^-alpha",
        "exp(a - alpha*log(N))",
        "C/(6*N)",
        "-x^2 - -x - (-x)^3 - x^-(a - b)",
        "a - (b - (c - d)) + (a + (b + c))",
        "a/(b/(c/d)) * (a*(b*c))",
        "2^3^2 + (2^3)^2 + 2^-3^-2",
        "min(x, max(y, -z)) + if_le(a, b, c, d)",
        "sigmoid(-x) + softplus(x/2) + tanh(-(x)) + abs(sign(x))",
        "log10(x) + log2(x) + sqrt(x) + pow(x, 0.5) + 1.25e-7*x - 3.5E20",
        "--x + -(-(x))",
        "0.1 + 1/3 + 123456789012345678",
    })
    void roundTrip(String formula) {
        Expression e = Expression.parse(formula);
        Expression again = Expression.parse(e.toString());
        assertThat(again).isEqualTo(e);
        assertThat(again.toString()).isEqualTo(e.toString());
        for (String s : e.symbols()) {
            Expression d = e.derivative(s);
            assertThat(Expression.parse(d.toString())).as("d/d%s = %s", s, d).isEqualTo(d);
        }
    }

    @Test
    void constantsAndSymbolsEqualTheirParsedForms() {
        assertThat(Expression.constant(-2)).isEqualTo(Expression.parse("-2"));
        assertThat(Expression.constant(-0.0)).isEqualTo(Expression.parse("0"));
        assertThat(Expression.constant(1e-3).toString()).isEqualTo("0.001");
        assertThat(Expression.symbol("alpha")).isEqualTo(Expression.parse("alpha"));
        assertThat(Expression.parse("-2").toString()).isEqualTo("-2");
        assertThatThrownBy(() -> Expression.constant(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Expression.symbol("2x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void symbolsInOrderOfFirstAppearanceWithoutFunctionNames() {
        assertThat(Expression.parse("E + A/N^alpha + B/D^beta + A*N").symbols())
                .containsExactly("E", "A", "N", "alpha", "B", "D", "beta");
        assertThat(Expression.parse("exp(x) + exp + log(e)").symbols()).containsExactly("x", "exp", "e");
        assertThat(Expression.parse("2*3").symbols()).isEmpty();
    }

    @ParameterizedTest(name = "[{0}] column {1}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        // formula; column; message after "formula '...' at column N: "
        "E + A/N^; 9; expected a number, a name or '(' but found end of formula",
        "a + * b; 5; expected a number, a name or '(' but found '*'",
        "a*; 3; expected a number, a name or '(' but found end of formula",
        "(a + b; 1; unclosed '('",
        "x + (a*(b + c); 5; unclosed '('",
        "exp(a; 4; unclosed '(' of exp(",
        "a + b); 6; unmatched ')'",
        "a b; 3; expected an operator or end of formula but found 'b'",
        "2N; 2; expected an operator or end of formula but found 'N'",
        "(a + b c); 8; expected ')' to close the '(' at column 1 but found 'c'",
        "a + b # c; 7; unexpected character '#'",
        "N^α; 3; unexpected character 'α'",
        "1e+ * x; 1; malformed number '1e+': an exponent needs digits",
        "min(a; 4; unclosed '(' of min(",
        "min(a b); 7; expected ',' or ')' in the arguments of min but found 'b'",
        "f(); 1; unknown function 'f' (known functions: pow/2, exp/1, log/1, log10/1, log2/1, sqrt/1, abs/1, tanh/1, sigmoid/1, softplus/1, sign/1, min/2, max/2, if_le/4, ln/1)",
        "exp(); 5; expected a number, a name or '(' but found ')'",
        "E + foo(N); 5; unknown function 'foo' (known functions: pow/2, exp/1, log/1, log10/1, log2/1, sqrt/1, abs/1, tanh/1, sigmoid/1, softplus/1, sign/1, min/2, max/2, if_le/4, ln/1)",
        "1 + min(a); 5; function 'min' takes 2 arguments but was given 1 (known functions: pow/2, exp/1, log/1, log10/1, log2/1, sqrt/1, abs/1, tanh/1, sigmoid/1, softplus/1, sign/1, min/2, max/2, if_le/4, ln/1)",
        "exp(a, b); 1; function 'exp' takes 1 argument but was given 2 (known functions: pow/2, exp/1, log/1, log10/1, log2/1, sqrt/1, abs/1, tanh/1, sigmoid/1, softplus/1, sign/1, min/2, max/2, if_le/4, ln/1)",
    })
    void errorsArePositional(String formula, int column, String detail) {
        assertThatThrownBy(() -> Expression.parse(formula))
                .isInstanceOfSatisfying(FormulaException.class, e -> {
                    assertThat(e.position()).isEqualTo(column);
                    assertThat(e.formula()).isEqualTo(formula);
                    assertThat(e.getMessage()).isEqualTo("formula '" + formula + "' at column " + column + ": " + detail);
                });
    }

    @Test
    void emptyFormula() {
        for (String text : List.of("", "   ")) {
            assertThatThrownBy(() -> Expression.parse(text))
                    .isInstanceOfSatisfying(FormulaException.class, e -> {
                        assertThat(e.position()).isEqualTo(1);
                        assertThat(e.getMessage()).isEqualTo("formula '" + text + "' at column 1: empty formula");
                    });
        }
    }

    @Test
    void absurdNestingIsAnErrorNotAStackOverflow() {
        String deep = "(".repeat(5000) + "x" + ")".repeat(5000);
        assertThatThrownBy(() -> Expression.parse(deep))
                .isInstanceOfSatisfying(FormulaException.class, e -> assertThat(e.getMessage()).contains("nested more than"));
        assertThatThrownBy(() -> Expression.parse("-".repeat(5000) + "x")).isInstanceOf(FormulaException.class);
        assertThatThrownBy(() -> Expression.parse("2^".repeat(5000) + "x")).isInstanceOf(FormulaException.class);
        String fine = "(".repeat(50) + "x" + ")".repeat(50);
        assertThat(Expression.parse(fine)).isEqualTo(Expression.parse("x"));
    }

    @Test
    void longChainsAreAnErrorNotAStackOverflow() {
        // found by FormulaFuzzTest: x+x+...+x is one level deeper per '+', and printing, differentiating and
        // compiling recurse that deep
        String chain = "x" + "+x".repeat(20000);
        assertThatThrownBy(() -> Expression.parse(chain)).isInstanceOfSatisfying(FormulaException.class, e -> {
            assertThat(e.position()).isEqualTo(2 * Parser.MAX_TREE_DEPTH);
            assertThat(e.getMessage()).contains("formula too deep: more than 400 operations nested or chained");
        });
        assertThatThrownBy(() -> Expression.parse("log(".repeat(150) + "x" + "*x".repeat(300) + ")".repeat(150)))
                .isInstanceOf(FormulaException.class);
        Expression longSum = Expression.parse("x" + "+x".repeat(300));
        assertThat(longSum.derivative("x").evaluate(Map.of("x", 1.0))).isEqualTo(301);
        assertThat(Expression.parse(longSum.toString())).isEqualTo(longSum);
    }

    @Test
    void aNumberTooLargeForADoubleIsAnErrorAtItsColumn() {
        // found by FormulaFuzzTest: 1e999 was an infinite constant, printed as "Infinity", which does not parse
        assertThatThrownBy(() -> Expression.parse("x^-1e999")).isInstanceOfSatisfying(FormulaException.class, e -> {
            assertThat(e.position()).isEqualTo(4);
            assertThat(e.getMessage()).isEqualTo("formula 'x^-1e999' at column 4: number '1e999' is too large"
                    + " (the largest is about 1.8e308)");
        });
        assertThat(Expression.parse("1e308*x").toString()).isEqualTo("1.0E308*x");
        assertThat(Expression.parse("1e-999 + x").evaluate(Map.of("x", 2.0))).isEqualTo(2.0);
    }
}
