package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.law.LawCatalogue;

/**
 * Fuzzes the runs reader for Parquet: 120 seeded cases (seed 20261207 + case), each a file written by DuckDB
 * with columns N, D, L (and sometimes a text column), where a column may be of an odd type (text, booleans,
 * decimals, lists, structs, timestamps, blobs, huge integers, NaN, infinity), nulls, or no rows; then sometimes
 * truncated or with flipped bytes. Every case must read the whole table or stop with a located
 * {@link DataException} in our words, within the hang guard; a table read is then selected for chinchilla, with
 * the same rule. An undamaged file of plain numbers must read every row. About 10 s.
 */
class RunParquetFuzzTest {
    static final long SEED = 20261207L;
    static final int CASES = 120;

    @TempDir
    static Path dir;

    static Stream<Integer> cases() {
        return IntStream.range(0, CASES).boxed();
    }

    @ParameterizedTest(name = "runs parquet #{0}")
    @MethodSource("cases")
    void oddParquetRunsReadOrFailLocated(int i) throws Exception {
        Random rnd = new Random(SEED + i);
        String[] plain = {"1e8 * (i + 1)", "2e9 * (i + 1)", "3.0 - 0.01 * i"};
        String[] names = {"N", "D", "L"};
        boolean odd = false;
        StringBuilder select = new StringBuilder("SELECT ");
        for (int c = 0; c < names.length; c++) {
            boolean pick = rnd.nextInt(3) == 0;
            odd |= pick;
            select.append(pick ? Mutations.PARQUET_TYPES[rnd.nextInt(Mutations.PARQUET_TYPES.length)] : plain[c])
                    .append(" AS ").append(names[c]).append(", ");
        }
        select.append(rnd.nextBoolean() ? "'run ' || i AS name" : "i AS idx");
        int rows = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(40);
        select.append(" FROM range(").append(rows).append(") t(i)");
        Path f = dir.resolve("r" + i + ".parquet");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + f.toAbsolutePath() + "' (FORMAT parquet)");
        }
        byte[] bytes = Files.readAllBytes(f);
        int damage = rnd.nextInt(4);
        if (damage == 0) {
            bytes = Arrays.copyOf(bytes, rnd.nextInt(bytes.length));
        } else if (damage == 1) {
            for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
                bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 << rnd.nextInt(8));
            }
        }
        Files.write(f, bytes);
        String label = "runs parquet case " + i + " (seed " + SEED + "): " + select;
        RunTable[] table = new RunTable[1];
        DataException e = Mutations.check(label, f.toString(), () -> table[0] = RunTables.read(f));
        if (e == null) {
            assertThat(table[0].columnNames()).as(label).isNotEmpty();
            Mutations.check(label + " (selection)", f.toString(),
                    () -> new Selection().apply(table[0], LawCatalogue.get("chinchilla")));
        }
        if (!odd && damage >= 2 && rows > 0) {
            assertThat(e).as(label).isNull();
            assertThat(table[0].rowCount()).as(label).isEqualTo(rows);
            assertThat(table[0].column("N").isNumeric()).as(label).isTrue();
        }
        Files.delete(f);
    }
}
