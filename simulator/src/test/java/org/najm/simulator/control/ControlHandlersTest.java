package org.najm.simulator.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.simulator.spacecraft.SpacecraftSim;
import org.najm.simulator.spacecraft.SpacecraftSnapshot;
import org.najm.simulator.station.FirstRisenPolicy;
import org.najm.simulator.station.Outage;
import org.najm.simulator.station.StationSim;
import org.najm.time.SimClock;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;

/** Each control route in a pipeline of its own kind, as the server builds it, without a socket. */
class ControlHandlersTest {

    private static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
    private static final Constellation C = load();

    private final List<StationSim> stations = new ArrayList<>();
    private final List<SpacecraftSim> spacecraft = new ArrayList<>();
    private final ControlTargets targets;
    private final EmbeddedChannel channel;

    ControlHandlersTest() {
        for (Station st : C.stations()) {
            stations.add(new StationSim(st, new FirstRisenPolicy(), C.turnaroundSeconds()));
        }
        for (Spacecraft s : C.spacecraft()) {
            spacecraft.add(new SpacecraftSim(s, f -> { }, 1000, 7));
        }
        // mission time stands still at NOW
        SimClock clock = new SimClock(NOW, 1, 0, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
        targets = new ControlTargets(stations, spacecraft, clock);
        channel = new EmbeddedChannel(new OutagesHandler(targets), new CorruptionHandler(targets),
                new StationsHandler(targets), new SpacecraftHandler(targets), new ControlNotFoundHandler());
    }

    private static Constellation load() {
        try {
            return Constellation.load(Path.of("..", "etc", "constellation.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** An answer: status and JSON body. */
    private record Answer(int status, JsonObject json) {
        String error() {
            return json.get("error").getAsString();
        }
    }

    private Answer call(HttpMethod method, String uri, String body) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri,
                Unpooled.copiedBuffer(body == null ? "" : body, StandardCharsets.UTF_8));
        req.headers().set(HttpHeaderNames.CONTENT_LENGTH, req.content().readableBytes());
        channel.writeInbound(req);
        FullHttpResponse res = channel.readOutbound();
        try {
            assertEquals("application/json", res.headers().get(HttpHeaderNames.CONTENT_TYPE));
            JsonElement e = JsonParser.parseString(res.content().toString(StandardCharsets.UTF_8));
            return new Answer(res.status().code(), e.getAsJsonObject());
        } finally {
            res.release();
        }
    }

    private Answer get(String uri) {
        return call(HttpMethod.GET, uri, null);
    }

    private Answer post(String uri, String body) {
        return call(HttpMethod.POST, uri, body);
    }

    private StationSim ankara() {
        return stations.get(2);
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    // ---------------------------------------------------------------------------------------------- outages

    @Test
    void outageForSecondsFromNowThenWindowsListedThenCleared() {
        Answer a = post("/control/stations/ANKARA/outages", "{\"seconds\": 90}");
        assertEquals(200, a.status(), a.json().toString());
        JsonObject added = a.json().getAsJsonObject("added");
        assertEquals("2026-11-20T00:00:00Z", added.get("start").getAsString());
        assertEquals("2026-11-20T00:01:30Z", added.get("stop").getAsString());
        assertTrue(added.get("active").getAsBoolean());
        assertTrue(a.json().get("inOutage").getAsBoolean());
        assertEquals(List.of(new Outage(NOW, NOW.plusSeconds(90))), ankara().outages(), "the Java API sees it");

        Answer b = post("/control/stations/ANKARA/outages",
                "{\"start\": \"2026-11-20T06:00:00Z\", \"stop\": \"2026-11-20T06:10:00Z\"}");
        assertEquals(200, b.status(), b.json().toString());
        assertFalse(b.json().getAsJsonObject("added").get("active").getAsBoolean());

        Answer list = get("/control/stations/ANKARA/outages");
        assertEquals(200, list.status());
        assertEquals("ANKARA", list.json().get("station").getAsString());
        assertEquals("2026-11-20T00:00:00Z", list.json().get("now").getAsString());
        JsonArray windows = list.json().getAsJsonArray("outages");
        assertEquals(2, windows.size());
        assertEquals("2026-11-20T06:00:00Z", windows.get(1).getAsJsonObject().get("start").getAsString());
        assertEquals(0, list.json().get("framesDroppedOutage").getAsLong());
        assertTrue(stations.get(1).outages().isEmpty(), "DUBAI untouched");

        Answer cleared = call(HttpMethod.DELETE, "/control/stations/ANKARA/outages", null);
        assertEquals(200, cleared.status());
        assertEquals(0, cleared.json().getAsJsonArray("outages").size());
        assertTrue(ankara().outages().isEmpty());
    }

    @Test
    void badOutagesAreRefusedWithAMessageAndNothingIsAdded() {
        String path = "/control/stations/ANKARA/outages";
        String[][] cases = {
            { "", "no body" },
            { "not json", "not JSON" },
            { "[1, 2]", "expected {\"start\"" },
            { "{\"secs\": 10}", "unknown field 'secs'" },
            { "{\"seconds\": 0}", "'seconds' must be > 0" },
            { "{\"seconds\": -5}", "'seconds' must be > 0" },
            { "{\"seconds\": 1e12}", "<= 1000000000" },
            { "{\"seconds\": \"10\"}", "'seconds' must be a number" },
            { "{\"seconds\": 10, \"start\": \"2026-11-20T00:00:00Z\"}", "not both" },
            { "{\"start\": \"2026-11-20T01:00:00Z\"}", "expected {\"start\"" },
            { "{\"start\": \"2026-11-20 01:00\", \"stop\": \"2026-11-20T02:00:00Z\"}", "'start' is not an ISO-8601" },
            { "{\"start\": 5, \"stop\": \"2026-11-20T02:00:00Z\"}", "'start' must be an ISO-8601" },
            { "{\"start\": \"2026-11-20T02:00:00Z\", \"stop\": \"2026-11-20T01:00:00Z\"}", "must be after 'start'" },
            { "{\"start\": \"2026-11-19T01:00:00Z\", \"stop\": \"2026-11-19T02:00:00Z\"}", "no effect" },
        };
        for (String[] c : cases) {
            Answer a = post(path, c[0]);
            assertEquals(400, a.status(), c[0]);
            assertTrue(a.error().contains(c[1]), c[0] + " -> " + a.error());
        }
        assertTrue(ankara().outages().isEmpty());
        assertEquals(405, call(HttpMethod.PUT, path, "{}").status());
    }

    @Test
    void unknownStationIs404WithTheKnownOnes() {
        for (String path : new String[] { "/control/stations/ISTANBUL/outages", "/control/stations/ankara/corruption",
            "/control/stations/ISTANBUL" }) {
            Answer a = get(path);
            assertEquals(404, a.status(), path);
            assertTrue(a.error().startsWith("no station"), a.error());
            assertEquals(List.of("SVALBARD", "DUBAI", "ANKARA", "KUALA-LUMPUR", "RABAT"),
                    strings(a.json().getAsJsonArray("stations")));
        }
    }

    // ---------------------------------------------------------------------------------------------- corruption

    @Test
    void corruptionSetShownAndCleared() {
        String path = "/control/stations/KUALA-LUMPUR/corruption";
        StationSim kl = stations.get(3);
        Answer set = post(path, "{\"rate\": 0.01, \"seed\": 42}");
        assertEquals(200, set.status(), set.json().toString());
        assertEquals(0.01, set.json().get("rate").getAsDouble());
        assertEquals(42, set.json().get("seed").getAsLong());
        assertEquals(0, set.json().get("corruptedFrames").getAsLong());
        assertEquals(0.01, kl.corruptionRate());
        assertEquals(42, kl.corruptionSeed());

        Answer defaultSeed = post("/control/stations/KUALA%2DLUMPUR/corruption", "{\"rate\": 0.5}");
        assertEquals(200, defaultSeed.status(), "a percent-encoded name is decoded");
        assertEquals(3, defaultSeed.json().get("seed").getAsLong(), "default seed: the station id");
        assertEquals(0.5, get(path).json().get("rate").getAsDouble());

        assertEquals(0, post(path, "{\"rate\": 0}").json().get("rate").getAsDouble(), "0 clears");
        post(path, "{\"rate\": 1}");
        Answer cleared = call(HttpMethod.DELETE, path, null);
        assertEquals(200, cleared.status());
        assertEquals(0, kl.corruptionRate());
    }

    @Test
    void badCorruptionIsRefused() {
        String path = "/control/stations/RABAT/corruption";
        String[][] cases = {
            { "{}", "missing 'rate'" },
            { "{\"rate\": 1.5}", "'rate' must be in [0, 1]" },
            { "{\"rate\": -0.1}", "'rate' must be in [0, 1]" },
            { "{\"rate\": \"0.1\"}", "'rate' must be a number" },
            { "{\"rate\": 0.1, \"seed\": 1.5}", "'seed' must be an integer" },
            { "{\"rate\": 0.1, \"seed\": 1e30}", "'seed' must be an integer" },
            { "{\"rate\": 0.1, \"seed\": \"7\"}", "'seed' must be an integer" },
            { "{\"rate\": 0.1, \"probability\": 1}", "unknown field 'probability'" },
        };
        for (String[] c : cases) {
            Answer a = post(path, c[0]);
            assertEquals(400, a.status(), c[0]);
            assertTrue(a.error().contains(c[1]), c[0] + " -> " + a.error());
        }
        assertEquals(0, stations.get(4).corruptionRate());
    }

    // ---------------------------------------------------------------------------------------------- stations

    @Test
    void stationsListedWithTheirState() {
        ankara().addOutage(NOW.minusSeconds(10), NOW.plusSeconds(10));
        Answer all = get("/control/stations");
        assertEquals(200, all.status());
        assertEquals(5, all.json().getAsJsonArray("stations").size());
        Answer one = get("/control/stations/ANKARA");
        assertEquals(200, one.status());
        JsonObject st = one.json();
        assertEquals(2, st.get("id").getAsInt());
        assertTrue(st.get("tracked").isJsonNull());
        assertTrue(st.get("inOutage").getAsBoolean());
        assertEquals(1, st.getAsJsonArray("outages").size());
        assertEquals(0, st.getAsJsonObject("counters").get("framesForwarded").getAsLong());
        assertEquals(2, st.getAsJsonObject("corruption").get("seed").getAsLong());
        assertEquals(405, call(HttpMethod.POST, "/control/stations/ANKARA", "{}").status());
    }

    // ---------------------------------------------------------------------------------------------- spacecraft

    @Test
    void spacecraftTruthIsTheSnapshot() {
        SpacecraftSim sc = spacecraft.get(0);
        sc.startInRoutineOps();
        for (int i = 0; i < 7 * 60; i++) {
            sc.tick(NOW.plusSeconds(i));
        }
        SpacecraftSnapshot s = sc.snapshot().join();
        Answer a = get("/control/spacecraft/NAJM-1");
        assertEquals(200, a.status(), a.json().toString());
        JsonObject o = a.json();
        assertEquals("NAJM-1", o.get("name").getAsString());
        assertEquals(0x1A1, o.get("scid").getAsInt());
        assertEquals("SURVEY", o.get("mode").getAsString());
        assertTrue(o.get("payloadOn").getAsBoolean());
        assertEquals(s.time().toString(), o.get("time").getAsString());
        assertEquals(s.onboardTime(), o.get("onboardTime").getAsDouble());
        assertFalse(o.get("onboardTime").toString().contains("E"), "plain notation: " + o.get("onboardTime"));
        assertEquals(s.detectionsSinceBoot(), o.get("detectionsSinceBoot").getAsLong());
        assertEquals(s.detectionsTotal(), o.get("detectionsTotal").getAsLong());
        assertTrue(s.detectionsTotal() > 0);
        assertEquals(s.trackletsRecorded(), o.get("trackletsRecorded").getAsLong());
        assertEquals(s.exposuresSinceBoot(), o.get("exposuresSinceBoot").getAsLong());
        JsonObject hk = o.getAsJsonObject("stores").getAsJsonObject("HK");
        assertEquals(s.hk().packets(), hk.get("packets").getAsInt());
        assertEquals(s.hk().fillOctets(), hk.get("fillOctets").getAsLong());
        assertEquals(s.hk().oldestTime(), hk.get("oldestTime").getAsDouble());
        assertEquals(s.hk().newestTime(), hk.get("newestTime").getAsDouble());
        for (String field : new String[] { "droppedOverflow", "deleted", "playedBack" }) {
            assertEquals(0, hk.get(field).getAsLong(), field);
        }
        assertFalse(hk.get("playingBack").getAsBoolean());
        JsonObject science = o.getAsJsonObject("stores").getAsJsonObject("SCIENCE");
        assertEquals(s.science().packets(), science.get("packets").getAsInt());
        assertEquals(64L << 20, science.get("capacityOctets").getAsLong());

        Answer cold = get("/control/spacecraft/NAJM-2");
        assertEquals("STANDBY", cold.json().get("mode").getAsString());
        assertTrue(cold.json().get("time").isJsonNull(), "not ticked yet");
        assertTrue(cold.json().getAsJsonObject("stores").getAsJsonObject("HK").get("oldestTime").isJsonNull());

        Answer list = get("/control/spacecraft");
        assertEquals(4, list.json().getAsJsonArray("spacecraft").size());
    }

    @Test
    void unknownSpacecraftAndStoppedSimulationAreAnswered() {
        Answer a = get("/control/spacecraft/NAJM-9");
        assertEquals(404, a.status());
        assertEquals(List.of("NAJM-1", "NAJM-2", "NAJM-3", "NAJM-4"), strings(a.json().getAsJsonArray("spacecraft")));
        spacecraft.get(3).setOwner(r -> {
            throw new RejectedExecutionException("shut down");
        });
        Answer stopped = get("/control/spacecraft/NAJM-4");
        assertEquals(503, stopped.status());
        assertTrue(stopped.error().contains("the simulator has stopped"), stopped.error());
        assertEquals(405, call(HttpMethod.DELETE, "/control/spacecraft/NAJM-1", null).status());
    }

    @Test
    void unknownRoutesAre404WithTheRoutes() {
        for (String path : new String[] { "/control", "/control/stations/ANKARA/antenna", "/elsewhere" }) {
            Answer a = get(path);
            assertEquals(404, a.status(), path);
            assertTrue(a.error().startsWith("no such resource"), a.error());
            assertEquals(ControlNotFoundHandler.ROUTES, strings(a.json().getAsJsonArray("routes")));
        }
    }
}
