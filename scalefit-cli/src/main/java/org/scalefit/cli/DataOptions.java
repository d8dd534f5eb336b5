package org.scalefit.cli;

import java.util.ArrayList;
import java.util.List;

import org.scalefit.core.data.Selection;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Column mapping, derived columns and row filters: how a file's columns become the law's variables. */
final class DataOptions {
    /** The commands whose fits are weighted by --weight; the others refuse it rather than ignore it. */
    private static final List<String> WEIGHTED_COMMANDS = List.of("fit", "report", "backtest", "compare", "batch");

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--col", paramLabel = "NAME=COLUMN",
            description = "read law variable NAME from the file's COLUMN, e.g. --col N='Model Size'; NAME must be"
                    + " a variable or the target of the law, used by --derive or --where, or one of N, D, C, L")
    List<String> columns = new ArrayList<>();

    @Option(names = "--derive", paramLabel = "NAME=FORMULA",
            description = "compute a column from others, e.g. --derive 'D=C/(6*N)'")
    List<String> derived = new ArrayList<>();

    @Option(names = "--where", paramLabel = "CONDITION", description = "keep rows where it holds, e.g. --where 'N >= 1e8'")
    List<String> filters = new ArrayList<>();

    @Option(names = "--drop-highest", paramLabel = "K", defaultValue = "0",
            description = "drop the K runs with the highest target (Besiroglu et al. drop 5)")
    int dropHighest;

    @Option(names = "--target", paramLabel = "COLUMN", description = "the column the law predicts (default: L, or loss)")
    String target;

    @Option(names = "--weight", paramLabel = "COLUMN",
            description = "weight each row by this column (finite, >= 0, not all 0): the objective is the weighted"
                    + " sum, an integer weight counts a row that many times, 0 leaves it out")
    String weight;

    Selection selection() {
        Selection s = Selection.ofTexts(columns, derived, filters, dropHighest, target);
        if (weight != null) {
            if (command != null && !WEIGHTED_COMMANDS.contains(command.name())) {
                throw new IllegalArgumentException("--weight weights the rows of a fit; " + command.name()
                        + " does not take it");
            }
            s = s.weight(weight);
        }
        return s;
    }
}
