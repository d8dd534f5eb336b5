package org.scalefit.core.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class CompiledExpressionTest {

    private static final String LAW = "E + A/N^alpha + B/D^beta";
    private static final List<String> VARS = List.of("N", "D");
    private static final List<String> PARAMS = List.of("E", "A", "alpha", "B", "beta");

    @Test
    void unknownVariableIsReportedWithItsColumn() {
        assertThatThrownBy(() -> Expression.parse("E + A/X^alpha").compile(List.of("N", "D"), List.of("E", "A", "alpha")))
                .isInstanceOfSatisfying(FormulaException.class, e -> {
                    assertThat(e.position()).isEqualTo(7);
                    assertThat(e.formula()).isEqualTo("E + A/X^alpha");
                    assertThat(e.getMessage()).isEqualTo("formula 'E + A/X^alpha': unknown variable 'X' at column 7 "
                            + "(variables: N, D; parameters: E, A, alpha)");
                });
    }

    @Test
    void namesMustBeListedOnce() {
        Expression e = Expression.parse("a*N");
        assertThatThrownBy(() -> e.compile(List.of("N", "a"), List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).isNotInstanceOf(FormulaException.class)
                .hasMessageContaining("'a' is listed both as a variable and as a parameter");
        assertThatThrownBy(() -> e.compile(List.of("N", "N"), List.of("a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed twice");
        assertThatThrownBy(() -> e.compile(List.of("N"), List.of("a", "a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listed twice");
    }

    @Test
    void missingValueInScalarEvaluationNamesTheSymbol() {
        assertThatThrownBy(() -> Expression.parse("E + A/N^alpha").evaluate(Map.of("E", 1.0, "A", 2.0, "N", 3.0)))
                .isInstanceOfSatisfying(FormulaException.class, e -> {
                    assertThat(e.position()).isEqualTo(9);
                    assertThat(e.getMessage()).contains("no value for 'alpha' at column 9");
                });
    }

    @Test
    void derivedColumnWithoutParameters() {
        CompiledExpression c = Expression.parse("C/(6*N)").compile(List.of("C", "N"), List.of());
        assertThat(c.variables()).containsExactly("C", "N");
        assertThat(c.parameters()).isEmpty();
        double[] flops = {6e18, 1.2e20, 3e21};
        double[] n = {1e8, 1e9, 5e9};
        double[] out = new double[3];
        c.newEvaluator().values(new double[][] {flops, n}, new double[0], out);
        assertThat(out).containsExactly(1e10, 2e10, 1e11);
        double[][] noJacobian = new double[0][];
        c.newEvaluator().valuesAndJacobian(new double[][] {flops, n}, new double[0], out, noJacobian);
        assertThat(out).containsExactly(1e10, 2e10, 1e11);
    }

    @Test
    void formulaWithoutVariablesFillsOutput() {
        Evaluator ev = Expression.parse("a*b + 1").compile(List.of(), List.of("a", "b", "unused")).newEvaluator();
        double[] out = new double[4];
        double[][] jac = new double[3][4];
        jac[2][0] = 99;
        ev.valuesAndJacobian(new double[0][], new double[] {2, 3, 5}, out, jac);
        assertThat(out).containsOnly(7.0);
        assertThat(jac[0]).containsOnly(3.0);
        assertThat(jac[1]).containsOnly(2.0);
        assertThat(jac[2]).containsOnly(0.0);
    }

    @Test
    void constantFormulaAndFunctionNamedParameters() {
        Evaluator constant = Expression.parse("2^10 - 24").compile(List.of("N"), List.of("a")).newEvaluator();
        double[] out = new double[3];
        double[][] jac = new double[1][3];
        constant.valuesAndJacobian(new double[][] {{1, 2, 3}}, new double[] {5}, out, jac);
        assertThat(out).containsOnly(1000.0);
        assertThat(jac[0]).containsOnly(0.0);

        // 'e' and 'exp' are parameters here; exp( is the function
        Evaluator named = Expression.parse("e*exp(exp*N)").compile(List.of("N"), List.of("e", "exp")).newEvaluator();
        double[][] jac2 = new double[2][1];
        named.valuesAndJacobian(new double[][] {{2}}, new double[] {3, 0.5}, new double[1], jac2);
        assertThat(jac2[0][0]).isEqualTo(Math.exp(1));
        assertThat(jac2[1][0]).isCloseTo(3 * 2 * Math.exp(1), org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void absentParameterGivesZeroRowAndVariableOnlyResultIsCopied() {
        Evaluator ev = Expression.parse("N + a").compile(List.of("N"), List.of("a", "b")).newEvaluator();
        double[] n = {1, 2, 3};
        double[] out = new double[3];
        double[][] jac = {{9, 9, 9}, {9, 9, 9}};
        ev.valuesAndJacobian(new double[][] {n}, new double[] {10, 20}, out, jac);
        assertThat(out).containsExactly(11, 12, 13);
        assertThat(jac[0]).containsOnly(1.0);
        assertThat(jac[1]).containsOnly(0.0);

        Evaluator identity = Expression.parse("N").compile(List.of("N"), List.of("a")).newEvaluator();
        identity.valuesAndJacobian(new double[][] {n}, new double[] {1}, out, jac);
        assertThat(out).containsExactly(1, 2, 3);
        assertThat(jac[0]).containsOnly(0.0);
    }

    @Test
    void oneEvaluatorAcrossRowCountsAndChangingColumns() {
        Expression e = Expression.parse(LAW);
        Evaluator ev = e.compile(VARS, PARAMS).newEvaluator();
        Random rnd = new Random(3);
        double[] p = {1.7, 400, 0.34, 410, 0.28};
        for (int rows : new int[] {240, 3, 500, 1, 240, 0, 17}) {
            double[][] cols = randomColumns(rnd, rows);
            double[] out = new double[rows + 2]; // longer than needed is allowed
            double[][] jac = new double[5][rows];
            for (int repeat = 0; repeat < 3; repeat++) {
                p[2] = 0.3 + 0.05 * repeat;
                ev.valuesAndJacobian(cols, p, out, jac);
                checkAgainstScalar(e, cols, p, out, rows);
            }
            // same outer array, a replaced inner column: the hoisted log(N) must be recomputed
            if (rows > 0) {
                cols[0] = randomColumns(rnd, rows)[0];
                ev.values(cols, p, out);
                checkAgainstScalar(e, cols, p, out, rows);
            }
        }
    }

    private static void checkAgainstScalar(Expression e, double[][] cols, double[] p, double[] out, int rows) {
        for (int i = 0; i < rows; i++) {
            double f = e.evaluate(Map.of("N", cols[0][i], "D", cols[1][i],
                    "E", p[0], "A", p[1], "alpha", p[2], "B", p[3], "beta", p[4]));
            assertThat(out[i]).isCloseTo(f, org.assertj.core.data.Offset.offset(1e-12 * Math.abs(f)));
        }
    }

    private static double[][] randomColumns(Random rnd, int rows) {
        double[][] cols = new double[2][rows];
        for (int i = 0; i < rows; i++) {
            cols[0][i] = Math.exp(15 + 7 * rnd.nextDouble());
            cols[1][i] = Math.exp(18 + 7 * rnd.nextDouble());
        }
        return cols;
    }

    @Test
    void concurrentEvaluatorsAgreeWithASingleThread() throws Exception {
        CompiledExpression c = Expression.parse("((Nc/N)^(aN/aD) + Dc/D)^aD")
                .compile(VARS, List.of("Nc", "aN", "aD", "Dc"));
        double[][] cols = randomColumns(new Random(11), 240);
        double[][] params = new double[64][];
        Random rnd = new Random(12);
        for (int t = 0; t < params.length; t++) {
            params[t] = new double[] {Math.exp(20 + rnd.nextDouble()), 0.3 + 0.1 * rnd.nextDouble(),
                0.25 + 0.1 * rnd.nextDouble(), Math.exp(22 + rnd.nextDouble())};
        }
        double[][][] expected = new double[params.length][][];
        Evaluator single = c.newEvaluator();
        for (int t = 0; t < params.length; t++) {
            expected[t] = run(single, cols, params[t]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                results.add(pool.submit(() -> {
                    Evaluator own = c.newEvaluator();
                    boolean same = true;
                    for (int round = 0; round < 50; round++) {
                        for (int t = 0; t < params.length; t++) {
                            double[][] got = run(own, cols, params[t]);
                            for (int r = 0; r < got.length; r++) {
                                same &= java.util.Arrays.equals(got[r], expected[t][r]);
                            }
                        }
                    }
                    return same;
                }));
            }
            for (Future<Boolean> f : results) {
                assertThat(f.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double[][] run(Evaluator ev, double[][] cols, double[] p) {
        int n = cols[0].length;
        double[][] result = new double[p.length + 1][n];
        double[][] jac = java.util.Arrays.copyOfRange(result, 1, result.length);
        ev.valuesAndJacobian(cols, p, result[0], jac);
        return result;
    }

    @Test
    void domainErrorsGiveNonFiniteValuesNotExceptions() {
        Evaluator ev = Expression.parse("log(a*N) + sqrt(N - 2) + 1/(N - 3)").compile(List.of("N"), List.of("a")).newEvaluator();
        double[] out = new double[3];
        double[][] jac = new double[1][3];
        ev.valuesAndJacobian(new double[][] {{1, 3, 4}}, new double[] {-1}, out, jac);
        for (double v : out) {
            assertThat(v).isNaN();
        }
        assertThat(Expression.parse("log(-1)").evaluate(Map.of())).isNaN();
        assertThat(Expression.parse("log(0)").evaluate(Map.of())).isInfinite();
        Evaluator div = Expression.parse("1/(N - 3)").compile(List.of("N"), List.of()).newEvaluator();
        div.values(new double[][] {{3}}, new double[0], out);
        assertThat(out[0]).isInfinite();
        // a negative constant base keeps Math.pow's meaning for integral exponents
        Evaluator negativeBase = Expression.parse("(-2)^N").compile(List.of("N"), List.of()).newEvaluator();
        negativeBase.values(new double[][] {{2, 3, 0.5}}, new double[0], out);
        assertThat(out[0]).isEqualTo(4.0);
        assertThat(out[1]).isEqualTo(-8.0);
        assertThat(out[2]).isNaN();
    }

    @Test
    void sigmoidAndSoftplusAreStableAtExtremes() {
        Evaluator ev = Expression.parse("sigmoid(x) + softplus(x)").compile(List.of("x"), List.of()).newEvaluator();
        double[] out = new double[4];
        ev.values(new double[][] {{-800, 800, 0, -40}}, new double[0], out);
        assertThat(out[0]).isEqualTo(0.0);
        assertThat(out[1]).isEqualTo(801.0);
        assertThat(out[2]).isEqualTo(0.5 + Math.log(2));
        assertThat(out[3]).isCloseTo(2 * Math.exp(-40), org.assertj.core.data.Offset.offset(1e-30));
    }

    @Test
    void commonSubexpressionsAreShared() {
        Program p = (Program) Expression.parse(LAW).compile(VARS, PARAMS);
        // log N and log D once per data set; per call: two exp(p*log x), the value, and the derivative terms
        assertThat(p.hoisted.length).isEqualTo(2);
        assertThat(p.full.length).isLessThanOrEqualTo(20);
        Program same = (Program) Expression.parse("exp(a*log(N)) + N^a").compile(List.of("N"), List.of("a"));
        assertThat(same.valueOnly.length).isEqualTo(3); // a*log N, exp, and the doubling add
    }

    @Test
    void wrongShapesAreRejected() {
        Evaluator ev = Expression.parse(LAW).compile(VARS, PARAMS).newEvaluator();
        double[][] cols = randomColumns(new Random(1), 5);
        assertThatThrownBy(() -> ev.values(cols, new double[4], new double[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ev.values(new double[][] {cols[0]}, new double[5], new double[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ev.values(new double[][] {cols[0], new double[4]}, new double[5], new double[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ev.values(cols, new double[5], new double[4])).isInstanceOf(IllegalArgumentException.class);
    }
}
