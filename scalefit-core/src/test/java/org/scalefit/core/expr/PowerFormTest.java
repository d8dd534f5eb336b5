package org.scalefit.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Sums of power terms are recognised from the formula, however they are written; anything else is not. */
class PowerFormTest {
    static final Set<String> CHINCHILLA = Set.of("E", "A", "B", "alpha", "beta");

    private static Optional<PowerForm> form(String formula, Set<String> parameters) {
        return PowerForm.of(Expression.parse(formula), parameters);
    }

    @ParameterizedTest
    @ValueSource(strings = {"E + A/N^alpha + B/D^beta", "E + A*N^-alpha + B*D^-beta", "A/N^alpha + E + B/D^beta",
        "E + A*(1/N^alpha) + B/D^beta", "E + (A/N^alpha + B/D^beta)", "E + A*N^(-alpha) + (B/D^beta)"})
    void chinchillaWrittenAnyWayIsOneForm(String formula) {
        PowerForm f = form(formula, CHINCHILLA).orElseThrow();
        assertThat(f.constant()).isEqualTo("E");
        assertThat(f.terms()).containsExactlyInAnyOrder(
                new PowerForm.Term("A", List.of(new PowerForm.Factor("N", "alpha", -1))),
                new PowerForm.Term("B", List.of(new PowerForm.Factor("D", "beta", -1))));
    }

    @Test
    void termsOfSeveralVariablesGrowingTermsAndNoConstant() {
        PowerForm f = form("A/(N^a*D^b) + C*M^c", Set.of("A", "a", "b", "C", "c")).orElseThrow();
        assertThat(f.constant()).isNull();
        assertThat(f.terms().get(0)).isEqualTo(new PowerForm.Term("A", List.of(new PowerForm.Factor("N", "a", -1),
                new PowerForm.Factor("D", "b", -1))));
        assertThat(f.terms().get(1).factors()).containsExactly(new PowerForm.Factor("M", "c", 1));
        assertThat(form("A*x^-alpha", Set.of("A", "alpha"))).isPresent();
        assertThat(form("E + A/N^alpha + B/D^alpha", Set.of("E", "A", "B", "alpha"))).as("a shared exponent")
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"E - A/N^alpha", "E + A/N^alpha - B/D^beta", "E + 2*A/N^alpha + B/D^beta",
        "E + A/N^alpha + B/D^beta + E", "E + A/N^alpha + A/D^beta", "E + A/N^alpha + B/D^(2*beta)",
        "E + A/N^alpha + B/(D^beta + N)", "E + N^alpha/A + B/D^beta", "E + A/N^alpha + B*D", "E*A/N^alpha + B/D^beta",
        "E + A/N^alpha + B/D^beta*exp(beta)", "E + A/N^A + B/D^beta", "log(E + A/N^alpha + B/D^beta)"})
    void otherFormulasAreNotThisForm(String formula) {
        assertThat(form(formula, CHINCHILLA)).as(formula).isEmpty();
    }

    @Test
    void catalogueLawsThatAreNotPowerSums() {
        assertThat(form("E + a*N^b + c*6^(b/2)*(M*N)^b", Set.of("E", "a", "b", "c"))).isEmpty();
        assertThat(form("((N_c/N)^(alpha_N/alpha_D) + D_c/D)^alpha_D", Set.of("N_c", "alpha_N", "alpha_D", "D_c")))
                .isEmpty();
        assertThat(form("L0 + A*S1^-alpha - C*S2", Set.of("L0", "A", "alpha", "C"))).isEmpty();
    }
}
