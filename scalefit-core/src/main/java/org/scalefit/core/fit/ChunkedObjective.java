package org.scalefit.core.fit;

import java.util.function.Supplier;

import org.scalefit.core.data.FitData;
import org.scalefit.core.solve.DifferentiableFunction;

/**
 * One objective over a large table, evaluated in fixed chunks of rows on several threads: each chunk has its own
 * kernel and {@link LossObjective}, and their values and gradients are summed in chunk order, so the result is the
 * same whatever the number of threads. It is for the stages that follow a start or two on all rows (a screened fit's
 * refinement, the last polish), which would otherwise leave all but one core idle.
 */
final class ChunkedObjective implements DifferentiableFunction {
    /** Rows per chunk: large enough that a thread's start-up and the sum are noise beside its evaluation. */
    static final int CHUNK_ROWS = 1 << 16;

    private final LossObjective[] chunks;
    private final double[][] gradients;
    private final double[] values;
    private final int threads;
    private final int dim;

    private ChunkedObjective(LossObjective[] chunks, int threads) {
        this.chunks = chunks;
        this.threads = threads;
        this.dim = chunks[0].dimension();
        this.gradients = new double[chunks.length][dim];
        this.values = new double[chunks.length];
    }

    /** Whether a table this large is worth chunking on this many threads. */
    static boolean applies(int rows, int threads) {
        return threads > 1 && rows >= 4 * CHUNK_ROWS;
    }

    /** The table's rows in chunks of {@link #CHUNK_ROWS} (the last one shorter), each with a kernel from its rows. */
    static ChunkedObjective of(FitData data, FitSpec spec, KernelFactory.Path path, int threads) {
        int n = data.rows();
        int count = (n + CHUNK_ROWS - 1) / CHUNK_ROWS;
        LossObjective[] chunks = new LossObjective[count];
        for (int c = 0; c < count; c++) {
            int from = c * CHUNK_ROWS;
            int[] rows = new int[Math.min(n, from + CHUNK_ROWS) - from];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = from + i;
            }
            FitData part = data.subset(rows);
            Supplier<ModelKernel> kernel = KernelFactory.kernels(spec.law(), part, path);
            chunks[c] = new LossObjective(kernel.get(), part.y(), part.weights(), spec.loss(), spec.residuals());
        }
        return new ChunkedObjective(chunks, threads);
    }

    int chunks() {
        return chunks.length;
    }

    @Override
    public int dimension() {
        return dim;
    }

    @Override
    public double valueAndGradient(double[] x, double[] gradient) {
        Parallel.forEach(chunks.length, threads, () -> null,
                (none, c) -> values[c] = chunks[c].valueAndGradient(x, gradients[c]), Progress.NONE);
        double sum = 0;
        java.util.Arrays.fill(gradient, 0);
        for (int c = 0; c < chunks.length; c++) {
            sum += values[c];
            for (int k = 0; k < dim; k++) {
                gradient[k] += gradients[c][k];
            }
        }
        return Double.isFinite(sum) ? sum : Double.POSITIVE_INFINITY;
    }
}
