package org.scalefit.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.List;

import org.scalefit.core.data.DataException;
import org.scalefit.core.fit.FitException;
import org.scalefit.core.pipeline.Provenance;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "scalefit", mixinStandardHelpOptions = true, version = Provenance.TOOL,
        description = "Fit, validate and extrapolate neural scaling laws.")
public final class Main {
    /** The commands, in the order help lists them. */
    static final List<Class<?>> COMMANDS = List.of(FitCommand.class, BatchCommand.class, PredictCommand.class,
            OptimalCommand.class, LawsCommand.class, FrontierCommand.class, BacktestCommand.class,
            CompareCommand.class, CurveCommand.class, ReportCommand.class, org.scalefit.server.ServeCommand.class,
            SimulateCommand.class, CommandLine.HelpCommand.class);

    /** Exit code for input the user can fix (bad file, bad formula, bad option value). */
    static final int BAD_INPUT = 2;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs one command line and returns its exit code (for tests: no System.exit). */
    public static int run(String... args) {
        return execute(commandLine(args), args);
    }

    /** Executes on {@code cl}; an exhausted heap or stack is still one line and exit 2. */
    static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            // a size no bound caught (a huge data file, a formula nested thousands deep): still one line
            cl.getErr().println("scalefit: error: not enough memory for this run; ask for less (fewer starts,"
                    + " resamples, rows or steps) or give Java more with SCALEFIT_JAVA_OPTS=-Xmx8g");
            cl.getErr().flush();
            return BAD_INPUT;
        } catch (StackOverflowError e) {
            cl.getErr().println("scalefit: error: the input is nested too deeply to evaluate (a formula or JSON"
                    + " thousands of levels deep)");
            cl.getErr().flush();
            return BAD_INPUT;
        }
    }

    /** Every command, as help and a mistyped name need them. */
    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: building picocli's model of a command reflects over all its options and
     * loads what they name, so a line that names one command (or asks only for the version) gets just that one.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        boolean versionOnly = args.length == 1 && (first.equals("--version") || first.equals("-V"));
        boolean oneNamed = COMMANDS.stream().anyMatch(c -> named(c, first));
        for (Class<?> c : COMMANDS) {
            if (!versionOnly && (!oneNamed || named(c, first))) {
                cl.addSubcommand(c);
            }
        }
        addHelpOptions(cl);
        // batch repeats --law and --objective, which the shared mixins declare once: it reads every value given
        if (cl.getSubcommands().containsKey("batch")) {
            cl.getSubcommands().get("batch").setOverwrittenOptionsAllowed(true);
        }
        // a mistyped option is one line, like every other user error, with where to read the options
        cl.setParameterExceptionHandler((ex, unmatched) -> {
            CommandLine cmd = ex.getCommandLine();
            String line = String.valueOf(ex.getMessage()).lines().findFirst().orElse("").replaceFirst("^Error: ", "");
            if (line.startsWith("expected only one match but got ")) { // picocli's words for an exclusive group
                line = "these options exclude each other: " + line.substring("expected only one match but got ".length());
            }
            cmd.getErr().println("scalefit: error: " + line + " (see '" + cmd.getCommandSpec().qualifiedName(" ")
                    + " --help')");
            cmd.getErr().flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            cmd.getErr().println("scalefit: error: " + message(ex));
            cmd.getErr().flush();
            return isUserError(ex) ? BAD_INPUT : 1;
        });
        return cl;
    }

    private static boolean named(Class<?> command, String name) {
        Command c = command.getAnnotation(Command.class);
        return c.name().equals(name) && !name.equals("help");
    }

    // every command answers --help and --version, however it was declared
    private static void addHelpOptions(CommandLine cl) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!sub.getCommandSpec().mixinStandardHelpOptions()) {
                sub.getCommandSpec().mixinStandardHelpOptions(true);
            }
            addHelpOptions(sub);
        }
    }

    /** Whether a command's exception is the user's (bad input: exit 2) rather than the tool's (exit 1). */
    public static boolean isUserError(Exception ex) {
        return ex instanceof DataException || ex instanceof IllegalArgumentException || ex instanceof FitException
                || ex instanceof IOException || ex instanceof java.io.UncheckedIOException;
    }

    /** The one line a command's exception prints after "error: ". */
    public static String message(Exception ex) {
        if (ex instanceof NoSuchFileException nf) {
            return nf.getFile() + ": no such file";
        }
        if (ex instanceof IOException io) {
            return "cannot read or write: " + io.getMessage();
        }
        if (ex instanceof java.io.UncheckedIOException io) {
            return "cannot read or write: " + io.getCause().getMessage();
        }
        String m = ex.getMessage();
        return m == null ? ex.toString() : m;
    }
}
