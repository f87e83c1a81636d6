package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Station;
import org.najm.contacts.ContactPlanService;
import org.najm.context.NajmContext;
import org.najm.gateway.StationGateway;
import org.najm.orekit.OrekitData;
import org.najm.passes.TleParser;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.propagation.analytical.tle.generation.FixedPointTleGenerationAlgorithm;
import org.yamcs.YamcsServer;
import org.yamcs.timeline.TimelineEvent;
import org.yamcs.timeline.TimelineService;
import org.yamcs.utils.TimeEncoding;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Passes, the contact plan, TLE upload and station availability through the HTTP API (issue 3). */
class ContactPlanIT extends InContactTest {

    @Test
    void passesAreListedWithTheirGeometryAndPlanningVerdict() {
        Instant from = sys.pass.aos().minus(Duration.ofMinutes(5));
        var r = sys.rest.get("/najm/passes?start=" + from + "&stop=" + from.plus(Duration.ofHours(24)));
        assertEquals(200, r.status(), r.body());
        var passes = r.json().getAsJsonArray("passes");
        assertTrue(passes.size() > 20, "a day of 4 x 5 passes: " + passes.size());
        JsonObject test = null;
        for (JsonElement e : passes) {
            JsonObject p = e.getAsJsonObject();
            assertTrue(p.get("maxElevation").getAsDouble() >= 5, p.toString());
            Instant aos = Instant.parse(p.get("aos").getAsString());
            Instant los = Instant.parse(p.get("los").getAsString());
            Instant tca = Instant.parse(p.get("tca").getAsString());
            assertTrue(aos.isBefore(tca) && tca.isBefore(los), p.toString());
            assertTrue(p.get("planned").getAsBoolean() || p.has("reason"), "unplanned without a reason: " + p);
            if (p.get("spacecraft").getAsString().equals(sys.subject.name())
                    && p.get("station").getAsString().equals(sys.station.name())
                    && Math.abs(Duration.between(aos, sys.pass.aos()).toMillis()) < 1000) {
                test = p;
            }
        }
        assertTrue(test != null && test.get("planned").getAsBoolean(), "the test pass is planned: " + test);
    }

    @Test
    void whenThePlanSaysAContactIsRunningThatStationsFramesFlow() {
        Instant now = sys.clock.now();
        var r = sys.rest.get("/najm/contacts?start=" + now + "&stop=" + now.plusSeconds(1));
        assertEquals(200, r.status(), r.body());
        Map<String, String> running = new HashMap<>();
        for (JsonElement e : r.json().getAsJsonArray("contacts")) {
            JsonObject c = e.getAsJsonObject();
            running.put(c.get("station").getAsString(), c.get("spacecraft").getAsString());
        }
        assertEquals(sys.subject.name(), running.get(sys.station.name()), "contacts running now: " + running);
        var gateway = NajmContext.running(StationGateway.class);
        Map<String, Long> before = new HashMap<>();
        for (Station st : sys.constellation.stations()) {
            before.put(st.name(), gateway.stats(st.id()).routed());
        }
        // Two simulated seconds later, every station with a running contact has delivered frames;
        // a station with none has delivered nothing.
        Poll.until(Duration.ofSeconds(20), "frames from the stations in contact", () -> {
            for (String station : running.keySet()) {
                int id = sys.constellation.stationByName(station).orElseThrow().id();
                if (gateway.stats(id).routed() <= before.get(station) + 1) {
                    return Optional.empty();
                }
            }
            return Optional.of(true);
        });
        Instant later = sys.clock.now();
        for (Station st : sys.constellation.stations()) {
            boolean planned = planRunning(st.name(), now) || planRunning(st.name(), later);
            if (!planned) {
                assertEquals(before.get(st.name()), gateway.stats(st.id()).routed(),
                        st.name() + " has no contact planned but forwarded frames");
            }
        }
        int scid = sys.subject.scid();
        assertEquals(sys.station.id(), gateway.stationInContact(scid).orElse(-1));
    }

    private static boolean planRunning(String station, Instant t) {
        var r = sys.rest.get("/najm/contacts?station=" + station + "&start=" + t.minusSeconds(3) + "&stop="
                + t.plusSeconds(3));
        return r.status() == 200 && r.json().has("contacts") && r.json().getAsJsonArray("contacts").size() > 0;
    }

    @Test
    void contactsAreTimelineItemsOfTheirSpacecraftsInstance() {
        Instant from = sys.pass.aos().minus(Duration.ofMinutes(1));
        String query = "/timeline/" + sys.instance() + "/items?source=rdb&start=" + from + "&stop="
                + from.plus(Duration.ofHours(12)) + "&limit=500";
        // The plan is written to the timeline in the background after each planning run.
        JsonObject props = Poll.until(Duration.ofSeconds(60), "the test contact on the timeline", () -> {
            var r = sys.rest.get(query);
            assertEquals(200, r.status(), r.body());
            if (!r.json().has("items")) {
                return Optional.empty();
            }
            for (JsonElement e : r.json().getAsJsonArray("items")) {
                JsonObject item = e.getAsJsonObject();
                var tags = item.getAsJsonArray("tags").toString();
                assertTrue(tags.contains("\"contact\""), item.toString());
                assertTrue(tags.contains(sys.subject.name()), "only its own spacecraft's contacts: " + item);
                JsonObject p = item.getAsJsonObject("properties");
                if (p.get("station").getAsString().equals(sys.station.name()) && Math.abs(Duration
                        .between(Instant.parse(p.get("aos").getAsString()), sys.pass.aos()).toMillis()) < 1000) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        });
        assertTrue(props.has("maxElevation") && props.has("los"), props.toString());

        // The "Contact plan" view and its bands, as the web UI's Timeline page lists them.
        var views = sys.rest.get("/timeline/" + sys.instance() + "/views");
        assertEquals(200, views.status(), views.body());
        assertTrue(views.body().contains("\"Contact plan\""), views.body());
        var bands = sys.rest.get("/timeline/" + sys.instance() + "/bands");
        assertEquals(200, bands.status(), bands.body());
        for (var st : sys.constellation.stations()) {
            assertTrue(bands.body().contains("\"" + st.name() + "\""), st.name() + " band: " + bands.body());
        }
    }

    @Test
    void aReplanWithNothingChangedRewritesNoTimelineItem() throws Exception {
        var service = NajmContext.running(ContactPlanService.class);
        service.replan("test").get(120, TimeUnit.SECONDS);
        // Before the second: an item as an earlier run of the MOC would have left it (a contact re-planned away
        // while it was down), and an operator's own item tagged "contact".
        var items = YamcsServer.getServer().getService(sys.instance(), TimelineService.class).getTimelineItemDb();
        Instant tomorrow = sys.clock.now().plus(Duration.ofDays(1));
        TimelineEvent stale = timelineEvent(tomorrow, Map.of("spacecraft", sys.subject.name(), "station",
                sys.station.name(), "aos", tomorrow.toString(), "los", tomorrow.plusSeconds(300).toString()));
        TimelineEvent operators = timelineEvent(tomorrow, Map.of("note", "an operator's own"));
        items.addItem(stale);
        items.addItem(operators);
        var second = service.replan("test").get(120, TimeUnit.SECONDS);
        // Written in the background; a cadence re-plan may come in between and be the one written.
        var write = Poll.until(Duration.ofSeconds(60), "the second plan on the timelines",
                () -> service.lastTimelineWrite().filter(w -> !w.generated().isBefore(second.generated())));
        // A few simulated seconds apart, the same TLEs and windows give the same contacts, to within nanoseconds of
        // root finding: none is rewritten (a pass may enter or leave at the horizon's edges meanwhile); the stale
        // item is the one removed.
        assertTrue(write.unchanged() > 100, write.toString());
        assertTrue(write.added() + write.removed() <= 3, write.toString());
        assertEquals(null, items.getItem(stale.getId()), "the contact item no plan has is removed");
        assertTrue(items.getItem(operators.getId()) != null, "the operator's own item stays");
    }

    private static TimelineEvent timelineEvent(Instant start, Map<String, String> properties) {
        TimelineEvent ev = new TimelineEvent(UUID.randomUUID().toString());
        ev.setName("test item");
        ev.setStart(TimeEncoding.fromJavaInstant(start));
        ev.setDuration(300_000);
        ev.setTags(List.of("contact"));
        ev.setProperties(properties);
        return ev;
    }

    @Test
    void badTleIsRefusedWithTheLineAndReasonAndNothingChanges() {
        var before = sys.rest.get("/najm/tles");
        String bad = "NAJM-2\n"
                + "1 99002U 26900B   26330.00000000  .00000000  00000-0  00000+0 0  9993\n" // checksum wrong
                + "2 99002  98.6000 330.0000 0012000  90.0000  90.0000 14.32016018    19\n";
        var r = sys.rest.post("/najm/tles", "{\"text\": " + JsonParser.parseString(
                "\"" + bad.replace("\n", "\\n") + "\"") + "}");
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("line 2"), r.body());
        assertTrue(r.body().toLowerCase().contains("checksum"), r.body());
        assertEquals(before.body(), sys.rest.get("/najm/tles").body());

        String older1 = "1 99003U 26900C   26300.00000000  .00000000  00000-0  00000+0 0  999";
        String older = older1 + TleParser.checksum(older1) + "\n"
                + "2 99003  98.6000  30.0000 0012000  90.0000  45.0000 14.32016018    17\n";
        var r2 = sys.rest.post("/najm/tles", "{\"text\": \"" + older.replace("\n", "\\n") + "\"}");
        assertEquals(400, r2.status(), r2.body());
        assertTrue(r2.body().contains("not newer"), r2.body());
    }

    @Test
    void newerTleIsAcceptedKeptInHistoryAndReplans() {
        // An orbit update as flight dynamics would send it: the same orbit, one day later epoch
        // (so the simulator's spacecraft, flying the launch TLE, stays where the plan expects it).
        var sc = sys.constellation.spacecraftByName("NAJM-4").orElseThrow();
        var utc = OrekitData.context().getTimeScales().getUTC();
        var launch = new TLE(sc.tleLine1(), sc.tleLine2(), utc);
        var state = TLEPropagator.selectExtrapolator(launch)
                .propagate(launch.getDate().shiftedBy(86400));
        var fresh = TLE.stateToTLE(state, launch,
                new FixedPointTleGenerationAlgorithm());
        String line1 = fresh.getLine1();
        String line2 = fresh.getLine2();
        var r = sys.as("delta-op").post("/najm/tles", "{\"text\": \"NAJM-4\\n" + line1 + "\\n" + line2 + "\\n\"}");
        assertEquals(200, r.status(), r.body());
        JsonObject json = r.json();
        boolean inForce = false;
        for (JsonElement e : json.getAsJsonArray("tles")) {
            JsonObject t = e.getAsJsonObject();
            if (t.get("spacecraft").getAsString().equals("NAJM-4")) {
                inForce = t.get("line1").getAsString().equals(line1);
            }
        }
        assertTrue(inForce, json.toString());
        long history4 = 0;
        for (JsonElement e : json.getAsJsonArray("history")) {
            if (e.getAsJsonObject().get("spacecraft").getAsString().equals("NAJM-4")) {
                history4++;
            }
        }
        assertTrue(history4 >= 2, "launch TLE and the new one: " + json);
        var plan = sys.rest.get("/najm/contacts").json().getAsJsonObject("plan");
        assertEquals("tle", plan.get("trigger").getAsString(), plan.toString());
    }

    @Test
    void unavailableStationGetsNoContactsAndItsPassesSayWhy() {
        Instant from = sys.clock.now().plus(Duration.ofDays(2));
        Instant to = from.plus(Duration.ofHours(6));
        var r = sys.as("delta-op").post("/najm/stations/RABAT/unavailability",
                "{\"start\": \"" + from + "\", \"stop\": \"" + to + "\", \"reason\": \"antenna maintenance\"}");
        assertEquals(200, r.status(), r.body());
        var contacts = sys.rest.get("/najm/contacts?station=RABAT&start=" + from + "&stop=" + to).json();
        assertFalse(contacts.has("contacts") && contacts.getAsJsonArray("contacts").size() > 0, contacts.toString());
        var passes = sys.rest.get("/najm/passes?station=RABAT&start=" + from.plusSeconds(900) + "&stop="
                + to.minusSeconds(900)).json().getAsJsonArray("passes");
        assertTrue(passes.size() > 0);
        int longEnough = 0;
        for (JsonElement e : passes) {
            JsonObject p = e.getAsJsonObject();
            assertFalse(p.get("planned").getAsBoolean(), p.toString());
            Duration length = Duration.between(Instant.parse(p.get("aos").getAsString()),
                    Instant.parse(p.get("los").getAsString()));
            if (length.compareTo(Duration.ofMinutes(4)) >= 0) {
                longEnough++;
                assertEquals("STATION_UNAVAILABLE", p.get("reasonCode").getAsString(), p.toString());
                assertTrue(p.get("reason").getAsString().contains("antenna maintenance"), p.toString());
            }
        }
        assertTrue(longEnough > 0, "some pass of 4 min or more in the window: " + passes);
        assertEquals(404, sys.as("delta-op").post("/najm/stations/NOWHERE/unavailability",
                "{\"start\": \"" + from + "\", \"stop\": \"" + to + "\"}").status());
    }
}
