package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.najm.it.ContactChecks.archive;
import static org.najm.it.ContactChecks.wall;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The contact automation under faults (real Yamcs, real simulator, accelerated clock, in a JVM of its own:
 * {@link NajmSystem.Scenario#FAULTS}, every spacecraft in routine operations from the start). NAJM-1 has two
 * planned contacts a few minutes apart. In the first, its station fails once the science store is confirmed
 * (an outage up to shortly before the planned LOS): the contact is PARTIAL, nothing is freed that the archive
 * does not hold. The asteroid archive fails (HTTP 500) across the second contact of NAJM-1: the contact is COMPLETE
 * (what the first left included), the ADES submissions are delivered once the archive is back, every injected
 * detection exactly once. A contact of another spacecraft is lost whole to an outage of its station: MISSED.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final String SC = "NAJM-1";

    static NajmSystem sys;
    /** Injected tracklet id -> detections. */
    static final Map<Long, Integer> injected = new HashMap<>();
    /** Every packet seen onboard so far, from the simulator's stores. */
    static OnboardTruth onboard;
    /** The contact of another spacecraft lost whole to an outage of its station. */
    static JsonObject lost;

    @BeforeAll
    static void startTheSystemAndPlanTheFaults() throws Exception {
        sys = NajmSystem.faults();
        onboard = new OnboardTruth(sys);
        ContactChecks.awaitAutomation(sys, SC);
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        for (int n : new int[] { 3, 4 }) {
            injected.put(sc.injectTracklet(n).get(), n);
        }
        onboard.look();

        // The first contact of another spacecraft, at a station NAJM-1 does not use in the test, that starts
        // after the first contact of NAJM-1 and ends before its second one does: its station fails throughout.
        Instant earliest = sys.clock.now().plusSeconds(60);
        for (JsonElement e : sys.rest.get("/najm/contacts").json().getAsJsonArray("contacts")) {
            JsonObject c = e.getAsJsonObject();
            Instant aos = Instant.parse(c.get("aos").getAsString());
            Instant los = Instant.parse(c.get("los").getAsString());
            String station = c.get("station").getAsString();
            if (!c.get("spacecraft").getAsString().equals(SC) && aos.isAfter(earliest)
                    && los.isBefore(sys.nextPass.los()) && !station.equals(sys.station.name())
                    && !station.equals(sys.nextStation.name())
                    && (lost == null || aos.isBefore(Instant.parse(lost.get("aos").getAsString())))) {
                lost = c;
            }
        }
        assertTrue(lost != null, "a contact of another spacecraft before NAJM-1's second contact ends");
        var station = sys.constellation.stationByName(lost.get("station").getAsString()).orElseThrow();
        sys.simulator.station(station.id()).addOutage(Instant.parse(lost.get("aos").getAsString()).minusSeconds(60),
                Instant.parse(lost.get("los").getAsString()).plusSeconds(60));
    }

    @Test
    @Order(1)
    void aStationLostMidContactIsPartialAndFreesOnlyWhatTheGroundArchived() throws Exception {
        Instant los = sys.pass.los();
        // The outage begins once the automation has confirmed the science store (before HK is played back).
        Poll.until(wall(sys, Duration.between(sys.clock.now(), los)).plusSeconds(5), "SCIENCE confirmed in contact 1",
                () -> ledger(SC, "SCIENCE", "confirmedUpTo") >= 0 ? Optional.of(true) : Optional.empty(),
                () -> sys.rest.get("/najm/automation").body());
        onboard.look();
        Instant start = sys.clock.now();
        Instant stop = los.minusSeconds(60);
        assertTrue(start.isBefore(stop.minusSeconds(30)), "the outage fits in the contact: " + start + " .. " + los);
        var station = sys.simulator.station(sys.station.id());
        station.addOutage(start, stop);

        JsonObject report = ContactChecks.awaitReport(sys, SC, sys.station.name(), los);
        System.out.println("Report of the first contact (station outage " + start + " .. " + stop + "): " + report);
        assertEquals("PARTIAL", report.get("outcome").getAsString(), report.toString());
        String reason = report.get("reason").getAsString();
        assertTrue(reason.contains("HK") && reason.contains("LOS"), "HK left, LOS came first: " + report);
        Instant reportedLos = Instant.parse(report.get("los").getAsString());
        assertTrue(reportedLos.isBefore(stop), "LOS when the station failed, not at the planned end: " + report);
        assertTrue(station.framesDroppedOutage() > 0, "the outage dropped frames");
        onboard.assertFreedOnlyWhatIsArchived(report);
    }

    @Test
    @Order(3)
    void aContactLostWholeToAStationOutageIsMissed() {
        String spacecraft = lost.get("spacecraft").getAsString();
        JsonObject report = ContactChecks.awaitReport(sys, spacecraft, lost.get("station").getAsString(),
                Instant.parse(lost.get("los").getAsString()));
        System.out.println("Report of the contact lost to an outage: " + report);
        assertEquals("MISSED", report.get("outcome").getAsString(), report.toString());
        assertTrue(report.get("reason").getAsString().startsWith("no frames of " + spacecraft + " through "
                + lost.get("station").getAsString() + " between "), report.toString());
        assertTrue(!report.has("aos") && !report.has("commands"), "nothing heard, nothing sent: " + report);
    }

    @Test
    @Order(2)
    void anArchiveOutageAcrossTheNextContactDelaysTheAdesButLosesNothing() throws Exception {
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        injected.put(sc.injectTracklet(5).get(), 5);
        onboard.look();
        archive(sys, "POST", "/control/failure", "{\"mode\": \"HTTP_500\"}");
        assertTrue(sys.clock.now().isBefore(sys.nextPass.aos()), "the archive fails before the second contact");
        JsonObject report;
        try {
            report = ContactChecks.awaitReport(sys, SC, sys.nextStation.name(), sys.nextPass.los());
            System.out.println("Report of the second contact (archive failing): " + report);
            assertEquals("COMPLETE", report.get("outcome").getAsString(), "the data of the first contact too: "
                    + report);
            onboard.assertFreedOnlyWhatIsArchived(report);
            // The archive stays down until the MOC has tried to deliver the science of the contact.
            Poll.until(Duration.ofSeconds(60), "a delivery refused by the failing archive", () -> JsonParser
                    .parseString(archive(sys, "GET", "/submissions", null)).getAsJsonObject()
                    .getAsJsonObject("counters").get("failedByInjection").getAsInt() > 0
                            ? Optional.of(true) : Optional.empty());
        } finally {
            archive(sys, "DELETE", "/control/failure", null);
        }

        // Every injected detection reaches the archive exactly once, once it is back.
        ContactChecks.assertInArchiveExactlyOnce(sys, SC, injected, Duration.ofSeconds(90));
    }

    // ---

    private static long ledger(String spacecraft, String store, String field) {
        for (JsonElement e : sys.rest.get("/najm/automation").json().getAsJsonArray("spacecraft")) {
            JsonObject a = e.getAsJsonObject();
            if (a.get("spacecraft").getAsString().equals(spacecraft) && a.has("stores")) {
                for (JsonElement s : a.getAsJsonArray("stores")) {
                    if (s.getAsJsonObject().get("store").getAsString().equals(store)) {
                        return s.getAsJsonObject().get(field).getAsLong();
                    }
                }
            }
        }
        return -1;
    }

}
