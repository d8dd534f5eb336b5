package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.law.LawCatalogue;

/** Regression tests for what the reader fuzz tests found: each error located and in our words. */
class ReaderErrorsTest {
    @TempDir
    Path dir;

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private Path file(String name, String content) throws IOException {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private static DataException runsError(Path f) {
        return catchThrowableOfType(DataException.class,
                () -> new Selection().apply(RunTables.read(f), LawCatalogue.get("chinchilla")));
    }

    private static DataException curveError(Path f) {
        return catchThrowableOfType(DataException.class, () -> CurveFiles.read(f, CurveColumns.defaults()));
    }

    private static byte[] withByte(String text, int at, int b) {
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(t, t.length + 1);
        System.arraycopy(t, at, out, at + 1, t.length - at);
        out[at] = (byte) b;
        return out;
    }

    @Test
    void aByteThatIsNotUtf8IsAnErrorAtItsLineAndColumn() throws IOException {
        String csv = "N,D,L\n1e8,2e9,3\n2e8,4e9,2.5\n";
        DataException cell = runsError(file("bad.csv", withByte(csv, csv.indexOf("4e9"), 0xFF)));
        assertThat(cell.line()).isEqualTo(3);
        assertThat(cell.column()).isEqualTo("5");
        assertThat(cell.problem()).startsWith("not UTF-8 text: byte 0xFF");
        // in the header it used to be "malformed CSV: Exception when reading first record"
        DataException header = runsError(file("head.csv", withByte(csv, 2, 0xC3)));
        assertThat(header.line()).isEqualTo(1);
        assertThat(header.problem()).startsWith("not UTF-8 text");
        String json = "[\r\n{\"N\": 1e8, \"D\": 2e9, \"L\": 3},\r\n{\"N\": 2e8, \"D\": \"x\", \"L\": 2.5}]";
        DataException inJson = runsError(file("bad.json", withByte(json, json.indexOf("x"), 0xE2)));
        assertThat(inJson.line()).isEqualTo(3);
        assertThat(inJson.column()).isEqualTo("18");
        DataException curve = curveError(file("c.jsonl", withByte("{\"step\": 1, \"L\": 2}\n{\"step\": 2}", 25, 0x80)));
        assertThat(curve.line()).isEqualTo(2);
        assertThat(curve.problem()).startsWith("not UTF-8 text");
    }

    @Test
    void aBadValueInTheFourthRunOfOneLineJsonIsLocatedAtTheValue() throws IOException {
        String json = "[{\"N\":1e8,\"D\":2e9,\"L\":3.1},{\"N\":2e8,\"D\":4e9,\"L\":2.9},{\"N\":3e8,\"D\":5e9,\"L\":2.8},"
                + "{\"N\":4e8,\"D\":\"abc\",\"L\":2.7}]";
        DataException e = runsError(file("one.json", json));
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo(json.indexOf("\"abc\"") + 1 + " ('D')");
        assertThat(e.getMessage()).endsWith("one.json, line 1, column 93 ('D'): expected a number, found 'abc'");
    }

    @Test
    void aValueOnItsOwnLineIsLocatedThereNotAtTheRunsFirstLine() throws IOException {
        Path f = file("wrapped.json", "{\"runs\": [\n {\"N\":1e8,\"D\":2e9,\"L\":3.1},\n {\"N\":2e8,\"D\":4e9,\"L\":2.9},\n"
                + " {\"N\":4e8,\n  \"D\": -5, \"L\":2.7}]}\n");
        DataException e = runsError(f);
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.column()).isEqualTo("8 ('D')");
        assertThat(e.problem()).isEqualTo("expected a positive number, found -5.0");
        RunTable t = RunTables.read(f);
        assertThat(t.line(2)).isEqualTo(4); // the run itself still starts on its '{' line
    }

    @Test
    void jsonLinesBlameTheLineThatIsNotClosed() throws IOException {
        Path f = file("runs.jsonl", "{\"N\":1e8,\"D\":2e9,\"L\":3.1}\n{\"N\":2e8,\"D\":4e9,\"L\":2.9}\n"
                + "{\"N\":3e8,\"D\":5e9,\"L\":2.8\n{\"N\":4e8,\"D\":5,\"L\":2.7}\n");
        DataException e = runsError(f);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).startsWith("malformed JSON: the run on this line is not closed with '}'")
                .contains("line 4, column 1");
        DataException curve = curveError(file("c.jsonl", "{\"step\": 1, \"L\": 2}\n{\"step\": 2, \"L\": 1.5\n"
                + "{\"step\": 3, \"L\": 1}\n"));
        assertThat(curve.line()).isEqualTo(2);
        assertThat(curve.problem()).startsWith("malformed JSON: the row on this line is not closed with '}'");
        DataException cell = runsError(file("cell.jsonl", "{\"N\":1e8,\"D\":2e9,\"L\":3.1}\n\n{\"N\":2e8,\"D\":\"x\",\"L\":2}\n"));
        assertThat(cell.line()).isEqualTo(3);
        assertThat(cell.column()).isEqualTo("14 ('D')");
    }

    @Test
    void jacksonLimitsAreSaidInOurWords() throws IOException {
        DataException deep = runsError(file("deep.json", "{\"meta\": " + "[".repeat(3000) + "]"));
        assertThat(deep.problem()).matches("malformed JSON: nested more than \\d+ levels deep");
        DataException longNumber = runsError(file("long.json", "[{\"N\": 1" + "0".repeat(2000) + "}]"));
        assertThat(longNumber.problem()).startsWith("malformed JSON: malformed number (longer than 1000 characters)");
        DataException escape = runsError(file("esc.json", "[{\"N\": \"\\q\"}]"));
        assertThat(escape.problem()).startsWith("malformed JSON: malformed escape in a string");
        DataException nbsp = runsError(file("nbsp.json", "[{\"N\":\u00A01}]"));
        assertThat(nbsp.problem()).isEqualTo("malformed JSON: expected a value (a number, a string in double quotes,"
                + " true, false, null, an object or an array), found the character U+00A0");
        for (DataException e : new DataException[] {deep, longNumber, escape, nbsp}) {
            assertThat(e.problem()).doesNotContainPattern(Mutations.INTERNALS);
        }
    }

    @Test
    void curveCsvRefusesAnUnclosedQuoteAtItsLine() throws IOException {
        // the quote used to swallow the rest of the file into one cell, silently
        DataException e = curveError(file("c.csv", "step,L\n1,2\n2,\"3\n3,4\n"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).startsWith("malformed CSV: a quoted field is never closed");
    }

    @Test
    void aHugeCellIsShortenedInTheMessage() throws IOException {
        DataException e = runsError(file("huge.csv", "N,D,L\n1e8,2e9," + "x".repeat(5000) + "\n"));
        assertThat(e.problem()).startsWith("expected a number, found 'xxxx").endsWith("…' (5000 characters)");
        assertThat(e.problem().length()).isLessThan(120);
        DataException c = curveError(file("huge.tsv", "step\tL\n1\t" + "y".repeat(5000) + "\n"));
        assertThat(c.problem()).startsWith("expected a number, found 'yyyy").endsWith("…' (5000 characters)");
    }

    @Test
    void parquetErrorsAreInOurWords() throws Exception {
        Path ok = dir.resolve("ok.parquet");
        Path list = dir.resolve("list.parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT i AS step, 0.001 AS lr, 1.0 / (i + 1) AS L FROM range(50) t(i)) TO '"
                    + ok.toAbsolutePath() + "' (FORMAT parquet)");
            s.execute("COPY (SELECT i AS step, [1, 2] AS lr, 2.0 AS L FROM range(3) t(i)) TO '"
                    + list.toAbsolutePath() + "' (FORMAT parquet)");
        }
        byte[] bytes = Files.readAllBytes(ok);
        DataException cut = curveError(file("cut.parquet", Arrays.copyOf(bytes, bytes.length / 2)));
        assertThat(cut.problem()).isEqualTo("cannot read Parquet: not a Parquet file, or a truncated one (its footer is"
                + " missing)");
        DataException nested = curveError(list);
        assertThat(nested.line()).isEqualTo(1);
        assertThat(nested.getMessage()).contains("list.parquet, row 1, column 'lr': ");
        assertThat(nested.problem()).isEqualTo("expected a number, found '(a value of type INTEGER[])'");
        DataException empty = curveError(file("empty.parquet", new byte[0]));
        assertThat(empty.problem()).startsWith("cannot read Parquet: not a Parquet file");
    }
}
