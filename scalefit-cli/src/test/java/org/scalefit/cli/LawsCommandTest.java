package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.law.Procedure;

import tools.jackson.databind.JsonNode;

/** 'scalefit laws': a narrow list, a readable page per law, the same document for programs. */
class LawsCommandTest {

    @Test
    void theListFitsA100ColumnTerminalAndCountsTheSets() {
        Cli r = Cli.run("laws");
        assertThat(r.exit).as(r.toString()).isZero();
        for (String line : r.out.split("\n")) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo(100);
        }
        for (Law law : LawCatalogue.all()) {
            assertThat(r.out).containsPattern("(?m)^" + java.util.regex.Pattern.quote(law.id()) + " +"
                    + java.util.regex.Pattern.quote(law.target()) + " .* " + law.published().size() + "  ");
        }
        for (Procedure p : LawCatalogue.procedures()) {
            assertThat(r.out).contains(p.id() + ": ");
        }
    }

    @Test
    void aLawsPageShowsItsDefinesVariablesAndSets() {
        Cli r = Cli.run("laws", "data-constrained");
        assertThat(r.exit).as(r.toString()).isZero();
        assertThat(r.out).contains("L = E + A/N_eff^alpha + B/D_eff^beta", "where U_D = min(U, D)",
                "U: unique tokens in the data set (tokens)", "muennighoff2023-c4  [VERIFIED-PRIMARY]",
                "catalogue entry: muennighoff_data_constrained");
        for (String line : r.out.split("\n")) {
            if (!line.startsWith("parameter") && !line.startsWith("---") && !line.matches("^[A-Za-z_0-9]+ +[-0-9].*")) {
                assertThat(line.length()).as(line).isLessThanOrEqualTo(100);
            }
        }
    }

    @Test
    void theJsonIsTheServersDocument() {
        Cli r = Cli.run("laws", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        JsonNode laws = r.json().path("laws");
        assertThat(laws.size()).isEqualTo(LawCatalogue.all().size());
        assertThat(r.json().path("procedures").size()).isEqualTo(LawCatalogue.procedures().size());
        JsonNode dc = null;
        for (JsonNode l : laws) {
            if (l.path("id").asString().equals("data-constrained")) {
                dc = l;
            }
        }
        assertThat(dc).isNotNull();
        assertThat(dc.path("description").path("defines").size()).isEqualTo(4);
        assertThat(dc.path("description").path("formula").asString()).isEqualTo("E + A/N_eff^alpha + B/D_eff^beta");
        assertThat(dc.path("formula").asString()).doesNotContain("N_eff").contains("min(U, D)");
        assertThat(dc.path("published").get(0).path("flag").asString()).isEqualTo("VERIFIED-PRIMARY");
        assertThat(dc.path("parameters").get(0).path("meaning").asString()).isNotBlank();
    }

    @Test
    void anUnknownIdListsTheKnownOnes() {
        Cli r = Cli.run("laws", "chinchila");
        assertThat(r.exit).isEqualTo(2);
        assertThat(r.err).contains("unknown law 'chinchila'", "chinchilla");
    }

    /** An allocation law is predicted with like any law: Step Law's optimal learning rate for N = 1e9, D = 1e11. */
    @Test
    void aHyperParameterLawPredictsItsTarget() {
        Cli r = Cli.run("predict", "--law", "step-law-lr", "--coefficients", "li2025", "--at", "N=1e9,D=1e11", "--json");
        assertThat(r.exit).as(r.toString()).isZero();
        double eta = r.json().path("predictions").get(0).path("value").asDouble();
        assertThat(eta).isCloseTo(1.79 * Math.pow(1e9, -0.713) * Math.pow(1e11, 0.307), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(r.json().path("published").path("flag").asString()).isEqualTo("VERIFIED-SECONDARY");
        Cli table = Cli.run("predict", "--law", "step-law-lr", "--coefficients", "li2025", "--at", "N=1e9,D=1e11");
        assertThat(table.out).contains("eta_opt");
    }

    /** A method that is not a law says where it is done, in the list, on its page and when used as a law. */
    @Test
    void aMethodSaysWhichCommandDoesIt() {
        Cli page = Cli.run("laws", "inference-aware");
        assertThat(page.exit).as(page.toString()).isZero();
        assertThat(page.out).contains("a method, not a law with parameters", "scalefit optimal");
        Cli fit = Cli.run("fit", FitCommandTest.EXAMPLE, "--law", "multi-power");
        assertThat(fit.exit).isEqualTo(2);
        assertThat(fit.err).contains("is a method, not a law with parameters", "scalefit curve fit FILE --law multi-power");
    }

    /** The curve laws the catalogue lists as methods show their parameters, bounds and citation, in text and JSON. */
    @Test
    void aCurveLawShowsItsParametersBoundsAndCitation() {
        for (String id : new String[] {"multi-power", "m4"}) {
            Cli page = Cli.run("laws", id);
            assertThat(page.exit).as(page.toString()).isZero();
            assertThat(page.out).contains("a curve law:", "scalefit curve fit FILE --law " + id, "parameter",
                    "lower", "upper", "citation:");
        }
        Cli mpl = Cli.run("laws", "multi-power");
        assertThat(mpl.out).containsPattern("B\\s+0\\s+100000\\s+linear").contains("Luo, Wen, Hu, Li");
        Cli json = Cli.run("laws", "multi-power", "--json");
        var c = json.json().path("procedures").get(0).path("curveLaw");
        assertThat(c.path("parameters").size()).isEqualTo(7);
        assertThat(c.path("parameters").get(3).path("name").asString()).isEqualTo("B");
        assertThat(c.path("parameters").get(3).path("scale").asString()).isEqualTo("linear");
        assertThat(c.path("citation").asString()).contains("arXiv:2503.12811");
        // a method that is not a curve law keeps its page
        assertThat(Cli.run("laws", "inference-aware", "--json").json().path("procedures").get(0).has("curveLaw"))
                .isFalse();
    }
}
