package org.scalefit.core.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.scalefit.core.curve.Curve;
import org.scalefit.core.data.DataException;
import org.scalefit.core.fit.Progress;
import org.junit.jupiter.api.Test;

/**
 * The library entry points behind {@code scalefit frontier}: loss curves to envelope runs ({@link CurveRuns}),
 * the approach choice ({@link Frontier}, {@link Approach}) and the envelope's stretches, on exact curves and
 * runs of L = 1.69 + 406.4/N^0.34 + 410.7/D^0.28 (a = β/(α+β) = 0.4516).
 */
class FrontierLibraryTest {
    static final double[] TRUTH = Designs.theta(1.69, 406.4, 410.7, 0.34, 0.28);
    static final double TOKENS_PER_STEP = 1 << 20;

    /** 12 sizes 1e8..1e10, each with 30 exact checkpoints (steps 1..) over a factor 20 either side of D*. */
    static List<Curve> exactCurves() {
        List<Curve> out = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double n = Math.rint(1e8 * Math.pow(100, i / 11.0));
            double g = Math.pow(0.34 * 406.4 / (0.28 * 410.7), 1 / 0.62);
            double dOpt = Math.pow(n / g, 0.62 / 0.28) / n; // the size's compute-optimal tokens
            double s0 = Math.ceil(dOpt / 20 / TOKENS_PER_STEP);
            double s1 = Math.floor(dOpt * 20 / TOKENS_PER_STEP);
            int k = 30;
            double[] step = new double[k];
            double[] tokens = new double[k];
            double[] loss = new double[k];
            long[] lines = new long[k];
            for (int j = 0; j < k; j++) {
                step[j] = Math.rint(s0 * Math.pow(s1 / s0, j / (k - 1.0)));
                tokens[j] = step[j] * TOKENS_PER_STEP;
                loss[j] = 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(tokens[j], 0.28);
                lines[j] = 2 + 30L * i + j;
            }
            out.add(new Curve("exact.csv", "m" + i, Map.of("N", String.format("%.0f", n)), step, tokens, null, loss,
                    lines));
        }
        return out;
    }

    @Test
    void exactCurvesGiveTheLawsExponentWhicheverWayTokensAndSizesAreGiven() {
        List<Curve> curves = exactCurves();
        List<Envelope.Run> byColumn = CurveRuns.withSizeColumn(curves, "N", CurveRuns.Tokens.column("tokens"));
        List<Envelope.Run> bySteps = CurveRuns.withSizeColumn(curves, "N", CurveRuns.Tokens.perStep(TOKENS_PER_STEP));
        Map<String, Double> sizes = new java.util.HashMap<>();
        for (Curve c : curves) {
            sizes.put(c.run(), Double.parseDouble(c.groups().get("N")));
        }
        List<Envelope.Run> byTable = CurveRuns.withSizes(curves, sizes, "sizes.csv", CurveRuns.Tokens.column("tokens"));
        assertThat(byColumn).hasSize(12);
        Envelope.Options o = new Envelope.Options(200, 0, 0, 0.95);
        Envelope.Result a = Envelope.analyse(byColumn, o, Progress.NONE);
        // 12 sizes a factor 1.52 apart: N* is quantised and flat at the grid's ends, so a lies a little low
        // (here 0.400), as the README's figures for 7 and 40 sizes show; never above the law's own exponent
        assertThat(a.frontier().a()).isBetween(0.39, 0.4516);
        assertThat(a.frontier().a() + a.frontier().b()).isCloseTo(1, within(1e-9));
        assertThat(Envelope.analyse(bySteps, o, Progress.NONE).frontier().a()).isCloseTo(a.frontier().a(), within(1e-12));
        assertThat(Envelope.analyse(byTable, o, Progress.NONE).frontier().a()).isCloseTo(a.frontier().a(), within(1e-12));

        // the stretches tile the grid in order of compute, each run's N the one its curve carries
        List<Stretch> st = a.stretches();
        assertThat(st.stream().mapToInt(Stretch::points).sum()).isEqualTo(a.gridPoints());
        assertThat(st.get(0).from()).isEqualTo(a.computeRange()[0]);
        assertThat(st.get(st.size() - 1).to()).isEqualTo(a.computeRange()[1]);
        for (int k = 0; k < st.size(); k++) {
            Stretch x = st.get(k);
            assertThat(x.n()).isEqualTo(sizes.get(x.run()));
            assertThat(x.tokensPerParameterFrom()).isCloseTo(x.from() / (6 * x.n() * x.n()), within(1e-9));
            if (k > 0) {
                assertThat(x.from()).isGreaterThan(st.get(k - 1).to());
                assertThat(x.run()).isNotEqualTo(st.get(k - 1).run());
            }
        }
    }

    @Test
    void curveErrorsSpeakTheLibrarysWords() {
        List<Curve> curves = exactCurves();
        assertThatThrownBy(() -> CurveRuns.withSizeColumn(curves, "params", CurveRuns.Tokens.column("tokens")))
                .isInstanceOf(DataException.class).hasMessageContaining("expected a positive parameter count");
        assertThatThrownBy(() -> CurveRuns.withSizes(curves, Map.of("m0", 1e8), "sizes.csv",
                CurveRuns.Tokens.column("tokens")))
                .isInstanceOf(DataException.class).hasMessageContaining("no parameter count for run 'm1'");
        assertThatThrownBy(() -> CurveRuns.Tokens.perStep(0)).hasMessageContaining("tokens per step must be a positive");
        Curve c = curves.get(0);
        double[] back = c.tokens().clone();
        back[3] = back[2];
        Curve bad = new Curve(c.source(), c.run(), c.groups(), c.step(), back, null, c.loss(), c.lines());
        assertThatThrownBy(() -> CurveRuns.withSizeColumn(List.of(bad), "N", CurveRuns.Tokens.column("tokens")))
                .hasMessageContaining("line 5").hasMessageContaining("tokens must increase with the step")
                .message().doesNotContain("--");
    }

    @Test
    void approachesAreParsedInOrderWithoutRepeats() {
        assertThat(Approach.parseList("all")).containsExactly(Approach.LOWEST, Approach.ISOFLOP, Approach.PARAMETRIC);
        assertThat(Approach.parseList(" 3, 2,3 ")).containsExactly(Approach.PARAMETRIC, Approach.ISOFLOP);
        assertThatThrownBy(() -> Approach.parseList("4")).hasMessage("approach '4': expected 1, 2, 3, a list such as"
                + " 2,3, or all");
        assertThatThrownBy(() -> Approach.parseList("1,,2")).hasMessageContaining("expected 1, 2, 3");
    }

    @Test
    void theApproachChoiceRunsEachApproachAsItsOwnCallWould() {
        Runs runs = Designs.runs(TRUTH, Designs.budgets(1e18, 1e21, 5), 9, 8, 1, 0, 1);
        Frontier.Settings s = new Frontier.Settings(ProfileMethod.CORRECTED, 0, null, false, 0, 0, 0.95,
                org.scalefit.core.fit.Solver.VARPRO, 1);
        List<FrontierResult> all = Frontier.analyse(runs, Approach.parseList("all"), s);
        assertThat(all).extracting(FrontierResult::approach).containsExactly("1", "2", "3");
        FrontierResult two = IsoFlop.analyse(runs, IsoFlop.Options.of(ProfileMethod.CORRECTED), Progress.NONE);
        assertThat(all.get(1).a()).isEqualTo(two.a());
        // exact profiles: the corrected IsoFLOP form and the parametric law both find a = 0.4516
        assertThat(all.get(1).a()).isCloseTo(0.28 / 0.62, within(1e-4));
        assertThat(all.get(2).a()).isCloseTo(0.28 / 0.62, within(1e-4));

        // nominal budgets without a tolerance group runs within a factor 1.25
        double[] nominal = Designs.budgets(1.1e18, 1.1e21, 5);
        Frontier.Settings grouped = new Frontier.Settings(ProfileMethod.PARABOLA, 0, nominal, false, 0, 0, 0.95,
                org.scalefit.core.fit.Solver.VARPRO, 1);
        assertThat(Frontier.analyse(runs, List.of(Approach.ISOFLOP), grouped).get(0).budgets()).hasSize(5);
        assertThatThrownBy(() -> new Frontier.Settings(ProfileMethod.PARABOLA, -1, null, false, 0, 0, 0.95,
                org.scalefit.core.fit.Solver.VARPRO, 1)).hasMessageContaining("non-negative");
    }
}
