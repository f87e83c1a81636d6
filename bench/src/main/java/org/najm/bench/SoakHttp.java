package org.najm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The soak's HTTP client: the MOC's API as the read-only observer (basic authentication on every request: it
 * outlives a MOC restart, a bearer token would not) and the archive stand-in's.
 */
final class SoakHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String moc;
    private final String archive;
    private final String authorization;

    SoakHttp(int mocPort, int archivePort) {
        this.moc = "http://127.0.0.1:" + mocPort + "/api";
        this.archive = "http://127.0.0.1:" + archivePort;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("observer:" + BenchSupport.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** GET on the MOC's API; fails unless 200. */
    JsonObject moc(String path) throws IOException {
        return JsonParser.parseString(send(HttpRequest.newBuilder(URI.create(moc + path))
                .header("Authorization", authorization).GET(), "MOC " + path)).getAsJsonObject();
    }

    /** A request to the archive stand-in; fails unless 2xx. */
    String archive(String method, String path, String body) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(archive + path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)), "archive " + path);
    }

    private String send(HttpRequest.Builder b, String what) throws IOException {
        try {
            var r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IOException(what + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return r.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + what, e);
        }
    }
}
