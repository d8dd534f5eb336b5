package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scalefit.core.pipeline.Provenance;

/** A command line builds picocli's model of only the command it names: a faster start, the same answers. */
class MainCommandLineTest {

    @Test
    void onlyTheNamedCommandIsBuilt() {
        assertThat(Main.commandLine("--version").getSubcommands()).isEmpty();
        assertThat(Main.commandLine("fit", "runs.csv").getSubcommands()).containsOnlyKeys("fit");
        assertThat(Main.commandLine("curve", "fit").getSubcommands()).containsOnlyKeys("curve");
        // help, no command, and a mistyped one need them all (to list them, or to say what exists)
        assertThat(Main.commandLine().getSubcommands()).hasSize(Main.COMMANDS.size());
        assertThat(Main.commandLine("help", "fit").getSubcommands()).hasSize(Main.COMMANDS.size());
        assertThat(Main.commandLine("fti").getSubcommands()).hasSize(Main.COMMANDS.size());
        assertThat(Main.commandLine("--help").getSubcommands()).hasSize(Main.COMMANDS.size());
    }

    @Test
    void theAnswersAreTheFullModelsAnswers() {
        Cli version = Cli.run("--version");
        assertThat(version.exit).isZero();
        assertThat(version.out.strip()).isEqualTo(Provenance.TOOL);
        Cli help = Cli.run("--help");
        assertThat(help.out).contains("fit", "batch", "curve", "serve", "simulate");
        Cli typo = Cli.run("fti");
        assertThat(typo.exit).isEqualTo(2);
        assertThat(typo.err).contains("'fti'");
        Cli fitHelp = Cli.run("help", "fit");
        assertThat(fitHelp.out).contains("Usage: scalefit fit");
    }
}
