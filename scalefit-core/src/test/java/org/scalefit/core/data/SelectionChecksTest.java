package org.scalefit.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Parameter;

/** The selection refuses what used to be silent data mistakes: shadowed columns and unused --col mappings. */
class SelectionChecksTest {
    private static final double[] N = {1e8, 2e8, 4e8, 8e8};

    private static RunTable table(String... names) {
        List<Column> cols = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            double[] v = new double[N.length];
            for (int r = 0; r < v.length; r++) {
                v[r] = N[r] * (i + 1);
            }
            cols.add(Column.numeric(names[i], i + 1, v));
        }
        return new RunTable("runs.csv", cols, new long[] {2, 3, 4, 5});
    }

    private static Law formula(String text, String... params) {
        Law.Builder b = Law.builder("formula", text);
        for (String p : params) {
            b.parameter(Parameter.linear(p, 0, 10, ""));
        }
        return b.build();
    }

    @Test
    void aParameterNamedLikeADataColumnIsAnError() {
        Law law = formula("a + b*x", "a", "b");
        DataException e = catchThrowableOfType(DataException.class,
                () -> new Selection().apply(table("x", "b", "L"), law));
        assertThat(e.getMessage()).isEqualTo("runs.csv, column 2 ('b'): the law's parameter 'b' has the name of this"
                + " data column, so the fit would ignore the column: rename the parameter in the formula, or if b is"
                + " data, do not declare it with --param");
        // a mapped or derived column of that name is the same mistake
        assertThat(catchThrowableOfType(DataException.class, () -> new Selection().derive("a", "x*2")
                .apply(table("x", "L"), law)).problem()).startsWith("the law's parameter 'a' has the name");
        assertThat(new Selection().apply(table("x", "L"), law).data().rows()).isEqualTo(4);
    }

    @Test
    void aFilterWithASideMissingSaysWhichSideNotEmptyFormula() {
        Law chinchilla = LawCatalogue.get("chinchilla");
        IllegalArgumentException right = catchThrowableOfType(IllegalArgumentException.class,
                () -> new Selection().where("N >").apply(table("N", "D", "L"), chinchilla));
        assertThat(right.getMessage()).isEqualTo("filter 'N >': nothing after '>': compare with a number or a"
                + " formula, e.g. 'N > 1e8'");
        IllegalArgumentException left = catchThrowableOfType(IllegalArgumentException.class,
                () -> new Selection().where(" <= 1e21").apply(table("N", "D", "L"), chinchilla));
        assertThat(left.getMessage()).isEqualTo("filter ' <= 1e21': nothing before '<=': name a column or a formula,"
                + " e.g. 'C <= 1e21'");
    }

    @Test
    void catalogueLawParametersNeverReadColumns() {
        // chinchilla's E, A, B are documented parameters: a file with a column E still fits
        Selection.Selected s = new Selection().apply(table("N", "D", "E", "L"), LawCatalogue.get("chinchilla"));
        assertThat(s.columnsUsed()).containsEntry("N", "N").containsEntry("D", "D").doesNotContainKey("E");
    }

    @Test
    void aColumnMappingTheLawDoesNotUseIsAnError() {
        Law chinchilla = LawCatalogue.get("chinchilla");
        DataException e = catchThrowableOfType(DataException.class, () -> new Selection().alias("Q", "N")
                .apply(table("N", "D", "L"), chinchilla));
        assertThat(e.getMessage()).isEqualTo("runs.csv: --col Q='N' maps a variable the law chinchilla does not use"
                + " (its variables: N, D; its target: L), no --derive or --where uses it, and it is none of N, D, C,"
                + " L");
    }

    @Test
    void aColumnMappingForTheTargetOrForADeriveOrWhereIsFine() {
        Law chinchilla = LawCatalogue.get("chinchilla");
        RunTable t = table("size", "flops", "loss_val");
        Selection.Selected s = new Selection().alias("N", "size").alias("C", "flops").alias("L", "loss_val")
                .derive("D", "C/(6*N)").apply(t, chinchilla);
        assertThat(s.columnsUsed()).containsEntry("L", "L");
        Selection.Selected w = new Selection().alias("N", "size").alias("D", "flops").alias("L", "loss_val")
                .alias("S", "size").where("S >= 2e8").apply(t, chinchilla);
        assertThat(w.data().rows()).isEqualTo(3);
        Selection.Selected target = new Selection().alias("N", "size").alias("D", "flops").alias("Y", "loss_val")
                .target("Y").apply(t, chinchilla);
        assertThat(target.data().rows()).isEqualTo(4);
        // a holdout rule the caller names also counts
        Selection.Selected holdout = new Selection().alias("N", "size").alias("D", "flops").alias("L", "loss_val")
                .alias("S", "flops").alsoUses("S >= 1e21").apply(t, chinchilla);
        assertThat(holdout.data().rows()).isEqualTo(4);
        // one selection shared by several laws: M is read by overtraining only, and is in use for chinchilla too
        Selection shared = new Selection().alias("N", "size").alias("D", "flops").alias("L", "loss_val")
                .alias("M", "flops");
        assertThat(catchThrowableOfType(DataException.class, () -> shared.apply(t, chinchilla)))
                .hasMessageContaining("--col M='flops' maps a variable the law chinchilla does not use");
        assertThat(shared.sharedBy(List.of(chinchilla, LawCatalogue.get("overtraining"))).apply(t, chinchilla)
                .data().rows()).isEqualTo(4);
        // the usual C is read by name elsewhere (compare's default --by C), so it is never refused
        Selection.Selected c = new Selection().alias("N", "size").alias("D", "flops").alias("L", "loss_val")
                .alias("C", "flops").apply(t, chinchilla);
        assertThat(c.data().rows()).isEqualTo(4);
    }

    @Test
    void filterErrorsNameTheFilterAndItsColumn() {
        // these used to say "derived column (filter right side): formula ' 1e999' at column 2: ..."
        RunTable t = table("N", "D", "L");
        Law chinchilla = LawCatalogue.get("chinchilla");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Selection().where("N >= 1e999").apply(t, chinchilla)).getMessage())
                .isEqualTo("filter 'N >= 1e999' at column 6: number '1e999' is too large (the largest is about 1.8e308)");
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Selection().where("x > 2").apply(t, chinchilla)).getMessage())
                .startsWith("filter 'x > 2': its left side x: unknown column 'x'");
        assertThat(catchThrowableOfType(DataException.class,
                () -> new Selection().where("N/0 > 1").apply(t, chinchilla)).getMessage())
                .isEqualTo("runs.csv, line 2: filter 'N/0 > 1': its left side N/0 is Infinity on this row");
        // an unclosed quote used to compare the column as numbers: "expected a number, found 'a'"
        assertThat(catchThrowableOfType(IllegalArgumentException.class,
                () -> new Selection().where("N == 'a").apply(t, chinchilla)).getMessage())
                .isEqualTo("filter 'N == 'a': the text 'a is not closed with '");
    }

    @Test
    void conditionsJoinComparisonsWithAndAndOr() {
        // N = 1e8, 2e8, 4e8, 8e8 on lines 2-5; D = 2N
        RunTable t = table("N", "D", "L");
        Law chinchilla = LawCatalogue.get("chinchilla");
        Selection.Selected both = new Selection().where("N >= 2e8 and N*D < 1e18").apply(t, chinchilla);
        assertThat(both.data().column("N")).containsExactly(2e8, 4e8);
        assertThat(both.droppedLines()).containsExactly(2, 5);
        // 'and' binds tighter than 'or'
        Selection.Selected either = new Selection().where("N < 2e8 or N > 3e8 and D < 1e9").apply(t, chinchilla);
        assertThat(either.data().column("N")).containsExactly(1e8, 4e8);
        // a selection is immutable: a step returns a new one and leaves the first as it was
        Selection base = new Selection();
        Selection filtered = base.where("N > 3e8");
        assertThat(base.apply(t, chinchilla).data().rows()).isEqualTo(4);
        assertThat(filtered.apply(t, chinchilla).data().rows()).isEqualTo(2);
    }
}
