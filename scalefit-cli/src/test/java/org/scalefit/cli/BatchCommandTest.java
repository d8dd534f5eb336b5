package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.core.data.NumberCells;
import org.scalefit.core.data.RunTable;
import org.scalefit.io.RunTables;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code scalefit batch} as a user runs it: rows per (group, law, objective), resume after an interruption
 * (a journal as a killed run leaves it), nothing refitted when the output is complete, another request's
 * output refused, shards whose outputs together are the unsharded rows, outputs checked before any fit.
 */
class BatchCommandTest {
    // one JSON value per line, as a journal holds them
    static final JsonMapper LINES = JsonMapper.builder().build();

    @TempDir
    Path dir;
    Path runs;

    @BeforeEach
    void simulate() {
        runs = dir.resolve("runs.csv");
        Cli sim = Cli.run("simulate", "--law", "chinchilla", "--groups", "6", "--broken", "1", "--budgets",
                "1e18,1e19,1e20,1e21,1e22", "--per-budget", "5", "--noise", "0.005", "-o", runs.toString());
        assertThat(sim.exit).as(sim.toString()).isZero();
    }

    private Cli batch(String out, String... more) {
        List<String> args = new ArrayList<>(List.of("batch", runs.toString(), "--group-by", "group", "--law",
                "chinchilla", "--objective", "huber:1e-3", "--objective", "squared", "--solver", "varpro",
                "--no-progress", "--json", "-o", dir.resolve(out).toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    private List<JsonNode> rows(String out) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(out))) {
            ObjectNode row = (ObjectNode) Json.MAPPER.readTree(line);
            row.remove("seconds"); // a fit's duration is the one value two runs of one request differ in
            rows.add(row);
        }
        return rows;
    }

    @Test
    void oneRowPerGroupAndObjectiveThenNothingRefitted() throws IOException {
        Cli first = batch("r.jsonl");
        assertThat(first.exit).as(first.toString()).isEqualTo(GroupOptions.SOME_FAILED);
        assertThat(first.json().path("tasks").asInt()).isEqualTo(14);
        assertThat(first.json().path("fitted").asInt()).isEqualTo(14);
        assertThat(first.json().path("failed").asInt()).isEqualTo(2);
        List<JsonNode> rows = rows("r.jsonl");
        assertThat(rows).extracting(r -> r.path("group").asString() + " " + r.path("objective_function").asString())
                .startsWith("g1 huber:0.001", "g1 squared", "g2 huber:0.001");
        assertThat(rows).allMatch(r -> r.path("request").asString().length() == 64);
        assertThat(Files.exists(dir.resolve("r.jsonl.partial.jsonl"))).isFalse();

        Cli again = batch("r.jsonl");
        assertThat(again.exit).isEqualTo(GroupOptions.SOME_FAILED);
        assertThat(again.json().path("fitted").asInt()).isZero();
        assertThat(again.json().path("skipped").asInt()).isEqualTo(14);

        Cli other = batch("r.jsonl", "--seed", "5");
        assertThat(other.exit).isEqualTo(Main.BAD_INPUT);
        assertThat(other.err).contains("r.jsonl was made by another request").contains("--force");
        Cli forced = batch("r.jsonl", "--seed", "5", "--force");
        assertThat(forced.json().path("fitted").asInt()).isEqualTo(14);
    }

    @Test
    void aFormulaIsFittedBesideTheCatalogueLawWithTheSameNumbers() throws IOException {
        // the Chinchilla law written as a formula (coefficients on a log scale, as the catalogue's) is a power sum
        // recognised from the formula: the same varpro fit, so the same objective per group to round-off
        Cli both = Cli.run("batch", runs.toString(), "--group-by", "group", "--law", "chinchilla",
                "--formula", "L = E + A/N^alpha + B/D^beta", "--param", "E=1e-4..1e3:log", "--param", "A=1e-6..1e30:log",
                "--param", "B=1e-6..1e30:log", "--param", "alpha=0..5", "--param", "beta=0..5",
                "--grid", "alpha=0,0.5,1,1.5,2", "--grid", "beta=0,0.5,1,1.5,2", "--solver", "varpro",
                "--no-progress", "--json", "-o", dir.resolve("laws.jsonl").toString());
        assertThat(both.exit).as(both.toString()).isEqualTo(GroupOptions.SOME_FAILED);
        List<JsonNode> rows = rows("laws.jsonl");
        assertThat(rows).extracting(r -> r.path("law").asString()).containsOnly("chinchilla",
                "L = E + A/N^alpha + B/D^beta");
        for (JsonNode r : rows) {
            if (r.path("law").asString().equals("chinchilla") && r.path("status").asString().equals("ok")) {
                JsonNode f = rows.stream().filter(x -> x.path("group").equals(r.path("group"))
                        && !x.path("law").asString().equals("chinchilla")).findFirst().orElseThrow();
                assertThat(f.path("status").asString()).isEqualTo("ok");
                assertThat(f.path("objective").asDouble()).isCloseTo(r.path("objective").asDouble(),
                        within(1e-9 * r.path("objective").asDouble()));
            }
        }
        Cli none = Cli.run("batch", runs.toString(), "--group-by", "group", "--no-progress");
        assertThat(none.exit).isEqualTo(Main.BAD_INPUT);
        assertThat(none.err).contains("give at least one law");
    }

    @Test
    void aKilledRunIsResumedToTheSameRowsWithFewerFits() throws IOException {
        assertThat(batch("whole.jsonl").exit).isEqualTo(GroupOptions.SOME_FAILED);
        List<JsonNode> whole = rows("whole.jsonl");
        // what a run killed after 5 tasks leaves: the journal's head, 5 finished tasks and a torn line
        Path journal = dir.resolve("half.jsonl.partial.jsonl");
        List<String> lines = new ArrayList<>();
        ObjectNode head = Json.object();
        head.put("fingerprint", whole.get(0).path("request").asString());
        lines.add(LINES.writeValueAsString(head));
        List<String> full = Files.readAllLines(dir.resolve("whole.jsonl"));
        for (int i = 0; i < 5; i++) {
            JsonNode row = Json.MAPPER.readTree(full.get(i));
            ObjectNode line = Json.object();
            line.put("task", i);
            line.put("key", "group=" + row.path("group").asString() + " | chinchilla | "
                    + row.path("objective_function").asString() + " on log");
            line.set("row", row);
            lines.add(LINES.writeValueAsString(line));
        }
        Files.write(journal, lines);
        Files.writeString(journal, "{\"task\": 5, \"key\": \"gro", java.nio.file.StandardOpenOption.APPEND);

        Cli resumed = batch("half.jsonl");
        assertThat(resumed.exit).as(resumed.toString()).isEqualTo(GroupOptions.SOME_FAILED);
        assertThat(resumed.json().path("skipped").asInt()).isEqualTo(5);
        assertThat(resumed.json().path("fitted").asInt()).isEqualTo(9);
        assertThat(rows("half.jsonl")).isEqualTo(whole);
        assertThat(Files.exists(journal)).isFalse();

        Files.writeString(dir.resolve("x.jsonl.partial.jsonl"), "{\"fingerprint\": \"" + "0".repeat(64) + "\"}\n");
        Cli refused = batch("x.jsonl");
        assertThat(refused.exit).isEqualTo(Main.BAD_INPUT);
        assertThat(refused.err).contains("the journal of another request");
    }

    @Test
    void shardOutputsTogetherAreTheUnshardedRows() throws IOException {
        assertThat(batch("all.csv").exit).isEqualTo(GroupOptions.SOME_FAILED);
        RunTable all = RunTables.read(dir.resolve("all.csv"));
        List<String> joined = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Cli shard = batch("s" + i + ".csv", "--shard", i + "/3");
            assertThat(shard.exit).as(shard.toString()).isIn(0, GroupOptions.SOME_FAILED);
            RunTable t = RunTables.read(dir.resolve("s" + i + ".csv"));
            for (int r = 0; r < t.rowCount(); r++) {
                joined.add(key(t, r));
            }
        }
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < all.rowCount(); r++) {
            expected.add(key(all, r));
        }
        assertThat(joined).containsExactlyInAnyOrderElementsOf(expected);
    }

    // a row without its duration and its request (the request names the shard)
    private static String key(RunTable t, int r) {
        StringBuilder sb = new StringBuilder();
        for (String c : t.columnNames()) {
            if (!c.equals("seconds") && !c.equals("request")) {
                // a column with an empty cell in one shard is text there and numeric in another: compare numbers
                var col = t.column(c);
                Double v = col.isNumeric() ? (Double) col.numbers()[r] : NumberCells.parse(col.text()[r]);
                sb.append(v != null ? v.toString() : col.text()[r]).append('|');
            }
        }
        return sb.toString();
    }

    @Test
    void outputsAreCheckedBeforeAnyFit() {
        Cli input = Cli.run("batch", runs.toString(), "--group-by", "group", "--law", "chinchilla", "-o",
                runs.toString());
        assertThat(input.exit).isEqualTo(Main.BAD_INPUT);
        assertThat(input.err).contains("is the input file");
        Cli ending = batch("r.txt");
        assertThat(ending.exit).isEqualTo(Main.BAD_INPUT);
        assertThat(ending.err).contains("must end in .csv or .jsonl or .parquet");
        Cli folder = batch("missing/r.csv");
        assertThat(folder.exit).isEqualTo(Main.BAD_INPUT);
        assertThat(folder.err).contains("does not exist");
        Cli shard = batch("r.csv", "--shard", "4/3");
        assertThat(shard.exit).isEqualTo(Main.BAD_INPUT);
        assertThat(shard.err).contains("--shard 4/3");
        assertThat(dir.resolve("r.csv")).doesNotExist();
    }
}
