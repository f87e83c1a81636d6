package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.najm.it.ContactChecks.archive;
import static org.najm.it.ContactChecks.wall;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The whole MOC killed with SIGKILL with every durable store in use, and restarted at once on the same data
 * directory (real Yamcs in a process of its own, real simulator, {@link NajmSystem.Scenario#MOC_KILL}): in NAJM-1's
 * first contact, TM and science flowing, the archive stand-in failing (HTTP 500) so that the outbox holds the
 * submissions, a TLE uploaded, a station window marked unavailable, refused commands and a failed login in the
 * audit trail, and a tracklet of which only two of five detections have come down held in the incomplete-tracklet
 * journal. After the restart each store answers as before the kill; the rest of the tracklet comes down, the archive
 * recovers, and every detection reaches it exactly once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MocKillUnderLoadIT {

    private static final String SC = "NAJM-1";

    static NajmSystem sys;
    /** Injected tracklet id -> detections (the split one with all five). */
    static final Map<Long, Integer> injected = new HashMap<>();
    static long split;

    @BeforeAll
    static void startTheMocAndPutSomethingInEveryStore() throws Exception {
        sys = NajmSystem.mocKill();
        ContactChecks.awaitAutomation(sys, SC);
        archive(sys, "POST", "/control/failure", "{\"mode\": \"HTTP_500\"}");
        var sc = sys.simulator.spacecraft(sys.subject.scid());
        for (int n : new int[] { 3, 4 }) {
            injected.put(sc.injectTracklet(n).get(), n);
        }
        split = sc.injectTracklet(5, 2).get();
        injected.put(split, 5);

        var tle = sys.as("delta-op").post("/najm/tles", sys.newerTle("NAJM-4", 1));
        assertEquals(200, tle.status(), tle.body());
        Instant from = sys.clock.now().plus(Duration.ofDays(3));
        var window = sys.as("alpha-lead").post("/najm/stations/SVALBARD/unavailability", "{\"start\": \"" + from
                + "\", \"stop\": \"" + from.plus(Duration.ofHours(1)) + "\", \"reason\": \"kill-under-load\"}");
        assertEquals(200, window.status(), window.body());
        for (String user : List.of("bravo-op", "observer", "admin")) {
            var r = Commands.issue(sys.as(user), sys.instance(), "NOOP", "{}");
            assertEquals(200, r.status(), r.body()); // accepted by Yamcs, refused by the authority
        }
        assertEquals(401, new YamcsRest(sys.httpPort(), "alpha-op", "not-the-password").get("/najm/science").status());
    }

    @Test
    @Order(1)
    void everyStoreComesBackAfterSigkill() throws Exception {
        JsonObject held = Poll.until(wall(sys, Duration.between(sys.clock.now(), sys.pass.los())).plusSeconds(30),
                "the complete tracklets queued for the failing archive and the split one journalled", () -> {
                    var r = sys.rest.get("/najm/science");
                    if (r.status() != 200) {
                        return Optional.empty();
                    }
                    JsonObject mine = spacecraft(r.json(), SC);
                    return mine.get("trackletsIncomplete").getAsInt() >= 1
                            && r.json().getAsJsonObject("outbox").get("pending").getAsInt() >= 1
                            && pendingTrackletKeys().containsAll(keys(injected.keySet().stream()
                                    .filter(id -> id != split).toList())) ? Optional.of(r.json()) : Optional.empty();
                }, () -> sys.rest.get("/najm/science").body());
        Instant window = sys.clock.now().plus(Duration.ofMinutes(30));
        String plan = "/najm/contacts?start=" + window + "&stop=" + window.plus(Duration.ofHours(12));
        Stores before = Stores.read(plan);
        assertTrue(before.audit.size() >= 4, "the refused commands and the failed login audited: " + before.audit);

        boolean inContact = sys.clock.now().isBefore(sys.pass.los());
        double rss = sys.moc.residentMib();
        sys.moc.kill();
        System.out.printf("MOC killed at %s (%s contact, %.0f MiB resident) with %d submissions pending, %d incomplete"
                + " tracklets, %d audit entries%n", sys.clock.now(), inContact ? "in" : "after the", rss,
                before.pendingFiles.stream().filter(f -> f.endsWith(".xml")).count(),
                spacecraft(held, SC).get("trackletsIncomplete").getAsInt(),
                before.audit.size());
        long t0 = System.nanoTime();
        sys.moc.restart(NajmSystem.MOC_START_TIMEOUT);
        Poll.until(Duration.ofSeconds(60), "the science service after the restart",
                () -> sys.rest.get("/najm/science").status() == 200 ? Optional.of(true) : Optional.empty());
        System.out.printf("MOC answering again %.1f s after the kill%n", (System.nanoTime() - t0) / 1e9);
        Stores after = Stores.read(plan);

        assertEquals(before.tles, after.tles, "TLE history");
        assertEquals(before.unavailability, after.unavailability, "station unavailability");
        assertEquals(before.contacts, after.contacts, "the contact plan from " + window);
        assertTrue(after.audit.containsAll(before.audit), "every audit entry from before the kill is still there");
        assertEquals(before.incomplete, after.incomplete, "incomplete tracklets held (journal)");
        assertTrue(after.pendingFiles.containsAll(before.pendingFiles), "the outbox: " + before.pendingFiles + " -> "
                + after.pendingFiles);
        assertEquals(before.pendingKeys, after.pendingKeys, "the tracklets of the pending submissions");
        assertEquals(0, after.delivered, "nothing delivered: the archive still fails");
    }

    @Test
    @Order(2)
    void afterwardsEveryDetectionReachesTheArchiveExactlyOnce() throws Exception {
        assertEquals(3, sys.simulator.spacecraft(sys.subject.scid()).injectRestOfTracklet(split).get());
        archive(sys, "DELETE", "/control/failure", null);
        ContactChecks.assertInArchiveExactlyOnce(sys, SC, injected, wall(sys, Duration.between(sys.clock.now(),
                sys.nextPass.los())).plusSeconds(60));
        Poll.until(Duration.ofSeconds(60), "the outbox empty", () -> sys.rest.get("/najm/science").json()
                .getAsJsonObject("outbox").get("pending").getAsInt() == 0 ? Optional.of(true) : Optional.empty());
        // The operators were told: delivery failing (with the archive's answer), then working again.
        String failing = awaitEvent("SCIENCE_DELIVERY_FAILING");
        assertTrue(failing.contains("kept pending and retried: HTTP 500"), failing);
        awaitEvent("SCIENCE_DELIVERY_RECOVERED");
        System.out.printf("MOC at the end: %.1f s CPU, %.0f MiB resident%n", sys.moc.cpuSeconds(),
                sys.moc.residentMib());
    }

    // ---

    /** The message of the latest event of {@code type} in the subject's instance. */
    private static String awaitEvent(String type) {
        return Poll.until(Duration.ofSeconds(30), "event " + type, () -> {
            var r = sys.rest.get("/archive/" + sys.instance() + "/events?source=science&limit=200");
            if (r.status() == 200 && r.json().has("events")) {
                for (JsonElement e : r.json().getAsJsonArray("events")) {
                    JsonObject ev = e.getAsJsonObject();
                    if (ev.has("type") && ev.get("type").getAsString().equals(type)) {
                        return Optional.of(ev.get("message").getAsString());
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** What each durable store answers, through the API (and the outbox directory for submission ids). */
    record Stores(String tles, String unavailability, Set<String> contacts, Set<String> audit, int incomplete,
            Set<String> pendingFiles, Set<String> pendingKeys, int delivered) {

        static Stores read(String plan) throws IOException {
            Set<String> contacts = new HashSet<>();
            for (JsonElement e : sys.rest.get(plan).json().getAsJsonArray("contacts")) {
                JsonObject c = e.getAsJsonObject();
                contacts.add(c.get("spacecraft").getAsString() + " " + c.get("station").getAsString() + " "
                        + c.get("aos").getAsString() + " " + c.get("los").getAsString());
            }
            Set<String> audit = new HashSet<>();
            var a = sys.as("admin").get("/najm/audit?limit=1000");
            assertEquals(200, a.status(), a.body());
            a.json().getAsJsonArray("records").forEach(e -> audit.add(e.toString()));
            JsonObject science = sys.rest.get("/najm/science").json();
            return new Stores(sys.rest.get("/najm/tles").body(), sys.rest.get("/najm/stations/unavailability").body(),
                    contacts, audit, spacecraft(science, SC).get("trackletsIncomplete").getAsInt(),
                    files(sys.scienceOutbox.resolve("pending")), pendingTrackletKeys(),
                    science.getAsJsonObject("outbox").get("delivered").getAsInt());
        }
    }

    private static JsonObject spacecraft(JsonObject science, String name) {
        for (JsonElement e : science.getAsJsonArray("spacecraft")) {
            if (e.getAsJsonObject().get("spacecraft").getAsString().equals(name)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + name + " in " + science);
    }

    /** The tracklet keys ("NAJM-1/17") of every submission in the outbox's pending/. */
    private static Set<String> pendingTrackletKeys() {
        Set<String> keys = new HashSet<>();
        try {
            for (String f : files(sys.scienceOutbox.resolve("pending"))) {
                if (f.endsWith(".keys")) {
                    Files.readAllLines(sys.scienceOutbox.resolve("pending").resolve(f)).stream()
                            .filter(l -> !l.isBlank()).forEach(keys::add);
                }
            }
        } catch (IOException e) {
            return Set.of(); // a file moved meanwhile: ask again
        }
        return keys;
    }

    private static Set<String> keys(List<Long> ids) {
        Set<String> keys = new HashSet<>();
        ids.forEach(id -> keys.add(SC + "/" + id));
        return keys;
    }

    private static Set<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            Set<String> names = new HashSet<>();
            s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".tmp")).forEach(names::add);
            return names;
        }
    }
}
