package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

/**
 * The store survives a hard kill: a server in its own JVM stores a data set, a fit and a backtest of it, is
 * killed at once (SIGKILL, no shutdown hook), and a new server on the same data directory has all three.
 */
class RestartTest {
    private static final Pattern SERVING = Pattern.compile("scalefit serving (http://\\S+)");

    record Running(Process process, String url) {
    }

    static Running startServer(Path dataDir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ServeCommand.class.getName(), "--port", "0", "--data-dir", dataDir.toString())
                .redirectErrorStream(true);
        Process p = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        StringBuilder seen = new StringBuilder();
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = SERVING.matcher(line);
            if (m.find()) {
                // keep draining its output so the child never blocks on a full pipe
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return new Running(p, m.group(1));
            }
        }
        throw new AssertionError("the server did not start:\n" + seen);
    }

    @Test
    void storedDataSetFitAndBacktestSurviveKillDashNine(@TempDir Path dataDir) throws Exception {
        Running first = startServer(dataDir);
        String dataset;
        String fit;
        String backtest;
        double meanAre;
        try {
            Http http = new Http(first.url());
            Http.Answer up = http.upload("chinchilla.csv", Files.readAllBytes(SharedData.chinchillaCsv()));
            assertThat(up.status()).as(up.body()).isEqualTo(201);
            dataset = up.json().get("id").asString();
            JsonNode done = http.fit(SharedData.chinchillaFit(dataset));
            assertThat(done.path("status").asString()).as(done.toString()).isEqualTo("done");
            fit = done.get("id").asString();
            JsonNode bt = http.job("/api/v1/fits/" + fit + "/backtest", "{\"holdout\":{\"where\":\"C >= 1e21\"}}");
            assertThat(bt.path("status").asString()).as(bt.toString()).isEqualTo("done");
            backtest = bt.get("id").asString();
            meanAre = bt.path("result").path("meanAre").asDouble();
        } finally {
            // killed right after the answers that reported both saved: nothing gets a chance to flush
            first.process().destroyForcibly();
            first.process().waitFor(20, TimeUnit.SECONDS);
        }
        Running second = startServer(dataDir);
        try {
            Http http = new Http(second.url());
            JsonNode d = http.get("/api/v1/datasets/" + dataset).json();
            assertThat(d.path("rows").asInt()).isEqualTo(245);
            JsonNode f = http.get("/api/v1/fits/" + fit).json();
            assertThat(f.path("status").asString()).isEqualTo("done");
            // the stored fit is the Chinchilla fit (E = 1.8172 in Besiroglu et al.; 1e-4 = half the last digit)
            assertThat(f.path("result").path("parameters").path("E").asDouble())
                    .isCloseTo(1.8172, org.assertj.core.api.Assertions.within(1e-4));
            assertThat(http.get("/api/v1/datasets/" + dataset).json().get("fits").toString()).contains(fit);
            JsonNode bt = http.get("/api/v1/backtests/" + backtest).json();
            assertThat(bt.path("status").asString()).isEqualTo("done");
            assertThat(bt.path("fit").asString()).isEqualTo(fit);
            assertThat(bt.path("result").path("meanAre").asDouble()).isEqualTo(meanAre);
            assertThat(http.get("/api/v1/backtests?fit=" + fit).body()).contains(backtest);
            // and it still predicts
            assertThat(http.post("/api/v1/fits/" + fit + "/predict", "{\"at\":{\"N\":7e10,\"D\":1.4e12}}").status())
                    .isEqualTo(200);
        } finally {
            second.process().destroyForcibly();
            second.process().waitFor(20, TimeUnit.SECONDS);
        }
    }
}
