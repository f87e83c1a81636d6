package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.najm.it.ContactChecks.archived;
import static org.najm.it.ContactChecks.key;
import static org.najm.it.ContactChecks.wall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.najm.simulator.spacecraft.SpacecraftSim;
import org.najm.simulator.spacecraft.StoredPacket;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Contacts that run themselves, end to end (real Yamcs, real simulator, accelerated clock, in a JVM of its own:
 * {@link NajmSystem.Scenario#LIGHTS_OUT}). NAJM-1 has two planned contacts a few minutes apart. In the first
 * its operator, alpha-op, has paused the automation and puts the spacecraft in routine operations (payload on,
 * SURVEY); that contact is reported SKIPPED. alpha-op resumes. The automation service is restarted between
 * the contacts, after a contact of another spacecraft has ended meanwhile (reported MISSED, the MOC was not
 * running; or FAILED, the MOC went down during it, if it had begun when the service stopped). The second
 * contact, under way at the restart, then runs with no operator command: alpha-automation dumps the science
 * and HK stores, frees exactly what the ground archived, the report says COMPLETE, and the played-back HK is
 * in the parameter archive as well as in the tm archive.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LightsOutIT {

    private static final String SC = "NAJM-1";
    private static final String AUTOMATION = "alpha-automation";

    static NajmSystem sys;
    static YamcsRest operator;
    /** The simulator's stores just before the automation is started again in the second contact. */
    static Map<String, List<long[]>> onboardBefore;
    /** Injected tracklet id -> detections. */
    static final Map<Long, Integer> injected = new HashMap<>();

    @BeforeAll
    static void startTheLightsOutSystem() throws Exception {
        sys = NajmSystem.lightsOut();
        operator = sys.as("alpha-op");
        ContactChecks.awaitAutomation(sys, SC);
    }

    @Test
    @Order(1)
    void onlyThePartnersOperatorsMayPauseItsAutomation() {
        var bravo = sys.as("bravo-op").post("/najm/automation/" + SC + ":pause", "{}");
        assertEquals(403, bravo.status(), bravo.body());
        assertEquals("bravo-op operates for bravo; NAJM-1 belongs to alpha: only alpha's operators and leads pause or"
                + " resume the automation of NAJM-1", bravo.json().get("msg").getAsString());
        var observer = sys.as("observer").post("/najm/automation/" + SC + ":resume", "{}");
        assertEquals(403, observer.status(), observer.body());
        assertTrue(observer.json().get("msg").getAsString().startsWith("observer is not an operator of any partner"),
                observer.body());
        assertEquals(404, operator.post("/najm/automation/NAJM-9:pause", "{}").status());
        assertEquals(400, sys.rest.get("/najm/contact-reports?limit=0").status());

        JsonObject mine = ContactChecks.automationOf(sys, SC);
        assertEquals("ON", mine.get("state").getAsString(), mine.toString());
        assertEquals(sys.station.name(), mine.getAsJsonObject("nextContact").get("station").getAsString(),
                mine.toString());
        var audit = sys.as("admin").get("/najm/audit?user=bravo-op&spacecraft=" + SC).body();
        assertTrue(audit.contains("\"kind\": \"AUTOMATION\"") || audit.contains("\"kind\":\"AUTOMATION\""), audit);
    }

    @Test
    @Order(2)
    void aPausedContactIsSkippedWhileTheOperatorSetsUpRoutineOperations() {
        var paused = operator.post("/najm/automation/" + SC + ":pause", "{}");
        assertEquals(200, paused.status(), paused.body());
        assertEquals("PAUSED", paused.json().get("state").getAsString());
        assertEquals("alpha-op", paused.json().get("pausedBy").getAsString());

        Contact.awaitTelemetry(sys);
        command("PAYLOAD_POWER", "{\"on\": \"ON\"}");
        command("SET_MODE", "{\"mode\": \"SURVEY\"}");

        JsonObject first = awaitReport(sys.station.name(), sys.pass.los());
        assertEquals("SKIPPED", first.get("outcome").getAsString(), first.toString());
        assertTrue(first.get("reason").getAsString().startsWith("paused by alpha-op"), first.toString());
        assertFalse(first.has("commands"), "nothing sent while paused: " + first);

        var resumed = operator.post("/najm/automation/" + SC + ":resume", "{}");
        assertEquals(200, resumed.status(), resumed.body());
        assertEquals("ON", resumed.json().get("state").getAsString());
        String audit = sys.as("admin").get("/najm/audit?user=alpha-op&spacecraft=" + SC).body();
        assertTrue(audit.contains("PAUSED") && audit.contains("RESUMED"), audit);
    }

    /**
     * The automation service is stopped between the contacts and started again (a new service, as after a
     * MOC restart, reading the same state) once a contact of another spacecraft has ended meanwhile, and
     * while NAJM-1's second contact is under way.
     */
    @Test
    @Order(3)
    void aRestartKeepsTheStateReportsTheContactMissedMeanwhileAndExecutesTheOneUnderWay() throws Exception {
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        for (int n : new int[] { 3, 4, 5 }) {
            injected.put(sc.injectTracklet(n).get(), n);
        }
        JsonObject before = ContactChecks.automationOf(sys, SC);
        YamcsRest admin = sys.as("admin");
        String service = "/services/_global/ContactAutomationService";
        assertEquals(200, admin.post(service + ":stop", "{}").status());
        awaitState(admin, service, "TERMINATED");

        // A contact of another spacecraft that ends while the service is down, early enough in NAJM-1's
        // second contact to leave it time.
        Instant now = sys.clock.now();
        JsonObject missed = null;
        for (JsonElement e : sys.rest.get("/najm/contacts").json().getAsJsonArray("contacts")) {
            JsonObject c = e.getAsJsonObject();
            Instant end = Instant.parse(c.get("los").getAsString());
            if (!c.get("spacecraft").getAsString().equals(SC) && end.isAfter(now.plusSeconds(30))
                    && end.isBefore(sys.nextPass.los().minusSeconds(240))
                    && (missed == null || end.isBefore(Instant.parse(missed.get("los").getAsString())))) {
                missed = c;
            }
        }
        assertTrue(missed != null, "a contact of another spacecraft ends before NAJM-1's second contact is half over");
        Instant restart = Instant.parse(missed.get("los").getAsString()).plusSeconds(15);
        Poll.until(wall(sys, Duration.between(sys.clock.now(), restart)).plusSeconds(10), "the end of " + missed,
                () -> sys.clock.now().isAfter(restart) ? Optional.of(true) : Optional.empty());
        assertTrue(sys.clock.now().isAfter(sys.nextPass.aos()), "the second contact is under way at the restart");
        onboardBefore = onboard(); // nothing frees the stores while the automation is down
        assertEquals(200, admin.post(service + ":start", "{}").status());
        awaitState(admin, service, "RUNNING");

        // MISSED; or FAILED if it had begun when the service stopped (the automation was executing it).
        String other = missed.get("spacecraft").getAsString();
        JsonObject report = ContactChecks.awaitReport(sys, other, missed.get("station").getAsString(), sys.clock.now());
        if (Instant.parse(missed.get("aos").getAsString()).isBefore(now)) {
            assertEquals("FAILED", report.get("outcome").getAsString(), report.toString());
            assertTrue(report.get("reason").getAsString().startsWith("the MOC went down during the contact"),
                    report.toString());
        } else {
            assertEquals("MISSED", report.get("outcome").getAsString(), report.toString());
            assertEquals("the MOC was not running", report.get("reason").getAsString());
        }
        JsonObject after = ContactChecks.automationOf(sys, SC);
        assertEquals("ON", after.get("state").getAsString(), "the resume survived: " + after);
        assertEquals(before.get("stores"), after.get("stores"), "the ledger survived");
    }

    @Test
    @Order(4)
    void theContactUnderWayRunsItselfAndFreesOnlyWhatTheGroundArchived() throws Exception {
        Instant aos = sys.nextPass.aos();

        JsonObject report = awaitReport(sys.nextStation.name(), sys.nextPass.los());
        System.out.println("Report of the second contact: " + report);
        String outcome = report.get("outcome").getAsString();
        assertTrue(outcome.equals("COMPLETE") || outcome.equals("PARTIAL") && !report.get("reason").getAsString()
                .isEmpty(), report.toString());
        assertEquals("COMPLETE", outcome, "the contact is long enough for both stores: " + report);
        assertTrue(report.has("aos") && report.has("los") && report.has("frames"), report.toString());

        // Every command of the contact was alpha-automation's, each completed OK, and it is in the audit trail.
        Set<String> sent = new HashSet<>();
        List<String> dumps = new ArrayList<>();
        for (JsonElement e : report.getAsJsonArray("commands")) {
            JsonObject c = e.getAsJsonObject();
            Map<String, String> h = Commands.history(sys, sys.instance(), c.get("id").getAsString());
            assertEquals(AUTOMATION, h.get("username"), h.toString());
            assertEquals("OK", h.get("CommandComplete_Status"), h.toString());
            assertEquals("OK", c.get("outcome").getAsString(), c.toString());
            sent.add(c.get("command").getAsString().replaceAll("\\(.*", "") + " "
                    + c.get("command").getAsString().replaceAll(".*store=(\\w+).*", "$1"));
            if (c.get("command").getAsString().startsWith("/NAJM/DUMP_STORE")) {
                dumps.add(c.get("command").getAsString().replaceAll(".*store=(\\w+).*", "$1"));
            }
        }
        // unconfirmed detections come down first: the science store is played back before the HK store
        assertEquals("SCIENCE", dumps.get(0), "the first playback of the contact: " + dumps);
        assertEquals(Set.of("/NAJM/DUMP_STORE SCIENCE", "/NAJM/DUMP_STORE HK", "/NAJM/DELETE_STORE SCIENCE",
                "/NAJM/DELETE_STORE HK"), sent);
        assertEquals(List.of(), commandsNotBy(AUTOMATION, report), "no operator command in the contact");
        String audit = sys.as("admin").get("/najm/audit?user=" + AUTOMATION + "&spacecraft=" + SC).body();
        assertTrue(audit.contains("DUMP_STORE") && audit.contains("DELETE_STORE") && audit.contains("RELEASED"),
                audit);

        // DELETE_STORE freed nothing the ground does not hold: what left the store is in the Yamcs archive.
        Map<String, Long> deleted = new HashMap<>();
        for (JsonElement e : report.getAsJsonArray("stores")) {
            JsonObject s = e.getAsJsonObject();
            deleted.put(s.get("store").getAsString(), s.get("deletedUpTo").getAsLong());
            assertEquals(s.get("confirmedUpTo").getAsLong(), s.get("deletedUpTo").getAsLong(), s.toString());
        }
        Map<String, List<long[]>> onboardAfter = onboard();
        for (String store : List.of("SCIENCE", "HK")) {
            long upTo = deleted.get(store);
            for (long[] p : onboardAfter.get(store)) {
                assertTrue(p[0] > upTo, store + ": a packet of second " + p[0] + " is still onboard after a"
                        + " DELETE_STORE up to " + upTo);
            }
            Set<String> archived = archived(sys, store.equals("SCIENCE") ? List.of("/NAJM/SCI_DETECTION")
                    : List.of("/NAJM/BUS_HK", "/NAJM/EVENT"));
            int freed = 0;
            for (long[] p : onboardBefore.get(store)) {
                if (p[0] <= upTo) {
                    freed++;
                    String k = key(p[1], p[2], p[0]);
                    assertTrue(archived.contains(k), store + " packet (apid/seq/second) " + k
                            + " was freed onboard but is not in the archive");
                }
            }
            assertTrue(freed > 0, store + ": something was freed");
        }

        // The HK history is back-filled in the parameter archive too, not only in the tm archive: every BUS_HK
        // from the start of the simulation to the second contact's AOS has its sample of battery_voltage.
        Instant from = sys.pass.aos().minus(sys.lead);
        var seen = ContactChecks.tmAgainstParameterArchive(sys, "/NAJM/BUS_HK", "/NAJM/battery_voltage", from, aos);
        assertTrue(seen.tm() > 0, "BUS_HK in the tm archive: " + seen);
        Poll.until(Duration.ofSeconds(60), "the played-back HK in the parameter archive", () -> {
            var now = ContactChecks.tmAgainstParameterArchive(sys, "/NAJM/BUS_HK", "/NAJM/battery_voltage", from,
                    aos);
            return now.complete() ? Optional.of(now) : Optional.empty();
        }, () -> ContactChecks.tmAgainstParameterArchive(sys, "/NAJM/BUS_HK", "/NAJM/battery_voltage", from, aos)
                .toString());

        // The detections reached the asteroid archive exactly once.
        ContactChecks.assertInArchiveExactlyOnce(sys, SC, injected, Duration.ofSeconds(60));

        // The report is an event of the instance and marks the contact's timeline item.
        String events = sys.rest.get("/archive/" + sys.instance() + "/events?source=automation&limit=20").body();
        assertTrue(events.contains("CONTACT_REPORT") && events.contains(SC + " at " + sys.nextStation.name())
                && events.contains("COMPLETE"), events);
        Poll.until(Duration.ofSeconds(20), "the contact's timeline item marked COMPLETE", () -> {
            String items = sys.rest.get("/timeline/" + sys.instance() + "/items?source=rdb&start="
                    + YamcsRest.encode(aos.minusSeconds(600).toString()) + "&stop="
                    + YamcsRest.encode(aos.plusSeconds(600).toString())).body();
            return items.contains("\"COMPLETE\"") ? Optional.of(true) : Optional.empty();
        });
        JsonObject mine = ContactChecks.automationOf(sys, SC);
        assertEquals("ON", mine.get("state").getAsString());
        assertTrue(Instant.parse(mine.getAsJsonObject("nextContact").get("aos").getAsString()).isAfter(aos),
                "on to the contact after: " + mine);
    }

    // ---

    private static void command(String name, String args) {
        String id = Commands.issueOk(operator, sys.instance(), name, args);
        assertEquals("OK", Commands.awaitCompletion(sys, sys.instance(), id, Duration.ofSeconds(30))
                .get("CommandComplete_Status"), name);
    }

    /** Waits for the report of NAJM-1's contact at {@code station}, up to a minute after its LOS. */
    private static JsonObject awaitReport(String station, Instant los) {
        return ContactChecks.awaitReport(sys, SC, station, los);
    }

    private static void awaitState(YamcsRest admin, String path, String state) {
        Poll.until(Duration.ofSeconds(30), "service state " + state, () -> admin.get(path).json().get("state")
                .getAsString().equals(state) ? Optional.of(true) : Optional.empty());
    }

    /** The commands in command history between the report's AOS and LOS whose issuer is not {@code user}. */
    private static List<String> commandsNotBy(String user, JsonObject report) {
        var r = sys.rest.get("/archive/" + sys.instance() + "/commands?start="
                + YamcsRest.encode(report.get("aos").getAsString()) + "&stop="
                + YamcsRest.encode(report.get("los").getAsString()) + "&limit=100");
        assertEquals(200, r.status(), r.body());
        List<String> others = new ArrayList<>();
        if (r.json().has("commands")) {
            for (JsonElement e : r.json().getAsJsonArray("commands")) {
                String id = e.getAsJsonObject().get("id").getAsString();
                String by = Commands.history(sys, sys.instance(), id).get("username");
                if (!user.equals(by)) {
                    others.add(id + " by " + by);
                }
            }
        }
        return others;
    }

    /** The simulator's stores now (its truth hooks): per store, each packet as (onboard second, apid, seq). */
    private static Map<String, List<long[]>> onboard() throws Exception {
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        Map<String, List<long[]>> out = new HashMap<>();
        out.put("SCIENCE", describe(sc.storedPackets(SpacecraftSim.STORE_SCIENCE).get()));
        out.put("HK", describe(sc.storedPackets(SpacecraftSim.STORE_HK).get()));
        return out;
    }

    private static List<long[]> describe(List<StoredPacket> packets) {
        List<long[]> out = new ArrayList<>();
        for (StoredPacket p : packets) {
            out.add(new long[] { (long) Math.floor(p.creationTime()), p.apid(), p.seqCount() });
        }
        return out;
    }

}
