package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;

class LargeAndSharedDataTest {
    @TempDir
    Path dir;

    @Test
    void readsTwoHundredThousandRows() throws IOException {
        int rows = 200_000;
        Path f = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("N,D,C,loss,name\n");
            for (int i = 0; i < rows; i++) {
                double n = 1e6 * (1 + i);
                double d = 20 * n;
                w.write(n + "," + d + "," + 6 * n * d + "," + (1.7 + 400 / Math.pow(n, 0.34)) + ",run-" + i + "\n");
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        RunTable t = RunTables.read(f);
        System.gc();
        long retained = rt.totalMemory() - rt.freeMemory() - before;

        assertThat(t.rowCount()).isEqualTo(rows);
        assertThat(t.line(rows - 1)).isEqualTo(rows + 1);
        assertThat(t.numbers("N")[rows - 1]).isEqualTo(2e11);
        assertThat(t.numbers("C")[123]).isEqualTo(6 * 1.24e8 * (20 * 1.24e8));
        assertThat(t.column("name").text()[rows - 1]).isEqualTo("run-" + (rows - 1));
        // four numeric columns, the line numbers and 200k short names: tens of MB, not hundreds
        assertThat(retained).isLessThan(128L << 20);
    }

    @Test
    void readsTheSharedChinchillaData() throws IOException {
        Path shared = Path.of(System.getProperty("scalefit.shared", "../shared"));
        if (!Files.isDirectory(shared)) {
            fail("../shared not found at " + shared.toAbsolutePath()
                    + " (set -Dscalefit.shared=<folder> to where the shared data lives)");
        }
        Path f = shared.resolve("data/chinchilla-epoch/data/svg_extracted_data.csv");
        if (!Files.isRegularFile(f)) {
            fail("shared data file missing: " + f.toAbsolutePath());
        }
        RunTable t = RunTables.read(f);
        assertThat(t.rowCount()).isEqualTo(245);
        assertThat(t.line(0)).isEqualTo(2);
        for (String name : new String[] {"Model Size", "Training FLOP", "loss"}) {
            assertThat(t.column(name).isNumeric()).as(name).isTrue();
            assertThat(t.positiveNumbers(name)).as(name).hasSize(245);
        }
        assertThat(t.numbers("Model Size")[0]).isEqualTo(6795600349.289497);
        assertThat(t.numbers("Training FLOP")[0]).isEqualTo(9.993852799709755e+18);
        assertThat(t.column("color").isNumeric()).isFalse();
        DataException e = catchThrowableOfType(DataException.class, () -> t.numbers("color"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo("3 ('color')");
        assertThat(e.problem()).isEqualTo("expected a number, found '#faebdd'");
    }
}
