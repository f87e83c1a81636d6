package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The partner scope of shared objects against the real server: command stacks per partner, TLE uploads
 * for one's own spacecraft, alarms of one's own spacecraft, station unavailability by the station's owner
 * (any partner's lead for the shared SVALBARD), durable, listable and removable. Each refusal is tried
 * with another partner's account, the observer's and the administrator's, and found in the audit trail.
 */
class PartnerScopeIT extends InContactTest {

    static final Duration DECIDED = Duration.ofSeconds(30);

    @Test
    void eachPartnerWritesOnlyItsOwnStacks() {
        String stack = "{\"steps\": [{\"type\": \"command\", \"name\": \"/NAJM/NOOP\"}]}";
        String own = "/storage/buckets/stacks/objects/alpha/scope-it.ycs";
        assertEquals(200, sys.as("alpha-op").post(own, stack).status());
        assertEquals("ALLOWED", audit("alpha-op", "STACK", "write stack stacks/alpha/scope-it.ycs")
                .get("outcome").getAsString());
        for (String user : List.of("bravo-op", "bravo-lead", "observer", "admin")) {
            var r = sys.as(user).post(own, "{\"steps\": []}");
            assertEquals(403, r.status(), user + ": " + r.body());
            assertEquals("REFUSED", audit(user, "STACK", "write stack stacks/alpha/scope-it.ycs")
                    .get("outcome").getAsString());
        }
        var top = sys.as("bravo-op").post("/storage/buckets/stacks/objects/scope-it.ycs", stack);
        assertEquals(403, top.status(), top.body());
        assertTrue(top.body().contains("its stacks are stacks/bravo/"), top.body());
        var sneaky = sys.as("bravo-op").post("/storage/buckets/stacks/objects/bravo/../alpha/scope-it.ycs", stack);
        assertNotEquals(200, sneaky.status(), sneaky.body());
        assertEquals(403, sys.as("bravo-lead").delete(own).status());
        audit("bravo-lead", "STACK", "delete stack stacks/alpha/scope-it.ycs");
        assertEquals(403, sys.as("admin").delete("/storage/buckets/stacks").status());
        audit("admin", "STACK", "delete bucket stacks");
        // The stack is alpha's still, and everyone reads it.
        assertEquals(stack, sys.as("observer").get(own).body());
        assertEquals(200, sys.as("alpha-lead").delete(own).status());
    }

    @Test
    void savedDisplaysArePerPartnerAndTheShippedOnesAreNotWritten() {
        if (sys.as("admin").get("/storage/buckets/displays").status() == 404) {
            var made = sys.as("admin").post("/storage/buckets", "{\"name\": \"displays\"}");
            assertEquals(200, made.status(), made.body());
        }
        String display = "{\"widgets\": []}";
        String own = "/storage/buckets/displays/objects/alpha/scope-it.json";
        var ok = sys.as("alpha-op").post(own, display);
        assertEquals(200, ok.status(), ok.body());
        assertEquals("ALLOWED", audit("alpha-op", "BUCKET", "write display displays/alpha/scope-it.json")
                .get("outcome").getAsString());
        for (String user : List.of("bravo-op", "observer", "admin")) {
            var r = sys.as(user).post(own, "{}");
            assertEquals(403, r.status(), user + ": " + r.body());
            assertEquals("REFUSED", audit(user, "BUCKET", "write display displays/alpha/scope-it.json")
                    .get("outcome").getAsString());
        }
        assertEquals(403, sys.as("bravo-lead").delete(own).status());
        audit("bravo-lead", "BUCKET", "delete display displays/alpha/scope-it.json");
        assertEquals(display, sys.as("observer").get(own).body());
        assertEquals(200, sys.as("alpha-op").delete(own).status());
        // The displays shipped with the MOC: nobody, the administrator's ManageAnyBucket included.
        for (String user : List.of("alpha-lead", "observer", "admin")) {
            var r = sys.as(user).post("/storage/buckets/najm-displays/objects/scope-it.opi", "<display/>");
            assertEquals(403, r.status(), user + ": " + r.body());
            assertTrue(r.body().contains("shipped with the MOC"), r.body());
            audit(user, "BUCKET", "write display najm-displays/scope-it.opi");
        }
        assertEquals(403, sys.as("admin").delete("/storage/buckets/najm-displays").status());
        audit("admin", "BUCKET", "delete bucket najm-displays");
    }

    /** The audit entries of alarm actions on the ground system's instance end so. */
    private static final String GLOBAL = " of _global";

    @Test
    void theGroundSystemsAlarmsAreThePartnersOperatorsOnly() {
        String alarm = "/processors/_global/realtime/alarms/yamcs/links/TM/1:acknowledge";
        for (String user : List.of("observer", "admin")) {
            var r = sys.as(user).post(alarm, "{}");
            assertEquals(403, r.status(), user + ": " + r.body());
            assertTrue(r.json().get("msg").getAsString().endsWith("acted on by the partners' operators and leads"),
                    r.body());
            assertEquals("REFUSED", audit(user, "ALARM", "alarm acknowledge", GLOBAL).get("outcome").getAsString());
        }
        // Any partner's operator passes (audited); Yamcs then finds no such alarm.
        for (String user : List.of("alpha-op", "delta-lead")) {
            var r = sys.as(user).post(alarm, "{}");
            assertNotEquals(403, r.status(), user + ": " + r.body());
            assertEquals("ALLOWED", audit(user, "ALARM", "alarm acknowledge", GLOBAL).get("outcome").getAsString());
        }
    }

    @Test
    void aPartnerUploadsTheTlesOfItsOwnSpacecraftOnly() {
        String tle = newerTle("NAJM-3");
        var before = sys.as("observer").get("/najm/tles").body();
        for (String user : List.of("alpha-op", "bravo-lead")) {
            var r = sys.as(user).post("/najm/tles", tle);
            assertEquals(403, r.status(), user + ": " + r.body());
            assertTrue(r.body().contains("NAJM-3 is not"), r.body());
            assertEquals("REFUSED", audit(user, "TLE", "TLE upload: NAJM-3").get("outcome").getAsString());
        }
        assertEquals(403, sys.as("observer").post("/najm/tles", tle).status()); // no ControlContactPlan
        assertEquals(before, sys.as("observer").get("/najm/tles").body(), "a refused upload changed the TLEs");
        var ok = sys.as("charlie-op").post("/najm/tles", tle);
        assertEquals(200, ok.status(), ok.body());
        assertEquals("ALLOWED", audit("charlie-op", "TLE", "TLE upload: NAJM-3").get("outcome").getAsString());
        // The administrator uploads for every partner.
        var admin = sys.as("admin").post("/najm/tles", newerTle("NAJM-3", 2));
        assertEquals(200, admin.status(), admin.body());
    }

    @Test
    void onlyTheSpacecraftsPartnerAcknowledgesOrShelvesItsAlarms() {
        String alarm = "/processors/" + sys.instance() + "/realtime/alarms/NAJM/battery_voltage/1";
        for (String action : List.of(":acknowledge", ":shelve")) {
            for (String user : List.of("bravo-op", "bravo-lead", "observer", "admin")) {
                var r = sys.as(user).post(alarm + action, "{}");
                assertEquals(403, r.status(), user + action + ": " + r.body());
                assertTrue(r.body().contains("belongs to alpha: only alpha"), r.body());
                assertEquals("REFUSED", audit(user, "ALARM", "alarm " + action.substring(1)).get("outcome")
                        .getAsString());
            }
            // The partner passes the partner rule; Yamcs then finds no such alarm.
            var own = sys.as("alpha-op").post(alarm + action, "{}");
            assertNotEquals(403, own.status(), own.body());
        }
    }

    @Test
    void stationUnavailabilityIsTheOwnersDurableListableAndRemovable() throws Exception {
        Instant from = sys.clock.now().plus(Duration.ofDays(3));
        String window = "{\"start\": \"" + from + "\", \"stop\": \"" + from.plus(Duration.ofHours(1))
                + "\", \"reason\": \"scope-it\"}";
        for (String user : List.of("alpha-op", "alpha-lead", "observer", "admin")) {
            var r = sys.as(user).post("/najm/stations/RABAT/unavailability", window);
            assertEquals(403, r.status(), user + ": " + r.body());
        }
        assertEquals("REFUSED", audit("alpha-lead", "STATION", "station RABAT").get("outcome").getAsString());
        assertEquals(403, sys.as("alpha-op").post("/najm/stations/SVALBARD/unavailability", window).status());
        assertEquals("REFUSED", audit("alpha-op", "STATION", "station SVALBARD").get("outcome").getAsString());

        var added = sys.as("alpha-lead").post("/najm/stations/SVALBARD/unavailability", window);
        assertEquals(200, added.status(), added.body());
        String id = added.json().get("id").getAsString();
        assertEquals("alpha-lead", added.json().get("by").getAsString());
        assertEquals("ALLOWED", audit("alpha-lead", "STATION", "station SVALBARD unavailable").get("outcome")
                .getAsString());
        assertTrue(sys.as("observer").get("/najm/stations/unavailability").body().contains(id));
        Path file = Path.of(System.getProperty("najm.dataDir"), "najm", "station-unavailability.txt");
        assertTrue(Files.readString(file).contains("ADD\t" + id + "\tSVALBARD"), "not kept on disk");

        String remove = "/najm/stations/SVALBARD/unavailability/" + id;
        for (String user : List.of("bravo-op", "observer", "admin")) {
            assertEquals(403, sys.as(user).delete(remove).status(), user);
        }
        assertEquals("REFUSED", audit("bravo-op", "STATION", "station SVALBARD available again").get("outcome")
                .getAsString());
        assertEquals(200, sys.as("bravo-lead").delete(remove).status()); // any partner's lead, for SVALBARD
        assertEquals("ALLOWED", audit("bravo-lead", "STATION", "station SVALBARD available again").get("outcome")
                .getAsString());
        assertFalse(sys.as("observer").get("/najm/stations/unavailability").body().contains(id));
        assertTrue(Files.readString(file).contains("REMOVE\t" + id + "\tbravo-lead"), "removal not kept on disk");
        assertEquals(404, sys.as("bravo-lead").delete(remove).status());
    }

    // ---

    /** The launch orbit of {@code name} with an epoch one day later, as an upload body. */
    private static String newerTle(String name) {
        return sys.newerTle(name, 1);
    }

    private static String newerTle(String name, int days) {
        return sys.newerTle(name, days);
    }

    private static JsonObject audit(String user, String kind, String commandPrefix) {
        return audit(user, kind, commandPrefix, "");
    }

    /** The newest audit entry of {@code user} and {@code kind} whose command starts and ends so. */
    private static JsonObject audit(String user, String kind, String commandPrefix, String commandSuffix) {
        return Poll.until(DECIDED, "the audit record of " + user + " " + kind + " " + commandPrefix, () -> {
            var r = sys.as("admin").get("/najm/audit?user=" + user + "&limit=1000");
            assertEquals(200, r.status(), r.body());
            if (r.json().has("records")) {
                for (JsonElement e : r.json().getAsJsonArray("records")) {
                    JsonObject o = e.getAsJsonObject();
                    if (o.get("kind").getAsString().equals(kind)
                            && o.get("command").getAsString().startsWith(commandPrefix)
                            && o.get("command").getAsString().endsWith(commandSuffix)) {
                        return Optional.of(o);
                    }
                }
            }
            return Optional.empty();
        });
    }
}
