package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.Column;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.fit.FitSpec;
import org.scalefit.core.fit.Solver;
import org.scalefit.core.law.Law;
import org.scalefit.core.law.LawCatalogue;
import org.scalefit.core.pipeline.FitPipeline;
import org.scalefit.core.pipeline.FitReport;
import org.scalefit.core.synth.SyntheticSweep;

/** Runs tables read from Parquet (written here by DuckDB) equal the CSV of the same runs, and fit the same. */
class ParquetRunTableTest {
    @TempDir
    Path dir;

    private static void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static String q(Path p) {
        return "'" + p.toAbsolutePath() + "'";
    }

    @Test
    void parquetGivesTheCsvTableAndTheSameFit() throws Exception {
        Law law = LawCatalogue.get("chinchilla");
        double[] theta = new double[law.parameters().size()];
        for (int k = 0; k < theta.length; k++) {
            theta[k] = law.published().get(0).values().get(law.parameterNames().get(k));
        }
        RunTable sweep = SyntheticSweep.isoFlop(law, theta, new double[] {1e19, 1e20, 1e21}, 7, 6, 0.01, 3);
        Path csv = dir.resolve("runs.csv");
        RunTables.writeCsv(sweep, csv);
        Path pq = dir.resolve("runs.parquet");
        // DOUBLE columns, an integer column and a text column, as a runs table from a pipeline would have
        sql("COPY (SELECT N, D, C, L, CAST(round(N / 1e6) AS BIGINT) AS millions, 'run' || CAST(N AS VARCHAR) AS tag"
                + " FROM read_csv(" + q(csv) + ", columns = {'N': 'DOUBLE', 'D': 'DOUBLE', 'C': 'DOUBLE', 'L': 'DOUBLE'}))"
                + " TO " + q(pq) + " (FORMAT parquet)");

        RunTables.Sourced read = RunTables.readSourced(pq);
        RunTable t = read.table();
        assertThat(t.columnNames()).containsExactly("N", "D", "C", "L", "millions", "tag");
        assertThat(t.rowCount()).isEqualTo(sweep.rowCount());
        for (String name : sweep.columnNames()) {
            assertThat(t.column(name).isNumeric()).isTrue();
            // bit for bit: numbers pass through their exact shortest text
            assertThat(t.numbers(name)).containsExactly(sweep.numbers(name));
        }
        assertThat(t.column("millions").isNumeric()).isTrue();
        Column tag = t.column("tag");
        assertThat(tag.isNumeric()).isFalse();
        assertThat(tag.text()[0]).startsWith("run");
        assertThat(read.source().sha256()).hasSize(64).isEqualTo(RunTables.source(pq).sha256());

        FitSpec spec = FitSpec.defaults(law).withSolver(Solver.VARPRO);
        FitReport fromCsv = FitPipeline.run(RunTables.readSourced(csv).source(), RunTables.read(csv), new Selection(), spec,
                stage -> org.scalefit.core.fit.Progress.NONE);
        FitReport fromParquet = FitPipeline.run(read.source(), t, new Selection(), spec,
                stage -> org.scalefit.core.fit.Progress.NONE);
        assertThat(fromParquet.fit().parameters()).isEqualTo(fromCsv.fit().parameters());
        assertThat(fromParquet.fit().objective()).isEqualTo(fromCsv.fit().objective());
    }

    @Test
    void aNullIsAnEmptyCellAndErrorsSayTheRow() throws Exception {
        Path pq = dir.resolve("gaps.parquet");
        sql("COPY (SELECT * FROM (VALUES (1e8, 1e10, 3.1), (2e8, 2e10, NULL), (4e8, 4e10, 2.9)) v(N, D, L))"
                + " TO " + q(pq) + " (FORMAT parquet)");
        RunTable t = RunTables.read(pq);
        assertThat(t.column("L").isNumeric()).isFalse();
        assertThat(t.column("L").text()[1]).isEmpty();
        DataException e = catchThrowableOfType(DataException.class, () -> t.numbers("L"));
        assertThat(e.getMessage()).isEqualTo(pq + ", row 2, column 3 ('L'): expected a number, found an empty cell");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void aNegativeLossInAFitIsAtItsRow() throws Exception {
        Path pq = dir.resolve("neg.parquet");
        sql("COPY (SELECT * FROM (VALUES (1e8, 1e10, 3.1), (2e8, 2e10, 3.0), (4e8, 4e10, -2.9), (8e8, 8e10, 2.8),"
                + " (1.6e9, 1.6e11, 2.7), (3.2e9, 3.2e11, 2.6)) v(N, D, L)) TO " + q(pq) + " (FORMAT parquet)");
        RunTables.Sourced read = RunTables.readSourced(pq);
        Law law = LawCatalogue.get("chinchilla");
        DataException e = catchThrowableOfType(DataException.class, () -> FitPipeline.run(read.source(), read.table(),
                new Selection(), FitSpec.defaults(law), stage -> org.scalefit.core.fit.Progress.NONE));
        assertThat(e.getMessage()).contains("row 3").doesNotContain("line");
    }

    @Test
    void aFileThatIsNotParquetIsSaidSo() throws Exception {
        Path bad = dir.resolve("bad.parquet");
        Files.writeString(bad, "N,D,L\n1,2,3\n");
        DataException e = catchThrowableOfType(DataException.class, () -> RunTables.read(bad));
        assertThat(e.getMessage()).contains("bad.parquet").contains("not a Parquet file");
    }
}
