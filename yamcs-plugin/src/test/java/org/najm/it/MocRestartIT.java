package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.najm.it.ContactChecks.wall;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The whole MOC killed with SIGKILL during a contact (real Yamcs in a process of its own, as {@code ./run.sh}
 * starts it; real simulator; {@link NajmSystem.Scenario#MOC_RESTART}, every spacecraft in routine operations).
 * It is killed while NAJM-1's science store is being played back in its first contact, and stays down until
 * that contact has ended. After the restart, the contact it went down in is reported FAILED with the reason (and
 * so is any other spacecraft's that it went down in; those that began and ended while it was down are MISSED,
 * "the MOC was not running"), nothing was freed onboard that the ground does not hold, and NAJM-1's next
 * contact brings everything down: COMPLETE, every injected detection in the asteroid archive exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MocRestartIT {

    private static final String SC = "NAJM-1";

    static NajmSystem sys;
    static OnboardTruth onboard;
    /** Injected tracklet id -> detections. */
    static final Map<Long, Integer> injected = new HashMap<>();

    @BeforeAll
    static void startTheMocInAProcessOfItsOwn() throws Exception {
        sys = NajmSystem.mocRestart();
        onboard = new OnboardTruth(sys);
        ContactChecks.awaitAutomation(sys, SC);
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        for (int n : new int[] { 3, 4 }) {
            injected.put(sc.injectTracklet(n).get(), n);
        }
        onboard.look();
    }

    @Test
    @Order(1)
    void aMocKilledDuringAContactReportsItAfterTheRestartAndFreedNothingUnconfirmed() throws Exception {
        Instant los = sys.pass.los();
        Poll.until(wall(sys, Duration.between(sys.clock.now(), los)), "the science store being played back", () -> {
            String activity = ContactChecks.automationOf(sys, SC).get("activity").getAsString();
            return activity.startsWith("dumping SCIENCE") ? Optional.of(activity) : Optional.empty();
        });
        JsonArray planned = sys.rest.get("/najm/contacts").json().getAsJsonArray("contacts");
        double cpu = sys.moc.cpuSeconds();
        double rss = sys.moc.residentMib();
        sys.moc.kill();
        Instant killed = sys.clock.now();
        System.out.printf("MOC killed at %s during the science playback (it had used %.1f s CPU, %.0f MiB resident)%n",
                killed, cpu, rss);
        Set<String> atKill = onboard.look();

        Instant restartAt = los.plusSeconds(20);
        Poll.until(wall(sys, Duration.between(sys.clock.now(), restartAt)).plusSeconds(10), "the MOC down until "
                + restartAt, () -> sys.clock.now().isAfter(restartAt) ? Optional.of(true) : Optional.empty());
        assertTrue(onboard.look().containsAll(atKill), "nothing left the stores while the MOC was down");
        sys.moc.restart(NajmSystem.MOC_START_TIMEOUT);
        Instant restarted = sys.clock.now();
        assertTrue(restarted.isBefore(sys.nextPass.los().minusSeconds(240)), "restarted (at " + restarted
                + ") in time for the next contact of " + SC + " (" + sys.nextPass.aos() + " .. " + sys.nextPass.los()
                + ")");

        JsonObject interrupted = ContactChecks.awaitReport(sys, SC, sys.station.name(), restarted);
        System.out.println("Report of the contact the MOC went down in: " + interrupted);
        assertEquals("FAILED", interrupted.get("outcome").getAsString(), interrupted.toString());
        assertTrue(interrupted.get("reason").getAsString().startsWith("the MOC went down during the contact and was"
                + " restarted at "), interrupted.toString());
        assertEquals(sys.pass.los().getEpochSecond(), Instant.parse(interrupted.get("plannedLos").getAsString())
                .getEpochSecond(), 2, interrupted.toString());

        // Every other contact that ended while the MOC was down (none, in some runs) is reported too.
        for (JsonElement e : planned) {
            JsonObject c = e.getAsJsonObject();
            Instant aos = Instant.parse(c.get("aos").getAsString());
            Instant end = Instant.parse(c.get("los").getAsString());
            boolean clear = Duration.between(aos, killed).abs().toSeconds() > 10;
            if (c.get("spacecraft").getAsString().equals(SC) || !end.isAfter(killed) || !end.isBefore(restarted)
                    || !clear) {
                continue;
            }
            JsonObject r = ContactChecks.awaitReport(sys, c.get("spacecraft").getAsString(),
                    c.get("station").getAsString(), restarted);
            System.out.println("Report of a contact that ended while the MOC was down: " + r);
            assertEquals(aos.isBefore(killed) ? "FAILED" : "MISSED", r.get("outcome").getAsString(), r.toString());
        }

        JsonObject mine = ContactChecks.automationOf(sys, SC);
        assertEquals("ON", mine.get("state").getAsString(), mine.toString());
        for (JsonElement e : mine.getAsJsonArray("stores")) {
            JsonObject s = e.getAsJsonObject();
            assertTrue(s.get("deletedUpTo").getAsLong() <= s.get("confirmedUpTo").getAsLong(), s.toString());
        }
        onboard.assertFreedOnlyWhatIsArchived(mine);
    }

    @Test
    @Order(2)
    void theNextContactBringsEverythingDownExactlyOnce() throws Exception {
        JsonObject report = ContactChecks.awaitReport(sys, SC, sys.nextStation.name(), sys.nextPass.los());
        System.out.println("Report of the contact after the restart: " + report);
        assertEquals("COMPLETE", report.get("outcome").getAsString(), report.toString());
        onboard.assertFreedOnlyWhatIsArchived(report);

        ContactChecks.assertInArchiveExactlyOnce(sys, SC, injected, Duration.ofSeconds(90));
        System.out.printf("MOC after the next contact: %.1f s CPU, %.0f MiB resident%n", sys.moc.cpuSeconds(),
                sys.moc.residentMib());
    }

    // ---
}
