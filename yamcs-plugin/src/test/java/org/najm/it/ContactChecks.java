package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.najm.science.TrackletKey;
import org.najm.science.ades.TrkSub;
import org.najm.simulator.spacecraft.StoredPacket;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * What the lights-out integration tests check a contact with: its report, the packets the MOC
 * archived against those the simulator's stores held (keys "apid/sequence count/onboard second"),
 * and what reached the archive stand-in.
 */
final class ContactChecks {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ContactChecks() {
    }

    /** Waits for the report of {@code spacecraft}'s contact at {@code station}, up to a minute after its LOS. */
    static JsonObject awaitReport(NajmSystem sys, String spacecraft, String station, Instant los) {
        Duration deadline = wall(sys, Duration.between(sys.clock.now(), los)).plusSeconds(60);
        return Poll.until(deadline, "the contact report of " + spacecraft + " at " + station, () -> {
            var r = sys.rest.get("/najm/contact-reports?spacecraft=" + spacecraft + "&limit=10");
            if (r.status() != 200 || !r.json().has("reports")) {
                return Optional.empty();
            }
            for (JsonElement e : r.json().getAsJsonArray("reports")) {
                if (e.getAsJsonObject().get("station").getAsString().equals(station)) {
                    return Optional.of(e.getAsJsonObject());
                }
            }
            return Optional.empty();
        }, () -> sys.rest.get("/najm/automation").body());
    }

    /** Waits until the contact automation answers for {@code spacecraft}. */
    static void awaitAutomation(NajmSystem sys, String spacecraft) {
        Poll.until(Duration.ofSeconds(30), "the contact automation running", () -> {
            var r = sys.rest.get("/najm/automation");
            return r.status() == 200 && r.body().contains(spacecraft) ? Optional.of(true) : Optional.empty();
        });
    }

    /** What {@code GET /najm/automation} says of {@code spacecraft}. */
    static JsonObject automationOf(NajmSystem sys, String spacecraft) {
        for (JsonElement e : sys.rest.get("/najm/automation").json().getAsJsonArray("spacecraft")) {
            if (e.getAsJsonObject().get("spacecraft").getAsString().equals(spacecraft)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no automation of " + spacecraft);
    }

    /**
     * Every injected tracklet (id -> detections) of {@code spacecraft} reaches the archive stand-in within
     * {@code timeout} with all its detections, and no trkSub is in more than one submission.
     */
    static void assertInArchiveExactlyOnce(NajmSystem sys, String spacecraft, Map<Long, Integer> injected,
            Duration timeout) {
        Map<String, Integer> observations = new HashMap<>();
        Map<String, Integer> submissionsWith = new HashMap<>();
        Poll.until(timeout, "the injected tracklets in the archive", () -> {
            count(sys, observations, submissionsWith);
            return injected.keySet().stream().allMatch(id -> observations.containsKey(trkSub(spacecraft, id)))
                    ? Optional.of(true) : Optional.empty();
        }, () -> observations.toString());
        for (var e : injected.entrySet()) {
            String trk = trkSub(spacecraft, e.getKey());
            assertEquals(e.getValue(), observations.get(trk), "observations of " + trk);
        }
        submissionsWith.forEach((trk, n) -> assertEquals(1, n, trk + " in " + n + " submissions"));
    }

    private static String trkSub(String spacecraft, long trackletId) {
        return TrkSub.of(new TrackletKey(spacecraft, trackletId));
    }

    /** The key of a packet in a simulator store. */
    static String key(StoredPacket p) {
        return key(p.apid(), p.seqCount(), (long) Math.floor(p.creationTime()));
    }

    static String key(long apid, long seqCount, long onboardSecond) {
        return apid + "/" + seqCount + "/" + onboardSecond;
    }

    /** The key of a TM packet from its headers (ICD §4: APID, sequence count, CUC coarse seconds). */
    static String key(byte[] p) {
        long second = ((p[6] & 0xFFL) << 24) | ((p[7] & 0xFF) << 16) | ((p[8] & 0xFF) << 8) | (p[9] & 0xFF);
        return key(((p[0] & 0x07) << 8) | (p[1] & 0xFF), ((p[2] & 0x3F) << 8) | (p[3] & 0xFF), second);
    }

    /** The keys of every packet of these containers in the subject's archive (REST, page by page). */
    static Set<String> archived(NajmSystem sys, List<String> containers) {
        Set<String> keys = new HashSet<>();
        for (String name : containers) {
            String next = null;
            do {
                var r = sys.rest.get("/archive/" + sys.instance() + "/packets?name=" + YamcsRest.encode(name)
                        + "&limit=1000" + (next == null ? "" : "&next=" + YamcsRest.encode(next)));
                assertEquals(200, r.status(), r.body());
                JsonObject json = r.json();
                if (json.has("packet")) {
                    for (JsonElement e : json.getAsJsonArray("packet")) {
                        keys.add(key(Base64.getDecoder().decode(e.getAsJsonObject().get("packet").getAsString())));
                    }
                }
                next = json.has("continuationToken") ? json.get("continuationToken").getAsString() : null;
            } while (next != null);
        }
        return keys;
    }

    /** A container's packets in the tm archive against one of its parameters' samples in the parameter archive. */
    record ArchiveComparison(int tm, int parameterArchive, List<String> missing, String error) {

        /** Every packet has its sample, and the query answered. */
        boolean complete() {
            return error == null && tm == parameterArchive && missing.isEmpty();
        }

        @Override
        public String toString() {
            return error != null ? error : "tm " + tm + ", parameter archive " + parameterArchive + (missing.isEmpty()
                    ? "" : ", " + missing.size() + " not in the parameter archive, e.g. " + missing.subList(0,
                            Math.min(3, missing.size())));
        }
    }

    /**
     * The generation times of one container's packets in the tm archive and of one of its parameters' samples in
     * the parameter archive over [start, stop). A parameter-archive query that fails (Yamcs' replay of the span
     * not archived yet can fail when it is empty, an HTTP 500) is reported, not asserted: ask again.
     */
    static ArchiveComparison tmAgainstParameterArchive(NajmSystem sys, String container, String parameter,
            Instant start, Instant stop) {
        Set<String> tm = new HashSet<>();
        String range = "&start=" + YamcsRest.encode(start.toString()) + "&stop=" + YamcsRest.encode(stop.toString());
        String next = null;
        do {
            var r = sys.rest.get("/archive/" + sys.instance() + "/packets?name=" + YamcsRest.encode(container)
                    + "&limit=1000" + range + (next == null ? "" : "&next=" + YamcsRest.encode(next)));
            assertEquals(200, r.status(), r.body());
            if (r.json().has("packet")) {
                r.json().getAsJsonArray("packet").forEach(e -> tm.add(e.getAsJsonObject().get("generationTime")
                        .getAsString()));
            }
            next = r.json().has("continuationToken") ? r.json().get("continuationToken").getAsString() : null;
        } while (next != null);
        Set<String> pa = new HashSet<>();
        next = null;
        do {
            var r = sys.rest.get("/archive/" + sys.instance() + "/parameters" + parameter
                    + "?source=ParameterArchive&limit=1000" + range + (next == null ? "" : "&next="
                            + YamcsRest.encode(next)));
            if (r.status() != 200) {
                return new ArchiveComparison(tm.size(), -1, List.of(), "parameter archive query: HTTP " + r.status()
                        + " " + r.body());
            }
            if (r.json().has("parameter")) {
                r.json().getAsJsonArray("parameter").forEach(e -> pa.add(e.getAsJsonObject().get("generationTime")
                        .getAsString()));
            }
            next = r.json().has("continuationToken") ? r.json().get("continuationToken").getAsString() : null;
        } while (next != null);
        List<String> missing = tm.stream().filter(t -> !pa.contains(t)).sorted().toList();
        return new ArchiveComparison(tm.size(), pa.size(), missing, null);
    }

    /** Observations per trkSub over all submissions of the archive stand-in, and submissions per trkSub. */
    static void count(NajmSystem sys, Map<String, Integer> observations, Map<String, Integer> submissionsWith) {
        observations.clear();
        submissionsWith.clear();
        JsonObject all = JsonParser.parseString(archive(sys, "GET", "/submissions", null)).getAsJsonObject();
        for (JsonElement e : all.getAsJsonArray("submissions")) {
            JsonObject s = e.getAsJsonObject();
            assertTrue(s.get("duplicateOf").isJsonNull(), "the archive saw a duplicate: " + s);
            String xml = archive(sys, "GET", "/submissions/" + s.get("id").getAsString(), null);
            Set<String> here = new HashSet<>();
            for (String part : xml.split("<trkSub>")) {
                int end = part.indexOf("</trkSub>");
                if (end > 0) {
                    observations.merge(part.substring(0, end), 1, Integer::sum);
                    here.add(part.substring(0, end));
                }
            }
            here.forEach(t -> submissionsWith.merge(t, 1, Integer::sum));
        }
    }

    /** A request to the archive stand-in; fails the test unless it succeeds. */
    static String archive(NajmSystem sys, String method, String path, String body) {
        try {
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sys.archive.port() + path))
                    .timeout(Duration.ofSeconds(10)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build();
            var r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() < 300, method + " " + path + ": " + r.statusCode() + " " + r.body());
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wall-clock time that {@code simulated} takes (never negative). */
    static Duration wall(NajmSystem sys, Duration simulated) {
        return Duration.ofMillis(Math.max(0, sys.clock.wallDuration(simulated.toMillis())));
    }
}
