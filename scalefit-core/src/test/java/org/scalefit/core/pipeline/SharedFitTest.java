package org.scalefit.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/** Joint fits with shared exponents on synthetic groups drawn from known parameters. */
class SharedFitTest {
    private static final Law CHINCHILLA = LawCatalogue.find("chinchilla").orElseThrow();
    private static final double ALPHA = 0.34;
    private static final double BETA = 0.28;
    private static final Provenance.Source SOURCE = new Provenance.Source("synthetic", "0", 0);

    /** Six groups with common alpha, beta and their own E, A, B; a grid of N × D per group. */
    private static RunTable groups(int sizes, double noise, long seed) {
        Random rng = new Random(seed);
        List<String> g = new ArrayList<>();
        List<Double> n = new ArrayList<>();
        List<Double> d = new ArrayList<>();
        List<Double> l = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            double e = 1.5 + 0.1 * k;
            double a = 300 + 60 * k;
            double b = 900 - 80 * k;
            for (int i = 0; i < sizes; i++) {
                for (int j = 0; j < sizes; j++) {
                    double nn = 1e7 * Math.pow(1e3, i / (sizes - 1.0));
                    double dd = 1e9 * Math.pow(1e3, j / (sizes - 1.0));
                    g.add("g" + k);
                    n.add(nn);
                    d.add(dd);
                    double loss = e + a / Math.pow(nn, ALPHA) + b / Math.pow(dd, BETA);
                    l.add(loss * Math.exp(noise * rng.nextGaussian()));
                }
            }
        }
        int rows = g.size();
        long[] lines = new long[rows];
        for (int i = 0; i < rows; i++) {
            lines[i] = i + 2;
        }
        return new RunTable("synthetic", List.of(
                Column.text("group", 0, g.toArray(String[]::new), -1),
                Column.numeric("N", 1, n.stream().mapToDouble(Double::doubleValue).toArray()),
                Column.numeric("D", 2, d.stream().mapToDouble(Double::doubleValue).toArray()),
                Column.numeric("L", 3, l.stream().mapToDouble(Double::doubleValue).toArray())), lines);
    }

    private static SharedFit.Report fit(RunTable table) {
        FitSpec spec = FitSpec.defaults(CHINCHILLA).withSolver(Solver.VARPRO).withThreads(2);
        return SharedFit.run(SOURCE, table, List.of("group"), new Selection(), spec, List.of("alpha", "beta"),
                stage -> Progress.NONE);
    }

    @Test
    void noiseFreeGroupsGiveBackTheirParameters() {
        SharedFit.Report r = fit(groups(5, 0, 1));
        Map<String, Double> v = r.values();
        // noise-free: the optimum is the truth up to the polish's tolerance; 1e-4 relative leaves room for it
        assertThat(v.get("alpha")).isCloseTo(ALPHA, within(1e-4 * ALPHA));
        assertThat(v.get("beta")).isCloseTo(BETA, within(1e-4 * BETA));
        for (int k = 0; k < 6; k++) {
            assertThat(v.get("E[group=g" + k + "]")).isCloseTo(1.5 + 0.1 * k, within(1e-4 * (1.5 + 0.1 * k)));
            assertThat(v.get("A[group=g" + k + "]")).isCloseTo(300 + 60 * k, within(1e-3 * (300 + 60 * k)));
            assertThat(v.get("B[group=g" + k + "]")).isCloseTo(900 - 80 * k, within(1e-3 * (900 - 80 * k)));
        }
        assertThat(r.groups()).hasSize(6);
        assertThat(r.groups().get(2).parameters()).containsKeys("E", "A", "B", "alpha", "beta");
        assertThat(r.groups().get(2).parameters().get("alpha")).isEqualTo(v.get("alpha"));
        assertThat(v).hasSize(2 + 6 * 3);
    }

    @Test
    void withNoiseTheSharedExponentsAreTighterThanEachGroupsOwn() {
        // over 8 noisy data sets, the joint alpha's spread around the truth is below the per-group fits'
        double joint = 0;
        double alone = 0;
        int count = 0;
        for (long seed = 1; seed <= 8; seed++) {
            SharedFit.Report r = fit(groups(4, 0.01, seed));
            joint += sq(r.values().get("alpha") - ALPHA);
            for (SharedFit.Group g : r.groups()) {
                alone += sq(g.alone().fit().parameters().get("alpha") - ALPHA);
                count++;
            }
        }
        double jointRms = Math.sqrt(joint / 8);
        double aloneRms = Math.sqrt(alone / count);
        assertThat(jointRms).isLessThan(0.7 * aloneRms);
    }

    @Test
    void aGroupThatCannotBeFittedIsAnErrorNamingIt() {
        RunTable t = groups(4, 0, 1);
        // group g5 keeps 3 rows only: fewer than its 5 parameters
        Selection s = new Selection().where("group != 'g5' or N < 2e7").where("group != 'g5' or D < 2e10");
        FitSpec spec = FitSpec.defaults(CHINCHILLA).withThreads(2);
        assertThatThrownBy(() -> SharedFit.run(SOURCE, t, List.of("group"), s, spec, List.of("alpha"),
                stage -> Progress.NONE)).hasMessageContaining("group group=g5 cannot take part in the joint fit");
    }

    @Test
    void badSharedNamesAreRefused() {
        RunTable t = groups(3, 0, 1);
        FitSpec spec = FitSpec.defaults(CHINCHILLA).withThreads(2);
        assertThatThrownBy(() -> SharedFit.run(SOURCE, t, List.of("group"), new Selection(), spec, List.of("gamma"),
                stage -> Progress.NONE)).hasMessageContaining("no parameter 'gamma'");
        assertThatThrownBy(() -> SharedFit.run(SOURCE, t, List.of("group"), new Selection(),
                spec.withLaw(CHINCHILLA.withFixed(Map.of("E", 1.7))), List.of("E"), stage -> Progress.NONE))
                .hasMessageContaining("held by --fix");
        assertThatThrownBy(() -> SharedFit.run(SOURCE, t, List.of("group"), new Selection(), spec,
                List.of("E", "A", "B", "alpha", "beta"), stage -> Progress.NONE))
                .hasMessageContaining("nothing is left per group");
    }

    private static double sq(double x) {
        return x * x;
    }
}
