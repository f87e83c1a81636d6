package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Spacecraft;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Joint operations against the real server: every role against every spacecraft through the
 * REST API and through timeline activities, the two-person rule, the audit trail, logins.
 * Who operates for which partner comes from etc/constellation.yaml, as in the MOC.
 */
class PartnerSecurityIT extends InContactTest {

    static final Duration DECIDED = Duration.ofSeconds(30);
    static final List<String> ROLES = List.of("alpha-op", "bravo-op", "charlie-op", "delta-op", "alpha-lead",
            "bravo-lead", "charlie-lead", "delta-lead", "observer", "admin");

    record Attempt(String user, Spacecraft sc, String id) {
    }

    private boolean owns(String user, Spacecraft sc) {
        return sys.constellation.partner(sc.partner()).orElseThrow().commands(user);
    }

    @Test
    void everyRoleCommandsOnlyItsPartnersSpacecraftThroughRest() {
        List<Attempt> refused = new ArrayList<>();
        List<Attempt> released = new ArrayList<>();
        long cltusBefore = cltusAtStations();
        // All refused attempts first: no CLTU may reach any station meanwhile.
        for (String user : ROLES) {
            for (Spacecraft sc : sys.constellation.spacecraft()) {
                if (!owns(user, sc)) {
                    refused.add(new Attempt(user, sc, Commands.issueOk(sys.as(user), sc.instance(), "NOOP", "{}")));
                }
            }
        }
        for (Attempt a : refused) {
            Map<String, String> h = awaitAuthority(a);
            assertEquals("NOK", h.get("Authorized_Status"), a + ": " + h);
            assertEquals("NOK", h.get("CommandComplete_Status"), a + ": " + h);
            String reason = h.get("CommandComplete_Message");
            assertTrue(reason.startsWith("Refused: " + a.user()) && reason.contains("only " + a.sc().partner()
                    + "'s operators command " + a.sc().name()), a + ": " + reason);
            assertFalse(h.containsKey("Acknowledge_Sent_Status") || h.containsKey("station")
                    || h.containsKey("ccsds-seqcount"), a + " went towards a station: " + h);
        }
        assertEquals(cltusBefore, cltusAtStations(), "CLTUs reached a station while only refused commands were sent");
        assertEquals(8 * 3 + 2 * 4, refused.size());

        for (String user : ROLES) {
            for (Spacecraft sc : sys.constellation.spacecraft()) {
                if (owns(user, sc)) {
                    released.add(new Attempt(user, sc, Commands.issueOk(sys.as(user), sc.instance(), "NOOP", "{}")));
                }
            }
        }
        assertEquals(8, released.size());
        for (Attempt a : released) {
            Map<String, String> h = Commands.awaitCompletion(sys, a.sc().instance(), a.id(), DECIDED);
            assertEquals("OK", h.get("Authorized_Status"), a + ": " + h);
            if (a.sc().equals(sys.subject)) { // the one in contact: it reaches the spacecraft
                assertEquals("OK", h.get("CommandComplete_Status"), a + ": " + h);
            } else {
                assertTrue(h.get("CommandComplete_Message").contains("no ground station is in contact"), a + ": " + h);
            }
        }

        // Every attempt is in the audit trail, with its outcome and reason.
        YamcsRest admin = sys.as("admin");
        for (Attempt a : refused) {
            JsonObject r = auditRecord(admin, a);
            assertEquals("REFUSED", r.get("outcome").getAsString(), r.toString());
            assertEquals("/NAJM/NOOP()", r.get("command").getAsString());
            assertTrue(r.get("reason").getAsString().contains(a.sc().name()), r.toString());
        }
        for (Attempt a : released) {
            assertEquals("RELEASED", auditRecord(admin, a).get("outcome").getAsString());
        }
    }

    @Test
    void timelineActivitiesAreHeldToTheSameRule() {
        for (String user : ROLES) {
            for (Spacecraft sc : sys.constellation.spacecraft()) {
                Instant since = sys.clock.now();
                var r = sys.as(user).post("/activities/" + sc.instance() + "/activities",
                        "{\"type\": \"COMMAND\", \"args\": {\"command\": \"/NAJM/NOOP\"}}");
                if (user.equals("observer") || user.equals("admin")) {
                    assertEquals(403, r.status(), user + " started an activity: " + r.body());
                    continue;
                }
                assertEquals(200, r.status(), r.body());
                Map<String, String> h = awaitCommandOf(user, sc, since);
                if (owns(user, sc)) {
                    assertEquals("OK", h.get("Authorized_Status"), user + " on " + sc.name() + ": " + h);
                } else {
                    assertEquals("NOK", h.get("Authorized_Status"), user + " on " + sc.name() + ": " + h);
                    assertFalse(h.containsKey("Acknowledge_Sent_Status"), h.toString());
                }
            }
        }
    }

    @Test
    void commandStacksAreHeldToTheSameRule() {
        // A stack run on the server (STACK activity), from the web UI's stack bucket.
        var bravo = sys.as("bravo-op");
        var upload = bravo.post("/storage/buckets/stacks/objects/bravo/security-it.ycs",
                "{\"steps\": [{\"type\": \"command\", \"name\": \"/NAJM/NOOP\"}]}");
        assertEquals(200, upload.status(), upload.body());
        for (Spacecraft sc : sys.constellation.spacecraft()) {
            Instant since = sys.clock.now();
            var r = bravo.post("/activities/" + sc.instance() + "/activities", "{\"type\": \"STACK\","
                    + " \"args\": {\"bucket\": \"stacks\", \"stack\": \"bravo/security-it.ycs\"}}");
            assertEquals(200, r.status(), r.body());
            Map<String, String> h = awaitCommandOf("bravo-op", sc, since);
            assertEquals(owns("bravo-op", sc) ? "OK" : "NOK", h.get("Authorized_Status"), sc.name() + ": " + h);
        }
    }

    @Test
    void aScheduledTimelineItemCannotCommandForItsCreator() {
        // Yamcs runs scheduled timeline items as its system user: no partner can be verified.
        Spacecraft sc = spacecraftOf("bravo");
        Instant since = sys.clock.now();
        var item = sys.as("bravo-op").post("/timeline/" + sc.instance() + "/items", "{\"source\": \"rdb\","
                + " \"name\": \"scheduled NOOP\", \"type\": \"ACTIVITY\", \"start\": \"" + sys.clock.now()
                + "\", \"duration\": \"10s\", \"activityDefinition\": {\"type\": \"COMMAND\","
                + " \"args\": {\"command\": \"/NAJM/NOOP\"}}}");
        assertEquals(200, item.status(), item.body());
        Map<String, String> h = awaitCommandOf("System", sc, since);
        assertEquals("NOK", h.get("Authorized_Status"), h.toString());
        assertTrue(h.get("CommandComplete_Message").contains("scheduled timeline item"), h.toString());
        assertFalse(h.containsKey("Acknowledge_Sent_Status"), h.toString());
    }

    @Test
    void aCriticalCommandWaitsForASecondOperatorOfTheSamePartner() {
        Spacecraft sc = spacecraftOf("bravo");
        String id = Commands.issueOk(sys.as("bravo-op"), sc.instance(), "REBOOT_OBC", "{}");
        Map<String, String> held = await(sc, id, "held", h -> "PENDING".equals(h.get("Confirmed_Status")));
        assertFalse(held.containsKey("Acknowledge_Sent_Status"), held.toString());
        var list = sys.as("observer").get("/najm/held-commands").json().getAsJsonArray("commands");
        assertTrue(list.toString().contains(id) && list.toString().contains("bravo-op"), list.toString());

        String body = "{\"id\": \"" + id + "\"}";
        var self = sys.as("bravo-op").post("/najm/held-commands:confirm", body);
        assertEquals(403, self.status());
        assertTrue(self.body().contains("a second operator must confirm it"), self.body());
        var otherPartner = sys.as("alpha-lead").post("/najm/held-commands:confirm", body);
        assertEquals(403, otherPartner.status());
        assertTrue(otherPartner.body().contains("alpha-lead is not a lead of bravo"), otherPartner.body());
        assertEquals(403, sys.as("observer").post("/najm/held-commands:confirm", body).status());
        assertEquals(403, sys.as("bravo-op").post("/najm/held-commands:confirm", body).status());

        assertEquals(200, sys.as("bravo-lead").post("/najm/held-commands:confirm", body).status());
        Map<String, String> h = Commands.awaitCompletion(sys, sc.instance(), id, DECIDED);
        assertEquals("OK", h.get("Confirmed_Status"), h.toString());
        assertEquals("confirmed by bravo-lead", h.get("Confirmed_Message"));
        // Released to the TC link: NAJM-2 is out of contact in this test, so the link says so.
        assertTrue(h.get("CommandComplete_Message").contains("no ground station is in contact"), h.toString());
        assertEquals(404, sys.as("bravo-lead").post("/najm/held-commands:confirm", body).status());

        var trail = sys.as("admin").get("/najm/audit?spacecraft=" + sc.name() + "&limit=1000").body();
        assertTrue(trail.contains("\"HELD\"") && trail.contains("confirmed by bravo-lead"), trail);
    }

    @Test
    void anUnconfirmedCriticalCommandExpiresUnreleased() {
        Spacecraft sc = spacecraftOf("delta");
        String id = Commands.issueOk(sys.as("delta-op"), sc.instance(), "REBOOT_OBC", "{}");
        Map<String, String> h = Commands.awaitCompletion(sys, sc.instance(), id,
                Duration.ofSeconds(NajmSystem.CONFIRMATION_SECONDS + 30));
        assertEquals("NOK", h.get("Confirmed_Status"), h.toString());
        assertTrue(h.get("CommandComplete_Message").contains("not confirmed within " + NajmSystem.CONFIRMATION_SECONDS
                + " s"), h.toString());
        assertFalse(h.containsKey("Acknowledge_Sent_Status"), h.toString());
        assertEquals(404, sys.as("delta-lead").post("/najm/held-commands:confirm", "{\"id\": \"" + id + "\"}")
                .status());
        String trail = sys.as("admin").get("/najm/audit?user=delta-op&limit=1000").body();
        assertTrue(trail.contains("\"EXPIRED\""), trail);
    }

    @Test
    void theIssuerMayCancelAHeldCommand() {
        Spacecraft sc = spacecraftOf("charlie");
        String id = Commands.issueOk(sys.as("charlie-op"), sc.instance(), "REBOOT_OBC", "{}");
        await(sc, id, "held", h -> "PENDING".equals(h.get("Confirmed_Status")));
        String body = "{\"id\": \"" + id + "\"}";
        assertEquals(403, sys.as("delta-lead").post("/najm/held-commands:cancel", body).status());
        assertEquals(200, sys.as("charlie-op").post("/najm/held-commands:cancel", body).status());
        Map<String, String> h = Commands.awaitCompletion(sys, sc.instance(), id, DECIDED);
        assertEquals("cancelled by charlie-op", h.get("Confirmed_Message"), h.toString());
        assertFalse(h.containsKey("Acknowledge_Sent_Status"), h.toString());
    }

    @Test
    void anAdministratorLocksASpacecraftsCommandingByDisablingItsAuthorityLink() {
        Spacecraft sc = spacecraftOf("charlie");
        String link = "/links/" + sc.instance() + "/AUTHORITY";
        assertEquals(403, sys.as("charlie-lead").post(link + ":disable", "{}").status());
        assertEquals(200, sys.as("admin").post(link + ":disable", "{}").status());
        try {
            String id = Commands.issueOk(sys.as("charlie-op"), sc.instance(), "NOOP", "{}");
            Map<String, String> h = Commands.awaitCompletion(sys, sc.instance(), id, DECIDED);
            assertTrue(h.get("CommandComplete_Message").contains("commanding of " + sc.name() + " is locked"),
                    h.toString());
        } finally {
            assertEquals(200, sys.as("admin").post(link + ":enable", "{}").status());
        }
    }

    @Test
    void nobodyGetsInWithoutLoggingIn() {
        var anonymous = sys.anonymous();
        assertEquals(401, anonymous.get("/instances").status());
        assertEquals(401, anonymous.get("/najm/contacts").status());
        assertEquals(401, Commands.issue(anonymous, sys.instance(), "NOOP", "{}").status());
        var wrong = new YamcsRest(sys.httpPort(), "alpha-op", "not-the-password");
        assertEquals(401, wrong.get("/instances").status());
        var unknown = new YamcsRest(sys.httpPort(), "mallory", "najm-demo");
        assertEquals(401, unknown.get("/instances").status());

        String failures = sys.as("admin").get("/najm/audit?limit=1000").body();
        assertTrue(failures.contains("\"LOGIN_FAILED\"") && failures.contains("\"mallory\"")
                && failures.contains("unknown user") && failures.contains("wrong password"), failures);
    }

    @Test
    void theObserverReadsEverythingAndChangesNothing() {
        var observer = sys.as("observer");
        for (String path : List.of("/instances", "/najm/contacts", "/najm/passes", "/najm/tles", "/najm/science",
                "/links/" + sys.instance(), "/archive/" + sys.instance() + "/commands?limit=5",
                "/archive/" + sys.instance() + "/events?limit=5",
                "/mdb/" + sys.instance() + "/parameters/NAJM/battery_voltage",
                "/najm/held-commands")) {
            assertEquals(200, observer.get(path).status(), path);
        }
        assertEquals(403, observer.post("/najm/plan:replan", "{}").status());
        assertEquals(403, observer.post("/najm/tles", "{\"text\": \"\"}").status());
        assertEquals(403, observer.post("/najm/stations/RABAT/unavailability", "{}").status());
        assertEquals(403, observer.post("/links/" + sys.instance() + "/TC:disable", "{}").status());
        assertEquals(403, observer.get("/najm/audit").status());
        assertEquals(403, observer.get("/users").status());
        assertEquals(403, sys.as("alpha-op").get("/najm/audit").status());
        assertEquals(200, sys.as("admin").get("/users").status());
    }

    // ---

    private static Spacecraft spacecraftOf(String partner) {
        return sys.constellation.spacecraft().stream().filter(s -> s.partner().equals(partner)).findFirst()
                .orElseThrow();
    }

    private static long cltusAtStations() {
        return sys.constellation.stations().stream().mapToLong(st -> sys.simulator.station(st.id()).cltusReceived())
                .sum();
    }

    private static Map<String, String> awaitAuthority(Attempt a) {
        return await(a.sc(), a.id(), "the authority's decision", h -> h.containsKey("Authorized_Status")
                && h.containsKey("CommandComplete_Status"));
    }

    private static Map<String, String> await(Spacecraft sc, String id, String what,
            Predicate<Map<String, String>> done) {
        Map<String, String> last = new HashMap<>();
        return Poll.until(DECIDED, what + " of " + id, () -> {
            Map<String, String> h = Commands.history(sys, sc.instance(), id);
            last.clear();
            last.putAll(h);
            return done.test(h) ? Optional.of(h) : Optional.empty();
        }, last::toString);
    }

    private final Set<String> seen = new HashSet<>();

    /**
     * The history of a command {@code user} sent to {@code sc} since {@code since} (mission time)
     * and not looked at before, once decided.
     */
    private Map<String, String> awaitCommandOf(String user, Spacecraft sc, Instant since) {
        return Poll.until(DECIDED, "a command of " + user + " on " + sc.name(), () -> {
            var r = sys.rest.get("/archive/" + sc.instance() + "/commands?limit=20");
            if (r.status() != 200 || !r.json().has("commands")) {
                return Optional.empty();
            }
            for (JsonElement e : r.json().getAsJsonArray("commands")) {
                JsonObject c = e.getAsJsonObject();
                String id = c.get("id").getAsString();
                if (Instant.parse(c.get("generationTime").getAsString()).isBefore(since)) {
                    continue;
                }
                Map<String, String> h = Commands.history(sys, sc.instance(), id);
                if (!seen.contains(id) && user.equals(h.get("username")) && h.containsKey("Authorized_Status")) {
                    seen.add(id);
                    return Optional.of(h);
                }
            }
            return Optional.empty();
        });
    }

    private static JsonObject auditRecord(YamcsRest admin, Attempt a) {
        return Poll.until(DECIDED, "the audit record of " + a, () -> {
            var r = admin.get("/najm/audit?user=" + a.user() + "&spacecraft=" + a.sc().name() + "&limit=1000");
            assertEquals(200, r.status(), r.body());
            if (r.json().has("records")) {
                for (JsonElement e : r.json().getAsJsonArray("records")) {
                    if (e.getAsJsonObject().get("commandId").getAsString().equals(a.id())) {
                        return Optional.of(e.getAsJsonObject());
                    }
                }
            }
            return Optional.empty();
        });
    }
}
