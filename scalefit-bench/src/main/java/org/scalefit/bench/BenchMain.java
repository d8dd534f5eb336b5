package org.scalefit.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.scalefit.cli.Main;
import org.scalefit.core.pipeline.Provenance;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The end-to-end benchmarks, beside the code rather than in the product: {@code scalefit bench [fit|curve|backtest|serve]}
 * (the launcher runs this jar for {@code ./scalefit bench ...}). With no subcommand, or options first, it is
 * {@code fit}, as {@code scalefit bench} was.
 */
@Command(name = "scalefit bench", mixinStandardHelpOptions = true, version = Provenance.TOOL,
        description = "Benchmarks against the scipy references and a load test of the web API; the JMH"
                + " micro-benchmarks are in benchmarks.jar (see docs/benchmarks.md).",
        subcommands = {FitBenchCommand.class, CurveBenchCommand.class, BacktestBenchCommand.class,
            ServeBenchCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain {
    /** Exit code for input the user can fix (bad file, bad option value). */
    static final int BAD_INPUT = 2;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (for tests: no System.exit). */
    public static int run(String... args) {
        return commandLine().execute(withDefaultCommand(args));
    }

    /** {@code []} and {@code [--repeat 3 ...]} mean {@code fit}; {@code --help} and {@code --version} stay the main's. */
    static String[] withDefaultCommand(String... args) {
        if (args.length > 0 && (!args[0].startsWith("-") || isMainOption(args[0]))) {
            return args;
        }
        List<String> out = new ArrayList<>();
        out.add("fit");
        out.addAll(Arrays.asList(args));
        return out.toArray(new String[0]);
    }

    private static boolean isMainOption(String arg) {
        return List.of("-h", "--help", "-V", "--version").contains(arg);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchMain());
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
        }
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String first = String.valueOf(ex.getMessage()).lines().findFirst().orElse("").replaceFirst("^Error: ", "");
            cmd.getErr().println("scalefit bench: error: " + first + " (see '" + cmd.getCommandSpec().qualifiedName(" ")
                    + " --help')");
            cmd.getErr().flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("scalefit bench: error: " + Main.message(ex));
            cmd.getErr().flush();
            return Main.isUserError(ex) ? BAD_INPUT : 1;
        });
        return cl;
    }
}
