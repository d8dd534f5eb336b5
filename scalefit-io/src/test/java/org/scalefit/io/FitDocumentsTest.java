package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Progress;
import org.scalefit.core.fit.Uncertainty;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.pipeline.FitPipeline;
import org.scalefit.core.pipeline.FitReport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The source hashed while reading, and the fit documents written and read back by one writer and one reader. */
class FitDocumentsTest {
    @TempDir
    Path dir;

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** L = 1.7 + 400/x^0.34 with a little deterministic noise, in a column named as the file names it. */
    private Path runs(String name) throws IOException {
        StringBuilder csv = new StringBuilder("size,loss\n");
        for (int i = 0; i < 12; i++) {
            double x = Math.pow(10, 6 + i * 0.4);
            csv.append(x).append(',').append((1.7 + 400 * Math.pow(x, -0.34)) * (1 + 0.002 * Math.sin(i))).append('\n');
        }
        return Files.writeString(dir.resolve(name), csv, StandardCharsets.UTF_8);
    }

    @Test
    void theSourceIsHashedInTheSamePassAsTheRead() throws Exception {
        Path csv = runs("runs.csv");
        RunTables.Sourced s = RunTables.readSourced(csv);
        byte[] bytes = Files.readAllBytes(csv);
        assertThat(s.source().sha256()).isEqualTo(sha256(bytes));
        assertThat(s.source().bytes()).isEqualTo(bytes.length);
        assertThat(s.source().name()).isEqualTo(csv.toString());
        assertThat(s.table().rowCount()).isEqualTo(12);
        // a JSON document followed by blank lines: the whole file is hashed, not only what the parser needed
        Path json = Files.writeString(dir.resolve("runs.json"), "[{\"N\": 1e8, \"L\": 3.1}]\n\n\n\n");
        assertThat(RunTables.readSourced(json).source().sha256()).isEqualTo(sha256(Files.readAllBytes(json)));
        // an upload, received whole, gets the same digest as the same bytes read from a file
        assertThat(RunTables.source("runs.csv", bytes).sha256()).isEqualTo(s.source().sha256());
    }

    private FitReport fit(Path csv, int resamples) throws IOException {
        Law law = LawCatalogue.get("power-law");
        String variable = law.variables().get(0);
        RunTables.Sourced s = RunTables.readSourced(csv);
        FitSpec spec = FitSpec.defaults(law).withThreads(1).withUncertainty(new Uncertainty(resamples, 0.8, 3));
        return FitPipeline.run(s.source(), s.table(), new Selection().alias(variable, "size"), spec,
                stage -> Progress.NONE);
    }

    @Test
    void theFitDocumentSavedFileAndStoredFitComeFromOneWriter() throws Exception {
        FitReport r = fit(runs("runs.csv"), 8);
        String variable = r.law().variables().get(0);
        ObjectNode doc = FitDocuments.fit(r, "scalefit fit runs.csv", false);
        assertThat(doc.path("law").asString()).isEqualTo("power-law");
        assertThat(doc.path("level").asDouble()).isEqualTo(0.8);
        assertThat(doc.path("intervals").path("alpha")).hasSize(2);
        assertThat(doc.path("bootstrap").path("resamples").asInt()).isEqualTo(8);
        assertThat(doc.path("bootstrap").has("draws")).isFalse();
        assertThat(doc.path("data").path("columns").path(variable).asString()).isEqualTo("size");
        assertThat(doc.path("data").path("sha256").asString()).hasSize(64);
        assertThat(doc.path("data").path("ranges").path(variable).get(0).asDouble()).isEqualTo(1e6);
        assertThat(doc.path("command").asString()).isEqualTo("scalefit fit runs.csv");
        assertThat(FitDocuments.fit(r, null, true).has("command")).isFalse();
        assertThat(FitDocuments.fit(r, null, true).path("bootstrap").path("draws")).hasSize(8);

        ObjectNode saved = FitDocuments.saved(r, "scalefit fit runs.csv --out fit.json");
        assertThat(saved.path("format").asString()).isEqualTo("scalefit-fit/2");
        assertThat(saved.path("kind").asString()).isEqualTo("runs");
        Path file = dir.resolve("fit.json");
        Files.writeString(file, saved.toString());
        FitFiles.Loaded back = FitFiles.read(file);
        assertThat(back.law().id()).isEqualTo("power-law");
        assertThat(back.theta()).containsExactly(r.fit().naturalPoint());
        assertThat(back.draws()).hasNumberOfRows(8);
        assertThat(back.draws()[3]).containsExactly(r.bootstrap().draws()[3]);
        // the server's stored fit: its parameters and draws are read by the same reader, given the law
        FitFiles.Loaded stored = FitFiles.values(FitDocuments.fit(r, null, true), r.law(), "fit fit_1");
        assertThat(stored.theta()).containsExactly(r.fit().naturalPoint());
        assertThat(stored.draws()[7]).containsExactly(r.bootstrap().draws()[7]);
    }

    @Test
    void anOldSavedFileWithoutTheNewFieldsStillLoads() throws Exception {
        // the shape written before provenance, warnings and level were added
        Path file = Files.writeString(dir.resolve("old.json"), "{\"format\": \"scalefit-fit/1\", \"law\": {\"id\":"
                + " \"power-law\", \"parameters\": [{\"name\": \"E\", \"lower\": 0, \"upper\": 10}, {\"name\": \"A\"},"
                + " {\"name\": \"alpha\", \"lower\": 0, \"upper\": 5}]}, \"parameters\": {\"E\": 1.7, \"A\": 400,"
                + " \"alpha\": 0.34}, \"bootstrap\": {\"draws\": [[1.6, 390, 0.33], [1.8, null, 0.35]]}}");
        FitFiles.Loaded back = FitFiles.read(file);
        assertThat(back.theta()).containsExactly(1.7, 400, 0.34);
        assertThat(back.draws()[1][1]).isNaN();
        assertThat(back.law().parameters().get(1).upper()).isInfinite();
    }

    @Test
    void aBadFitFileIsOneLineNamingTheFileAndTheValue() throws Exception {
        Path notFit = Files.writeString(dir.resolve("runs.json"), "{\"runs\": []}");
        assertThatThrownBy(() -> FitFiles.read(notFit))
                .hasMessage(notFit + ": not a scalefit fit file (expected \"format\": \"scalefit-fit/2\" with \"kind\":"
                        + " \"runs\", saved by scalefit fit ... --out; found no scalefit fit)");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"format\": \"scalefit-fit/1\",\n \"law\": [}");
        assertThatThrownBy(() -> FitFiles.read(broken)).hasMessageStartingWith(broken
                + ": not a valid fit file (JSON error at line 2, column").hasMessageNotContaining("Source");
        // a number left after the closing brace: said in our words, not Jackson's feature names
        Path trailing = Files.writeString(dir.resolve("trailing.json"), "{\"format\": \"scalefit-fit/1\"}\n 7");
        assertThatThrownBy(() -> FitFiles.read(trailing)).hasMessage(trailing + ": not a valid fit file (JSON error"
                + " at line 2, column 2: more text after the end of the JSON value (the file should end after its"
                + " closing '}' or ']'))");
        Path missing = dir.resolve("none.json");
        assertThatThrownBy(() -> FitFiles.read(missing)).hasMessageContaining("no such fit file");
        JsonNode noValue = JsonRunReader.MAPPER.readTree("{\"parameters\": {\"E\": 1}}");
        assertThatThrownBy(() -> FitFiles.values(noValue, LawCatalogue.get("power-law"), "fit fit_2"))
                .hasMessage("fit fit_2: parameter A has no value");
    }
}
