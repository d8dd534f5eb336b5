package org.scalefit.cli;



import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code scalefit curve fit|predict|backtest}: laws for whole loss curves under an lr schedule. */
@Command(name = "curve", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Fit, predict and backtest whole training-loss curves (lr-annealing and learning-curve laws).",
        subcommands = {CurveFitCommand.class, CurvePredictCommand.class, CurveBacktestCommand.class})
final class CurveCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
