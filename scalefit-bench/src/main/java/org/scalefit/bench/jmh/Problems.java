package org.scalefit.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.scalefit.core.data.FitData;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.KernelFactory;
import org.scalefit.core.fit.LossObjective;
import org.scalefit.core.fit.ParameterSpace;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.synth.SyntheticSweep;
import org.scalefit.io.RunTables;

/**
 * The Chinchilla problems the micro-benchmarks share, built through the public engine exactly as
 * {@code scalefit fit} builds them: the law, its default spec (Huber δ = 1e-3 on log residuals, the 4,500-point
 * grid), the data and the objective of one thread.
 */
public final class Problems {
    /** The digitised Chinchilla runs, under {@code scalefit.shared} (default ../shared, from the project root). */
    public static final String CHINCHILLA = "chinchilla";
    /** 10,000 rows of a synthetic IsoFLOP sweep from the Besiroglu et al. coefficients, 1% noise. */
    public static final String SWEEP_10K = "sweep10k";

    private static final double[] BESIROGLU = {1.82, 482.0, 2085.0, 0.348, 0.366};

    private Problems() {
    }

    /** One problem: the spec, the data, and where the default grid starts. */
    public record Problem(FitSpec spec, FitData data, ParameterSpace space) {
        /** An objective of its own (kernels hold scratch space: one per thread), on the given evaluation path. */
        public LossObjective objective(KernelFactory.Path path) {
            return new LossObjective(KernelFactory.kernels(spec.law(), data, path).get(), data.y(), data.weights(),
                    spec.loss(), spec.residuals());
        }

        /** The path {@code scalefit fit} takes for this law (the fused power-sum loop for chinchilla). */
        public KernelFactory.Path defaultPath() {
            return KernelFactory.path(spec.law(), spec.fastPath());
        }

        /** The first start of the law's default grid, on the solver scale. */
        public double[] firstGridStart() {
            return spec.starts().generate(space, spec.seed())[0];
        }
    }

    public static Problem of(String name) {
        Law law = LawCatalogue.get("chinchilla");
        FitData data = switch (name) {
            case CHINCHILLA -> chinchilla(law);
            case SWEEP_10K -> sweep(law);
            default -> throw new IllegalArgumentException("unknown problem '" + name + "'; known: "
                    + CHINCHILLA + ", " + SWEEP_10K);
        };
        FitSpec spec = FitSpec.defaults(law);
        return new Problem(spec, data.validated(true), new ParameterSpace(law.parameters()));
    }

    /** As {@code scalefit bench fit} reads it: N, C from the file, D = C/(6N), the 5 highest losses dropped. */
    private static FitData chinchilla(Law law) {
        Path csv = Path.of(System.getProperty("scalefit.shared", "../shared"))
                .resolve("data/chinchilla-epoch/data/svg_extracted_data.csv");
        if (!Files.isRegularFile(csv)) {
            throw new IllegalStateException(csv + ": not found (run from the project root, or set -Dscalefit.shared=DIR)");
        }
        try {
            RunTable table = RunTables.read(csv);
            return new Selection().alias("N", "Model Size").alias("C", "Training FLOP")
                    .derive("D", "C/(6*N)").dropHighest(5).apply(table, law).data();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 10 budgets from 1e18 to 1e22 FLOP × 1,000 sizes each (spread 4 around the optimum). */
    private static FitData sweep(Law law) {
        double[] budgets = new double[10];
        for (int b = 0; b < budgets.length; b++) {
            budgets[b] = 1e18 * Math.pow(10, 4.0 * b / (budgets.length - 1));
        }
        RunTable table = SyntheticSweep.isoFlop(law, BESIROGLU, budgets, 1_000, 4, 0.01, 1);
        return new Selection().apply(table, law).data();
    }
}
