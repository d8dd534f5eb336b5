package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;

class JsonReadTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private DataException error(Path file) {
        return catchThrowableOfType(DataException.class, () -> RunTables.read(file));
    }

    private static long[] lines(RunTable t) {
        long[] l = new long[t.rowCount()];
        for (int i = 0; i < l.length; i++) {
            l[i] = t.line(i);
        }
        return l;
    }

    @Test
    void topLevelArrayOfRuns() throws IOException {
        Path f = file("runs.json", "[\n  {\"N\": 1e8, \"D\": 2e9, \"loss\": 3.1},\n  {\"N\": 2e8,\n"
                + "   \"D\": 4e9, \"loss\": 2.9}\n]\n");
        RunTable t = RunTables.read(f);
        assertThat(t.source()).isEqualTo(f.toString());
        assertThat(t.columnNames()).containsExactly("N", "D", "loss");
        assertThat(t.column("loss").position()).isEqualTo(3);
        assertThat(t.numbers("N")).containsExactly(1e8, 2e8);
        assertThat(t.numbers("D")).containsExactly(2e9, 4e9);
        assertThat(lines(t)).containsExactly(2, 3);
    }

    @Test
    void objectWithRunsArrayIgnoresItsMetadata() throws IOException {
        Path f = file("wrapped.json", "{\"name\": \"sweep\", \"meta\": {\"by\": [1, 2]},\n \"runs\": [\n"
                + "  {\"N\": 1, \"loss\": 2},\n  {\"N\": 3, \"loss\": 4}\n ],\n \"notes\": \"x\"}\n");
        RunTable t = RunTables.read(f);
        assertThat(t.columnNames()).containsExactly("N", "loss");
        assertThat(t.numbers("loss")).containsExactly(2, 4);
        assertThat(lines(t)).containsExactly(3, 4);
    }

    @Test
    void jsonLinesWithBlankLines() throws IOException {
        Path f = file("runs.jsonl", "{\"N\": 1, \"loss\": 2}\n\n{\"N\": 3, \"loss\": 4}\n{\"loss\": 5, \"N\": 6}\n");
        RunTable t = RunTables.read(f);
        assertThat(t.columnNames()).containsExactly("N", "loss");
        assertThat(t.numbers("N")).containsExactly(1, 3, 6);
        assertThat(lines(t)).containsExactly(1, 3, 4);
        assertThat(RunTables.read(file("runs.ndjson", "{\"N\": 1}\n{\"N\": 2}")).numbers("N")).containsExactly(1, 2);
    }

    @Test
    void keysMayDifferAcrossRowsAndMissingIsEmpty() throws IOException {
        Path f = file("union.json", "[\n{\"N\": 1, \"loss\": 2},\n{\"N\": 3, \"D\": 7, \"loss\": 4},\n"
                + "{\"N\": null, \"D\": \"8\", \"loss\": \"5.5\"}\n]");
        RunTable t = RunTables.read(f);
        assertThat(t.columnNames()).containsExactly("N", "loss", "D");
        assertThat(t.column("D").position()).isEqualTo(3);
        assertThat(t.numbers("loss")).containsExactly(2, 4, 5.5);
        assertThat(t.column("D").text()).containsExactly("", "7", "8");
        DataException d = catchThrowableOfType(DataException.class, () -> t.numbers("D"));
        // the first run has no D at all: its line, and no column to point at
        assertThat(d.line()).isEqualTo(2);
        assertThat(d.column()).isEqualTo("'D'");
        assertThat(d.problem()).isEqualTo("expected a number, found no value: the run has no key 'D'");
        DataException n = catchThrowableOfType(DataException.class, () -> t.numbers("N"));
        assertThat(n.line()).isEqualTo(4);
    }

    @Test
    void stringsAndBooleansThatAreNotNumbersMakeTextColumns() throws IOException {
        Path f = file("text.json", "[{\"N\": \"1e8\", \"color\": \"#faebdd\", \"ok\": true},\n"
                + " {\"N\": \" 2e8 \", \"color\": \"#f8d1b8\", \"ok\": false}]");
        RunTable t = RunTables.read(f);
        assertThat(t.numbers("N")).containsExactly(1e8, 2e8);
        assertThat(t.column("ok").text()).containsExactly("true", "false");
        DataException e = catchThrowableOfType(DataException.class, () -> t.numbers("color"));
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo("24 ('color')"); // the character column of the value
        assertThat(e.problem()).isEqualTo("expected a number, found '#faebdd'");
    }

    @Test
    void largeNumbersAreExactDoubles() throws IOException {
        Path f = file("big.json", "[{\"C\": 5.76e23, \"I\": 576000000000000000000000, \"S\": \"5.76E+23\","
                + " \"P\": 0.30000000000000004, \"T\": 4.9e-324}]");
        RunTable t = RunTables.read(f);
        assertThat(t.numbers("C")[0]).isEqualTo(5.76e23);
        assertThat(t.numbers("I")[0]).isEqualTo(5.76e23);
        assertThat(t.numbers("S")[0]).isEqualTo(5.76e23);
        assertThat(t.numbers("P")[0]).isEqualTo(0.1 + 0.2);
        assertThat(t.numbers("T")[0]).isEqualTo(Double.MIN_VALUE);
    }

    @Test
    void nestedValueIsAnErrorAtItsLineAndColumn() throws IOException {
        Path f = file("nested.json", "[\n  {\"N\": 1},\n  {\"N\": 2, \"D\": {\"v\": 3}}\n]");
        DataException e = error(f);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("17");
        assertThat(e.problem()).isEqualTo("expected a number, a string or null as the value of 'D', found an object '{'");

        DataException arr = error(file("arr.jsonl", "{\"N\": 1}\n{\"N\": [2]}\n"));
        assertThat(arr.line()).isEqualTo(2);
        assertThat(arr.column()).isEqualTo("7");
        assertThat(arr.problem()).endsWith("found an array '['");

        // the first top-level object might yet be a wrapper whose metadata may nest: still located at the value
        DataException first = error(file("first.jsonl", "{\"N\": 1, \"D\": [2]}\n"));
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.column()).isEqualTo("15");
    }

    @Test
    void nonObjectRowIsAnError() throws IOException {
        DataException e = error(file("num.json", "[\n  {\"N\": 1},\n  42\n]"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("3");
        assertThat(e.problem()).isEqualTo("expected a run object '{...}' in the array, found a number");

        DataException l = error(file("lines.jsonl", "{\"N\": 1}\n[2]\n"));
        assertThat(l.line()).isEqualTo(2);
        assertThat(l.column()).isEqualTo("1");
        assertThat(l.problem()).isEqualTo("expected a run object '{...}' on each line, found an array '['");

        DataException top = error(file("str.json", "\n  \"runs\""));
        assertThat(top.line()).isEqualTo(2);
        assertThat(top.column()).isEqualTo("3");
        assertThat(top.problem()).startsWith("expected a JSON array of runs").endsWith("found a string");

        DataException wrapped = error(file("w.json", "{\"runs\": [{\"N\": 1}, \"x\"]}"));
        assertThat(wrapped.column()).isEqualTo("21");
    }

    @Test
    void malformedJsonIsReportedWhereTheParserStopped() throws IOException {
        DataException e = error(file("bad.json", "[\n  {\"N\": 1,},\n]"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo("11");
        assertThat(e.problem()).startsWith("malformed JSON: ").isEqualTo("malformed JSON: expected a key in double quotes, found '}'");

        DataException colon = error(file("colon.json", "[{\"N\" 1}]"));
        assertThat(colon.line()).isEqualTo(1);
        assertThat(colon.problem()).isEqualTo("malformed JSON: expected ':' after the key, found '1'");

        DataException eof = error(file("eof.json", "[{\"N\": 1}"));
        assertThat(eof.problem()).isEqualTo("malformed JSON: the file ends before every '{' and '[' is closed");

        DataException nan = error(file("nan.json", "[{\"N\": NaN}]"));
        assertThat(nan.column()).isEqualTo("11");
        assertThat(nan.problem()).startsWith("malformed JSON: NaN and Infinity are not JSON numbers");
    }

    @Test
    void duplicateKeyIsAnErrorAtThatKey() throws IOException {
        DataException e = error(file("dup.json", "[\n {\"N\": 1,\n  \"N\": 2}\n]"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("3");
        assertThat(e.problem()).isEqualTo("duplicate key 'N' in one run");

        DataException first = error(file("dup.jsonl", "{\"N\": 1, \"N\": 2}"));
        assertThat(first.line()).isEqualTo(1);
        assertThat(first.column()).isEqualTo("10");
        assertThat(first.problem()).isEqualTo("duplicate key 'N' in one object");
    }

    @Test
    void emptyInputsAndTrailingContent() throws IOException {
        assertThat(error(file("empty.json", "  \n")).problem()).startsWith("empty file: expected");
        DataException none = error(file("none.json", "[\n]"));
        assertThat(none.problem()).isEqualTo("the top-level array has no runs");
        assertThat(none.line()).isEqualTo(1);
        assertThat(error(file("none2.json", "{\"runs\": []}")).problem()).isEqualTo("the \"runs\" array has no runs");
        DataException after = error(file("after.json", "[{\"N\": 1}]\n{\"N\": 2}"));
        assertThat(after.line()).isEqualTo(2);
        assertThat(after.problem()).isEqualTo("expected the end of the file after the top-level array, found an object '{'");
        assertThat(error(file("keyless.jsonl", "{}\n{}\n")).problem()).startsWith("no columns");
    }

    @Test
    void bomIsSkippedAndColumnsCountCharacters() throws IOException {
        Path f = dir.resolve("bom.json");
        Files.write(f, "\uFEFF[{\"é\": 1, \"ß\": {}}]".getBytes(StandardCharsets.UTF_8));
        DataException e = error(f);
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isEqualTo("16");
    }

    @Test
    void emptyKeyIsAnErrorAtThatKey() throws IOException {
        DataException e = error(file("blank.json", "[{\"N\": 1},\n {\"N\": 2, \" \": 3}]"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo("11");
        assertThat(e.problem()).isEqualTo("empty key: every column needs a name");
        assertThat(error(file("blank.jsonl", "{\"\": 1}")).column()).isEqualTo("2");
    }
}
