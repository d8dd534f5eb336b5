package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/**
 * A catalogue law with a published coefficient set is a ready fit for {@code predict} and {@code optimal}, and the
 * output says where the numbers come from. Expected values are the papers' closed forms evaluated here.
 */
class PublishedLawTest {
    @Test
    void chinchillaAsPublishedPredictsTheLossOfChinchilla() {
        Cli r = Cli.run("predict", "--law", "chinchilla", "--coefficients", "hoffmann2022", "--at", "N=70e9,D=1.4e12",
                "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode doc = r.json();
        // Hoffmann et al. 2022 eq. 10: E + A/N^alpha + B/D^beta with E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28
        double expected = 1.69 + 406.4 / Math.pow(70e9, 0.34) + 410.7 / Math.pow(1.4e12, 0.28);
        assertThat(doc.get("predictions").get(0).get("value").asDouble()).isCloseTo(expected, within(1e-12));
        assertThat(doc.get("published").get("coefficients").asString()).isEqualTo("hoffmann2022");
        assertThat(doc.get("published").get("source").asString()).contains("Hoffmann et al. 2022");
        assertThat(doc.get("published").get("values").get("alpha").asDouble()).isEqualTo(0.34);
        Cli table = Cli.run("predict", "--law", "chinchilla", "--coefficients", "hoffmann2022", "--at",
                "N=70e9,D=1.4e12");
        assertThat(table.out).startsWith("law chinchilla with published coefficients hoffmann2022 (Hoffmann et al.");
    }

    @Test
    void theReplicationsAllocationIsItsClosedForm() {
        Cli r = Cli.run("optimal", "--law", "chinchilla", "--coefficients", "besiroglu2024", "--compute", "1e24",
                "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode doc = r.json();
        // Besiroglu et al. 2024: E=1.8172, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658; under C = 6ND the optimum
        // is N* = G (C/6)^a with a = beta/(alpha+beta) and G = (alpha A / (beta B))^(1/(alpha+beta))
        double alpha = 0.3478;
        double beta = 0.3658;
        double a = beta / (alpha + beta);
        double g = Math.pow(alpha * 482.01 / (beta * 2085.43), 1 / (alpha + beta));
        assertThat(doc.get("a").asDouble()).isCloseTo(a, within(1e-9));
        assertThat(doc.get("N").asDouble()).isCloseTo(g * Math.pow(1e24 / 6, a), within(1e-6 * 1e11));
        assertThat(doc.get("published").get("law").asString()).isEqualTo("chinchilla");
    }

    @Test
    void aWrongSetOrAMissingOptionIsOneClearLine() {
        Cli set = Cli.run("predict", "--law", "chinchilla", "--coefficients", "hoffman", "--at", "N=1,D=1");
        assertThat(set.exit).isEqualTo(2);
        assertThat(set.err.strip()).isEqualTo("scalefit: error: the law chinchilla has no coefficient set 'hoffman';"
                + " its sets: hoffmann2022, hoffmann2022-unrounded, besiroglu2024, besiroglu2024-grid, besiroglu2024-mle");
        Cli missing = Cli.run("optimal", "--law", "chinchilla", "--compute", "1e24");
        assertThat(missing.exit).isEqualTo(2);
        assertThat(missing.err).startsWith("scalefit: error: Missing required argument(s): --coefficients=SET");
        Cli both = Cli.run("predict", "--law", "chinchilla", "--coefficients", "hoffmann2022", "--fit", "x.json",
                "--at", "N=1,D=1");
        assertThat(both.exit).isEqualTo(2);
        assertThat(both.err).startsWith("scalefit: error: these options exclude each other: ");
        Cli none = Cli.run("predict", "--law", "kaplan-nope", "--coefficients", "x", "--at", "N=1");
        assertThat(none.exit).isEqualTo(2);
        assertThat(none.err).contains("kaplan-nope");
    }
}
