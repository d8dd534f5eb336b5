package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one versioned saved-fit format: both kinds, both first versions, and a file of the wrong kind. */
class SavedFitsTest {
    @TempDir
    Path dir;

    private static final String CURVE_BODY = "\"law\": \"power-law\", \"options\": {\"xref\": 10, \"yscale\": 3},"
            + " \"parameters\": {\"E\": 1.5, \"A\": 0.8, \"alpha\": 0.3}, \"rules\": {\"every\": 2, \"x\": \"tokens\"}";
    private static final String RUNS_BODY = "\"law\": {\"id\": \"power-law\", \"parameters\": [{\"name\": \"E\"},"
            + " {\"name\": \"A\"}, {\"name\": \"alpha\"}]}, \"parameters\": {\"E\": 1.7, \"A\": 400, \"alpha\": 0.34}";

    @Test
    void aCurveFitReadsInBothVersionsAndIsRefusedWhereARunsFitIsExpected() throws Exception {
        Path v2 = Files.writeString(dir.resolve("curve.json"),
                "{\"format\": \"scalefit-fit/2\", \"kind\": \"curve\", " + CURVE_BODY + "}");
        Path v1 = Files.writeString(dir.resolve("curve-v1.json"), "{\"format\": \"scalefit-curvefit/1\", " + CURVE_BODY + "}");
        for (Path f : new Path[] {v2, v1}) {
            CurveFitDocuments.Saved s = CurveFitDocuments.read(f);
            assertThat(s.law().id()).isEqualTo("power-law");
            assertThat(s.theta()).containsExactly(1.5, 0.8, 0.3);
            assertThat(s.every()).isEqualTo(2);
            assertThat(s.xTokens()).isTrue();
            assertThatThrownBy(() -> FitFiles.read(f)).hasMessage(f + ": a curve fit (saved by scalefit curve fit ..."
                    + " --out); use it with scalefit curve predict --fit " + f);
        }
    }

    @Test
    void aRunsFitIsRefusedWhereACurveFitIsExpected() throws Exception {
        Path v2 = Files.writeString(dir.resolve("fit.json"),
                "{\"format\": \"scalefit-fit/2\", \"kind\": \"runs\", " + RUNS_BODY + "}");
        Path v1 = Files.writeString(dir.resolve("fit-v1.json"), "{\"format\": \"scalefit-fit/1\", " + RUNS_BODY + "}");
        for (Path f : new Path[] {v2, v1}) {
            assertThat(FitFiles.read(f).theta()).containsExactly(1.7, 400, 0.34);
            assertThatThrownBy(() -> CurveFitDocuments.read(f)).hasMessage(f + ": a fit of a runs table (saved by"
                    + " scalefit fit ... --out); use it with scalefit predict --fit " + f);
        }
    }

    @Test
    void anUnknownKindOrVersionSaysWhatWasExpectedAndFound() throws Exception {
        Path kind = Files.writeString(dir.resolve("kind.json"), "{\"format\": \"scalefit-fit/2\", \"kind\": \"surface\"}");
        assertThatThrownBy(() -> FitFiles.read(kind)).hasMessage(kind + ": not a scalefit fit file (expected"
                + " \"format\": \"scalefit-fit/2\" with \"kind\": \"runs\", saved by scalefit fit ... --out; found"
                + " \"format\": \"scalefit-fit/2\" with \"kind\": \"surface\")");
        Path future = Files.writeString(dir.resolve("v3.json"), "{\"format\": \"scalefit-fit/3\", \"kind\": \"curve\"}");
        assertThatThrownBy(() -> CurveFitDocuments.read(future)).hasMessageContaining("found \"format\":"
                + " \"scalefit-fit/3\"");
    }

    @Test
    void stampPutsFormatAndKindFirstAndKeepsEveryOtherKey() {
        var doc = FitDocuments.object();
        doc.put("law", "x");
        doc.put("format", "old");
        doc.put("objective", 1.0);
        var out = SavedFits.stamp(doc, SavedFits.Kind.RUNS);
        assertThat(out.propertyNames()).containsExactly("format", "kind", "law", "objective");
        assertThat(out.path("format").asString()).isEqualTo("scalefit-fit/2");
    }
}
