package org.scalefit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalefit.server.ApiServer;

import tools.jackson.databind.JsonNode;

/**
 * The shells agree: the same request made with {@code scalefit fit --json} and with {@code POST /api/v1/fits}
 * gives documents with the same fields and the same numbers, ignoring only the times, the command and the
 * server's own fields (its ids, the bootstrap draws it keeps for predictions, the series the page plots).
 */
class ShellParityTest {
    private static final Path RUNS = Path.of("..", "examples", "chinchilla-synthetic.csv");
    /** Differ by nature: when and how long, the command line, the data set's id, the file as named by each shell. */
    private static final Set<String> IGNORED = Set.of("seconds", "bootstrap.seconds", "data.time", "command",
            "data.file");
    /** The server's own additions. */
    private static final Set<String> SERVER_ONLY = Set.of("data.dataset", "series", "bootstrap.names",
            "bootstrap.draws");

    @TempDir
    static Path dataDir;
    static ApiServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, dataDir, 1 << 20, null, 1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return Json.MAPPER.readTree(r.body());
    }

    private static JsonNode serverFit(String request) throws Exception {
        String base = server.url().replaceAll("/$", "") + "/api/v1";
        JsonNode ds = send(HttpRequest.newBuilder(URI.create(base + "/datasets?name=chinchilla-synthetic.csv"))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(RUNS))));
        String body = "{\"dataset\": \"" + ds.get("id").asString() + "\", " + request.substring(1);
        JsonNode job = send(HttpRequest.newBuilder(URI.create(base + "/fits")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        JsonNode done = job;
        for (int i = 0; i < 10 && !done.path("status").asString().equals("done"); i++) {
            done = send(HttpRequest.newBuilder(URI.create(base + "/fits/" + job.get("id").asString() + "?wait=30")));
        }
        assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
        return done.get("result");
    }

    /** Every leaf of a document by its dotted path (array elements by index). */
    private static Map<String, JsonNode> leaves(JsonNode n, String path, Map<String, JsonNode> out) {
        if (n.isObject() && !n.isEmpty()) {
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (n.isArray() && !n.isEmpty()) {
            for (int i = 0; i < n.size(); i++) {
                leaves(n.get(i), path + "[" + i + "]", out);
            }
        } else {
            out.put(path, n);
        }
        return out;
    }

    private static boolean dropped(String path, Set<String> names) {
        for (String name : names) {
            if (path.equals(name) || path.startsWith(name + ".") || path.startsWith(name + "[")) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, JsonNode> compared(JsonNode doc) {
        Map<String, JsonNode> all = leaves(doc, "", new TreeMap<>());
        all.keySet().removeIf(p -> dropped(p, IGNORED) || dropped(p, SERVER_ONLY));
        return all;
    }

    private static void assertSameDocument(JsonNode cli, JsonNode served) {
        Map<String, JsonNode> a = compared(cli);
        Map<String, JsonNode> b = compared(served);
        assertThat(b.keySet()).as("fields").containsExactlyElementsOf(a.keySet());
        List<String> differ = new ArrayList<>();
        a.forEach((path, v) -> {
            if (!v.equals(b.get(path))) {
                differ.add(path + ": " + v + " vs " + b.get(path));
            }
        });
        assertThat(differ).as("values that differ").isEmpty();
        // the ignored fields are there in both, and name the same file
        assertThat(Path.of(cli.path("data").path("file").asString()).getFileName().toString())
                .isEqualTo(served.path("data").path("file").asString());
        assertThat(cli.has("command")).isTrue();
        assertThat(served.path("data").path("dataset").asString()).startsWith("ds_");
        assertThat(served.path("series").path("fitted")).hasSize(cli.path("points").asInt());
    }

    @Test
    void aBootstrappedFitWithASelectionIsTheSameInBothShells() throws Exception {
        Cli cli = Cli.run("fit", RUNS.toString(), "--law", "chinchilla", "--where", "N >= 5e7", "--drop-highest", "2",
                "--bootstrap", "30", "--seed", "5", "--level", "0.9", "--json");
        assertThat(cli.exit).as(cli.toString()).isZero();
        JsonNode served = serverFit("{\"law\": \"chinchilla\", \"where\": [\"N >= 5e7\"], \"dropHighest\": 2,"
                + " \"bootstrap\": 30, \"seed\": 5, \"level\": 0.9}");
        JsonNode local = cli.json();
        assertSameDocument(local, served);
        // the same default solver in both, and the fields the README documents are there
        assertThat(local.path("solver").asString()).isEqualTo("lbfgsb");
        for (String key : List.of("law", "points", "parameters", "objective", "starts", "standardErrors", "intervals",
                "level", "warnings", "computeOptimalExponents")) {
            assertThat(local.has(key)).as(key).isTrue();
        }
        assertThat(local.path("data").path("sha256").asString()).hasSize(64);
        assertThat(local.path("bootstrap").path("resamples").asInt()).isEqualTo(30);
    }

    @Test
    void autoAndARenamedColumnAreTheSameInBothShells() throws Exception {
        Cli cli = Cli.run("fit", RUNS.toString(), "--law", "chinchilla", "--col", "L=L", "--solver", "auto", "--json");
        assertThat(cli.exit).as(cli.toString()).isZero();
        JsonNode served = serverFit("{\"law\": \"chinchilla\", \"columns\": {\"L\": \"L\"}, \"solver\": \"auto\"}");
        assertSameDocument(cli.json(), served);
        assertThat(served.path("solver").asString()).isEqualTo("varpro");
        assertThat(served.path("starts").path("plan").asString()).isEqualTo("the best 3 distinct of 25 exponent starts by projected objective (variable projection)");
    }
}
