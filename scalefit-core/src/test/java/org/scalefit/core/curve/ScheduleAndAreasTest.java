package org.scalefit.core.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScheduleAndAreasTest {

    @Test
    void cosineRunsFromPeakToFinal() {
        double[] lr = Schedule.parse("cosine:steps=1001,peak=1e-3,final=1e-4").lr();
        assertThat(lr).hasSize(1001);
        assertThat(lr[0]).isEqualTo(1e-3);
        assertThat(lr[1000]).isCloseTo(1e-4, within(1e-18));
        // half way the cosine factor is 1/2
        assertThat(lr[500]).isCloseTo(1e-4 + 0.5 * 9e-4, within(1e-15));
    }

    @Test
    void stepScheduleDropsWhereThe811CurveDrops() {
        // the public 8-1-1 curve (33,908 steps) drops to 1/sqrt(10) at step 27126 and again at 30517
        double[] lr = Schedule.parse("step:steps=33908,peak=1e-3").lr();
        assertThat(lr[27125]).isEqualTo(1e-3);
        assertThat(lr[27126]).isCloseTo(1e-3 / Math.sqrt(10), within(1e-15));
        assertThat(lr[30516]).isCloseTo(1e-3 / Math.sqrt(10), within(1e-15));
        assertThat(lr[30517]).isCloseTo(1e-4, within(1e-15));
    }

    @Test
    void wsdWithExponentialDecayIsGeometricHalfWay() {
        double[] lr = Schedule.parse("wsd:steps=1001,peak=1e-3,final=1e-5,decay=0.2,shape=exp").lr();
        assertThat(lr[800]).isEqualTo(1e-3);
        assertThat(lr[900]).isCloseTo(1e-4, within(1e-15));
        assertThat(lr[1000]).isCloseTo(1e-5, within(1e-17));
        double[] lin = Schedule.parse("wsd:steps=1001,peak=1e-3,final=0,decay=0.2").lr();
        assertThat(lin[900]).isCloseTo(5e-4, within(1e-15));
    }

    @Test
    void warmupRisesLinearly() {
        double[] lr = Schedule.parse("constant:steps=100,peak=2e-3,warmup=10").lr();
        assertThat(lr[0]).isCloseTo(2e-4, within(1e-18));
        assertThat(lr[9]).isCloseTo(2e-3, within(1e-18));
        assertThat(lr[50]).isEqualTo(2e-3);
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        assertThatThrownBy(() -> Schedule.parse("exponential:steps=10,peak=1")).hasMessageContaining("unknown kind");
        assertThatThrownBy(() -> Schedule.parse("cosine:steps=10,peak=1e-3")).hasMessageContaining("missing final=");
        assertThatThrownBy(() -> Schedule.parse("cosine:steps=ten,peak=1e-3,final=0"))
                .hasMessageContaining("steps must be a number");
        assertThatThrownBy(() -> Schedule.parse("constant:steps=10,peak=1e-3,colour=red"))
                .hasMessageContaining("unknown key colour");
        assertThatThrownBy(() -> Schedule.parse("constant:steps=10,peak=-1")).hasMessageContaining("peak must be positive");
    }

    @Test
    void areasByHand() {
        double[] lr = {4, 4, 2, 1};
        double lambda = 0.5;
        AnnealingAreas a = AnnealingAreas.of(lr, lambda, AnnealingAreas.Start.ETA0);
        assertThat(a.s1()).containsExactly(4, 8, 10, 11);
        // m = 4, 0.5*4 + 0 = 2, 0.5*2 + 2 = 3, 0.5*3 + 1 = 2.5 ; S2 = cumulative sums
        assertThat(a.s2()).containsExactly(4, 6, 9, 11.5);
        AnnealingAreas z = AnnealingAreas.of(lr, lambda, AnnealingAreas.Start.ZERO);
        // m = 0, 0, 2, 2 ; S2 = 0, 0, 2, 4
        assertThat(z.s2()).containsExactly(0, 0, 2, 4);
    }

    @Test
    void constantScheduleHasNoAnnealingAreaWithoutTheFirstTerm() {
        double[] lr = Schedule.parse("constant:steps=500,peak=1e-3").lr();
        AnnealingAreas z = AnnealingAreas.of(lr, 0.999, AnnealingAreas.Start.ZERO);
        assertThat(z.s2()[499]).isZero();
        assertThat(z.s1()[499]).isCloseTo(0.5, within(1e-12));
        assertThatThrownBy(() -> AnnealingAreas.of(lr, 1.5, AnnealingAreas.Start.ZERO)).hasMessageContaining("lambda");
    }
}
