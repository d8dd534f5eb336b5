package org.scalefit.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fuzzes the formula parser, differentiator and compiler: 3,000 seeded cases (seed 20261205), each one to three
 * random mutations of a valid formula (deletions, duplications, odd tokens and characters, huge and tiny numbers,
 * deep nesting, long chains of operators). Each must parse, or fail with a {@link FormulaException} at a column
 * inside the text; what parses must print back to itself, differentiate and compile, and evaluate without any
 * other exception, within the hang guard. A few seconds.
 */
class FormulaFuzzTest {
    static final long SEED = 20261205L;
    static final int CASES = 3000;
    private static final Duration HANG = Duration.ofSeconds(20);

    private static final String[] VALID = {
        "E + A/N^alpha + B/D^beta",
        "a*exp(-b*x) + min(c, x)^2 - max(x, y)",
        "log(N)*sqrt(D) - softplus(x)/tanh(y) + log10(C) + log2(N) + ln(D)",
        "sigmoid(-x**2) + pow(x, 1.5) + abs(-y) / (1 + x)^-0.5",
        "E + (A*N^-alpha + B*D^-beta)^gamma",
        "-(x - -y) * 2.5e-3 + .5 - 1e10 / x^3 + x^0 + x^1 + x^-1 + x^-2 + x^0.5"};
    private static final String[] TOKENS = {"(", ")", "^", "**", "-", "+", "*", "/", ",", "1e999", "1e-999",
        "1e", "1.2.3", ".", "e", "x", "N", "log(", "min(", "pow(x)", "foo(", "  ", "é", "\u0000", "\t", "9", "0",
        "NaN", "inf", "_", "x1", "2x", "$", "#", "1/0", "0^-1", "(-8)^(1/3)", "if_le(x, y, 1, 2)", "\uD83D\uDE00"};
    private static final List<String> VARIABLES = List.of("N", "D", "C", "x", "y");

    static Stream<Integer> cases() {
        return IntStream.range(0, CASES).boxed();
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void mutatedFormulasParseOrFailAtAColumn(int i) {
        Random rnd = new Random(SEED + i);
        String text = VALID[rnd.nextInt(VALID.length)];
        int k = 1 + rnd.nextInt(3);
        for (int m = 0; m < k; m++) {
            text = mutate(text, rnd);
        }
        String formula = text;
        String label = "case " + i + " (seed " + SEED + "): " + (formula.length() > 200
                ? formula.substring(0, 200) + "... (" + formula.length() + " characters)" : formula);
        Assertions.assertTimeoutPreemptively(HANG, () -> {
            try {
                check(formula);
            } catch (FormulaException e) {
                assertThat(e.position()).as(label + ": " + e.getMessage()).isBetween(1, formula.length() + 1);
                assertThat(e.getMessage()).as(label).contains("at column " + e.position());
            } catch (Throwable t) {
                fail(label + ": expected a parse or a FormulaException, got " + t, t);
            }
        }, label + " hung");
    }

    private static void check(String text) {
        Expression e = Expression.parse(text);
        assertThat(Expression.parse(e.toString())).as("prints back to itself: " + e).isEqualTo(e);
        List<String> vars = new ArrayList<>();
        List<String> params = new ArrayList<>();
        for (String s : e.symbols()) {
            (VARIABLES.contains(s) ? vars : params).add(s);
        }
        Map<String, Double> values = new HashMap<>();
        for (String s : e.symbols()) {
            values.put(s, 1.5);
        }
        e.evaluate(values);
        for (String p : params) {
            e.derivative(p).evaluate(values);
        }
        CompiledExpression c = e.compile(vars, params);
        double[][] columns = new double[vars.size()][];
        for (int v = 0; v < columns.length; v++) {
            columns[v] = new double[] {0, 1.5, -2, 1e300, Double.NaN};
        }
        double[] theta = new double[params.size()];
        java.util.Arrays.fill(theta, 0.5);
        double[] out = new double[5];
        double[][] jac = new double[params.size()][5];
        c.newEvaluator().valuesAndJacobian(columns, theta, out, jac);
    }

    private static String mutate(String s, Random rnd) {
        int at = s.isEmpty() ? 0 : rnd.nextInt(s.length() + 1);
        switch (rnd.nextInt(8)) {
            case 0: { // delete a span
                int len = Math.min(s.length() - at, 1 + rnd.nextInt(5));
                return s.substring(0, at) + s.substring(at + len);
            }
            case 1: { // duplicate a span
                int len = Math.min(s.length() - at, 1 + rnd.nextInt(12));
                return s.substring(0, at) + s.substring(at, at + len) + s.substring(at);
            }
            case 2:
            case 3: // insert a token
                return s.substring(0, at) + TOKENS[rnd.nextInt(TOKENS.length)] + s.substring(at);
            case 4: { // deep nesting around the whole
                int depth = 1 + rnd.nextInt(rnd.nextBoolean() ? 100 : 5000);
                String[] open = {"(", "log(", "-", "exp(", "min(x, "};
                String o = open[rnd.nextInt(open.length)];
                String close = o.equals("-") ? "" : ")";
                return o.repeat(depth) + s + close.repeat(depth);
            }
            case 5: { // a long chain of operators
                String[] ops = {"+", "*", "-", "/", "^"};
                int n = 1 + rnd.nextInt(rnd.nextBoolean() ? 50 : 20000);
                return s + (ops[rnd.nextInt(ops.length)] + "x").repeat(n);
            }
            case 6: // truncate
                return s.substring(0, at);
            default: { // a number made huge, tiny or odd
                String[] nums = {"1e308", "1e309", "4.9e-324", "1e-400", "0", "00012", "1" + "0".repeat(400), "2.",
                    "1e+5"};
                return s.substring(0, at) + nums[rnd.nextInt(nums.length)] + s.substring(at);
            }
        }
    }
}
