package org.scalefit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.scalefit.core.curve.Curve;
import org.scalefit.core.frontier.CurveRuns;
import org.scalefit.core.frontier.Envelope;
import org.scalefit.io.CurveColumns;
import org.scalefit.io.CurveFiles;
import org.scalefit.io.RunTables;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;

/** The options that describe a loss-curve file for {@code frontier --curves}, and the curves they read. */
final class FrontierCurveOptions {
    static final List<String> NAMES = List.of("--run", "--params", "--tokens", "--step", "--tokens-per-step",
            "--loss", "--grid");

    @Option(names = "--run", paramLabel = "COLUMN", description = "with --curves: the run id column (default: run)")
    String runColumn;

    @Option(names = "--params", paramLabel = "COLUMN|FILE", description = "with --curves: each run's parameter count N,"
            + " a column of the curve file or a runs file with columns run (or --run) and N (or params)")
    String params;

    @Option(names = "--tokens", paramLabel = "COLUMN", description = "with --curves: tokens seen (default: tokens)")
    String tokensColumn;

    @Option(names = "--step", paramLabel = "COLUMN", description = "with --curves: the step column (default: step)")
    String stepColumn;

    @Option(names = "--tokens-per-step", paramLabel = "T", description = "with --curves: tokens = step × T instead of"
            + " a tokens column")
    Double tokensPerStep;

    @Option(names = "--loss", paramLabel = "COLUMN", description = "with --curves: the loss column (default: L, loss)")
    String lossColumn;

    @Option(names = "--grid", paramLabel = "G", defaultValue = "200", description = "with --curves: log-spaced compute"
            + " values over the range 2 runs cover (default ${DEFAULT-VALUE})")
    int grid;

    /** The first curve-file option given on the command line, or null. */
    static String firstGiven(CommandSpec spec) {
        ParseResult pr = spec.commandLine().getParseResult();
        return NAMES.stream().filter(pr::hasMatchedOption).findFirst().orElse(null);
    }

    /** The checks that need only the options themselves. */
    void check() {
        if (params == null) {
            throw new IllegalArgumentException("--curves needs --params COLUMN|FILE: each run's parameter count N");
        }
        if (tokensPerStep != null && tokensColumn != null) {
            throw new IllegalArgumentException("give either --tokens COLUMN or --tokens-per-step T, not both");
        }
        if (tokensPerStep != null && !(tokensPerStep > 0 && tokensPerStep < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("--tokens-per-step must be a positive number, not " + tokensPerStep);
        }
    }

    /** Reads the curves of {@code file} and attaches each run's N and tokens. */
    List<Envelope.Run> runs(Path file) throws Exception {
        Path paramsFile = Path.of(params);
        boolean paramsInFile = Files.isRegularFile(paramsFile);
        // only tokens matter here: without --tokens-per-step the tokens column also orders the rows, so a file
        // needs no step column
        String step = stepColumn != null ? stepColumn : tokensPerStep != null ? "step"
                : tokensColumn != null ? tokensColumn : "tokens";
        CurveColumns cols = new CurveColumns(runColumn, step, tokensPerStep != null ? null : tokensColumn, null,
                lossColumn, paramsInFile ? List.of() : List.of(params), true);
        List<Curve> read = CurveFiles.read(file, cols);
        CurveRuns.Tokens tokens = tokensPerStep != null ? CurveRuns.Tokens.perStep(tokensPerStep)
                : CurveRuns.Tokens.column(tokensColumn != null ? tokensColumn : "tokens");
        if (!paramsInFile) {
            return CurveRuns.withSizeColumn(read, params, tokens);
        }
        var sizes = CurveRuns.sizes(RunTables.read(paramsFile), runColumn != null ? runColumn : "run");
        return CurveRuns.withSizes(read, sizes, paramsFile.toString(), tokens);
    }
}
