package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's law file is the same kind of object as a catalogue law: fitted, listed and predicted with alike. */
class LawFileCommandTest {
    static final String EXAMPLE_LAW = "../examples/tokens-per-parameter.yaml";

    @TempDir
    Path tmp;

    /**
     * Chinchilla's law through the define D = R*N, fitted on R = D/N, is Chinchilla's problem: the optimum agrees
     * to 1e-6 relative (the two are solved by different kernels, each to its own tolerance).
     */
    @Test
    void aLawWithADefineFitsAsTheCatalogueLawItRewrites() {
        Cli file = Cli.run("fit", FitCommandTest.EXAMPLE, "--law-file", EXAMPLE_LAW, "--derive", "R=D/N", "--json");
        assertThat(file.exit).as(file.toString()).isZero();
        Cli catalogue = Cli.run("fit", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--json");
        double want = catalogue.json().path("objective").asDouble();
        assertThat(file.json().path("objective").asDouble()).isCloseTo(want, within(1e-6 * want));
        assertThat(file.json().path("parameters").path("alpha").path("value").asDouble())
                .isCloseTo(catalogue.json().path("parameters").path("alpha").path("value").asDouble(), within(1e-3));
    }

    @Test
    void itsCoefficientSetPredictsAsTheCatalogueSet() {
        Cli file = Cli.run("predict", "--law-file", EXAMPLE_LAW, "--coefficients", "hoffmann2022", "--at",
                "N=7e10,R=20", "--json");
        assertThat(file.exit).as(file.toString()).isZero();
        Cli catalogue = Cli.run("predict", "--law", "chinchilla", "--coefficients", "hoffmann2022", "--at",
                "N=7e10,D=1.4e12", "--json");
        // 1.69 + 406.4/7e10^0.34 + 410.7/1.4e12^0.28, by hand: 1.93665 (both are that formula to round-off)
        double v = file.json().path("predictions").get(0).path("value").asDouble();
        assertThat(v).isCloseTo(catalogue.json().path("predictions").get(0).path("value").asDouble(), within(1e-12));
        assertThat(v).isCloseTo(1.69 + 406.4 / Math.pow(7e10, 0.34) + 410.7 / Math.pow(1.4e12, 0.28), within(1e-12));
        assertThat(file.json().path("published").path("law").asString()).isEqualTo("chinchilla-tpp");
        assertThat(file.err).isEmpty();
    }

    @Test
    void lawsShowsAUsersFileWithItsDefines() {
        Cli r = Cli.run("laws", "--file", EXAMPLE_LAW, "chinchilla-tpp");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("L = E + A/N^alpha + B/D^beta", "where D = R*N",
                "R: training tokens per parameter (tokens/parameter), measured over 1 .. 1000", "hoffmann2022");
        Cli j = Cli.run("laws", "--file", EXAMPLE_LAW, "--json");
        assertThat(j.json().path("laws").get(0).path("formula").asString()).isEqualTo("E + A/N^alpha + B/(R*N)^beta");
        assertThat(j.json().path("laws").get(0).path("description").path("defines").get(0).path("name").asString())
                .isEqualTo("D");
    }

    @Test
    void aBrokenLawFileIsLocated() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "id: x\nformula: L = E + A/N^alpha\ndefines:\n"
                + "  - N = (M*\nparameters:\n  E: {lower: 0, upper: 1}\n  A: {lower: 0, upper: 1}\n"
                + "  alpha: {lower: 0, upper: 1}\n");
        Cli r = Cli.run("fit", FitCommandTest.EXAMPLE, "--law-file", bad.toString());
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("bad.yaml, line 4, column 5:").doesNotContain("Exception");
        Path typo = Files.writeString(tmp.resolve("typo.yaml"), "formula: L = E + A/N^alpha\nparameters:\n"
                + "  E: {lower: 0, uper: 1}\n  A: {lower: 0, upper: 1}\n  alpha: {lower: 0, upper: 1}\n");
        Cli t = Cli.run("fit", FitCommandTest.EXAMPLE, "--law-file", typo.toString());
        assertThat(t.exit).isEqualTo(2);
        assertThat(t.err).contains("typo.yaml, line 3, column 17: unknown key 'uper'");
        Path partial = Files.writeString(tmp.resolve("partial.yaml"), "formula: L = E + A/N^alpha\nparameters:\n"
                + "  E: {lower: 0, upper: 5}\n  A: {lower: 0, upper: 1e3}\n  alpha: {lower: 0, upper: 1}\n"
                + "coefficients:\n  mine: {values: {E: 1, A: 2}}\n");
        Cli p = Cli.run("predict", "--law-file", partial.toString(), "--coefficients", "mine", "--at", "N=1e9");
        assertThat(p.exit).isEqualTo(2);
        assertThat(p.err).contains("partial.yaml, line 7, column 18: the coefficient set mine does not give alpha");
    }
}
