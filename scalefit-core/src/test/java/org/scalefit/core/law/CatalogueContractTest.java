package org.scalefit.core.law;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.data.FitData;
import org.scalefit.core.fit.FitResult;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Fitter;
import org.scalefit.core.fit.Loss;
import org.scalefit.core.fit.Residuals;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.plan.LawFunction;
import org.scalefit.core.synth.SyntheticSweep;

/**
 * What every catalogue law promises: it parses, it cites its paper, its published sets name exactly its
 * parameters within its bounds, and a least-squares fit (Levenberg-Marquardt from the law's grid) of a noise-free
 * sweep over the ranges the file states recovers the
 * published coefficients. Default tolerance 1e-3 relative on each parameter (noise-free data: the optimum is the
 * truth, so this measures only the solver); laws whose parameters a sweep cannot separate say so, with the
 * reason, in {@code recovery-tolerances.txt}, and are then held to their predictions.
 */
class CatalogueContractTest {
    private static final double DEFAULT_TOLERANCE = 1e-3;
    // noise-free predictions at the sweep points: the solver's own precision, far below any measurement's
    private static final double PREDICTION_TOLERANCE = 1e-6;

    static Stream<String> lawsWithCoefficients() {
        return LawCatalogue.all().stream().filter(l -> !l.published().isEmpty()).map(Law::id);
    }

    @Test
    void everyLawParsesAndCitesItsSource() {
        assertThat(LawCatalogue.all()).hasSizeGreaterThanOrEqualTo(10);
        for (Law law : LawCatalogue.all()) {
            assertThat(law.citation()).as(law.id() + " citation").containsPattern("(19|20)\\d\\d");
            assertThat(law.name()).as(law.id() + " name").isNotBlank().isNotEqualTo(law.id());
            assertThat(law.description().entry()).as(law.id() + " catalogue entry").isNotBlank();
            // the file round-trips through the parser that reads users' files
            assertThat(law.expression()).isNotNull();
            for (Parameter p : law.parameters()) {
                assertThat(p.meaning()).as(law.id() + "." + p.name() + " meaning").isNotBlank();
            }
        }
        for (Procedure p : LawCatalogue.procedures()) {
            assertThat(p.howTo()).as(p.id()).isNotBlank();
            assertThat(p.citation()).as(p.id()).containsPattern("(19|20)\\d\\d");
        }
    }

    @Test
    void everyPublishedSetNamesExactlyItsParametersWithinBounds() {
        for (Law law : LawCatalogue.all()) {
            for (CoefficientSet set : law.published()) {
                assertThat(set.values().keySet()).as(law.id() + " " + set.label())
                        .containsExactlyInAnyOrderElementsOf(law.parameterNames());
                assertThat(set.source()).as(law.id() + " " + set.label() + " source").isNotBlank();
                for (Parameter p : law.parameters()) {
                    assertThat(set.values().get(p.name())).as(law.id() + " " + set.label() + " " + p.name())
                            .isBetween(p.lower(), p.upper());
                }
            }
        }
    }

    /** Every file in the catalogue's directory is in its index, so none is silently left out of the build. */
    @Test
    void theIndexListsEveryCatalogueFile() throws IOException {
        Path dir = Path.of("src/main/resources/org/scalefit/core/law/catalogue");
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).forEach(files::add);
        }
        assertThat(LawCatalogue.files()).containsExactlyInAnyOrderElementsOf(files);
    }

    /** The image the build compiles and a fresh parse of the law files give the same catalogue, field by field. */
    @Test
    void theCompiledImageIsTheLawFiles() {
        CatalogueImage.Image files = LawCatalogue.parsed();
        assertThat(LawCatalogue.files()).isEqualTo(files.files());
        assertThat(LawCatalogue.procedures()).isEqualTo(files.procedures());
        List<Law> image = LawCatalogue.all();
        assertThat(image).hasSize(files.laws().size());
        for (int i = 0; i < image.size(); i++) {
            Law a = image.get(i);
            Law b = CatalogueImage.law(files.laws().get(i).law());
            assertThat(a.id()).isEqualTo(b.id());
            assertThat(a.formula()).as(a.id()).isEqualTo(b.formula());
            assertThat(a.name() + a.target() + a.citation()).as(a.id()).isEqualTo(b.name() + b.target() + b.citation());
            assertThat(a.description()).as(a.id()).isEqualTo(b.description());
            assertThat(a.parameters()).as(a.id()).isEqualTo(b.parameters());
            assertThat(a.published()).as(a.id()).isEqualTo(b.published());
            assertThat(LawCatalogue.listing().get(i)).isEqualTo(CatalogueImage.Listing.of(a));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lawsWithCoefficients")
    void recoversItsPublishedCoefficientsFromASyntheticSweep(String id) throws IOException {
        Law law = LawCatalogue.get(id);
        CoefficientSet truthSet = law.published().get(0);
        double[] truth = truthSet.theta(law);
        Map<String, double[]> ranges = ranges(law);
        for (String v : law.variables()) {
            if (!ranges.containsKey(v)) {
                fail(id + ": the variable " + v + " needs a range [low, high] in the law file for this test");
            }
        }
        int[] points = {0, 30, 10, 6, 5, 4, 3};
        int per = points[Math.min(law.variables().size(), points.length - 1)];
        RunTable t = SyntheticSweep.grid(law, truth, ranges, per, 0, 1);
        FitData data = new Selection().apply(t, law).data();
        // log residuals where the law is positive (allocation laws span many decades); raw ones where it may
        // not be (rewards); the optimum is the truth either way, as the data have no noise
        boolean positive = java.util.Arrays.stream(data.y()).allMatch(v -> v > 0);
        FitResult fit = Fitter.fit(data, FitSpec.defaults(law).withLoss(Loss.squared())
                .withResiduals(positive ? Residuals.LOG : Residuals.LINEAR).withSolver(Solver.LM));

        LawFunction truthF = new LawFunction(law);
        double[] got = fit.naturalPoint();
        double worst = 0;
        double[][] cols = data.columns();
        for (int r = 0; r < data.rows(); r++) {
            double[] x = new double[cols.length];
            for (int k = 0; k < x.length; k++) {
                x[k] = cols[k][r];
            }
            double want = truthF.value(x, truth);
            worst = Math.max(worst, Math.abs(truthF.value(x, got) - want) / Math.max(Math.abs(want), 1e-12));
        }
        assertThat(worst).as(id + ": worst relative prediction error on the sweep").isLessThan(PREDICTION_TOLERANCE);

        Double tol = tolerances().getOrDefault(id, DEFAULT_TOLERANCE);
        if (tol.isNaN()) {
            return; // predictions only, as the tolerance file says why
        }
        for (int k = 0; k < truth.length; k++) {
            double scale = Math.max(Math.abs(truth[k]), 1e-12);
            assertThat(Math.abs(got[k] - truth[k]) / scale).as(id + "." + law.parameterNames().get(k) + " (truth "
                    + truth[k] + ", fitted " + got[k] + ")").isLessThan(tol);
        }
    }

    /** The ranges the law's file states for its variables (name → [low, high]), for synthetic sweeps. */
    static Map<String, double[]> ranges(Law law) {
        Map<String, double[]> ranges = new HashMap<>();
        for (LawDescription.Variable v : law.description().variables()) {
            if (v.hasRange()) {
                ranges.put(v.name(), new double[] {v.low(), v.high()});
            }
        }
        return ranges;
    }

    /** {@code id tolerance reason...}; a tolerance of "predictions" means the parameters are not checked. */
    static Map<String, Double> tolerances() throws IOException {
        Map<String, Double> out = new LinkedHashMap<>();
        try (InputStream in = CatalogueContractTest.class.getResourceAsStream("recovery-tolerances.txt")) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) {
                    continue;
                }
                String[] parts = s.split("\\s+", 3);
                if (parts.length < 3) {
                    fail("recovery-tolerances.txt: '" + s + "' needs ID TOLERANCE REASON");
                }
                out.put(parts[0], parts[1].equals("predictions") ? Double.NaN : Double.parseDouble(parts[1]));
            }
        }
        return out;
    }
}
