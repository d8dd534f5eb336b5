package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.data.DataException;

class CurveFilesTest {
    @TempDir
    Path dir;

    private static final String CSV = "run,step,lr,L,size\n"
            + "a,0,0.001,10.0,small\n"
            + "a,100,0.001,5.0,small\n"
            + "b,0,0.002,9.0,big\n"
            + "a,50,0.001,7.0,small\n"   // out of order: sorted by step
            + "b,200,0.001,4.0,big\n";

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static CurveColumns withGroup() {
        return new CurveColumns(null, null, null, null, null, List.of("size"), true);
    }

    private static void assertTwoRuns(List<Curve> cs) {
        assertThat(cs).hasSize(2);
        Curve a = cs.get(0);
        assertThat(a.run()).isEqualTo("a");
        assertThat(a.step()).containsExactly(0, 50, 100);
        assertThat(a.loss()).containsExactly(10, 7, 5);
        assertThat(a.lr()).containsExactly(0.001, 0.001, 0.001);
        assertThat(a.groups()).containsEntry("size", "small");
        assertThat(cs.get(1).step()).containsExactly(0, 200);
        assertThat(cs.get(1).lr()).containsExactly(0.002, 0.001);
    }

    @Test
    void csvJsonLinesAndParquetGiveTheSameCurves() throws Exception {
        Path csv = write("c.csv", CSV);
        assertTwoRuns(CurveFiles.read(csv, withGroup()));
        StringBuilder jl = new StringBuilder();
        for (String line : CSV.split("\n")) {
            if (line.startsWith("run")) {
                continue;
            }
            String[] f = line.split(",");
            jl.append("{\"run\":\"").append(f[0]).append("\",\"step\":").append(f[1]).append(",\"lr\":").append(f[2])
                    .append(",\"L\":").append(f[3]).append(",\"size\":\"").append(f[4]).append("\"}\n");
        }
        assertTwoRuns(CurveFiles.read(write("c.jsonl", jl.toString()), withGroup()));
        Path pq = dir.resolve("c.parquet");
        toParquet(csv, pq);
        assertTwoRuns(CurveFiles.read(pq, withGroup()));
    }

    static void toParquet(Path csv, Path parquet) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (SELECT * FROM read_csv('" + csv.toAbsolutePath() + "')) TO '"
                    + parquet.toAbsolutePath() + "' (FORMAT parquet)");
        }
    }

    @Test
    void noRunColumnMeansOneRunAndTheUsualLossNames() throws IOException {
        List<Curve> cs = CurveFiles.read(write("one.csv", "step,Metrics/loss,lr\n0,3,1e-3\n1,2.5,1e-3\n"),
                CurveColumns.defaults());
        assertThat(cs).hasSize(1);
        assertThat(cs.get(0).run()).isEmpty();
        assertThat(cs.get(0).loss()).containsExactly(3, 2.5);
    }

    @Test
    void badRowsAreLocatedByFileLineAndColumn() throws IOException {
        DataException e = bad("x.csv", "step,lr,L\n0,1e-3,3\n1,1e-3,abc\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo("'L'");
        assertThat(e.getMessage()).contains("x.csv").contains("expected a number, found 'abc'");

        e = bad("neg.csv", "step,lr,L\n0,1e-3,3\n-5,1e-3,2\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("column 'step'").contains("non-negative step");

        e = bad("lr.csv", "step,lr,L\n0,1e-3,3\n1,-1e-3,2\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("column 'lr'").contains("learning rate >= 0");

        e = bad("dup.csv", "step,lr,L\n0,1e-3,3\n1,1e-3,2\n1,1e-3,2.5\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("appears twice (also line 3)");

        e = bad("noloss.csv", "step,lr\n0,1e-3\n");
        assertThat(e.getMessage()).contains("no loss column");

        e = bad("short.csv", "step,lr,L\n0,1e-3\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("expected 3 fields");

        e = bad("j.jsonl", "{\"step\":0,\"lr\":0.001,\"L\":3}\n{\"step\":1,\"lr\":\"fast\",\"L\":2}\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("column 'lr'").contains("'fast'");

        e = bad("broken.jsonl", "{\"step\":0,\"lr\":0.001,\"L\":3}\n{\"step\":1,\n");
        assertThat(e.getMessage()).contains("malformed JSON");
    }

    @Test
    void parquetErrorsNameTheRow() throws Exception {
        Path csv = write("p.csv", "step,lr,L\n0,0.001,3\n1,-0.5,2\n");
        Path pq = dir.resolve("p.parquet");
        toParquet(csv, pq);
        DataException e = catchThrowableOfType(DataException.class, () -> CurveFiles.read(pq, CurveColumns.defaults()));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("p.parquet").contains("p.parquet, row 2, column 'lr': ");
    }

    @Test
    void exactRepeatsCanBeDroppedAndSplitColumnsRead() throws IOException {
        Path f = write("rep.csv", "task,model,x,Loss,Training\nt,m,1,3,1\nt,m,2,2,1\nt,m,2,2,1\nt,m,3,1.5,0\n");
        CurveColumns cols = new CurveColumns("task,model", "x", null, null, "Loss", List.of(), true)
                .withSplit("Training", true);
        List<Curve> cs = CurveFiles.read(f, cols);
        assertThat(cs.get(0).run()).isEqualTo("t / m");
        assertThat(cs.get(0).step()).containsExactly(1, 2, 3);
        assertThat(cs.get(0).split()).containsExactly(1, 1, 0);
    }

    private DataException bad(String name, String text) throws IOException {
        Path f = write(name, text);
        return catchThrowableOfType(DataException.class, () -> CurveFiles.read(f, CurveColumns.defaults()));
    }
}
