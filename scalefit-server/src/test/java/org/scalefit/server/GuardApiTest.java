package org.scalefit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access rules of {@link AccessGuard} against real servers on loopback: Host (DNS rebinding), Origin and
 * Sec-Fetch-Site on writes, content types, preflights, and the token as a Bearer header or a cookie with XSRF.
 */
class GuardApiTest {
    @TempDir
    static Path openDir;
    @TempDir
    static Path tokenDir;
    static ApiServer open;
    static ApiServer guarded;
    static final byte[] RUNS = "N,L\n1e8,3.1\n1e9,2.7\n".getBytes(StandardCharsets.UTF_8);

    @BeforeAll
    static void start() throws Exception {
        open = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, openDir, null, 1, Limits.defaults(),
                List.of("scalefit.lab.example")));
        guarded = ApiServer.start(new ApiServer.Options("127.0.0.1", 0, tokenDir, 1 << 20, "s3cret", 1));
    }

    @AfterAll
    static void stop() {
        open.close();
        guarded.close();
    }

    /** A raw HTTP/1.1 exchange, since the JDK's client will not send a Host header of the caller's choosing. */
    static String[] raw(int port, String method, String path, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                    + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String status = all.substring(9, 12);
            return new String[] {status, all.substring(all.indexOf("\r\n\r\n") + 4)};
        }
    }

    @Test
    void aForeignHostIsRefusedAndTheLoopbackNamesAndAllowedOnesServed() throws Exception {
        int port = open.port();
        String[] evil = raw(port, "GET", "/api/v1/datasets", "attacker.example:" + port);
        assertThat(evil[0]).isEqualTo("403");
        assertThat(evil[1]).contains("\"error\"", "Host 'attacker.example:" + port + "'", "--allow-host attacker.example");
        // the page itself too: a rebinding page could otherwise script it
        assertThat(raw(port, "GET", "/", "attacker.example:" + port)[0]).isEqualTo("403");
        assertThat(raw(port, "DELETE", "/api/v1/datasets/x", "attacker.example:" + port)[0]).isEqualTo("403");
        // the right name on the wrong port is not this server either
        assertThat(raw(port, "GET", "/api/v1", "127.0.0.1:" + (port + 1))[0]).isEqualTo("403");
        assertThat(raw(port, "GET", "/api/v1", "127.0.0.1")[0]).isEqualTo("403");
        for (String name : List.of("127.0.0.1", "localhost", "LocalHost", "[::1]", "scalefit.lab.example")) {
            assertThat(raw(port, "GET", "/api/v1", name + ":" + port)[0]).as(name).isEqualTo("200");
        }
    }

    @Test
    void writesFromAnotherOriginAreRefused() throws Exception {
        Http h = new Http(open.url());
        String self = "http://127.0.0.1:" + open.port();
        for (String origin : List.of("http://attacker.example", "http://127.0.0.1:" + (open.port() + 1), "null")) {
            Http.Answer a = h.request("POST", "/api/v1/datasets?name=a.csv", "N,L\n1,2\n", "Content-Type",
                    "text/csv", "Origin", origin);
            assertThat(a.status()).as(origin).isEqualTo(403);
            assertThat(a.error()).contains("cross-origin write refused", origin);
            assertThat(h.request("DELETE", "/api/v1/datasets/x", null, "Origin", origin).status()).isEqualTo(403);
        }
        Http.Answer site = h.request("POST", "/api/v1/fits", "{}", "Content-Type", "application/json",
                "Sec-Fetch-Site", "cross-site");
        assertThat(site.status()).isEqualTo(403);
        assertThat(site.error()).contains("Sec-Fetch-Site");
        assertThat(h.request("POST", "/api/v1/fits", "{}", "Content-Type", "application/json", "Sec-Fetch-Site",
                "same-site").status()).isEqualTo(403);
        // the server's own page: its origin, same-origin fetch metadata
        Http.Answer own = h.request("POST", "/api/v1/datasets?name=own.csv", "N,L\n1,2\n", "Content-Type", "text/csv",
                "Origin", self, "Sec-Fetch-Site", "same-origin");
        assertThat(own.status()).as(own.body()).isEqualTo(201);
        // reads from anywhere are answered (no CORS headers, so a foreign page cannot read the answer)
        HttpResponse<String> read = h.raw("GET", "/api/v1/datasets", null, "Origin", "http://attacker.example");
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void preflightsGetNoCorsHeadersForOtherOrigins() throws Exception {
        Http h = new Http(open.url());
        HttpResponse<String> foreign = h.raw("OPTIONS", "/api/v1/fits", null, "Origin", "http://attacker.example",
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type");
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertThat(foreign.headers().map().keySet()).noneMatch(k -> k.toLowerCase().startsWith("access-control-"));
        assertThat(foreign.body()).contains("\"error\"");
        String self = "http://127.0.0.1:" + open.port();
        HttpResponse<String> own = h.raw("OPTIONS", "/api/v1/fits", null, "Origin", self,
                "Access-Control-Request-Method", "POST");
        assertThat(own.statusCode()).isEqualTo(204);
        assertThat(own.headers().firstValue("Access-Control-Allow-Origin")).hasValue(self);
        assertThat(own.headers().allValues("Access-Control-Allow-Origin")).doesNotContain("*");
    }

    @Test
    void jsonOnlyAsApplicationJsonAndUploadsOnlyWithTheirDeclaredTypes() throws Exception {
        Http h = new Http(open.url());
        String fit = "{\"dataset\": \"ds_x\", \"law\": \"chinchilla\"}";
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
            Http.Answer a = h.request("POST", "/api/v1/fits", fit, "Content-Type", type);
            assertThat(a.status()).as(type).isEqualTo(415);
            assertThat(a.error()).contains("application/json");
            assertThat(h.request("POST", "/api/v1/datasets?name=r.csv", "N,L\n1,2\n", "Content-Type", type).status())
                    .as(type).isEqualTo(415);
        }
        assertThat(h.request("POST", "/api/v1/fits", fit).status()).isEqualTo(415);
        assertThat(h.upload("r.csv", RUNS, null).status()).isEqualTo(415);
        Http.Answer ok = h.request("POST", "/api/v1/fits", fit, "Content-Type", "application/json; charset=utf-8");
        assertThat(ok.status()).as(ok.body()).isEqualTo(404);
        for (String type : List.of("text/csv", "text/csv; charset=utf-8")) {
            assertThat(h.upload("r.csv", RUNS, type).status()).as(type).isEqualTo(201);
        }
        assertThat(h.upload("r.tsv", "N\tL\n1e8\t3.1\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        assertThat(h.upload("r.jsonl", "{\"N\":1e8,\"L\":3.1}\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        assertThat(h.upload("r.json", "[{\"N\":1e8,\"L\":3.1}]".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        Http.Answer octet = h.request("POST", "/api/v1/datasets?name=blob&format=csv", "N,L\n1,2\n", "Content-Type",
                "application/octet-stream");
        assertThat(octet.status()).as(octet.body()).isEqualTo(201);
    }

    @Test
    void theTokenOnReadsAsHeaderOrCookieAndXsrfOnCookieWrites() throws Exception {
        Http h = new Http(guarded.url());
        Http.Answer none = h.get("/api/v1/datasets");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error()).contains("Authorization: Bearer", "?token=");
        // the first address: sets the HttpOnly SameSite=Strict cookie and redirects to the clean one
        HttpResponse<String> login = h.raw("GET", "/?token=s3cret", null);
        assertThat(login.statusCode()).isBetween(301, 303);
        assertThat(login.headers().firstValue("Location").orElseThrow()).isEqualTo("/");
        String cookie = login.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("scalefit-token-" + guarded.port() + "=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict");
        String tokenCookie = cookie.substring(0, cookie.indexOf(';'));
        assertThat(h.raw("GET", "/?token=wrong", null).statusCode()).isEqualTo(401);

        assertThat(h.request("GET", "/api/v1/datasets", null, "Cookie", tokenCookie).status()).isEqualTo(200);
        assertThat(h.request("GET", "/api/v1/datasets", null, "Cookie", "scalefit-token-" + guarded.port()
                + "=wrong").status()).isEqualTo(401);
        // a write by cookie needs the double-submitted XSRF value
        String up = "/api/v1/datasets?name=c.csv";
        Http.Answer noXsrf = h.request("POST", up, "N,L\n1,2\n", "Content-Type", "text/csv", "Cookie", tokenCookie);
        assertThat(noXsrf.status()).isEqualTo(403);
        assertThat(noXsrf.error()).contains("X-XSRF-Token");
        assertThat(h.request("POST", up, "N,L\n1,2\n", "Content-Type", "text/csv", "Cookie", tokenCookie
                + "; _xsrf=abc", "X-XSRF-Token", "abd").status()).isEqualTo(403);
        Http.Answer withXsrf = h.request("POST", up, "N,L\n1,2\n", "Content-Type", "text/csv", "Cookie", tokenCookie
                + "; _xsrf=abc", "X-XSRF-Token", "abc");
        assertThat(withXsrf.status()).as(withXsrf.body()).isEqualTo(201);
        // the Bearer header needs no XSRF value: no other page can set it without a preflight
        h.token = "s3cret";
        assertThat(h.upload("b.csv", RUNS).status()).isEqualTo(201);
        assertThat(h.get("/api/v1/datasets").json().get("total").asInt()).isEqualTo(2);
        // the page view hands out an _xsrf cookie for the page's script
        HttpResponse<String> page = h.raw("GET", "/", null);
        assertThat(page.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("_xsrf="));
        assertThat(AccessGuard.equal("s3cret", "s3cret")).isTrue();
        assertThat(AccessGuard.equal("s3cret", "s3cres")).isFalse();
    }

    @Test
    void unknownEndpointsAndMethodsAnswerInTheApisWords() throws Exception {
        Http h = new Http(open.url());
        Http.Answer missing = h.get("/api/v1/nothing-here");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.error()).contains("no such endpoint: GET /api/v1/nothing-here", "/openapi.json");
        Http.Answer method = h.request("PUT", "/api/v1/datasets", "{}", "Content-Type", "application/json");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.error()).contains("method PUT is not allowed on /api/v1/datasets", "/openapi.json");
        Http.Answer bad = h.post("/api/v1/fits", "{\"dataset\": ");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).startsWith("the fit request is not valid JSON at line 1").doesNotContain("Jackson", "token");
        Http.Answer string = h.post("/api/v1/fits", "{\"dataset\": \"ds_x\", \"law\": \"chinchilla\", \"starts\": \"20\"}");
        assertThat(string.status()).isEqualTo(400);
        assertThat(string.error()).isEqualTo("field 'starts': expected a whole number, found a string \"20\"");
        Files.list(openDir).close();
    }
    @Test
    void malformedBodiesSayWhatIsWrongAndNumbersBeyondADoubleAreNamed() throws Exception {
        Http h = new Http(open.url());
        Http.Answer deep = h.post("/api/v1/fits", "[".repeat(5000));
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.error()).isEqualTo("the fit request is not valid JSON: nested more than 500 levels deep");
        // valid JSON, but longer than the parser reads: say so, not "not valid JSON" alone
        Http.Answer digits = h.post("/api/v1/fits", "{\"dataset\": \"ds_x\", \"starts\": " + "9".repeat(2000) + "}");
        assertThat(digits.status()).isEqualTo(400);
        assertThat(digits.error()).contains("malformed number (longer than 1000 characters)");
        Http.Answer cut = h.post("/api/v1/fits", "{\"dataset\": ");
        assertThat(cut.error()).isEqualTo("the fit request is not valid JSON at line 1, column 13: the body ends before"
                + " every '{' and '[' is closed");
        // 1e400 parses as Infinity: name the field and what the user wrote, not "Infinity"
        Http.Answer huge = h.post("/api/v1/fits", "{\"dataset\": \"ds_x\", \"law\": \"chinchilla\", \"level\": 1e400}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.error()).isEqualTo("field 'level': the number 1e400 is beyond the range of a double"
                + " (about ±1.8e308)");
        Http.Answer inArray = h.post("/api/v1/fits",
                "{\"dataset\": \"ds_x\", \"derive\": {\"D\": [1e24, -2e999]}}");
        assertThat(inArray.status()).isEqualTo(400);
        assertThat(inArray.error()).isEqualTo("field 'derive.D[1]': the number -2e999 is beyond the range of a double"
                + " (about ±1.8e308)");
    }
}
