package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bad value of a shared fitting option is a usage error that names the option and what it accepts. */
class OptionTypesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "fit|--solver|foo|unknown solver 'foo'; expected lbfgsb, lm, varpro or auto",
            "fit|--objective|hubr|unknown objective 'hubr'",
            "fit|--residuals|lg|unknown residuals 'lg'; expected log or linear",
            "backtest|--solver|newton|unknown solver 'newton'",
            "compare|--objective|squared:2|unknown objective 'squared:2'",
            "curve fit|--residuals|lin|unknown residuals 'lin'",
            "curve fit|--solver|varpro|variable projection fits runs tables",
            "curve backtest|--solver|bfgs|unknown solver 'bfgs'; expected lbfgsb or lm",
            "curve fit|--threads|0|at least 1 thread, not 0",
            "fit|--threads|two|'two' is not a whole number of threads",
            "fit|--level|1.5|the interval level must lie strictly between 0 and 1, not 1.5",
            "backtest|--level|x|'x' is not a number",
            "frontier|--bootstrap|1|a bootstrap needs at least 2 resamples (or 0 for none), not 1",
            "predict|--level|0|the interval level must lie strictly between 0 and 1, not 0.0"})
    void aBadValueNamesTheOption(String command, String option, String value, String message) {
        String[] head = command.split(" ");
        String[] args = new String[head.length + 5];
        System.arraycopy(head, 0, args, 0, head.length);
        boolean curve = command.startsWith("curve");
        if (command.equals("predict")) {
            // predict reads no data file: its law is a published one
            args = new String[] {"predict", "--law", "chinchilla", "--coefficients", "hoffmann2022", "--at",
                    "N=1e9,D=2e10", option, value};
            Cli r = Cli.run(args);
            assertThat(r.exit).as(r.toString()).isEqualTo(2);
            assertThat(r.err).contains("Invalid value for option '" + option + "': " + message);
            return;
        }
        args[head.length] = curve ? "../examples/chinchilla-curves.csv" : FitCommandTest.EXAMPLE;
        args[head.length + 1] = "--law";
        args[head.length + 2] = curve ? "power-law" : "chinchilla";
        args[head.length + 3] = option;
        args[head.length + 4] = value;
        Cli r = Cli.run(args);
        assertThat(r.exit).as(r.toString()).isEqualTo(2);
        assertThat(r.err).contains("Invalid value for option '" + option + "': " + message);
    }
}
