package org.scalefit.core.fit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.scalefit.core.data.FitData;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;

/**
 * Screening by rows: the subset covers every decade cell of the table, and a fit screened on it ends where the
 * fit of every start on all rows ends, to the last digit either prints (objective to 8 significant digits,
 * parameters to 6), with the default solver and with variable projection.
 */
class RowScreenTest {
    private static final Law CHINCHILLA = LawCatalogue.get("chinchilla");
    private static final double[] TRUTH = FitTestData.theta(CHINCHILLA, "besiroglu2024");

    @Test
    void theSubsetHasItsSizeAndEveryDecadeCellOfTheTable() {
        FitData data = FitTestData.isoFlop(CHINCHILLA, TRUTH, 2_000, 0.01, 4);
        int[] rows = RowScreen.rows(data, RowScreen.SUBSET_ROWS, 1);
        assertThat(rows).hasSize(RowScreen.SUBSET_ROWS).isSorted();
        assertThat(Arrays.stream(rows).distinct().count()).isEqualTo(rows.length);
        assertThat(cells(data, rows)).isEqualTo(cells(data, null));
        // deterministic for a seed, another draw for another seed
        assertThat(RowScreen.rows(data, RowScreen.SUBSET_ROWS, 1)).isEqualTo(rows);
        assertThat(RowScreen.rows(data, RowScreen.SUBSET_ROWS, 2)).isNotEqualTo(rows);
    }

    @Test
    void aTableNoLargerThanTheSubsetIsTakenWhole() {
        FitData data = FitTestData.isoFlop(CHINCHILLA, TRUTH, 20, 0.01, 4);
        assertThat(RowScreen.rows(data, 1_000, 1)).hasSize(data.rows());
        assertThat(RowScreen.applies(data.rows())).isFalse();
        // the 240-row Chinchilla table is never screened by rows: its fit is the one every start runs on all rows
        assertThat(RowScreen.applies(240)).isFalse();
        FitResult fit = Fitter.fit(data, FitSpec.defaults(CHINCHILLA));
        assertThat(fit.screeningRows()).isZero();
        assertThat(fit.startsRefined()).isZero();
    }

    @Test
    void theScreenedGridFitEndsWhereTheFullGridEnds() {
        // 9 budgets x 350 sizes, 1% noise: 3,150 rows, every one of the 4,500 starts on 1,000 of them
        FitData data = FitTestData.isoFlop(CHINCHILLA, TRUTH, 350, 0.01, 7);
        FitSpec spec = FitSpec.defaults(CHINCHILLA);
        FitResult screened = Fitter.fit(data, spec);
        FitResult full = Fitter.fit(data, spec.withScreening(false));
        assertThat(screened.screeningRows()).isEqualTo(RowScreen.SUBSET_ROWS);
        // Chinchilla has one basin: the subset's best ends, 1e-4 apart along its flat valley, meet once polished
        assertThat(screened.startsRefined()).isEqualTo(1);
        assertThat(screened.startsTotal()).isEqualTo(4_500);
        assertThat(full.screeningRows()).isZero();
        assertSamePrinted(screened, full);
        assertThat(screened.termination().converged()).isTrue();
    }

    @Test
    void theScreenedVariableProjectionFitEndsWhereTheFullOneEnds() {
        FitData data = FitTestData.isoFlop(CHINCHILLA, TRUTH, 1_000, 0.02, 8);
        FitSpec spec = FitSpec.defaults(CHINCHILLA).withSolver(Solver.VARPRO);
        FitResult screened = Fitter.fit(data, spec);
        FitResult full = Fitter.fit(data, spec.withScreening(false));
        assertThat(screened.screeningRows()).isEqualTo(RowScreen.SUBSET_ROWS);
        assertThat(screened.startsScreened()).isEqualTo(25);
        assertThat(full.startsScreened()).isZero();
        assertThat(full.startsTotal()).isEqualTo(25);
        assertSamePrinted(screened, full);
    }

    /** The objective to 8 significant digits and every parameter to 6, as `scalefit fit` prints them. */
    private static void assertSamePrinted(FitResult a, FitResult b) {
        assertThat(String.format(Locale.ROOT, "%.7e", a.objective()))
                .isEqualTo(String.format(Locale.ROOT, "%.7e", b.objective()));
        for (String p : a.parameters().keySet()) {
            assertThat(String.format(Locale.ROOT, "%.6g", a.parameters().get(p))).as(p)
                    .isEqualTo(String.format(Locale.ROOT, "%.6g", b.parameters().get(p)));
        }
        // far tighter than the print: the same zero-gradient point (1e-9 relative)
        for (String p : a.parameters().keySet()) {
            double x = a.parameters().get(p);
            assertThat(x).as(p).isCloseTo(b.parameters().get(p),
                    org.assertj.core.api.Assertions.within(1e-9 * Math.abs(x)));
        }
    }

    /** The (decade of N, decade of D) cells the rows fall in (all rows when {@code rows} is null). */
    private static Set<String> cells(FitData data, int[] rows) {
        Set<String> out = new HashSet<>();
        double[] n = data.column("N");
        double[] d = data.column("D");
        for (int i = 0; i < data.rows(); i++) {
            out.add((int) Math.floor(Math.log10(n[i])) + "," + (int) Math.floor(Math.log10(d[i])));
        }
        if (rows == null) {
            return out;
        }
        out.clear();
        for (int i : rows) {
            out.add((int) Math.floor(Math.log10(n[i])) + "," + (int) Math.floor(Math.log10(d[i])));
        }
        return out;
    }
}
