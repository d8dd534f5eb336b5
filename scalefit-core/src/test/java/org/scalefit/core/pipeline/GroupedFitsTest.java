package org.scalefit.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.Groups;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.plan.LawFunction;

/**
 * Known truth for grouped fits: every group is a noise-free Chinchilla grid from its own coefficients, so each
 * group's optimum is its truth and the tolerance (1e-4 relative, as for one table) measures only the solver.
 * Broken groups fail alone, with their reason; a group's numbers are those of fitting its rows by themselves.
 */
class GroupedFitsTest {
    static final Law CHINCHILLA = LawCatalogue.get("chinchilla");
    static final Provenance.Source SOURCE = new Provenance.Source("groups.csv", "0".repeat(64), 0);

    /** {@code groups} sweeps of 5×5 (N, D) points; group g has the coefficients {@link #truth}(g). */
    static RunTable table(int groups, List<String[]> broken) {
        List<String> name = new ArrayList<>();
        List<Double> family = new ArrayList<>();
        List<String> n = new ArrayList<>();
        List<String> d = new ArrayList<>();
        List<String> l = new ArrayList<>();
        LawFunction f = new LawFunction(CHINCHILLA);
        for (int g = 0; g < groups; g++) {
            double[] theta = truth(g);
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    double nn = 1e7 * Math.pow(10, 0.6 * i);
                    double dd = 1e9 * Math.pow(10, 0.6 * j);
                    name.add("g" + g);
                    family.add((double) (g % 3));
                    n.add(Double.toString(nn));
                    d.add(Double.toString(dd));
                    l.add(Double.toString(f.value(new double[] {nn, dd}, theta)));
                }
            }
        }
        for (String[] row : broken) {
            name.add(row[0]);
            family.add(9.0);
            n.add(row[1]);
            d.add(row[2]);
            l.add(row[3]);
        }
        long[] lines = new long[name.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = i + 2;
        }
        double[] fam = family.stream().mapToDouble(Double::doubleValue).toArray();
        return new RunTable("groups.csv", List.of(Column.text("name", 1, name.toArray(String[]::new), 0),
                Column.numeric("family", 2, fam), numbers("N", 3, n), numbers("D", 4, d), numbers("L", 5, l)), lines);
    }

    private static Column numbers(String name, int position, List<String> cells) {
        double[] v = new double[cells.size()];
        for (int i = 0; i < v.length; i++) {
            try {
                v[i] = Double.parseDouble(cells.get(i));
            } catch (NumberFormatException e) {
                return Column.text(name, position, cells.toArray(String[]::new), i);
            }
        }
        return Column.numeric(name, position, v);
    }

    /** Group g's coefficients (E, A, B, alpha, beta), spread around Chinchilla's, seeded by g. */
    static double[] truth(int g) {
        SplittableRandom r = new SplittableRandom(1000 + g);
        return new double[] {1.5 + 0.5 * r.nextDouble(), 200 + 400 * r.nextDouble(), 300 + 600 * r.nextDouble(),
            0.28 + 0.1 * r.nextDouble(), 0.25 + 0.1 * r.nextDouble()};
    }

    static FitSpec spec() {
        return FitSpec.defaults(CHINCHILLA).withSolver(Solver.VARPRO).withThreads(2);
    }

    @Test
    void everyGroupRecoversItsOwnCoefficientsAndBrokenGroupsFailAlone() {
        List<String[]> broken = List.of(new String[] {"few", "1e8", "1e10", "3.1"}, new String[] {"few", "2e8", "1e10",
            "3.0"}, new String[] {"negative", "1e8", "1e10", "-1"}, new String[] {"negative", "1e9", "1e11", "2.5"});
        RunTable t = table(24, broken);
        AtomicLong last = new AtomicLong();
        List<PerGroup.Result<FitReport>> out = GroupedFits.run(SOURCE, t, List.of("name"), new Selection(), spec(),
                (done, total) -> last.accumulateAndGet(done, Math::max));
        assertThat(out).hasSize(26);
        assertThat(last.get()).as("progress counts groups").isEqualTo(26);
        assertThat(PerGroup.failures(out)).isEqualTo(2);
        for (PerGroup.Result<FitReport> o : out) {
            String label = o.key().label();
            if (label.equals("name=few")) {
                assertThat(o.ok()).isFalse();
                assertThat(o.rows()).isEqualTo(2);
                assertThat(o.error()).contains("2");
                continue;
            }
            if (label.equals("name=negative")) {
                assertThat(o.ok()).isFalse();
                // located in the user's file: the broken row is line 24·25 + 3 + 2
                assertThat(o.error()).contains("groups.csv").contains("line " + (24 * 25 + 2 + 2));
                continue;
            }
            int g = Integer.parseInt(((String) o.key().values().get(0)).substring(1));
            double[] want = truth(g);
            double[] got = o.value().fit().naturalPoint();
            for (int k = 0; k < want.length; k++) {
                assertThat(got[k]).as(label + " " + CHINCHILLA.parameterNames().get(k))
                        .isCloseTo(want[k], within(1e-4 * want[k]));
            }
            assertThat(o.value().provenance().selection()).first().isEqualTo("group " + label);
            assertThat(o.value().provenance().rowsUsed()).isEqualTo(25);
        }
    }

    @Test
    void aGroupsNumbersAreThoseOfFittingItsRowsAlone() {
        RunTable t = table(6, List.of());
        List<PerGroup.Result<FitReport>> out = GroupedFits.run(SOURCE, t, List.of("name"), new Selection(),
                FitSpec.defaults(CHINCHILLA).withThreads(2), (a, b) -> { });
        FitPipeline.Input alone = FitPipeline.Input.of(SOURCE, t, new Selection().where("name == 'g4'"), CHINCHILLA);
        FitReport single = FitPipeline.run(alone, FitSpec.defaults(CHINCHILLA).withThreads(1), s -> (a, b) -> { });
        PerGroup.Result<FitReport> g4 = out.get(4);
        assertThat(g4.key().label()).isEqualTo("name=g4");
        assertThat(g4.value().fit().naturalPoint()).containsExactly(single.fit().naturalPoint());
        assertThat(g4.value().fit().objective()).isEqualTo(single.fit().objective());
        assertThat(g4.value().fit().startsAtOptimum()).isEqualTo(single.fit().startsAtOptimum());
    }

    @Test
    void groupsByNumbersAndTextSortInKeyOrder() {
        RunTable t = table(5, List.of());
        List<Groups.Group> groups = Groups.split(t, List.of("family", "name"));
        assertThat(groups).extracting(gr -> gr.key().label()).containsExactly("family=0, name=g0",
                "family=0, name=g3", "family=1, name=g1", "family=1, name=g4", "family=2, name=g2");
        assertThat(groups.get(0).key().asMap()).isEqualTo(Map.of("family", 0.0, "name", "g0"));
        assertThat(groups.get(1).table().line(0)).as("rows keep their source lines").isEqualTo(3 * 25 + 2);
        assertThatThrownBy(() -> Groups.split(t, List.of("dataset"))).hasMessageContaining("missing column 'dataset'")
                .hasMessageContaining("name, family, N, D, L");
        assertThatThrownBy(() -> Groups.split(t, List.of("name", "name"))).hasMessageContaining("named twice");
    }

    @Test
    void aMistakeEveryGroupSharesIsOneErrorNotOnePerGroup() {
        RunTable t = table(4, List.of());
        assertThatThrownBy(() -> GroupedFits.run(SOURCE, t, List.of("name"), new Selection().where("N > 1e30"), spec(),
                (a, b) -> { })).hasMessage("every group failed: groups.csv: no rows left after the filters");
    }

    @Test
    void rowsCarryTheLayoutsColumns() {
        List<String[]> few = new ArrayList<>();
        few.add(new String[] {"few", "1e8", "1e10", "3.1"});
        RunTable t = table(2, few);
        List<PerGroup.Result<FitReport>> out = GroupedFits.run(SOURCE, t, List.of("name"), new Selection(), spec(),
                (a, b) -> { });
        var columns = GroupRows.columns(List.of("name"), Set.of(), List.of(CHINCHILLA), false);
        assertThat(columns).extracting(GroupRows.ColumnSpec::name).startsWith("name", "law", "status", "error")
                .endsWith("E", "A", "B", "alpha", "beta");
        Map<String, Object> ok = GroupRows.row(out.get(1), "chinchilla");
        assertThat(columns).extracting(GroupRows.ColumnSpec::name).containsAll(ok.keySet());
        assertThat(ok.get("status")).isEqualTo("ok");
        assertThat((Double) ok.get("alpha")).isCloseTo(truth(0)[3], within(1e-4));
        Map<String, Object> failed = GroupRows.row(out.get(0), "chinchilla");
        assertThat(failed).containsEntry("name", "few").containsEntry("status", "failed").containsEntry("rows", 1L);
        assertThat(failed.get("alpha")).isNull();
        assertThatThrownBy(() -> GroupRows.columns(List.of("alpha"), Set.of(), List.of(CHINCHILLA), false))
                .hasMessageContaining("the group column 'alpha' has the name of a result column");
        // Chinchilla's A beside the over-training law's a: one Parquet or Spark column, so refused
        var overtraining = LawCatalogue.get("overtraining");
        assertThatThrownBy(() -> GroupRows.columns(List.of("name"), Set.of(), List.of(CHINCHILLA, overtraining), false))
                .hasMessageContaining("differ only in case ('a'");
        assertThat(GroupRows.columns(List.of("name"), Set.of(), List.of(overtraining), true))
                .extracting(GroupRows.ColumnSpec::name).contains("a", "a_lo", "exponent_a");
    }
}
