package org.scalefit.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DerivativeTest {

    private static final List<String> VARS = List.of("N", "D");
    private static final List<String> PARAMS = List.of("a", "b", "c");
    private static final int ROWS = 25;

    /** Every operator and function, with variable and parameter bases and exponents. */
    @ParameterizedTest
    @ValueSource(strings = {
        "a + b/N^c + 3/D^0.5",
        "(a*N/b)^(c/2) + D/N",
        "a*N - b*D + c",
        "-a*N^2/(b + D)",
        "a^N*b",
        "N^(a*D/10)",
        "(a*N)^(b*D/10)",
        "exp(a - c*log(N))",
        "ln(a*N) + log10(b*D) + log2(c + N)",
        "sqrt(a*N + b) + N^1.5*c^-0.5 + D^3*a^-2",
        "abs(a - N/5) + abs(b*c - 1.1)",
        "min(a*N, b*D) + max(c, N/10)",
        "max(a, b)*N + min(N, D) + min(a, 1.3)",
        "pow(a, c)*N",
        "tanh(a*N/10 - b)",
        "sigmoid(a - b*N/5) + softplus(c*D - 3)",
        "a*N^-c + b",
        "2^(a*N/10) - b^2 + 0.5^N*c + (-2)^3*a",
        "a*sign(N - 5.5) + c",
        "(N/a)^(b/c) + (D/c)^b",
        "1/(a + N) - -b*D/(-c)",
        "if_le(N, 5, a*N, b*D^c)",
        "N*D",
        "c",
        "a*a*a - a/a + (b - b)*N",
        "exp(a)*exp(a) + log(b)^2*sqrt(c)^3",
        "(a + 1)/(b + N)/(c + D)",
    })
    void compiledJacobianMatchesFiniteDifferences(String formula) {
        Expression e = Expression.parse(formula);
        CompiledExpression compiled = e.compile(VARS, PARAMS);
        Evaluator ev = compiled.newEvaluator();
        Random rnd = new Random(formula.hashCode());
        double[][] columns = new double[2][ROWS];
        for (int i = 0; i < ROWS; i++) {
            columns[0][i] = 1 + 9 * rnd.nextDouble();
            columns[1][i] = 1 + 9 * rnd.nextDouble();
        }
        double[] out = new double[ROWS];
        double[] valuesOnly = new double[ROWS];
        double[][] jac = new double[3][ROWS];
        for (int trial = 0; trial < 4; trial++) {
            double[] p = {0.5 + 1.5 * rnd.nextDouble(), 0.5 + 1.5 * rnd.nextDouble(), 0.2 + 1.3 * rnd.nextDouble()};
            ev.valuesAndJacobian(columns, p, out, jac);
            ev.values(columns, p, valuesOnly);
            for (int i = 0; i < ROWS; i++) {
                Map<String, Double> env = env(columns, i, p);
                double f = e.evaluate(env);
                // same operations in a different order (exp(p*log x) for x^p): a few ulps apart at most
                assertThat(out[i]).as("%s row %d", formula, i).isCloseTo(f, tolerance(1e-12, f));
                assertThat(valuesOnly[i]).isEqualTo(out[i]);
                for (int k = 0; k < PARAMS.size(); k++) {
                    double fd = centralDifference(e, env, PARAMS.get(k));
                    // central differences with h = 1e-5 relative are accurate to ~1e-9 here,
                    // so 1e-6 relative (absolute near zero) only fails on a wrong derivative
                    assertThat(jac[k][i]).as("%s: d/d%s row %d", formula, PARAMS.get(k), i)
                            .isCloseTo(fd, tolerance(1e-6, fd));
                }
            }
        }
    }

    private static org.assertj.core.data.Offset<Double> tolerance(double rel, double reference) {
        return org.assertj.core.data.Offset.offset(rel * Math.max(1, Math.abs(reference)));
    }

    private static Map<String, Double> env(double[][] columns, int row, double[] p) {
        Map<String, Double> env = new HashMap<>();
        env.put("N", columns[0][row]);
        env.put("D", columns[1][row]);
        for (int k = 0; k < p.length; k++) {
            env.put(PARAMS.get(k), p[k]);
        }
        return env;
    }

    private static double centralDifference(Expression e, Map<String, Double> env, String name) {
        Map<String, Double> m = new HashMap<>(env);
        double x = env.get(name);
        double h = 1e-5 * Math.max(1, Math.abs(x));
        m.put(name, x + h);
        double up = e.evaluate(m);
        m.put(name, x - h);
        double down = e.evaluate(m);
        return (up - down) / (2 * h);
    }

    @Test
    void scalingLawExponentDerivativeHasItsClosedForm() {
        Expression law = Expression.parse("A/N^alpha");
        Expression closed = Expression.parse("-A*log(N)/N^alpha");
        Evaluator ev = law.compile(List.of("N"), List.of("A", "alpha")).newEvaluator();
        Random rnd = new Random(7);
        double[] n = new double[50];
        for (int i = 0; i < n.length; i++) {
            n[i] = Math.exp(10 + 15 * rnd.nextDouble());
        }
        double[] p = {406.4, 0.34};
        double[] out = new double[n.length];
        double[][] jac = new double[2][n.length];
        ev.valuesAndJacobian(new double[][] {n}, p, out, jac);
        for (int i = 0; i < n.length; i++) {
            Map<String, Double> env = Map.of("A", p[0], "alpha", p[1], "N", n[i]);
            double expected = closed.evaluate(env);
            assertThat(jac[1][i]).isCloseTo(expected, tolerance(1e-13, expected));
            assertThat(law.derivative("alpha").evaluate(env)).isCloseTo(expected, tolerance(1e-13, expected));
            assertThat(jac[0][i]).isCloseTo(1 / Math.pow(n[i], p[1]), tolerance(1e-13, 1));
        }
    }

    @Test
    void derivativesAreSimplified() {
        assertThat(d("a*x + b", "c")).isEqualTo("0");
        assertThat(d("a*x + b", "a")).isEqualTo("x");
        assertThat(d("a*x + b", "b")).isEqualTo("1");
        assertThat(d("x^2", "x")).isEqualTo("2*x");
        assertThat(d("x^3", "x")).isEqualTo("3*x^2");
        assertThat(d("x^0.5", "x")).isEqualTo("0.5*x^-0.5");
        assertThat(d("x^-1", "x")).isEqualTo("-x^-2");
        assertThat(d("2^x", "x")).isEqualTo("0.6931471805599453*2^x");
        assertThat(d("E + A/N^alpha", "E")).isEqualTo("1");
        assertThat(d("E + A/N^alpha", "A")).isEqualTo("1/N^alpha");
        assertThat(d("E + A/N^alpha", "alpha")).isEqualTo("-(A*log(N)/N^alpha)");
        assertThat(d("exp(a - alpha*log(N))", "alpha")).isEqualTo("-(exp(a - alpha*log(N))*log(N))");
        assertThat(d("min(a, b)", "a")).isEqualTo("if_le(a, b, 1, 0)");
        assertThat(d("min(a, b)*x", "c")).isEqualTo("0");
        assertThat(d("abs(a*x)", "a")).isEqualTo("sign(a*x)*x");
        assertThat(d("sqrt(x)", "x")).isEqualTo("1/(2*sqrt(x))");
        assertThat(d("log10(x)", "x")).isEqualTo("1/(2.302585092994046*x)");
    }

    private static String d(String formula, String symbol) {
        return Expression.parse(formula).derivative(symbol).toString();
    }

    @Test
    void secondDerivativesWork() {
        Expression e = Expression.parse("A/N^alpha");
        Expression d2 = e.derivative("alpha").derivative("alpha");
        Map<String, Double> env = Map.of("A", 2.0, "alpha", 0.3, "N", 1000.0);
        double ln = Math.log(1000);
        assertThat(d2.evaluate(env)).isCloseTo(2 * ln * ln / Math.pow(1000, 0.3), tolerance(1e-12, 1));
    }
}
