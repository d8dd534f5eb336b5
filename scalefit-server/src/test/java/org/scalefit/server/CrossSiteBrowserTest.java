package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;

/**
 * A page of another origin (a second tiny server on another loopback port) in headless Chromium tries what
 * the issue saw succeed: uploads as form posts (urlencoded, multipart, text/plain), as no-cors and CORS
 * fetches and a beacon, fits started with a JSON body sent as text/plain, and a delete. Afterwards the store
 * holds only the data set the test itself uploaded, and no fit.
 */
class CrossSiteBrowserTest {
    @TempDir
    static Path dataDir;
    @TempDir
    static Path profile;
    static ApiServer server;
    static HttpServer attacker;
    static WebDriver browser;
    static String dataset;

    @BeforeAll
    static void start() throws Exception {
        server = ApiServer.start(ApiServer.Options.local(0, dataDir));
        Http http = new Http(server.url());
        dataset = http.upload("runs.csv", "N,D,L\n1e8,2e9,3.1\n1e9,2e10,2.7\n1e10,2e11,2.4\n1e11,2e12,2.2\n"
                .getBytes(StandardCharsets.UTF_8)).json().get("id").asString();
        attacker = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] page = page("http://127.0.0.1:" + server.port()).getBytes(StandardCharsets.UTF_8);
        attacker.createContext("/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, page.length);
            ex.getResponseBody().write(page);
            ex.close();
        });
        attacker.start();
        browser = BrowserTest.chromium(profile, 1000, 800);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (attacker != null) {
            attacker.stop(0);
        }
        if (server != null) {
            server.close();
        }
    }

    /** The attacking page: every attempt reports when it has ended, so the test knows all were sent. */
    static String page(String target) {
        String csv = "N,L\\n1e8,3.1\\n1e9,2.7\\n";
        String fit = "{\\\"dataset\\\":\\\"" + dataset + "\\\",\\\"law\\\":\\\"kaplan\\\"}";
        return "<!doctype html><html><body><script>\n"
                + "const T = '" + target + "/api/v1';\n"
                + "let ended = 0; const report = () => { ended++; document.title = 'ended ' + ended; };\n"
                + "function form(enctype, action, field, value) {\n"
                + "  const name = 'f' + Math.random().toString(36).slice(2);\n"
                + "  const frame = document.createElement('iframe'); frame.name = name;\n"
                + "  // the first load is the empty frame's own; the answer comes from the other origin (unreadable)\n"
                + "  frame.onload = () => { try { if (frame.contentWindow.location.href === 'about:blank') return; }"
                + " catch (e) { /* cross-origin: the answer */ } report(); };\n"
                + "  document.body.append(frame);\n"
                + "  const f = document.createElement('form'); f.method = 'POST'; f.action = action; f.enctype = enctype;\n"
                + "  f.target = name; const i = document.createElement('textarea'); i.name = field; i.value = value;\n"
                + "  f.append(i); document.body.append(f); f.submit();\n"
                + "}\n"
                + "form('application/x-www-form-urlencoded', T + '/datasets?name=a.csv', 'N,L\\n1e8,3.1\\n1e9', '2.7');\n"
                + "form('multipart/form-data', T + '/datasets?name=b.csv', 'file', '" + csv + "');\n"
                + "form('text/plain', T + '/datasets?name=c.csv', 'N,L\\n1e8,3.1\\n1e9', '2.7');\n"
                + "form('text/plain', T + '/fits', '{\"dataset\":\"" + dataset + "\",\"law\":\"kaplan\",\"x\":\"', '\"}');\n"
                + "const tries = [\n"
                + "  fetch(T + '/datasets?name=d.csv', {method: 'POST', mode: 'no-cors', body: '" + csv + "'}),\n"
                + "  fetch(T + '/datasets?name=e.csv', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: '" + csv + "'}),\n"
                + "  fetch(T + '/datasets?name=f.csv', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/csv'}, body: '" + csv + "'}),\n"
                + "  fetch(T + '/datasets?name=g.csv', {method: 'POST', headers: {'Content-Type': 'text/csv'}, body: '" + csv + "'}),\n"
                + "  fetch(T + '/fits', {method: 'POST', mode: 'no-cors', headers: {'Content-Type': 'text/plain'}, body: \"" + fit + "\"}),\n"
                + "  fetch(T + '/fits', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: \"" + fit + "\"}),\n"
                + "  fetch(T + '/datasets/" + dataset + "', {method: 'DELETE', mode: 'no-cors'}),\n"
                + "];\n"
                + "tries.forEach(p => p.then(report, report));\n"
                + "if (navigator.sendBeacon(T + '/datasets?name=h.csv', '" + csv + "')) report(); else report();\n"
                + "</script></body></html>";
    }

    @Test
    void aPageOfAnotherOriginLandsNoDataSetAndNoFit() throws Exception {
        browser.get("http://127.0.0.1:" + attacker.getAddress().getPort() + "/");
        // 4 forms, 7 fetches and a beacon
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "ended 12".equals(d.getTitle()));
        } catch (org.openqa.selenium.TimeoutException e) {
            fail("the attacking page did not end its 12 attempts: title '" + browser.getTitle() + "'");
        }
        // a beacon is sent after the call returns: give it the time a request takes on loopback
        Thread.sleep(1000);
        Http http = new Http(server.url());
        JsonNode datasets = http.get("/api/v1/datasets").json();
        assertThat(datasets.get("total").asInt()).as(datasets.toString()).isEqualTo(1);
        assertThat(datasets.get("datasets").get(0).get("id").asString()).isEqualTo(dataset);
        JsonNode fits = http.get("/api/v1/fits").json();
        assertThat(fits.get("total").asInt()).isZero();
        assertThat(fits.get("fits")).as(fits.toString()).isEmpty();
    }
}
