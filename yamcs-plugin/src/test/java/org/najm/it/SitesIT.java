package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.najm.testing.FreePorts;
import org.najm.testing.MocProcess;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Partner sites (docs/sites.md): the MOC (in this JVM, with the simulator, {@link NajmSystem.Scenario#SITES})
 * and the site servers of alpha and bravo, each a Yamcs server in a process of its own, cascaded from the MOC
 * over real loopback sockets as their site accounts. NAJM-1 (alpha's) is in contact at the MOC's test station.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SitesIT {

    private static final Duration SITE_START = Duration.ofSeconds(150);
    private static final Duration COMPLETION = Duration.ofSeconds(60);
    private static final String MOC_PREFIX = "yamcs<moc>_";
    private static final String SITE_PASSWORD = "najm-site-demo";
    /** ICD: BUS_HK's APID. */
    private static final int BUS_HK_APID = 100;

    static NajmSystem sys;
    static MocProcess.SiteSetup alphaSetup;
    static MocProcess.SiteSetup bravoSetup;
    static MocProcess alphaSite;
    static MocProcess bravoSite;

    @BeforeAll
    static void startTheMocAndTwoSites() throws Exception {
        sys = NajmSystem.sites();
        String mocUrl = "http://127.0.0.1:" + sys.httpPort();
        alphaSetup = setup("alpha", mocUrl);
        bravoSetup = setup("bravo", mocUrl);
        var alpha = CompletableFuture.supplyAsync(() -> start(alphaSetup));
        var bravo = CompletableFuture.supplyAsync(() -> start(bravoSetup));
        alphaSite = alpha.join();
        bravoSite = bravo.join();
        Contact.awaitTelemetry(sys);
    }

    private static MocProcess.SiteSetup setup(String partner, String mocUrl) throws Exception {
        Path log = Path.of("yamcs-plugin", "target", "site-" + partner + ".log");
        return new MocProcess.SiteSetup(partner, FreePorts.tcp(), mocUrl, Files.createTempDirectory("najm-it-site-"
                + partner), sys.clock.toEnvironment(), log, 5);
    }

    private static MocProcess start(MocProcess.SiteSetup setup) {
        try {
            MocProcess site = MocProcess.startSite(setup, SITE_START);
            awaitConnected(setup);
            return site;
        } catch (Exception e) {
            throw new IllegalStateException("site " + setup.partner() + " did not start: " + e.getMessage(), e);
        }
    }

    /** Until every instance of the site has its cascading link to the MOC up (telemetry and commanding). */
    private static void awaitConnected(MocProcess.SiteSetup setup) {
        YamcsRest rest = site(setup, setup.partner() + "-op");
        for (var sc : sys.constellation.spacecraft()) {
            Poll.until(SITE_START, setup.partner() + "'s site connected to the MOC for " + sc.instance(), () -> {
                var r = rest.get("/links/" + sc.instance());
                if (r.status() != 200 || !r.json().has("links")) {
                    return Optional.empty();
                }
                Set<String> up = new TreeSet<>();
                for (JsonElement e : r.json().getAsJsonArray("links")) {
                    JsonObject l = e.getAsJsonObject();
                    if ("OK".equals(l.get("status").getAsString())) {
                        up.add(l.get("name").getAsString());
                    }
                }
                return up.containsAll(Set.of("MOC", "MOC.tc", "MOC.tm")) ? Optional.of(true) : Optional.empty();
            });
        }
    }

    @AfterAll
    static void stopTheSites() throws InterruptedException {
        for (MocProcess site : new MocProcess[] { alphaSite, bravoSite }) {
            if (site != null) {
                site.close();
            }
        }
    }

    private static YamcsRest site(MocProcess.SiteSetup setup, String user) {
        return new YamcsRest(setup.httpPort(), user, NajmSystem.DEMO_PASSWORD);
    }

    @Test
    @Order(1)
    void aSiteSeesAnotherPartnersSpacecraftLive() {
        YamcsRest bravo = site(bravoSetup, "bravo-op");
        String path = "/processors/" + sys.instance() + "/realtime/parameters/NAJM/battery_voltage";
        String seen = Poll.until(Duration.ofSeconds(60), "NAJM-1's battery voltage on bravo's site as at the MOC",
                () -> {
                    var atSite = bravo.get(path);
                    var atMoc = sys.rest.get(path);
                    if (atSite.status() != 200 || atMoc.status() != 200 || !atSite.json().has("generationTime")) {
                        return Optional.empty();
                    }
                    JsonObject s = atSite.json();
                    JsonObject m = atMoc.json();
                    boolean same = s.get("generationTime").equals(m.get("generationTime"))
                            && s.get("engValue").equals(m.get("engValue"));
                    return same ? Optional.of(s.get("generationTime").getAsString() + " " + s.get("engValue"))
                            : Optional.empty();
                });
        System.out.println("bravo's site, NAJM-1 battery_voltage as at the MOC: " + seen);
        Instant generated = Instant.parse(seen.substring(0, seen.indexOf(' ')));
        assertTrue(Duration.between(generated, sys.clock.now()).abs().toSeconds() < 30, "live: generated "
                + generated + ", now " + sys.clock.now());
    }

    @Test
    @Order(2)
    void anOperatorCommandsTheirOwnSpacecraftFromTheirSiteAndTheMocAuditsPersonAndSite() {
        int token = ThreadLocalRandom.current().nextInt(1, 60000);
        YamcsRest alphaOp = site(alphaSetup, "alpha-op");
        String id = Commands.issueOk(alphaOp, sys.instance(), "PING", "{\"token\": " + token + "}");
        Map<String, String> h = awaitCompletion(alphaOp, id);
        assertEquals("OK", h.get("CommandComplete_Status"), h.toString());
        // the MOC's stages, as the MOC's command history has them, on the site
        assertEquals("OK", h.get(MOC_PREFIX + "Authorized_Status"), h.toString());
        assertEquals("OK", h.get(MOC_PREFIX + "Verifier_Complete_Status"), h.toString());
        assertEquals("alpha-op at site site-alpha", h.get(MOC_PREFIX + "najm-authority"), h.toString());
        assertEquals("site-alpha", h.get(MOC_PREFIX + "username"), h.toString());

        JsonObject entry = auditEntry("alpha-op", "/NAJM/PING(token=" + token + ")");
        assertEquals("RELEASED", entry.get("outcome").getAsString(), entry.toString());
        assertTrue(entry.get("reason").getAsString().startsWith("from site site-alpha: "), entry.toString());
    }

    @Test
    @Order(3)
    void anotherPartnersSiteAndTheObserverAreRefusedAtTheMoc() {
        int token = ThreadLocalRandom.current().nextInt(1, 60000);
        String id = Commands.issueOk(site(bravoSetup, "bravo-op"), sys.instance(), "PING", "{\"token\": " + token
                + "}");
        Map<String, String> h = awaitCompletion(site(bravoSetup, "bravo-op"), id);
        assertEquals("NOK", h.get("CommandComplete_Status"), h.toString());
        assertEquals("NOK", h.get(MOC_PREFIX + "Authorized_Status"), h.toString());
        assertTrue(h.get("CommandComplete_Message").contains("bravo-op operates for bravo; NAJM-1 belongs to alpha"),
                h.toString());
        assertFalse(h.containsKey(MOC_PREFIX + "Verifier_Accepted_Status") && "OK".equals(
                h.get(MOC_PREFIX + "Verifier_Accepted_Status")), "nothing reached the spacecraft: " + h);
        JsonObject refused = auditEntry("bravo-op", "/NAJM/PING(token=" + token + ")");
        assertEquals("REFUSED", refused.get("outcome").getAsString(), refused.toString());
        assertTrue(refused.get("reason").getAsString().startsWith("from site site-bravo: "), refused.toString());

        // the partner's own observer, on the partner's own site
        int token2 = token + 1;
        YamcsRest observer = site(alphaSetup, "alpha-observer");
        String id2 = Commands.issueOk(observer, sys.instance(), "PING", "{\"token\": " + token2 + "}");
        Map<String, String> h2 = awaitCompletion(observer, id2);
        assertEquals("NOK", h2.get("CommandComplete_Status"), h2.toString());
        assertTrue(h2.get("CommandComplete_Message").contains("site-alpha is alpha's site: it speaks for alpha's"
                + " operators and leads only, and alpha-observer is not one of them"), h2.toString());

        // a site changed to claim another partner's person: the MOC does not believe it
        YamcsRest forged = new YamcsRest(sys.httpPort(), "site-bravo", SITE_PASSWORD);
        int token3 = token + 2;
        var r = forged.post("/processors/" + sys.instance() + "/realtime/commands/NAJM/PING",
                "{\"args\": {\"token\": " + token3 + "}, \"comment\": \"najm-person=alpha-op\"}");
        assertEquals(200, r.status(), r.body());
        Map<String, String> h3 = Commands.awaitCompletion(sys, sys.instance(), r.json().get("id").getAsString(),
                COMPLETION);
        assertEquals("NOK", h3.get("CommandComplete_Status"), h3.toString());
        assertTrue(h3.get("CommandComplete_Message").contains("site-bravo is bravo's site: it speaks for bravo's"
                + " operators and leads only, and alpha-op is not one of them"), h3.toString());
        assertFalse(h3.containsKey("Acknowledge_Sent_Status") && "OK".equals(h3.get("Acknowledge_Sent_Status")),
                h3.toString());

        // no account of another partner logs in to a site, and the MOC's people have none there
        assertEquals(401, site(alphaSetup, "bravo-op").get("/user").status());
        assertEquals(401, site(bravoSetup, "alpha-lead").get("/user").status());
        assertEquals(401, new YamcsRest(alphaSetup.httpPort(), "site-alpha", SITE_PASSWORD).get("/user").status());
        assertEquals(200, site(alphaSetup, "alpha-lead").get("/user").status());
    }

    @Test
    @Order(4)
    void aSiteCutOffDuringTheContactIsFilledBackWithTheMocsPackets() throws Exception {
        bravoSite.close();
        Instant down = sys.clock.now();
        // While bravo's site is down: the contact goes on (realtime HK) and alpha plays back its HK store from
        // alpha's site (played-back packets with their onboard times).
        YamcsRest alphaOp = site(alphaSetup, "alpha-op");
        String dump = Commands.issueOk(alphaOp, sys.instance(), "DUMP_STORE",
                "{\"store\": \"HK\", \"from\": 0, \"to\": 2000000000}");
        assertEquals("OK", awaitCompletion(alphaOp, dump).get("CommandComplete_Status"));
        Poll.until(Duration.ofSeconds(30), "20 s of wall time with bravo's site down", () -> sys.clock.wallDuration(
                Duration.between(down, sys.clock.now()).toMillis()) >= 20_000 ? Optional.of(true) : Optional.empty());
        Instant restored = sys.clock.now();
        bravoSite.restart(SITE_START);
        awaitConnected(bravoSetup);
        System.out.printf("bravo's site down from %s to %s (simulated)%n", down, restored);

        Instant from = sys.clock.now().minus(Duration.ofHours(1));
        Map<Integer, Set<String>> atMoc = packetsByApid(sys.rest, from, restored);
        assertTrue(atMoc.getOrDefault(BUS_HK_APID, Set.of()).stream().anyMatch(k -> isWithin(k, down, restored)),
                "the MOC received realtime BUS_HK while the site was down: " + counts(atMoc));
        YamcsRest bravo = site(bravoSetup, "bravo-op");
        Map<Integer, Set<String>> last = new TreeMap<>();
        Poll.until(Duration.ofSeconds(90), "bravo's archive of NAJM-1 filled back as the MOC's", () -> {
            last.clear();
            last.putAll(packetsByApid(bravo, from, restored));
            return last.equals(atMoc) ? Optional.of(true) : Optional.empty();
        }, () -> "MOC " + counts(atMoc) + ", site " + counts(last));
        System.out.println("packets per APID of NAJM-1 up to the restore, MOC and bravo's site alike: "
                + counts(atMoc));

        // Events and command history of the gap, filled back too (MocHistoryFill): every event of the MOC's, and
        // the command alpha's site sent meanwhile, with the MOC's stages.
        Set<String> eventsAtMoc = eventKeys(sys.rest, down, restored);
        assertFalse(eventsAtMoc.isEmpty(), "the MOC had events while bravo's site was down");
        Set<String> eventsAtSite = new TreeSet<>();
        Poll.until(Duration.ofSeconds(90), "bravo's events of the gap as the MOC's", () -> {
            eventsAtSite.clear();
            eventsAtSite.addAll(eventKeys(bravo, down, restored));
            return eventsAtSite.containsAll(eventsAtMoc) ? Optional.of(true) : Optional.empty();
        }, () -> "missing at the site: " + eventsAtMoc.stream().filter(k -> !eventsAtSite.contains(k)).toList());
        JsonObject copied = Poll.until(Duration.ofSeconds(90), "alpha's DUMP_STORE in bravo's command history",
                () -> commandsOf(bravo, down, restored).stream()
                        .filter(c -> c.get("origin").getAsString().startsWith("najm-site-alpha-"))
                        .filter(c -> Commands.attributes(c).containsKey("CommandComplete_Status")).findFirst());
        assertEquals("/NAJM/DUMP_STORE", copied.get("commandName").getAsString());
        assertEquals("OK", Commands.attributes(copied).get("CommandComplete_Status"));
        JsonObject status = bravo.get("/najm/site").json();
        long events = 0;
        for (JsonElement e : status.getAsJsonArray("spacecraft")) {
            events += e.getAsJsonObject().get("eventsFilled").getAsLong();
        }
        assertTrue(events > 0, "the site says what it filled back: " + status);
        System.out.printf("bravo's site: %d events of the gap as at the MOC, alpha's DUMP_STORE %s with its"
                + " completion; /api/najm/site: %d events filled%n", eventsAtMoc.size(), copied.get("id"), events);
    }

    @Test
    @Order(6)
    void aSiteShowsTheMocsContactPlanScienceAndAccountability() {
        YamcsRest alphaOp = site(alphaSetup, "alpha-op");
        Instant start = sys.clock.now().minus(Duration.ofHours(1));
        String window = "?spacecraft=" + sys.subject.name() + "&start=" + YamcsRest.encode(start.toString())
                + "&stop=" + YamcsRest.encode(start.plus(Duration.ofHours(12)).toString());
        for (String path : new String[] { "/najm/contacts" + window, "/najm/accountability?spacecraft="
                + sys.subject.name(), "/najm/automation", "/najm/contact-reports?limit=5", "/najm/science" }) {
            String[] seen = new String[1];
            Poll.until(Duration.ofSeconds(30), "alpha's site answers " + path + " as the MOC", () -> {
                var atSite = alphaOp.get(path);
                var atMoc = sys.as("alpha-op").get(path);
                seen[0] = "site " + atSite.status() + " " + atSite.body() + "\nMOC " + atMoc.status() + " "
                        + atMoc.body();
                // the same answer, or the same refusal (this scenario's MOC runs no contact automation: 503)
                boolean same = atSite.status() == atMoc.status() && (atMoc.status() != 200
                        ? atSite.json().get("msg").getAsString().endsWith(atMoc.json().get("msg").getAsString())
                        : sameFigures(atSite.json(), atMoc.json()));
                return same ? Optional.of(true) : Optional.empty();
            }, () -> seen[0]);
        }
        for (String path : new String[] { "/najm/contacts" + window, "/najm/accountability", "/najm/science" }) {
            assertEquals(200, alphaOp.get(path).status(), path);
        }
        assertTrue(alphaOp.get("/najm/contacts" + window).json().getAsJsonArray("contacts").size() > 0,
                "NAJM-1 has contacts in the plan");
        // The observer reads, does not change; nobody changes the MOC's plan from a site.
        YamcsRest observer = site(alphaSetup, "alpha-observer");
        assertEquals(200, observer.get("/najm/contacts" + window).status());
        assertEquals(403, observer.post("/najm/plan:replan", "{}").status());
        var replan = alphaOp.post("/najm/plan:replan", "{}");
        assertEquals(503, replan.status(), replan.body());
        assertTrue(replan.body().contains("partner site"), replan.body());
        var pause = alphaOp.post("/najm/automation/" + sys.subject.name() + ":pause", "{}");
        assertEquals(503, pause.status(), pause.body());
        // The contact plan's timeline, as the MOC's: its contact items of the next hours
        String items = "/timeline/" + sys.instance() + "/items?source=rdb&limit=500&start="
                + YamcsRest.encode(sys.clock.now().toString()) + "&stop="
                + YamcsRest.encode(sys.clock.now().plus(Duration.ofHours(6)).toString());
        Poll.until(Duration.ofSeconds(60), "alpha's site's contact plan timeline as the MOC's", () -> {
            Set<String> atSite = contactItems(alphaOp.get(items).json());
            Set<String> atMoc = contactItems(sys.rest.get(items).json());
            return !atMoc.isEmpty() && atSite.equals(atMoc) ? Optional.of(atMoc.size()) : Optional.empty();
        });
        // The site's own status: its link to the MOC; the MOC is no site
        JsonObject status = alphaOp.get("/najm/site").json();
        assertEquals("alpha", status.get("partner").getAsString());
        assertTrue(status.getAsJsonArray("spacecraft").get(0).getAsJsonObject().get("connected").getAsBoolean());
        assertEquals(404, sys.rest.get("/najm/site").status());
    }

    /** Two answers of the same API alike but for what moves by the second (ages, durations, "now"). */
    private static boolean sameFigures(JsonObject a, JsonObject b) {
        return stripMoving(a.deepCopy()).equals(stripMoving(b.deepCopy()));
    }

    private static JsonElement stripMoving(JsonElement e) {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            for (String k : Set.copyOf(o.keySet())) {
                if (k.startsWith("oldest") || k.endsWith("Seconds") || k.equals("now") || k.endsWith("In")) {
                    o.remove(k);
                } else {
                    stripMoving(o.get(k));
                }
            }
        } else if (e.isJsonArray()) {
            e.getAsJsonArray().forEach(SitesIT::stripMoving);
        }
        return e;
    }

    private static Set<String> contactItems(JsonObject page) {
        Set<String> ids = new TreeSet<>();
        if (page.has("items")) {
            for (JsonElement e : page.getAsJsonArray("items")) {
                JsonObject i = e.getAsJsonObject();
                if (i.getAsJsonArray("tags").toString().contains("\"contact\"")) {
                    ids.add(i.get("id").getAsString() + " " + i.get("start").getAsString());
                }
            }
        }
        return ids;
    }

    /** NAJM-1's archived events generated in [from, to): "generation time/source/sequence number" each. */
    private static Set<String> eventKeys(YamcsRest rest, Instant from, Instant to) {
        Set<String> keys = new TreeSet<>();
        String next = null;
        do {
            var r = rest.get("/archive/" + sys.instance() + "/events?start=" + YamcsRest.encode(from.toString())
                    + "&stop=" + YamcsRest.encode(to.toString()) + "&limit=1000&order=asc"
                    + (next == null ? "" : "&next=" + YamcsRest.encode(next)));
            assertEquals(200, r.status(), r.body());
            JsonObject page = r.json();
            if (page.has("events")) {
                for (JsonElement e : page.getAsJsonArray("events")) {
                    JsonObject ev = e.getAsJsonObject();
                    keys.add(ev.get("generationTime").getAsString() + "/" + ev.get("source").getAsString() + "/"
                            + (ev.has("seqNumber") ? ev.get("seqNumber").getAsInt() : 0));
                }
            }
            next = page.has("continuationToken") ? page.get("continuationToken").getAsString() : null;
        } while (next != null);
        return keys;
    }

    /** NAJM-1's archived commands generated in [from, to), as the archive API lists them. */
    private static List<JsonObject> commandsOf(YamcsRest rest, Instant from, Instant to) {
        var r = rest.get("/archive/" + sys.instance() + "/commands?start=" + YamcsRest.encode(from.toString())
                + "&stop=" + YamcsRest.encode(to.toString()) + "&limit=200");
        assertEquals(200, r.status(), r.body());
        List<JsonObject> commands = new ArrayList<>();
        if (r.json().has("commands")) {
            r.json().getAsJsonArray("commands").forEach(e -> commands.add(e.getAsJsonObject()));
        }
        return commands;
    }

    @Test
    @Order(5)
    void theTwoPersonRuleHoldsAcrossSites() {
        YamcsRest alphaOp = site(alphaSetup, "alpha-op");
        String siteId = Commands.issueOk(alphaOp, sys.instance(), "REBOOT_OBC", "{}");
        JsonObject held = Poll.until(Duration.ofSeconds(30), "the REBOOT_OBC held at the MOC", () -> {
            JsonObject list = sys.rest.get("/najm/held-commands").json();
            for (JsonElement e : list.has("commands") ? list.getAsJsonArray("commands") : new JsonArray()) {
                JsonObject c = e.getAsJsonObject();
                if (c.get("spacecraft").getAsString().equals("NAJM-1") && c.get("id").getAsString()
                        .contains("najm-site-alpha")) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        });
        assertEquals("alpha-op", held.get("issuer").getAsString(), held.toString());
        String body = "{\"id\": \"" + held.get("id").getAsString() + "\", \"onBehalfOf\": \"%s\"}";
        YamcsRest siteAlpha = new YamcsRest(sys.httpPort(), "site-alpha", SITE_PASSWORD);
        YamcsRest siteBravo = new YamcsRest(sys.httpPort(), "site-bravo", SITE_PASSWORD);
        for (var attempt : new Object[][] { { siteAlpha, "alpha-op", "issued this command" },
                { siteAlpha, "bravo-lead", "speaks for alpha's operators and leads only" },
                { siteBravo, "bravo-lead", "is not a lead of alpha" },
                { siteBravo, "alpha-lead", "speaks for bravo's operators and leads only" } }) {
            var r = ((YamcsRest) attempt[0]).post("/najm/held-commands:confirm", String.format(body, attempt[1]));
            assertEquals(403, r.status(), r.body());
            assertTrue(r.json().get("msg").getAsString().contains((String) attempt[2]), r.body());
        }
        // without onBehalfOf, a site account is not a lead of anyone
        assertEquals(403, siteAlpha.post("/najm/held-commands:confirm", "{\"id\": \"" + held.get("id").getAsString()
                + "\"}").status());
        // on the sites: the held command is listed as at the MOC; bravo's lead and alpha's issuer are refused by the
        // MOC, alpha's lead confirms it from alpha's site
        String id = "{\"id\": \"" + held.get("id").getAsString() + "\"}";
        var listed = site(bravoSetup, "bravo-lead").get("/najm/held-commands");
        assertEquals(200, listed.status(), listed.body());
        assertTrue(listed.body().contains(held.get("id").getAsString()), listed.body());
        var wrongLead = site(bravoSetup, "bravo-lead").post("/najm/held-commands:confirm", id);
        assertEquals(403, wrongLead.status(), wrongLead.body());
        assertTrue(wrongLead.json().get("msg").getAsString().contains("bravo-lead is not a lead of alpha"),
                wrongLead.body());
        var issuer = alphaOp.post("/najm/held-commands:confirm", id);
        assertEquals(403, issuer.status(), issuer.body());
        assertTrue(issuer.json().get("msg").getAsString().contains("alpha-op issued this command"), issuer.body());
        var impersonating = site(alphaSetup, "alpha-op").post("/najm/held-commands:confirm", String.format(body,
                "alpha-lead"));
        assertEquals(400, impersonating.status(), impersonating.body());
        var ok = site(alphaSetup, "alpha-lead").post("/najm/held-commands:confirm", id);
        assertEquals(200, ok.status(), ok.body());

        Map<String, String> h = Poll.until(COMPLETION, "the confirmation in the site's command history", () -> {
            Map<String, String> hist = Commands.history(alphaOp, sys.instance(), siteId);
            return "OK".equals(hist.get(MOC_PREFIX + "Confirmed_Status")) ? Optional.of(hist) : Optional.empty();
        });
        assertEquals("confirmed by alpha-lead at site site-alpha", h.get(MOC_PREFIX + "Confirmed_Message"),
                h.toString());
        JsonObject confirmed = auditEntry("alpha-lead", null);
        assertEquals("CONFIRMED", confirmed.get("outcome").getAsString(), confirmed.toString());
    }

    // ---

    private static Map<String, String> awaitCompletion(YamcsRest rest, String id) {
        Map<String, String> last = new TreeMap<>();
        return Poll.until(COMPLETION, "completion of " + id + " on the site", () -> {
            Map<String, String> h = Commands.history(rest, sys.instance(), id);
            last.clear();
            last.putAll(h);
            // The cascading link brings the MOC's attributes one by one: a refusal's message may follow its status.
            String status = h.get("CommandComplete_Status");
            boolean complete = status != null && (status.equals("OK") || h.containsKey("CommandComplete_Message"));
            return complete ? Optional.of(h) : Optional.empty();
        }, last::toString);
    }

    /**
     * The MOC's newest audit entry of a command attempt whose user is {@code user} (and, if given, whose command is
     * {@code command}), or the newest entry naming the user in the reason (a confirmation).
     */
    private static JsonObject auditEntry(String user, String command) {
        YamcsRest admin = sys.as("admin");
        return Poll.until(Duration.ofSeconds(20), "the MOC's audit entry of " + user + " " + command, () -> {
            for (JsonElement e : admin.get("/najm/audit?limit=200").json().getAsJsonArray("records")) {
                JsonObject r = e.getAsJsonObject();
                boolean match = command == null ? r.get("reason").getAsString().contains("confirmed by " + user)
                        : r.get("user").getAsString().equals(user) && r.get("command").getAsString().equals(command);
                if (match) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        });
    }

    /** NAJM-1's archived packets generated in [from, to), by APID: "generation time/sequence count" each. */
    private static Map<Integer, Set<String>> packetsByApid(YamcsRest rest, Instant from, Instant to) {
        Map<Integer, Set<String>> byApid = new TreeMap<>();
        String next = null;
        do {
            var r = rest.get("/archive/" + sys.instance() + "/packets?start=" + YamcsRest.encode(from.toString())
                    + "&stop=" + YamcsRest.encode(to.toString()) + "&limit=1000&order=asc"
                    + (next == null ? "" : "&next=" + YamcsRest.encode(next)));
            assertEquals(200, r.status(), r.body());
            JsonObject page = r.json();
            if (page.has("packet")) {
                for (JsonElement e : page.getAsJsonArray("packet")) {
                    JsonObject p = e.getAsJsonObject();
                    byte[] bytes = Base64.getDecoder().decode(p.get("packet").getAsString());
                    int apid = ((bytes[0] & 0x07) << 8) | (bytes[1] & 0xFF);
                    int seq = ((bytes[2] & 0x3F) << 8) | (bytes[3] & 0xFF);
                    byApid.computeIfAbsent(apid, a -> new TreeSet<>()).add(p.get("generationTime").getAsString() + "/"
                            + seq);
                }
            }
            next = page.has("continuationToken") ? page.get("continuationToken").getAsString() : null;
        } while (next != null);
        return byApid;
    }

    private static boolean isWithin(String key, Instant from, Instant to) {
        Instant t = Instant.parse(key.substring(0, key.indexOf('/')));
        return !t.isBefore(from) && t.isBefore(to);
    }

    private static Map<Integer, Integer> counts(Map<Integer, Set<String>> byApid) {
        Map<Integer, Integer> counts = new TreeMap<>();
        byApid.forEach((apid, keys) -> counts.put(apid, keys.size()));
        return counts;
    }
}
