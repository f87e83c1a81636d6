package org.najm.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The REST API of the MOC or of a site as one user (basic authentication on every request: it outlives a server's
 * restart): archived packets by APID, and link states and counters.
 */
final class SiteRest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String api;
    private final String authorization;

    SiteRest(int port, String user) {
        this.api = "http://127.0.0.1:" + port + "/api";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + BenchSupport.DEMO_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** GET; fails unless 200. */
    JsonObject get(String path) throws IOException {
        try {
            var r = http.send(HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException(api + path + ": HTTP " + r.statusCode() + " " + r.body());
            }
            return JsonParser.parseString(r.body()).getAsJsonObject();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + path, e);
        }
    }

    /**
     * An instance's archived packets generated in [from, to), by APID: "generation time/sequence count" each (the
     * archive keeps one packet per APID, generation time and sequence count).
     */
    Map<Integer, Set<String>> packetsByApid(String instance, Instant from, Instant to) throws IOException {
        Map<Integer, Set<String>> byApid = new HashMap<>();
        String next = null;
        do {
            JsonObject page = get("/archive/" + instance + "/packets?start=" + encode(from.toString()) + "&stop="
                    + encode(to.toString()) + "&limit=1000&order=asc" + (next == null ? "" : "&next=" + encode(next)));
            if (page.has("packet")) {
                for (JsonElement e : page.getAsJsonArray("packet")) {
                    JsonObject p = e.getAsJsonObject();
                    byte[] bytes = Base64.getDecoder().decode(p.get("packet").getAsString());
                    byApid.computeIfAbsent(PacketArrivals.apid(bytes), a -> new HashSet<>()).add(p.get(
                            "generationTime").getAsString() + "/" + PacketArrivals.sequenceCount(bytes));
                }
            }
            next = page.has("continuationToken") ? page.get("continuationToken").getAsString() : null;
        } while (next != null);
        return byApid;
    }

    /** The links of an instance by name: the link's JSON (status, dataInCount, ...). */
    Map<String, JsonObject> links(String instance) throws IOException {
        Map<String, JsonObject> links = new HashMap<>();
        JsonObject r = get("/links/" + instance);
        if (r.has("links")) {
            for (JsonElement e : r.getAsJsonArray("links")) {
                JsonObject l = e.getAsJsonObject();
                links.put(l.get("name").getAsString(), l);
            }
        }
        return links;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
