package org.scalefit.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalefit.core.data.DataException;
import org.scalefit.core.data.RunTable;
import org.scalefit.core.data.Selection;
import org.scalefit.core.law.LawCatalogue;

/**
 * Fuzzes the runs readers (CSV, TSV, JSON array, JSON {"runs": [...]}, JSON Lines): 5 formats x 400 seeded
 * mutations of a valid file (seed 20261202 + format index; 2,000 cases, a few seconds). Every case must read
 * the whole table or stop with a located {@link DataException} in our words, within the hang guard; a table
 * read is then selected for chinchilla, with the same rule.
 */
class RunReaderFuzzTest {
    static final long SEED = 20261202L;
    static final int CASES = 400;

    @TempDir
    static Path dir;

    private static final String CSV = "name,N,D,L,colour\n"
            + "a,1e8,2e9,3.1,#faebdd\n"
            + "\"b, quoted\",2e8,4e9,2.9,red\n"
            + "c,3e8,5.5e9,2.8,\"say \"\"hi\"\"\"\n"
            + "# a comment\n"
            + "d,4e8,8e9,2.7,\n"
            + "e,5e8,1.2e10,2.6,blue\n";

    private static final String JSON_ROWS = "{\"name\": \"a\", \"N\": 1e8, \"D\": 2e9, \"L\": 3.1}"
            + "|{\"name\": \"b\", \"N\": 2e8, \"D\": 4e9, \"L\": 2.9, \"note\": null}"
            + "|{\"name\": \"c\", \"N\": 3e8, \"D\": \"5.5e9\", \"L\": 2.8}"
            + "|{\"N\": 4e8, \"D\": 8e9, \"L\": 2.7, \"name\": \"d\"}"
            + "|{\"name\": \"e\\u00e9\", \"N\": 5e8, \"D\": 1.2e10, \"L\": 2.6}";

    static Stream<Arguments> formats() {
        String array = "[\n  " + JSON_ROWS.replace("|", ",\n  ") + "\n]\n";
        String wrapped = "{\"source\": {\"paper\": [1, 2]},\n \"runs\": [\n  " + JSON_ROWS.replace("|", ",\n  ")
                + "\n ],\n \"notes\": \"x\"}\n";
        String lines = JSON_ROWS.replace("|", "\n") + "\n";
        return Stream.of(Arguments.of(0, "runs.csv", CSV), Arguments.of(1, "runs.tsv", CSV.replace(',', '\t')),
                Arguments.of(2, "runs.json", array), Arguments.of(3, "wrapped.json", wrapped),
                Arguments.of(4, "runs.jsonl", lines));
    }

    static Stream<Arguments> cases() {
        return formats().flatMap(f -> IntStream.range(0, CASES).mapToObj(i -> Arguments.of(
                f.get()[0], f.get()[1], f.get()[2], i)));
    }

    @ParameterizedTest(name = "{1} #{3}")
    @MethodSource("formats")
    void validInputsRead(int format, String name, String valid) throws Exception {
        Path f = Files.writeString(dir.resolve("valid-" + name), valid);
        assertThat(RunTables.read(f).rowCount()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{1} #{3}")
    @MethodSource("cases")
    void mutatedInputsReadOrFailLocated(int format, String name, String valid, int i) throws Exception {
        Random rnd = new Random(SEED + format * 1_000_003L + i);
        byte[] bytes = Mutations.mutate(valid, rnd);
        Path f = dir.resolve(i + "-" + name);
        Files.write(f, bytes);
        String label = name + " case " + i + " (seed " + SEED + ")";
        RunTable[] table = new RunTable[1];
        DataException e = Mutations.check(label, f.toString(), () -> table[0] = RunTables.read(f));
        if (e == null) {
            assertThat(table[0].rowCount()).as(label).isPositive();
            assertThat(table[0].columnNames()).as(label).isNotEmpty();
            Mutations.check(label + " (selection)", f.toString(),
                    () -> new Selection().apply(table[0], LawCatalogue.get("chinchilla")));
        }
        Files.delete(f);
    }
}
