package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.curve.CheckpointRules;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.curve.CurveFit;
import org.scalefit.core.curve.CurveFitter;
import org.scalefit.core.curve.CurveInput;
import org.scalefit.core.curve.LrAnnealingLaw;
import org.scalefit.core.curve.Schedule;
import org.scalefit.core.fit.Progress;

/**
 * A 1,000,000-row curve file (10 runs × 100,000 steps, generated here from the LR-annealing law), as CSV
 * and as Parquet, is read, grouped and fitted in a separate JVM limited to 1 GiB of heap: the child fails
 * with OutOfMemoryError if the reader or the fit needs more.
 */
class MillionRowCurveTest {
    static final double[] TRUTH = {2.8, 0.012, 0.95, 0.5};
    static final int RUNS = 10;
    static final int STEPS = 100_000;

    @TempDir
    Path dir;

    @Test
    void millionRowsFitInOneGibOfHeap() throws Exception {
        Path f = dir.resolve("million.csv");
        write(f);
        assertThat(Files.lines(f).count()).isEqualTo(1 + (long) RUNS * STEPS);
        Path pq = dir.resolve("million.parquet");
        CurveFilesTest.toParquet(f, pq);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                MillionRowCurveTest.class.getName(), f.toString(), pq.toString());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        // noiseless data: the fit recovers the law that made it (to 1e-3 relative; log residuals of 1e-12),
        // from the CSV and from the Parquet copy
        String[] lines = out.strip().split("\n");
        assertThat(lines).as(out).hasSize(2);
        for (String line : lines) {
            String[] parts = line.strip().split("\\s+");
            assertThat(parts[0]).isEqualTo("runs=" + RUNS);
            for (int k = 0; k < 4; k++) {
                double v = Double.parseDouble(parts[k + 1]);
                assertThat(Math.abs(v - TRUTH[k]) / TRUTH[k]).as(out).isLessThan(1e-3);
            }
        }
    }

    /** Runs alternate cosine, WSD and step schedules of different peaks; rows interleave across runs in blocks. */
    static void write(Path f) throws IOException {
        LrAnnealingLaw law = LrAnnealingLaw.defaults();
        String[] specs = {"cosine:steps=%d,peak=%s,final=1e-4", "wsd:steps=%d,peak=%s,final=1e-4,shape=exp",
            "step:steps=%d,peak=%s"};
        double[][] lr = new double[RUNS][];
        double[][] loss = new double[RUNS][];
        for (int r = 0; r < RUNS; r++) {
            String spec = String.format(specs[r % 3], STEPS, (1 + r % 4) * 5e-4);
            lr[r] = Schedule.parse(spec).lr();
            // the fit thins to every 100th row and takes S1, S2 over the kept rows (the published recipe), so
            // the kept rows carry the law's exact values on that thinned sequence; rows in between get the
            // value of the kept row before them
            int kept = STEPS / 100;
            double[] step = new double[kept];
            double[] keptLr = new double[kept];
            for (int i = 0; i < kept; i++) {
                step[i] = 100.0 * i;
                keptLr[i] = lr[r][100 * i];
            }
            double[] keptLoss = law.predict(TRUTH, CurveInput.of("r", step, keptLr, new double[kept]));
            loss[r] = new double[STEPS];
            for (int i = 0; i < STEPS; i++) {
                loss[r][i] = keptLoss[i / 100];
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("run,step,tokens,lr,L\n");
            for (int block = 0; block < STEPS; block += 1000) {
                for (int r = 0; r < RUNS; r++) {
                    for (int i = block; i < block + 1000; i++) {
                        w.write("run-" + r + "," + i + "," + (long) i * 524288 + "," + lr[r][i] + "," + loss[r][i] + "\n");
                    }
                }
            }
        }
    }

    /** The child: for each file, read, group, thin to every 100th step, fit jointly; prints "runs=N L0 A alpha C". */
    public static void main(String[] args) throws Exception {
        for (String file : args) {
            fitOne(Path.of(file));
        }
    }

    private static void fitOne(Path file) throws IOException {
        List<Curve> curves = CurveFiles.read(file, CurveColumns.defaults());
        List<CurveInput> in = new ArrayList<>();
        CheckpointRules rules = CheckpointRules.none().withEvery(100).withDropSteps(1);
        for (Curve c : curves) {
            in.add(rules.apply(c));
        }
        CurveFit fit = CurveFitter.fit(LrAnnealingLaw.defaults(), in, CurveFitter.Options.defaults().withThreads(2),
                Progress.NONE);
        double[] t = fit.theta();
        System.out.println("runs=" + curves.size() + " " + t[0] + " " + t[1] + " " + t[2] + " " + t[3]);
    }

}
