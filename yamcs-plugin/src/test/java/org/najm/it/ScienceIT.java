package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.najm.science.DetectionPackets;
import org.najm.science.TrackletKey;
import org.najm.science.ades.AdesValidator;
import org.najm.science.ades.TrkSub;
import org.yamcs.StandardTupleDefinitions;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Science end to end (issue 4): detections recorded onboard, dumped on VC1, decoded by Yamcs,
 * grouped into tracklets, sent as valid ADES through the durable outbox to the archive stand-in
 * - each exactly once, across an archive outage and a repeated dump.
 */
class ScienceIT extends InContactTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void everyDumpedDetectionReachesTheArchiveOnceInValidAdes() throws Exception {
        List<Long> tracklets = injectAndDump(3, 5, 4);
        Map<String, Integer> seen = awaitInArchive(tracklets);
        for (long id : tracklets) {
            assertEquals(expectedCount(id), seen.get(trkSub(id)), "detections of tracklet " + id + ": " + seen);
        }
        for (JsonObject s : submissions()) {
            String xml = get("/submissions/" + s.get("submissionId").getAsString());
            assertTrue(new AdesValidator().errors(xml).isEmpty(), "the archive holds valid ADES");
            assertTrue(xml.contains("<stn>NJM1</stn>") && xml.contains("<sys>ICRF_KM</sys>"), xml);
        }
    }

    @Test
    void aLikelyNearEarthTrackletLeavesAtOnceInItsOwnSubmissionExactlyOnce() throws Exception {
        // a fast mover far off the ecliptic (7 deg/day at dec +65: no main-belt orbit moves so), played back on
        // the spacecraft's tm_dump as the downlink delivers it, among tracklets of the simulator's sky
        long neo = dumpFastMover();
        List<Long> tracklets = new ArrayList<>(injectAndDump(3, 4, 5));
        tracklets.add(neo);
        detCounts.put(neo, 5);
        awaitInArchive(tracklets);
        String name = sys.subject.name();
        JsonObject listing = Poll.until(Duration.ofSeconds(30), "every tracklet listed with its submission", () -> {
            JsonObject l = sys.as("observer").get("/najm/science/tracklets?spacecraft=" + name).json();
            return byId(l).keySet().containsAll(tracklets) && tracklets.stream()
                    .allMatch(id -> byId(l).get(id).has("submission")) ? Optional.of(l) : Optional.empty();
        });
        double threshold = listing.get("fastLaneScore").getAsDouble();
        Map<Long, JsonObject> infos = byId(listing);
        List<JsonObject> fast = new ArrayList<>();
        for (long id : tracklets) {
            JsonObject t = infos.get(id);
            assertEquals(trkSub(id), t.get("trkSub").getAsString());
            assertTrue(t.has("neoScore") && t.has("orbitClass") && t.has("firstObsTime") && t.has("lastObsTime"),
                    t.toString());
            boolean isFast = t.get("neoScore").getAsDouble() >= threshold;
            assertEquals(isFast ? "FAST" : "BATCH", t.get("lane").getAsString(), t.toString());
            if (isFast) {
                fast.add(t);
            }
        }
        assertEquals("FAST", infos.get(neo).get("lane").getAsString(), "the fast mover: " + infos.get(neo));
        for (JsonObject t : fast) {
            String trkSub = t.get("trkSub").getAsString();
            List<JsonObject> carrying = submissionsWith(trkSub);
            assertEquals(1, carrying.size(), trkSub + " reaches the archive exactly once: " + carrying);
            assertEquals("[\"" + trkSub + "\"]", carrying.get(0).getAsJsonArray("trkSubs").toString(),
                    "a fast-lane tracklet is alone in its submission");
            String xml = get("/submissions/" + carrying.get(0).get("submissionId").getAsString());
            assertTrue(new AdesValidator().errors(xml).isEmpty(), "valid ADES: " + xml);
            assertTrue(xml.contains("<sys>ICRF_KM</sys>") && xml.contains("<pos1>"), "observer position kept");
            // the operators are told, naming the spacecraft, trkSub, score and class
            Poll.until(Duration.ofSeconds(30), "NEO_CANDIDATE event of " + trkSub, () -> {
                for (JsonElement e : sys.rest.get("/archive/" + sys.instance() + "/events?source=science&limit=500")
                        .json().getAsJsonArray("events")) {
                    JsonObject ev = e.getAsJsonObject();
                    String msg = ev.get("message").getAsString();
                    if (ev.get("type").getAsString().equals("NEO_CANDIDATE") && msg.contains(trkSub)
                            && msg.contains(name) && msg.contains(t.get("orbitClass").getAsString())) {
                        assertEquals("WARNING", ev.get("severity").getAsString());
                        return Optional.of(ev);
                    }
                }
                return Optional.empty();
            });
        }
        // counted on their own: in the science report and the accountability figures, with their latency
        assertTrue(report().get("trackletsFastLane").getAsLong() >= fast.size(), report().toString());
        JsonObject acc = Poll.until(Duration.ofSeconds(30), "fast-lane tracklets acknowledged", () -> {
            JsonObject a = sys.rest.get("/najm/accountability?spacecraft=" + name).json()
                    .getAsJsonArray("spacecraft").get(0).getAsJsonObject();
            return a.has("fastLaneAcknowledged") && a.get("fastLaneAcknowledged").getAsLong() >= fast.size()
                    ? Optional.of(a) : Optional.empty();
        });
        assertTrue(acc.get("fastLaneLatencyP50Seconds").getAsDouble() > 0, acc.toString());
        assertTrue(acc.get("fastLaneLatencyP99Seconds").getAsDouble() >= acc.get("fastLaneLatencyP50Seconds")
                .getAsDouble(), acc.toString());
    }

    @Test
    void theTrackletListIsSharedByEveryPartnerAndChecksItsFilters() throws Exception {
        List<Long> tracklets = injectAndDump(3);
        awaitInArchive(tracklets);
        String name = sys.subject.name();
        for (String user : List.of(sys.operatorOf(sys.instance()), "bravo-op", "observer")) {
            var r = sys.as(user).get("/najm/science/tracklets?spacecraft=" + name
                    + "&start=2000-01-01T00:00:00Z&stop=2100-01-01T00:00:00Z");
            assertEquals(200, r.status(), user + ": " + r.body());
            assertTrue(byId(r.json()).containsKey(tracklets.get(0)), user + " sees the tracklet: " + r.body());
        }
        assertEquals(401, sys.anonymous().get("/najm/science/tracklets").status());
        var empty = sys.as("observer").get("/najm/science/tracklets?spacecraft=" + name
                + "&start=2000-01-01T00:00:00Z&stop=2000-01-02T00:00:00Z");
        assertTrue(byId(empty.json()).isEmpty(), "nothing observed in 2000: " + empty.body());
        var badTime = sys.as("observer").get("/najm/science/tracklets?start=yesterday");
        assertEquals(400, badTime.status());
        assertTrue(badTime.body().contains("start is not an ISO-8601 UTC time"), badTime.body());
        var reversed = sys.as("observer").get(
                "/najm/science/tracklets?start=2026-12-02T00:00:00Z&stop=2026-12-01T00:00:00Z");
        assertEquals(400, reversed.status());
        assertTrue(reversed.body().contains("must be after start"), reversed.body());
        var unknown = sys.as("observer").get("/najm/science/tracklets?spacecraft=NAJM-9");
        assertEquals(400, unknown.status());
        assertTrue(unknown.body().contains("No spacecraft named") && unknown.body().contains("NAJM-9"),
                unknown.body());
    }

    /**
     * Five SCI_DETECTION packets of a new tracklet moving 6 deg/day in RA and 4 in Dec at dec +65, emitted on the
     * subject's tm_dump stream as a playback would (recorded in the tm archive, decoded by the MOC).
     */
    private static long dumpFastMover() {
        long id = 0xF0000000L + (System.nanoTime() & 0xFFFFFFL);
        Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        Stream tmDump = YarchDatabase.getInstance(sys.instance()).getStream("tm_dump");
        for (int k = 0; k < 5; k++) {
            Instant t = t0.plusSeconds(60L * k);
            var p = new DetectionPackets();
            p.trackletId = id;
            p.detIndex = k;
            p.detCount = 5;
            p.obsCoarse = DetectionPackets.gpsSeconds(LocalDateTime.ofInstant(t.plusSeconds(18), ZoneOffset.UTC));
            p.createdCoarse = p.obsCoarse + 30;
            double days = k * 60 / 86400.0;
            p.dec = 65 + 4 * days;
            p.ra = 60 + 6 * days / Math.cos(Math.toRadians(65));
            p.rmsRa = 0.1f;
            p.rmsDec = 0.1f;
            p.mag = 20f;
            p.x = 7000;
            p.y = 7.5 * 60 * k;
            p.z = 0;
            long gentime = TimeEncoding.fromUnixMillisec(t.plusSeconds(30).toEpochMilli());
            tmDump.emitTuple(new Tuple(StandardTupleDefinitions.TM, new Object[] {gentime, 0x3000 + k,
                    TimeEncoding.getWallclockTime(), 0, p.build(), null, null, "ScienceIT", null}));
        }
        return id;
    }

    private static Map<Long, JsonObject> byId(JsonObject listing) {
        Map<Long, JsonObject> out = new HashMap<>();
        if (listing.has("tracklets")) {
            for (JsonElement e : listing.getAsJsonArray("tracklets")) {
                JsonObject t = e.getAsJsonObject();
                if (t.get("spacecraft").getAsString().equals(sys.subject.name())) {
                    out.put(t.get("trackletId").getAsLong(), t);
                }
            }
        }
        return out;
    }

    @Test
    void aRepeatedDumpSendsNothingTwice() throws Exception {
        List<Long> tracklets = injectAndDump(3);
        awaitInArchive(tracklets);
        int submissions = submissions().size();
        long duplicatesBefore = report().get("trackletsDuplicate").getAsLong();

        dumpScience(); // the whole store again: every tracklet in it was already sent
        Poll.until(Duration.ofSeconds(60), "the repeated tracklets recognised", () -> report()
                .get("trackletsDuplicate").getAsLong() > duplicatesBefore ? Optional.of(true) : Optional.empty());
        assertEquals(submissions, submissions().size(), "no new submission for a repeated dump");
        for (JsonObject s : submissions()) {
            assertTrue(s.get("duplicateOf").isJsonNull(), "the archive saw a duplicate: " + s);
        }
    }

    @Test
    void anArchiveOutageDelaysDeliveryAndLosesNothing() throws Exception {
        post("/control/failure", "{\"mode\": \"HTTP_500\"}");
        try {
            List<Long> tracklets = injectAndDump(4);
            Poll.until(Duration.ofSeconds(60), "failed delivery attempts while the archive is down",
                    () -> outbox().get("failedAttempts").getAsLong() > 0 && outbox().get("pending").getAsInt() > 0
                            ? Optional.of(true) : Optional.empty());
            assertTrue(submissionsWith(trkSub(tracklets.get(0))).isEmpty());
            delete("/control/failure");
            Map<String, Integer> seen = awaitInArchive(tracklets);
            assertEquals(4, seen.get(trkSub(tracklets.get(0))));
        } finally {
            delete("/control/failure");
        }
        Poll.until(Duration.ofSeconds(30), "an empty outbox",
                () -> outbox().get("pending").getAsInt() == 0 ? Optional.of(true) : Optional.empty());
    }

    @Test
    void anOperatorCanRedeliverATimeRangeFromTheYamcsArchive() throws Exception {
        List<Long> tracklets = injectAndDump(3);
        awaitInArchive(tracklets);
        String sub = trkSub(tracklets.get(0));
        int before = submissionsWith(sub).size();
        var now = sys.clock.now();
        var r = sys.rest.post("/najm/science/" + sys.subject.name() + ":redeliver",
                "{\"start\": \"" + now.minus(Duration.ofDays(1)) + "\", \"stop\": \"" + now.plusSeconds(60) + "\"}");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("tracklets").getAsInt() >= 1, r.body());
        Poll.until(Duration.ofSeconds(60), "the re-delivered submission", () -> submissionsWith(sub).size() > before
                ? Optional.of(true) : Optional.empty());
        assertEquals(404, sys.rest.post("/najm/science/NAJM-9:redeliver",
                "{\"start\": \"" + now + "\", \"stop\": \"" + now.plusSeconds(1) + "\"}").status());
    }

    @Test
    void aRestartOfTheMocScienceServiceLosesNothingAndSendsNothingTwice() throws Exception {
        post("/control/failure", "{\"mode\": \"HTTP_500\"}");
        List<Long> tracklets;
        try {
            tracklets = injectAndDump(3, 6);
            Poll.until(Duration.ofSeconds(60), "a submission waiting in the outbox",
                    () -> outbox().get("pending").getAsInt() > 0 ? Optional.of(true) : Optional.empty());
            restartScienceService();
        } finally {
            delete("/control/failure");
        }
        Map<String, Integer> seen = awaitInArchive(tracklets);
        for (long id : tracklets) {
            assertEquals(expectedCount(id), seen.get(trkSub(id)), "detections of tracklet " + id + ": " + seen);
        }
        int submissions = submissions().size();
        dumpScience(); // after the restart, what was sent before is still known as sent
        Poll.until(Duration.ofSeconds(60), "the repeated tracklets recognised after the restart", () -> report()
                .get("trackletsDuplicate").getAsLong() > 0 ? Optional.of(true) : Optional.empty());
        assertEquals(submissions, submissions().size(), "no new submission for a repeated dump");
    }

    @Test
    void theAccountabilityFollowsEveryDetectionFromTheStoreToTheArchiveAndItsFreeing() throws Exception {
        JsonObject before = account();
        List<Long> tracklets = injectAndDump(4, 3);
        awaitInArchive(tracklets);
        long received = before.get("receivedOnGround").getAsLong() + 7;
        JsonObject delivered = Poll.until(Duration.ofSeconds(60), "every received detection acknowledged", () -> {
            JsonObject a = account();
            return a.get("receivedOnGround").getAsLong() >= received && a.get("awaitingTracklet").getAsLong() == 0
                    && a.get("awaitingArchive").getAsLong() == 0 ? Optional.of(a) : Optional.empty();
        });
        assertEquals(delivered.get("receivedOnGround").getAsLong(), delivered.get("acknowledged").getAsLong());
        assertEquals(delivered.get("receivedOnGround").getAsLong(), delivered.get("inAdes").getAsLong());

        // Freeing the store: the spacecraft's own count of what it deleted is the truth.
        var store = sys.simulator.spacecraft(sys.subject.scid()).scienceStore();
        long inStore = store.count();
        String cmd = Commands.issueOk(sys, sys.instance(), "DELETE_STORE",
                "{\"store\": \"SCIENCE\", \"up_to\": 2000000000}");
        assertEquals("OK", Commands.awaitCompletion(sys, sys.instance(), cmd, Duration.ofSeconds(60))
                .get("CommandComplete_Status"));
        assertEquals(0, store.count());
        long freed = before.get("freedOnboard").getAsLong() + inStore;
        JsonObject after = Poll.until(Duration.ofSeconds(60), "the freed detections counted", () -> {
            JsonObject a = account();
            return a.get("freedOnboard").getAsLong() == freed && a.get("onboardEstimate").getAsLong() == 0
                    ? Optional.of(a) : Optional.empty();
        });
        assertEquals(0, after.get("notAccounted").getAsLong(), "made = freed + onboard: " + after);
        assertTrue(after.get("explained").getAsBoolean(), after.toString());

        assertEquals(200, sys.as("observer").get("/najm/accountability").status());
        assertEquals(404, sys.as("observer").get("/najm/accountability?spacecraft=NAJM-9").status());
    }

    private static JsonObject account() {
        var r = sys.as("observer").get("/najm/accountability?spacecraft=" + sys.subject.name());
        assertEquals(200, r.status(), r.body());
        return r.json().getAsJsonArray("spacecraft").get(0).getAsJsonObject();
    }

    /** Stops the science service and starts a new one (Yamcs' services API), as a MOC restart does. */
    private static void restartScienceService() {
        YamcsRest admin = sys.as("admin"); // ControlServices
        String name = null;
        for (JsonElement e : admin.get("/services/_global").json().getAsJsonArray("services")) {
            JsonObject svc = e.getAsJsonObject();
            if (svc.get("className").getAsString().endsWith(".ScienceService")) {
                name = svc.get("name").getAsString();
            }
        }
        String path = "/services/_global/" + YamcsRest.encode(name);
        assertEquals(200, admin.post(path + ":stop", "{}").status());
        awaitState(admin, path, "TERMINATED");
        assertEquals(200, admin.post(path + ":start", "{}").status());
        awaitState(admin, path, "RUNNING");
    }

    private static void awaitState(YamcsRest admin, String path, String state) {
        Poll.until(Duration.ofSeconds(30), "service state " + state, () -> admin.get(path).json().get("state")
                .getAsString().equals(state) ? Optional.of(true) : Optional.empty());
    }

    // ---

    private final Map<Long, Integer> detCounts = new HashMap<>();

    private List<Long> injectAndDump(int... detCounts) throws Exception {
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        List<Long> ids = new ArrayList<>();
        for (int n : detCounts) {
            long id = sc.injectTracklet(n).get();
            ids.add(id);
            this.detCounts.put(id, n);
        }
        dumpScience();
        return ids;
    }

    private int expectedCount(long id) {
        return detCounts.get(id);
    }

    private static void dumpScience() {
        String cmd = Commands.issueOk(sys, sys.instance(), "DUMP_STORE",
                "{\"store\": \"SCIENCE\", \"from\": 0, \"to\": 2000000000}");
        assertEquals("OK", Commands.awaitCompletion(sys, sys.instance(), cmd, Duration.ofSeconds(90))
                .get("CommandComplete_Status"));
    }

    private static String trkSub(long trackletId) {
        return TrkSub.of(new TrackletKey(sys.subject.name(), trackletId));
    }

    /** Waits until every tracklet is in the archive; returns the number of observations per trkSub. */
    private static Map<String, Integer> awaitInArchive(List<Long> tracklets) {
        return Poll.until(Duration.ofSeconds(90), "tracklets " + tracklets + " in the archive", () -> {
            Map<String, Integer> count = new HashMap<>();
            for (JsonObject s : submissions()) {
                String xml = get("/submissions/" + s.get("submissionId").getAsString());
                for (String part : xml.split("<trkSub>")) {
                    int end = part.indexOf("</trkSub>");
                    if (end > 0) {
                        count.merge(part.substring(0, end), 1, Integer::sum);
                    }
                }
            }
            for (long id : tracklets) {
                if (!count.containsKey(trkSub(id))) {
                    return Optional.empty();
                }
            }
            return Optional.of(count);
        });
    }

    private static List<JsonObject> submissionsWith(String trkSub) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject s : submissions()) {
            if (s.getAsJsonArray("trkSubs").toString().contains("\"" + trkSub + "\"")) {
                out.add(s);
            }
        }
        return out;
    }

    private static List<JsonObject> submissions() {
        List<JsonObject> out = new ArrayList<>();
        for (JsonElement e : JsonParser.parseString(get("/submissions")).getAsJsonObject()
                .getAsJsonArray("submissions")) {
            JsonObject s = e.getAsJsonObject();
            if (!s.has("submissionId") && s.has("id")) {
                s.add("submissionId", s.get("id"));
            }
            out.add(s);
        }
        return out;
    }

    private static JsonObject report() {
        for (JsonElement e : sys.rest.get("/najm/science").json().getAsJsonArray("spacecraft")) {
            if (e.getAsJsonObject().get("spacecraft").getAsString().equals(sys.subject.name())) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no science report for " + sys.subject.name());
    }

    private static JsonObject outbox() {
        return sys.rest.get("/najm/science").json().getAsJsonObject("outbox");
    }

    private static String get(String path) {
        return send(HttpRequest.newBuilder(archive(path)).GET()).body();
    }

    private static void post(String path, String json) {
        send(HttpRequest.newBuilder(archive(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static void delete(String path) {
        send(HttpRequest.newBuilder(archive(path)).DELETE());
    }

    private static URI archive(String path) {
        return URI.create("http://127.0.0.1:" + sys.archive.port() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) {
        try {
            return HTTP.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
