package org.scalefit.core.expr;

import java.util.List;
import java.util.Random;

/**
 * Not a test: a warm-up-then-measure loop for the hot path. Run after test-compile with
 * {@code java -cp target/classes:target/test-classes org.scalefit.core.expr.EvaluatorBenchmark}.
 */
public final class EvaluatorBenchmark {

    public static void main(String[] args) {
        String formula = args.length > 0 ? args[0] : "E + A/N^alpha + B/D^beta";
        int rows = 240;
        Random rnd = new Random(42);
        double[] n = new double[rows];
        double[] d = new double[rows];
        for (int i = 0; i < rows; i++) {
            n[i] = Math.exp(15 + 7 * rnd.nextDouble());
            d[i] = Math.exp(18 + 7 * rnd.nextDouble());
        }
        double[][] columns = {n, d};
        CompiledExpression c = Expression.parse(formula).compile(List.of("N", "D"), List.of("E", "A", "alpha", "B", "beta"));
        System.out.println(c);
        Evaluator ev = c.newEvaluator();
        double[] out = new double[rows];
        double[][] jac = new double[5][rows];
        double[] p = {1.7, 400, 0.34, 410, 0.28};
        double sink = 0;
        for (int round = 0; round < 5; round++) {
            int calls = 200_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                p[2] = 0.34 + 1e-9 * (i & 7); // different parameters every call, same columns
                ev.valuesAndJacobian(columns, p, out, jac);
                sink += out[i % rows] + jac[2][i % rows];
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                p[2] = 0.34 + 1e-9 * (i & 7);
                ev.values(columns, p, out);
                sink += out[i % rows];
            }
            long t2 = System.nanoTime();
            System.out.printf("round %d: valuesAndJacobian %.2f us/call, values %.2f us/call%n",
                    round, (t1 - t0) / 1e3 / calls, (t2 - t1) / 1e3 / calls);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
