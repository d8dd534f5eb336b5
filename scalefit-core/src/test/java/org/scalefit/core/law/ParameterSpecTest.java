package org.scalefit.core.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParameterSpecTest {

    @Test
    void parsesBoundsAndScale() {
        ParameterSpec s = ParameterSpec.parse(" A =1e-6..1e30:log", "--param");
        assertThat(s).isEqualTo(new ParameterSpec("A", 1e-6, 1e30, Scale.LOG));
        assertThat(ParameterSpec.parse("alpha=-1..5", "param").scale()).isNull();
        Parameter p = ParameterSpec.parse("alpha=0..5", "param").toParameter(null);
        assertThat(p.scale()).isEqualTo(Scale.LINEAR);
        assertThat(p.grid()).isEmpty();
    }

    @Test
    void keepsTheLawsScaleAndTheGridWithinTheNewBounds() {
        Law law = Law.builder("t", "E + A/N^alpha")
                .parameter(Parameter.linear("E", 0, 10, "floor", 1, 2))
                .parameter(Parameter.logScale("A", 1e-3, 1e6, "coefficient", 1, 10, 100))
                .parameter(Parameter.linear("alpha", 0, 2, "exponent", 0.3))
                .build();
        ParameterSpec s = ParameterSpec.parse("A=5..1000", "--param");
        Parameter p = s.toParameter(s.base(law));
        assertThat(p.scale()).isEqualTo(Scale.LOG);
        assertThat(p.meaning()).isEqualTo("coefficient");
        assertThat(p.grid()).containsExactly(10, 100);
        assertThatThrownBy(() -> ParameterSpec.parse("B=1..2", "--param").base(law))
                .hasMessage("the law t has no parameter 'B' (it has: E, A, alpha)");
    }

    @Test
    void errorsNameTheOptionAndTheSpec() {
        assertThatThrownBy(() -> ParameterSpec.parse("A:1..2", "--param"))
                .hasMessage("--param 'A:1..2': expected NAME=LOW..HIGH or NAME=LOW..HIGH:log");
        assertThatThrownBy(() -> ParameterSpec.parse("1A=1..2", "param"))
                .hasMessage("param '1A=1..2': '1A' is not a valid name");
        assertThatThrownBy(() -> ParameterSpec.parse("A=1..2:cubic", "--param"))
                .hasMessage("--param 'A=1..2:cubic': unknown scale 'cubic' (log or linear)");
        assertThatThrownBy(() -> ParameterSpec.parse("A=x..2", "--param"))
                .hasMessage("--param A=x..2: 'x' is not a number");
    }
}
