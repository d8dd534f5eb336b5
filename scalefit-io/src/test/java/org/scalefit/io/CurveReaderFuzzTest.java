package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalefit.core.curve.Curve;
import org.scalefit.core.data.DataException;

/**
 * Fuzzes the curve readers. Text (CSV, TSV, JSON Lines): 3 formats x 300 seeded mutations of a valid file (seed
 * 20261203 + format index; 900 cases). Parquet: 80 seeded cases (seed 20261204), each a valid file written by
 * DuckDB with odd column types (text, booleans, decimals, lists, structs, timestamps, blobs), nulls or no rows,
 * then sometimes truncated or with flipped bytes. Every case must give whole curves or a located
 * {@link DataException} in our words, within the hang guard. About 15 s in all.
 */
class CurveReaderFuzzTest {
    static final long SEED = 20261203L;
    static final long PARQUET_SEED = 20261204L;
    static final int CASES = 300;
    static final int PARQUET_CASES = 80;

    @TempDir
    static Path dir;

    private static final String CSV = "run,step,lr,L,tokens\n"
            + "a,0,0.001,10.0,0\n"
            + "a,100,0.001,5.0,409600\n"
            + "b,0,0.002,9.0,0\n"
            + "a,50,0.001,7.0,204800\n"
            + "b,200,0.001,4.0,819200\n";

    static Stream<Arguments> cases() {
        StringBuilder jl = new StringBuilder();
        for (String line : CSV.split("\n")) {
            if (!line.startsWith("run")) {
                String[] f = line.split(",");
                jl.append("{\"run\": \"").append(f[0]).append("\", \"step\": ").append(f[1]).append(", \"lr\": ")
                        .append(f[2]).append(", \"L\": ").append(f[3]).append(", \"tokens\": ").append(f[4])
                        .append("}\n");
            }
        }
        List<Arguments> formats = List.of(Arguments.of(0, "c.csv", CSV), Arguments.of(1, "c.tsv",
                CSV.replace(',', '\t')), Arguments.of(2, "c.jsonl", jl.toString()));
        return formats.stream().flatMap(f -> IntStream.range(0, CASES).mapToObj(i -> Arguments.of(
                f.get()[0], f.get()[1], f.get()[2], i)));
    }

    @ParameterizedTest(name = "{1} #{3}")
    @MethodSource("cases")
    void mutatedTextReadsOrFailsLocated(int format, String name, String valid, int i) throws Exception {
        Random rnd = new Random(SEED + format * 1_000_003L + i);
        Path f = dir.resolve(i + "-" + name);
        Files.write(f, i == 0 ? valid.getBytes() : Mutations.mutate(valid, rnd));
        check(name + " case " + i + " (seed " + SEED + ")", f);
        Files.delete(f);
    }

    static Stream<Integer> parquetCases() {
        return IntStream.range(0, PARQUET_CASES).boxed();
    }

    @ParameterizedTest(name = "parquet #{0}")
    @MethodSource("parquetCases")
    void oddParquetReadsOrFailsLocated(int i) throws Exception {
        Random rnd = new Random(PARQUET_SEED + i);
        String[] columns = {"step", "lr", "L"};
        String[] values = new String[columns.length];
        for (int c = 0; c < columns.length; c++) {
            values[c] = rnd.nextInt(3) == 0 ? Mutations.PARQUET_TYPES[rnd.nextInt(Mutations.PARQUET_TYPES.length)]
                    : c == 0 ? "i * 10" : c == 1 ? "0.001" : "10.0 / (i + 1)";
        }
        String run = rnd.nextInt(4) == 0 ? Mutations.PARQUET_TYPES[rnd.nextInt(Mutations.PARQUET_TYPES.length)] + " AS run, " : "'r' AS run, ";
        int rows = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(40);
        Path f = dir.resolve("p" + i + ".parquet");
        String select = "SELECT " + run + values[0] + " AS step, " + values[1] + " AS lr, " + values[2]
                + " AS L FROM range(" + rows + ") t(i)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + f.toAbsolutePath() + "' (FORMAT parquet)");
        }
        byte[] bytes = Files.readAllBytes(f);
        switch (rnd.nextInt(4)) {
            case 0:
                bytes = Arrays.copyOf(bytes, rnd.nextInt(bytes.length));
                break;
            case 1:
                for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                    bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                break;
            default:
                break; // the valid file as written
        }
        Files.write(f, bytes);
        check("parquet case " + i + " (seed " + PARQUET_SEED + "): " + select, f);
        Files.delete(f);
    }

    private static void check(String label, Path f) {
        List<Curve>[] curves = new List[1];
        DataException e = Mutations.check(label, f.toString(),
                () -> curves[0] = CurveFiles.read(f, CurveColumns.defaults()));
        if (e == null) {
            assertThat(curves[0]).as(label).isNotEmpty();
            for (Curve c : curves[0]) {
                assertThat(c.step().length).as(label).isPositive().isEqualTo(c.loss().length);
            }
        }
    }
}
