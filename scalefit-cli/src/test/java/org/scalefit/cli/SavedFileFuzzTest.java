package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fuzzing the files scalefit reads back: saved fits ({@code fit --out}, read by {@code predict}), saved curve
 * fits ({@code curve fit --out}, read by {@code curve predict}) and law files ({@code --law-file}, read by
 * {@code fit}). Each case applies 1–3 seeded random mutations to a valid file (text: delete a span, insert a
 * character, truncate, nest deeply; JSON tree: delete a member or element, replace a value by a hostile one,
 * rename a key) and runs the command on it: it must succeed, or fail with exit 2 and one located line
 * naming the file, with nothing on stdout; never another exit code, a stack trace, an internal class name or a
 * hang (20 s per case). Cases in CI: 400 fit files, 300 curve fits (150 of each law) and 200 law files;
 * seeds 8001, 8002, 8003, 8004.
 */
class SavedFileFuzzTest {
    static final int FIT_CASES = 400;
    static final int CURVE_CASES = 150;
    static final int LAW_CASES = 200;

    @TempDir
    static Path tmp;

    static String fitFile;
    static String lrCurveFit;
    static String powerCurveFit;
    static Path powerCurve;

    static final String LAW_FILE = """
            {"id": "my-law", "name": "two power terms", "formula": "E + A/N^alpha + B/D^beta", "target": "L",
             "parameters": [
               {"name": "E", "lower": 1e-4, "upper": 1e3, "scale": "log", "grid": [1, 2]},
               {"name": "A", "lower": 1e-6, "upper": 1e30, "scale": "log", "grid": [10, 1000]},
               {"name": "B", "lower": 1e-6, "upper": 1e30, "scale": "log", "grid": [10, 1000]},
               {"name": "alpha", "lower": 0, "upper": 5, "grid": [0.3, 0.6]},
               {"name": "beta", "lower": 0, "upper": 5, "scale": "linear", "grid": [0.3, 0.6]}]}
            """;

    @BeforeAll
    static void validFiles() throws IOException {
        Path fit = tmp.resolve("fit.json");
        ok(Cli.run("fit", FitCommandTest.EXAMPLE, "--law", "chinchilla", "--starts", "16", "--bootstrap", "8",
                "--out", fit.toString()));
        fitFile = Files.readString(fit);
        Path lr = tmp.resolve("lr.json");
        ok(Cli.run("curve", "fit", SharedData.path("data/lr-annealing-curves/data/"
                + "M_100M_gpt_D_20B_scheduler_cosine_rope.csv").toString(), "--every", "100", "--out", lr.toString()));
        lrCurveFit = Files.readString(lr);
        StringBuilder sb = new StringBuilder("step,lr,L\n");
        for (int s = 1; s <= 200; s++) {
            sb.append(s).append(",1e-3,").append(2 + 5 * Math.pow(s, -0.5)).append('\n');
        }
        powerCurve = Files.writeString(tmp.resolve("curve.csv"), sb);
        Path pw = tmp.resolve("power.json");
        ok(Cli.run("curve", "fit", powerCurve.toString(), "--law", "power-law", "--out", pw.toString()));
        powerCurveFit = Files.readString(pw);
        Path law = Files.writeString(tmp.resolve("law-ok.json"), LAW_FILE);
        ok(Cli.run("fit", FitCommandTest.EXAMPLE, "--law-file", law.toString(), "--starts", "4"));
    }

    private static void ok(Cli r) {
        assertThat(r.exit).as(r.toString()).isZero();
    }

    @Test
    void savedFits() {
        fuzz(fitFile, FIT_CASES, 8001, "fit", f -> new String[] {"predict", "--fit", f, "--at", "N=7e10,D=1.4e12"});
    }

    @Test
    void savedCurveFits() {
        fuzz(lrCurveFit, CURVE_CASES, 8002, "curve-lr",
                f -> new String[] {"curve", "predict", "--fit", f, "--schedule", "cosine:steps=2000,peak=1e-3,final=1e-4"});
        fuzz(powerCurveFit, CURVE_CASES, 8003, "curve-power",
                f -> new String[] {"curve", "predict", "--fit", f, "--schedule", "steps:300"});
    }

    @Test
    void lawFiles() {
        fuzz(LAW_FILE, LAW_CASES, 8004, "law",
                f -> new String[] {"fit", FitCommandTest.EXAMPLE, "--law-file", f, "--starts", "4"});
    }

    private static void fuzz(String valid, int cases, long seed, String name, Function<String, String[]> command) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<String> failures = new ArrayList<>();
        int succeeded = 0;
        for (int i = 0; i < cases; i++) {
            String text = valid;
            int n = 1 + rng.nextInt(3);
            for (int m = 0; m < n; m++) {
                text = mutate(text, rng);
            }
            Path file = tmp.resolve(name + "-" + i + ".json");
            try {
                Files.writeString(file, text);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            String[] args = command.apply(file.toString());
            String label = "case " + i + " hangs: " + file;
            Cli r = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Cli.run(args), () -> label);
            if (r.exit == 0) {
                succeeded++;
                continue;
            }
            boolean located = r.exit == 2 && r.err.startsWith("scalefit: error: ") && r.err.strip().lines().count() == 1
                    && r.out.isEmpty() && !r.err.contains("Exception") && !r.err.contains("at org.")
                    && !r.err.contains("jackson") && !r.err.contains("Node") && !r.err.contains("is null")
                    && !r.err.contains("java.") && !r.err.contains("Source:") && !r.err.contains("StreamReadFeature");
            if (!located) {
                failures.add("case " + i + " (" + file.getFileName() + "): exit " + r.exit + ", stdout "
                        + r.out.length() + " chars, stderr: " + r.err.lines().limit(3).toList());
            }
        }
        assertThat(failures).as(name + ": " + failures.size() + " of " + cases + " cases failed badly; the first:\n"
                + String.join("\n", failures.subList(0, Math.min(12, failures.size())))).isEmpty();
        // the mutations must leave some files readable, or the test only exercises the JSON parser
        assertThat(succeeded).as(name + " cases that still succeed").isGreaterThan(0);
    }

    private static final Object[] HOSTILE = {0, -1, 1, 2000000000, 1e308, -1e308, 4.9e-324, "", "x", "chinchilla",
        "power-law", "lr-annealing", "unknown-law", "N^", "log", "linear", "LOG", "1e9", null, true, "[]", "{}",
        "E + A/N^alpha", "x".repeat(5000)};

    static String mutate(String text, SplittableRandom rng) {
        int kind = rng.nextInt(10);
        if (kind == 0 && !text.isEmpty()) { // delete a span
            int a = rng.nextInt(text.length());
            int b = Math.min(text.length(), a + 1 + rng.nextInt(12));
            return text.substring(0, a) + text.substring(b);
        }
        if (kind == 1) { // insert a character
            String chars = "{}[]\",:0123456789eE.-+ aN\n\\";
            int a = rng.nextInt(text.length() + 1);
            return text.substring(0, a) + chars.charAt(rng.nextInt(chars.length())) + text.substring(a);
        }
        if (kind == 2 && !text.isEmpty()) { // truncate
            return text.substring(0, rng.nextInt(text.length()));
        }
        if (kind == 3) { // nest deeply
            return "[".repeat(5000) + text;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (RuntimeException e) {
            return text; // already broken: leave it to the text mutations
        }
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        if (containers.isEmpty()) {
            return text;
        }
        JsonNode c = containers.get(rng.nextInt(containers.size()));
        if (c instanceof ObjectNode o && !o.isEmpty()) {
            List<String> keys = new ArrayList<>(o.propertyNames());
            String key = keys.get(rng.nextInt(keys.size()));
            switch (rng.nextInt(3)) {
                case 0 -> o.remove(key);
                case 1 -> {
                    JsonNode v = o.remove(key);
                    o.set(key + "x", v);
                }
                default -> o.set(key, hostile(rng));
            }
        } else if (c instanceof ArrayNode a && !a.isEmpty()) {
            int idx = rng.nextInt(a.size());
            switch (rng.nextInt(3)) {
                case 0 -> a.remove(idx);
                case 1 -> a.add(a.get(idx).deepCopy());
                default -> a.set(idx, hostile(rng));
            }
        }
        return Json.write(root);
    }

    private static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isObject() || n.isArray()) {
            out.add(n);
            for (JsonNode child : n) {
                collect(child, out);
            }
        }
    }

    private static JsonNode hostile(SplittableRandom rng) {
        Object v = HOSTILE[rng.nextInt(HOSTILE.length)];
        if (v == null) {
            return Json.MAPPER.nullNode();
        }
        if (v instanceof String s && (s.equals("[]") || s.equals("{}"))) {
            return s.equals("[]") ? Json.MAPPER.createArrayNode() : Json.MAPPER.createObjectNode();
        }
        return Json.MAPPER.valueToTree(v);
    }
}
