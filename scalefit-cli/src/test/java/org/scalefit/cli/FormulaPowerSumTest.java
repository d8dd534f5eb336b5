package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;

/**
 * A user's formula of the Chinchilla form, with the catalogue law's bounds and grid, is recognised as a sum of
 * power terms: the same evaluation path, solver choice and optimum as {@code --law chinchilla}, to the last digit
 * (the same arithmetic on the same starts), whichever way the formula is written.
 */
class FormulaPowerSumTest {
    static final String[] PARAMS = {"--param", "E=1e-4..1000:log", "--param", "A=1e-6..1e30:log", "--param",
        "B=1e-6..1e30:log", "--param", "alpha=0..5", "--param", "beta=0..5",
        "--grid", "E=0.36787944117144233,0.6065306597126334,1,1.6487212707001282,2.718281828459045",
        "--grid", "A=1,148.4131591025766,22026.465794806718,3269017.3724721107,485165195.4097903,72004899337.38588",
        "--grid", "B=1,148.4131591025766,22026.465794806718,3269017.3724721107,485165195.4097903,72004899337.38588",
        "--grid", "alpha=0,0.5,1,1.5,2", "--grid", "beta=0,0.5,1,1.5,2"};

    @ParameterizedTest
    @ValueSource(strings = {"varpro", "auto", "lbfgsb"})
    void aTypedChinchillaFitsAsTheCatalogueLaw(String solver) {
        Cli law = Cli.run("fit", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--solver", solver, "--json");
        assertThat(law.exit).as(law.toString()).isZero();
        String[] args = new String[PARAMS.length + 7];
        String[] head = {"fit", FitCommandTest.EXAMPLE, "--formula", "L = E + A*N^-alpha + B/D^beta", "--solver", solver,
            "--json"};
        System.arraycopy(head, 0, args, 0, head.length);
        System.arraycopy(PARAMS, 0, args, head.length, PARAMS.length);
        Cli typed = Cli.run(args);
        assertThat(typed.exit).as(typed.toString()).isZero();
        JsonNode a = law.json();
        JsonNode b = typed.json();
        assertThat(b.get("evaluation").asString()).isEqualTo("log-sum-exp");
        assertThat(b.get("solver")).isEqualTo(a.get("solver"));
        assertThat(b.get("starts").get("total")).isEqualTo(a.get("starts").get("total"));
        for (String p : new String[] {"E", "A", "B", "alpha", "beta"}) {
            assertThat(b.get("parameters").get(p).asDouble()).as(solver + " " + p)
                    .isEqualTo(a.get("parameters").get(p).asDouble());
        }
    }
}
