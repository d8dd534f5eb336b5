package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.RunTable;

class WriteCsvTest {
    @TempDir
    Path dir;

    private static long[] bits(double[] values) {
        long[] b = new long[values.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = Double.doubleToRawLongBits(values[i]);
        }
        return b;
    }

    @Test
    void roundTripKeepsIdenticalDoublesAndText() throws IOException {
        double[] hard = {Math.PI, 0.1 + 0.2, 5.76e23, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, -0.0, 1.0 / 3,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 6795600349.289497};
        int n = hard.length;
        String[] colour = new String[n];
        String[] note = new String[n];
        for (int i = 0; i < n; i++) {
            colour[i] = "#f" + i + "ebdd";
            note[i] = i % 3 == 0 ? "a, \"quoted\"\nnote" : i % 3 == 1 ? "" : " spaced ";
        }
        long[] lines = new long[n];
        for (int i = 0; i < n; i++) {
            lines[i] = 10 + i;
        }
        RunTable table = new RunTable("memory", List.of(
                Column.text("color", 1, colour, 0),
                Column.numeric("C", 2, hard),
                Column.text("note", 3, note, 0)), lines);

        Path f = dir.resolve("out.csv");
        RunTables.writeCsv(table, f);
        RunTable back = RunTables.read(f);

        assertThat(back.columnNames()).containsExactly("color", "C", "note");
        assertThat(bits(back.numbers("C"))).containsExactly(bits(hard));
        assertThat(back.column("color").text()).containsExactly(colour);
        assertThat(back.column("note").text()).containsExactly(note);
        assertThat(back.rowCount()).isEqualTo(n);
    }

    @Test
    void writtenFileReadsBackWithItsOwnLines() throws IOException {
        RunTable table = new RunTable("memory", List.of(Column.numeric("N", 1, new double[] {1e8, 2e8})),
                new long[] {5, 9});
        Path f = dir.resolve("n.csv");
        RunTables.writeCsv(table, f);
        assertThat(Files.readString(f)).isEqualTo("N\n1.0E8\n2.0E8\n");
        RunTable back = RunTables.read(f);
        assertThat(back.line(0)).isEqualTo(2);
        assertThat(back.line(1)).isEqualTo(3);
    }

    @Test
    void singleTextColumnWithEmptyCellSurvives() throws IOException {
        RunTable table = new RunTable("memory", List.of(Column.text("tag", 1, new String[] {"a", "", "b"}, 1)),
                new long[] {2, 3, 4});
        Path f = dir.resolve("one.csv");
        RunTables.writeCsv(table, f);
        assertThat(RunTables.read(f).column("tag").text()).containsExactly("a", "", "b");
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path f = Files.writeString(dir.resolve("runs.csv"), "old,content\nthat,is\nlonger,than,the,new\n");
        RunTable table = new RunTable("memory", List.of(Column.numeric("loss", 1, new double[] {2.5})),
                new long[] {2});
        RunTables.writeCsv(table, f);
        assertThat(Files.readString(f)).isEqualTo("loss\n2.5\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void failedMoveLeavesTheTargetAloneAndNoTemporaryFiles() throws IOException {
        // a non-empty folder cannot be replaced by a file, so the final move fails
        Path target = Files.createDirectory(dir.resolve("runs.csv"));
        Path inside = Files.writeString(target.resolve("inner.txt"), "keep");
        RunTable table = new RunTable("memory", List.of(Column.numeric("loss", 1, new double[] {2.5})),
                new long[] {2});
        assertThatThrownBy(() -> RunTables.writeCsv(table, target)).isInstanceOf(IOException.class);
        assertThat(Files.readString(inside)).isEqualTo("keep");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }
}
