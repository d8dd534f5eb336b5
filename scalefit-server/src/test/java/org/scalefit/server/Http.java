package org.scalefit.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;

/** A small JSON client for the tests. */
final class Http {
    record Answer(int status, String body) {
        JsonNode json() {
            return Json.parse(body, "answer");
        }

        String error() {
            return json().path("error").asString();
        }
    }

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    String token;

    Http(String url) {
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(builder(path).GET());
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send(builder(path).DELETE());
    }

    Answer post(String path, String json) throws IOException, InterruptedException {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Uploads a runs file with the content type its name's extension calls for. */
    Answer upload(String name, byte[] content) throws IOException, InterruptedException {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String type = lower.endsWith(".tsv") ? "text/tab-separated-values" : lower.endsWith(".jsonl")
                || lower.endsWith(".ndjson") ? "application/x-ndjson" : lower.endsWith(".json") ? "application/json"
                : "text/csv";
        return upload(name, content, type);
    }

    Answer upload(String name, byte[] content, String contentType) throws IOException, InterruptedException {
        HttpRequest.Builder b = builder("/api/v1/datasets?name="
                + java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    /** A request with headers of the test's choosing (Origin, Cookie, Content-Type...), as name, value pairs. */
    Answer request(String method, String path, String body, String... headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = builder(path);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return send(b);
    }

    /** The response's headers too, for cookies, redirects and Retry-After. */
    HttpResponse<String> raw(String method, String path, String body, String... headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = builder(path);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** As {@link #raw}, with a body of bytes (an upload). */
    HttpResponse<String> rawBytes(String method, String path, byte[] body, String... headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = builder(path);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a fit and waits for it to finish; the final status document. */
    JsonNode fit(String json) throws IOException, InterruptedException {
        Answer a = post("/api/v1/fits", json);
        if (a.status() != 202) {
            throw new AssertionError("fit not accepted: " + a.status() + " " + a.body());
        }
        String id = a.json().get("id").asString();
        for (int i = 0; i < 60; i++) {
            JsonNode s = get("/api/v1/fits/" + id + "?wait=5").json();
            String status = s.path("status").asString();
            if (!status.equals("queued") && !status.equals("running")) {
                return s;
            }
        }
        throw new AssertionError("fit " + id + " did not finish");
    }

    /** Starts a backtest or comparison (POST path, 202 expected) and waits for it; the final status document. */
    JsonNode job(String path, String json) throws IOException, InterruptedException {
        Answer a = post(path, json);
        if (a.status() != 202) {
            throw new AssertionError("job not accepted: " + a.status() + " " + a.body());
        }
        String url = a.json().get("url").asString();
        for (int i = 0; i < 60; i++) {
            JsonNode s = get(url + "?wait=5").json();
            String status = s.path("status").asString();
            if (!status.equals("queued") && !status.equals("running")) {
                return s;
            }
        }
        throw new AssertionError("job " + url + " did not finish");
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }
}
