package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;

class CsvReadTest {
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
    void readsHeaderNumbersTextAndPositions() throws IOException {
        Path f = file("runs.csv", " N , D ,name,loss\n1e8,2e9,small,3.1\n2e8,4e9,big,2.9\n");
        RunTable t = RunTables.read(f);
        assertThat(t.source()).isEqualTo(f.toString());
        assertThat(t.columnNames()).containsExactly("N", "D", "name", "loss");
        assertThat(t.numbers("N")).containsExactly(1e8, 2e8);
        assertThat(t.numbers("loss")).containsExactly(3.1, 2.9);
        assertThat(t.column("D").position()).isEqualTo(2);
        Column name = t.column("name");
        assertThat(name.isNumeric()).isFalse();
        assertThat(name.position()).isEqualTo(3);
        assertThat(name.text()).containsExactly("small", "big");
        assertThat(name.badRow()).isZero();
        assertThat(lines(t)).containsExactly(2, 3);
    }

    @Test
    void quotedMultiLineFieldKeepsLaterLineNumbersRight() throws IOException {
        Path f = file("q.csv", "N,note,loss\n1,\"two\nlines, and a comma\",3\n2,\"say \"\"hi\"\"\",4\n5,x,6\n");
        RunTable t = RunTables.read(f);
        assertThat(lines(t)).containsExactly(2, 4, 5);
        assertThat(t.column("note").text()).containsExactly("two\nlines, and a comma", "say \"hi\"", "x");

        Path bad = file("qbad.csv", "N,note,loss\n1,\"two\nlines\",3\n2,x\n");
        DataException e = error(bad);
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.problem()).isEqualTo("expected 3 fields as in the header, found 2");
    }

    @Test
    void crlfLineEndings() throws IOException {
        Path f = file("crlf.csv", "N,tag\r\n1,\"a\r\nb\"\r\n2,c\r\n");
        RunTable t = RunTables.read(f);
        assertThat(lines(t)).containsExactly(2, 4);
        assertThat(t.column("tag").text()[1]).isEqualTo("c");
        assertThat(t.numbers("N")).containsExactly(1, 2);
    }

    @Test
    void fieldCountMismatchIsReportedAtItsLine() throws IOException {
        Path f = file("m.csv", "a,b,c,d,e,f,g\n1,2,3,4,5,6,7\n1,2,3,4,5\n");
        DataException e = error(f);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isNull();
        assertThat(e.getMessage()).isEqualTo(f + ", line 3: expected 7 fields as in the header, found 5");

        Path extra = file("x.csv", "a,b\n1,2\n1,2,3\n");
        assertThat(error(extra).problem()).isEqualTo("expected 2 fields as in the header, found 3");
    }

    @Test
    void utf8BomIsNotPartOfTheFirstName() throws IOException {
        Path f = dir.resolve("bom.csv");
        Files.write(f, "\uFEFFN,loss\n1,2\n".getBytes(StandardCharsets.UTF_8));
        RunTable t = RunTables.read(f);
        assertThat(t.columnNames()).containsExactly("N", "loss");
        assertThat(lines(t)).containsExactly(2);
    }

    @Test
    void tsvByExtensionAndExplicitSeparator() throws IOException {
        Path f = file("runs.tsv", "N\tD\tloss\n1e8\t2e9\t3.5\n");
        RunTable t = RunTables.read(f);
        assertThat(t.numbers("D")).containsExactly(2e9);
        Path semi = file("runs.txt", "N;loss\n1,5;2\n");
        RunTable s = RunTables.readCsv(semi, ';');
        assertThat(s.column("N").text()).containsExactly("1,5");
        assertThat(s.numbers("loss")).containsExactly(2);
    }

    @Test
    void emptyFileAndHeaderWithoutRows() throws IOException {
        assertThat(error(file("empty.csv", "")).problem())
                .isEqualTo("empty file: expected a header row and at least one run");
        assertThat(error(file("blank.csv", "\n\n")).problem())
                .isEqualTo("empty file: expected a header row and at least one run");
        DataException e = error(file("header.csv", "N,D,loss\n\n"));
        assertThat(e.problem()).isEqualTo("no data rows after the header");
        assertThat(e.line()).isEqualTo(1);
    }

    @Test
    void duplicateAndEmptyColumnNames() throws IOException {
        DataException dup = error(file("dup.csv", "N,D,N\n1,2,3\n"));
        assertThat(dup.line()).isEqualTo(1);
        assertThat(dup.column()).isEqualTo("3 ('N')");
        assertThat(dup.problem()).startsWith("duplicate column name 'N'").contains("column 1");

        DataException trimmedDup = error(file("dup2.csv", "loss, loss \n1,2\n"));
        assertThat(trimmedDup.column()).isEqualTo("2 ('loss')");

        DataException empty = error(file("empty-name.csv", "N, ,loss\n1,2,3\n"));
        assertThat(empty.line()).isEqualTo(1);
        assertThat(empty.column()).isEqualTo("2 ('')");
        assertThat(empty.problem()).startsWith("empty column name");

        assertThat(error(file("trailing.csv", "N,loss,\n1,2,\n")).column()).isEqualTo("3 ('')");
    }

    @Test
    void blankLinesAreSkippedAndLinesKept() throws IOException {
        RunTable t = RunTables.read(file("b.csv", "N,D\n\n1,2\n   \n\n3,4\n\n"));
        assertThat(lines(t)).containsExactly(3, 6);
        assertThat(t.numbers("D")).containsExactly(2, 4);
    }

    @Test
    void commentLinesAreSkippedWithCorrectLines() throws IOException {
        RunTable t = RunTables.read(file("c.csv", "# from the paper, table 3\nN,D\n1,2\n#5,6\n# note\n3,4\n"));
        assertThat(t.columnNames()).containsExactly("N", "D");
        assertThat(lines(t)).containsExactly(3, 6);
        assertThat(error(file("c2.csv", "# header next\nN,D,N\n1,2,3\n")).line()).isEqualTo(2);
    }

    @Test
    void dataRowStartingWithAColourIsNotSilentlyTakenForAComment() throws IOException {
        DataException e = error(file("colour.csv", "color,N,loss\nred,1,2\n#faebdd,3,4\n"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).contains("'#faebdd'").contains("quote the field");

        RunTable quoted = RunTables.read(file("colour2.csv", "color,N,loss\nred,1,2\n\"#faebdd\",3,4\n"));
        assertThat(quoted.column("color").text()).containsExactly("red", "#faebdd");
    }

    @Test
    void unclosedQuoteIsMalformedAtItsLine() throws IOException {
        DataException e = error(file("u.csv", "N,tag\n1,a\n2,\"open\n3,c\n"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).startsWith("malformed CSV: a quoted field is never closed");
    }

    @Test
    void textColumnFailsOnlyWhenReadAsNumbers() throws IOException {
        Path f = file("colors.csv", "x,N,color,loss\n1,1e8,#faebdd,3.1\n2,2e8,#f8d1b8,2.9\n");
        RunTable t = RunTables.read(f);
        assertThat(t.numbers("loss")).containsExactly(3.1, 2.9);
        assertThat(t.column("color").text()).containsExactly("#faebdd", "#f8d1b8");
        DataException e = catchThrowableOfType(DataException.class, () -> t.numbers("color"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo("3 ('color')");
        assertThat(e.getMessage()).isEqualTo(f + ", line 2, column 3 ('color'): expected a number, found '#faebdd'");
    }

    @Test
    void emptyCellMakesATextColumnLocatedAtIt() throws IOException {
        Path f = file("gap.csv", "N,loss\n1,3\n2,\n3,4\n");
        RunTable t = RunTables.read(f);
        assertThat(t.column("loss").isNumeric()).isFalse();
        assertThat(t.column("loss").badRow()).isEqualTo(1);
        DataException e = catchThrowableOfType(DataException.class, () -> t.numbers("loss"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).isEqualTo("expected a number, found an empty cell");
    }

    @Test
    void nanAndInfinityAreNumbersForLaterStagesToReject() throws IOException {
        RunTable t = RunTables.read(file("nan.csv", "N,loss\nNaN,inf\n1,-Infinity\n"));
        assertThat(t.column("N").isNumeric()).isTrue();
        assertThat(t.numbers("loss")).containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> t.positiveNumbers("N")).isInstanceOf(DataException.class)
                .hasMessageContaining("line 2");
    }

    @Test
    void unknownExtensionIsRefused() throws IOException {
        Path f = file("runs.xlsx", "N\n1\n");
        assertThat(error(f).problem()).startsWith("unknown kind of file");
    }

    @Test
    void missingFileIsAnIoError() {
        assertThatThrownBy(() -> RunTables.read(dir.resolve("nope.csv"))).isInstanceOf(IOException.class);
    }
}
