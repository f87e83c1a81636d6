package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.najm.audit.AuditTrail;
import org.najm.constellation.Spacecraft;
import org.yamcs.protobuf.Table.Row;
import org.yamcs.protobuf.Table.WriteRowsRequest;
import org.yamcs.yarch.SqlBuilder;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.StreamSubscriber;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;

/**
 * The ways around the partner command authority of issue 12, each tried against the real server and
 * shown refused and audited: commands injected through the archive (SQL, table rows, tuples put on
 * the TC stream, replays), command history changed through SQL, COP-1 directives, a held command
 * confirmed after the lock, a command, directive or alarm action whose audit entry cannot be written,
 * password guessing from one address, a superuser or one's own roles made through Yamcs' IAM API.
 */
class HardeningIT extends InContactTest {

    static final Duration DECIDED = Duration.ofSeconds(30);
    static final String GLOBAL = "_global";

    // --- 1. The archive: SQL and table rows

    @Test
    void noRoleWritesToATcStreamOrTheAuditTableThroughSql() {
        String sc = sys.instance();
        String inject = "insert into tc_realtime select * from cmdhist";
        for (String user : List.of("admin", "alpha-lead", "bravo-lead", "observer")) {
            var r = sql(user, sc, inject);
            assertEquals(403, r.status(), user + ": " + r.body());
            assertTrue(r.body().contains("no one changes cmdhist, tc_realtime through SQL"), r.body());
            JsonObject a = awaitAudit(user, "ARCHIVE", "SQL: " + inject);
            assertEquals("REFUSED", a.get("outcome").getAsString(), a.toString());
        }
        long before = auditCount();
        for (String statement : List.of("delete from najm_audit", "drop table najm_audit",
                "alter table najm_audit rename to najm_gone", "close stream najm_audit_in",
                "upsert into najm_audit select * from najm_audit", "DELETE FROM \"NAJM_AUDIT\"")) {
            var r = sql("admin", GLOBAL, statement);
            assertEquals(403, r.status(), statement + ": " + r.body());
            awaitAudit("admin", "ARCHIVE", "SQL: " + statement);
        }
        assertTrue(auditCount() >= before, "the audit trail shrank");
        // Reading stays possible for who may (the administrator holds ControlArchiving).
        assertEquals(200, sql("admin", sc, "select count(*) from cmdhist").status());
        // What names nothing protected is Yamcs. business: the observer holds no ControlArchiving.
        assertEquals(403, sql("observer", sc, "select count(*) from cmdhist").status());
    }

    @Test
    void noRoleChangesTheCommandHistoryThroughSql() {
        String sc = sys.instance();
        long before = cmdhistCount(sc);
        for (String statement : List.of("delete from cmdhist", "insert into cmdhist select * from cmdhist",
                "drop table cmdhist", "upsert into cmdhist_realtime select * from cmdhist",
                "alter table cmdhist rename to cmdhist_gone")) {
            for (String user : List.of("admin", "alpha-lead", "bravo-op", "observer")) {
                var r = sql(user, sc, statement);
                assertEquals(403, r.status(), user + " " + statement + ": " + r.body());
                assertTrue(r.body().contains("through SQL"), r.body());
                JsonObject a = awaitAudit(user, "ARCHIVE", "SQL: " + statement);
                assertEquals("REFUSED", a.get("outcome").getAsString(), a.toString());
            }
        }
        assertTrue(cmdhistCount(sc) >= before, "the command history shrank");
    }

    @Test
    void noRoleWritesRowsToTheAuditTable() throws Exception {
        for (String user : List.of("admin", "alpha-lead", "observer")) {
            var row = Row.newBuilder().addCells(Row.Cell.newBuilder().setColumnId(0)
                    .setData(ByteString.copyFrom(new byte[8]))).build();
            var out = new ByteArrayOutputStream();
            WriteRowsRequest.newBuilder().setRow(row).build().writeDelimitedTo(out);
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sys.httpPort()
                    + "/api/archive/_global/tables/najm_audit:writeRows"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + NajmSystem.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/protobuf")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build();
            var r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(403, r.statusCode(), user + ": " + r.body());
            awaitAudit(user, "ARCHIVE", "write rows");
        }
    }

    // --- 1. The TC stream itself: tuples put on it by any way, replays

    @Test
    void aCommandPutBackOnTheTcStreamIsRefusedAsAReplayAndAForgedOneAsNotIssued() throws Exception {
        Spacecraft sc = sys.subject;
        String id = Commands.issueOk(sys, sc.instance(), "NOOP", "{}");
        Map<String, String> first = Commands.awaitCompletion(sys, sc.instance(), id, Duration.ofSeconds(60));
        assertEquals("OK", first.get("CommandComplete_Status"), first.toString());
        long cltus = cltus();

        // What INSERT INTO tc_realtime SELECT ... FROM cmdhist does, whatever way it is done.
        Tuple original = cmdhistTuple(sc.instance(), id);
        Stream tc = YarchDatabase.getInstance(sc.instance()).getStream("tc_realtime");
        tc.emitTuple(original);
        JsonObject replay = awaitAudit(sys.operatorOf(sc.instance()), "COMMAND", "/NAJM/NOOP()",
                r -> r.get("commandId").getAsString().equals(id) && r.get("outcome").getAsString().equals("REFUSED"));
        assertTrue(replay.get("reason").getAsString().contains("already decided"), replay.toString());

        // The same with a new id: a forged command that no command queue took.
        Object[] values = original.getColumns().toArray();
        int seqIdx = original.getDefinition().getColumnIndex("seqNum");
        values[seqIdx] = (Integer) values[seqIdx] + 1_000_000;
        Tuple forged = new Tuple(original.getDefinition(), values);
        String forgedId = id.substring(0, id.lastIndexOf('-') + 1) + values[seqIdx];
        tc.emitTuple(forged);
        JsonObject injected = awaitAudit(sys.operatorOf(sc.instance()), "COMMAND", "/NAJM/NOOP()",
                r -> r.get("commandId").getAsString().equals(forgedId));
        assertEquals("REFUSED", injected.get("outcome").getAsString(), injected.toString());
        assertTrue(injected.get("reason").getAsString().contains("did not come through this MOC's commanding"),
                injected.toString());

        Thread.sleep(3000);
        assertEquals(cltus, cltus(), "a CLTU reached a station for a replayed or forged command");
        // The original's command history is untouched by the attempts.
        assertEquals("OK", Commands.history(sys, sc.instance(), id).get("CommandComplete_Status"));
    }

    // --- 2. COP-1 directives

    @Test
    void onlyTheSpacecraftsPartnerIssuesCop1DirectivesEachAudited() {
        String cop1 = "/cop1/" + sys.instance() + "/TC.vc0";
        String name = sys.subject.name();
        record Try(String user, String path, String body, int status, String reason) {
        }
        List<Try> tries = new ArrayList<>(List.of(
                new Try("observer", ":resume", "{}", 403, "observer is not an operator of any partner"),
                new Try("admin", ":disable", "{}", 403, "admin is not an operator of any partner"),
                new Try("admin", ":initialize", "{\"type\": \"UNLOCK\"}", 403, "admin is not an operator"),
                new Try("bravo-lead", ":initialize", "{\"type\": \"UNLOCK\"}", 403, "bravo-lead operates for bravo"),
                new Try("bravo-op", ":resume", "{}", 403, "bravo-op operates for bravo"),
                new Try("alpha-op", ":initialize", "{\"type\": \"SET_VR\", \"vR\": 7}", 403,
                        "alpha-op is not a lead of alpha"),
                new Try("alpha-op", ":disable", "{}", 403, "alpha-op is not a lead of alpha")));
        for (Try t : tries) {
            var r = sys.as(t.user()).post(cop1 + t.path(), t.body());
            assertEquals(t.status(), r.status(), t + ": " + r.body());
            assertTrue(r.body().contains(t.reason()), t + ": " + r.body());
            JsonObject a = awaitAudit(t.user(), "COP1", "COP-1 " + t.path().substring(1),
                    x -> x.get("spacecraft").getAsString().equals(name));
            assertEquals("REFUSED", a.get("outcome").getAsString(), a.toString());
        }
        // The partner's lead stops FOP-1, its operator starts it again; the lead unlocks (a BC frame). Each is
        // carried out and audited.
        String stop = "{\"setBypassAll\": false}";
        assertEquals(200, sys.as("alpha-lead").post(cop1 + ":disable", stop).status());
        assertEquals("RELEASED", awaitAudit("alpha-lead", "COP1", "COP-1 disable", x -> true).get("outcome")
                .getAsString());
        var init = sys.as("alpha-op").post(cop1 + ":initialize", "{\"type\": \"WITH_CLCW_CHECK\"}");
        assertEquals(200, init.status(), init.body());
        assertEquals("RELEASED", awaitAudit("alpha-op", "COP1", "COP-1 initialize WITH_CLCW_CHECK", x -> true)
                .get("outcome").getAsString());
        awaitCop1Active(cop1);
        assertEquals(200, sys.as("alpha-lead").post(cop1 + ":disable", stop).status());
        var unlock = sys.as("alpha-lead").post(cop1 + ":initialize", "{\"type\": \"UNLOCK\"}");
        assertEquals(200, unlock.status(), unlock.body());
        assertEquals("RELEASED", awaitAudit("alpha-lead", "COP1", "COP-1 initialize UNLOCK", x -> true)
                .get("outcome").getAsString());
        awaitCop1Active(cop1);
        String next = Commands.issueOk(sys, sys.instance(), "NOOP", "{}");
        assertEquals("OK", Commands.awaitCompletion(sys, sys.instance(), next, Duration.ofSeconds(60))
                .get("CommandComplete_Status"));
    }

    // --- 3. A held command confirmed after the lock

    @Test
    void aHeldCommandConfirmedAfterTheLockIsNotSent() {
        Spacecraft sc = spacecraftOf("charlie");
        String id = Commands.issueOk(sys.as("charlie-op"), sc.instance(), "REBOOT_OBC", "{}");
        Poll.until(DECIDED, "held", () -> "PENDING".equals(Commands.history(sys, sc.instance(), id)
                .get("Confirmed_Status")) ? Optional.of(true) : Optional.empty());
        String link = "/links/" + sc.instance() + "/AUTHORITY";
        assertEquals(200, sys.as("admin").post(link + ":disable", "{}").status());
        try {
            String body = "{\"id\": \"" + id + "\"}";
            assertEquals(403, sys.as("observer").post("/najm/held-commands:confirm", body).status());
            assertEquals(403, sys.as("delta-lead").post("/najm/held-commands:confirm", body).status());
            var r = sys.as("charlie-lead").post("/najm/held-commands:confirm", body);
            assertEquals(403, r.status(), r.body());
            assertTrue(r.body().contains("commanding of " + sc.name() + " is locked"), r.body());
            Map<String, String> h = Commands.awaitCompletion(sys, sc.instance(), id, DECIDED);
            assertEquals("NOK", h.get("Confirmed_Status"), h.toString());
            assertTrue(h.get("CommandComplete_Message").contains("is locked"), h.toString());
            assertFalse(h.containsKey("Acknowledge_Sent_Status") || h.containsKey("najm-authority"), h.toString());
            JsonObject a = awaitAudit("charlie-op", "COMMAND", "/NAJM/REBOOT_OBC()",
                    x -> x.get("commandId").getAsString().equals(id) && x.get("outcome").getAsString()
                            .equals("REFUSED"));
            assertTrue(a.get("reason").getAsString().contains("confirmed by charlie-lead but commanding of"),
                    a.toString());
        } finally {
            assertEquals(200, sys.as("admin").post(link + ":enable", "{}").status());
        }
    }

    // --- 4. Fail closed on audit

    @Test
    void aCommandWhoseAuditEntryCannotBeWrittenIsRefused() {
        AuditTrail.global(); // opened at the first audit entry
        Stream in = YarchDatabase.getInstance(GLOBAL).getStream("najm_audit_in");
        List<StreamSubscriber> writers = new ArrayList<>(in.getSubscribers());
        writers.forEach(in::removeSubscriber); // the archive stops storing audit entries
        String id;
        try {
            id = Commands.issueOk(sys, sys.instance(), "NOOP", "{}");
            Map<String, String> h = Commands.awaitCompletion(sys, sys.instance(), id, DECIDED);
            assertEquals("NOK", h.get("Authorized_Status"), h.toString());
            assertTrue(h.get("CommandComplete_Message").startsWith("Refused: the audit trail could not record it"),
                    h.toString());
            assertFalse(h.containsKey("Acknowledge_Sent_Status") || h.containsKey("najm-authority"), h.toString());
            // Neither is a COP-1 directive or an alarm action of the partner itself carried out.
            String cop1 = "/cop1/" + sys.instance() + "/TC.vc0";
            var disable = sys.as("alpha-lead").post(cop1 + ":disable", "{\"setBypassAll\": false}");
            assertEquals(403, disable.status(), disable.body());
            assertTrue(disable.body().contains("Refused: the audit trail could not record it"), disable.body());
            assertTrue(sys.rest.get(cop1 + "/status").body().contains("\"ACTIVE\""), "FOP-1 stopped unaudited");
            var ack = sys.as("alpha-op").post("/processors/" + sys.instance()
                    + "/realtime/alarms/NAJM/battery_voltage/1:acknowledge", "{}");
            assertEquals(403, ack.status(), ack.body()); // not Yamcs' 404 for an alarm that is not there: not tried
            assertTrue(ack.body().contains("Refused: the audit trail could not record it"), ack.body());
        } finally {
            writers.forEach(in::addSubscriber);
        }
        // And once the archive stores again, commanding is back.
        String next = Commands.issueOk(sys, sys.instance(), "NOOP", "{}");
        assertEquals("OK", Commands.awaitCompletion(sys, sys.instance(), next, Duration.ofSeconds(60))
                .get("Authorized_Status"));
    }

    // --- 5. Logins per address; accounts' privileges at runtime

    @Test
    void failedLoginsLockTheAddressNotJustTheName() throws Exception {
        // From 127.0.0.2 (still this host): locking it leaves the other tests' 127.0.0.1 alone.
        InetAddress from = InetAddress.getByName("127.0.0.2");
        for (int i = 0; i < 50; i++) { // 50 names, one wrong guess each: no name is locked
            assertEquals(401, basicAuthStatus(from, "addr-probe-" + i, "guess"), "guess " + i);
        }
        for (String user : List.of("alpha-op", "bravo-lead", "observer", "admin")) {
            assertEquals(429, basicAuthStatus(from, user, NajmSystem.DEMO_PASSWORD), user + " from the locked address");
            JsonObject a = awaitAudit(user, "LOGIN", "login", r -> r.get("reason").getAsString()
                    .startsWith("address 127.0.0.2 locked after 50 failed logins until "));
            assertEquals("LOGIN_FAILED", a.get("outcome").getAsString(), a.toString());
        }
        assertEquals(200, basicAuthStatus(InetAddress.getLoopbackAddress(), "alpha-op", NajmSystem.DEMO_PASSWORD),
                "another address is not locked");
    }

    @Test
    void noOneMakesASuperuserOrChangesTheirOwnRoles() {
        record Try(String user, String account, String body, String reason) {
        }
        String superuser = "{\"superuser\": true}";
        String roles = "{\"roleAssignment\": {\"roles\": [\"Administrator\", \"Operator\"]}}";
        for (Try t : List.of(new Try("admin", "admin", superuser, "no account becomes a superuser at runtime"),
                new Try("admin", "observer", superuser, "no account becomes a superuser at runtime"),
                new Try("admin", "admin", roles, "no one changes their own roles"),
                new Try("observer", "observer", superuser, "no account becomes a superuser at runtime"),
                new Try("bravo-lead", "bravo-lead", roles, "no one changes their own roles"),
                new Try("bravo-op", "alpha-op", roles, "bravo-op lacks the privilege ControlAccess"),
                new Try("observer", "alpha-lead", roles, "observer lacks the privilege ControlAccess"))) {
            var r = sys.as(t.user()).patch("/users/" + t.account(), t.body());
            assertEquals(403, r.status(), t + ": " + r.body());
            assertTrue(r.body().contains(t.reason()), t + ": " + r.body());
            String what = t.body().equals(superuser) ? "make " + t.account() + " a superuser"
                    : "roles of " + t.account() + " set to";
            assertEquals("REFUSED", awaitAudit(t.user(), "ACCESS", what).get("outcome").getAsString());
        }
        assertFalse(sys.as("admin").get("/users/admin").json().get("superuser").getAsBoolean());
        assertEquals(403, sys.as("admin").delete("/users/admin/roles/Administrator").status());
        awaitAudit("admin", "ACCESS", "role Administrator of admin removed");
        // The administrator still manages other accounts' roles, audited.
        var created = sys.as("admin").post("/users", "{\"name\": \"hardening-it\", \"password\": \"x-9-long-pass\"}");
        assertEquals(200, created.status(), created.body());
        try {
            var set = sys.as("admin").patch("/users/hardening-it", "{\"roleAssignment\": {\"roles\": [\"Observer\"]}}");
            assertEquals(200, set.status(), set.body());
            assertEquals("ALLOWED", awaitAudit("admin", "ACCESS", "roles of hardening-it set to [Observer]")
                    .get("outcome").getAsString());
            assertEquals(200, sys.as("admin").delete("/users/hardening-it/roles/Observer").status());
            awaitAudit("admin", "ACCESS", "role Observer of hardening-it removed");
        } finally {
            sys.as("admin").delete("/users/hardening-it");
        }
    }

    /** The status of GET /api/najm/science with HTTP basic authentication, sent from {@code from}. */
    private static int basicAuthStatus(InetAddress from, String user, String password) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), sys.httpPort(), from, 0)) {
            s.setSoTimeout(20_000);
            String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().write(("GET /api/najm/science HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                    + auth + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        }
    }

    // ---

    private static Spacecraft spacecraftOf(String partner) {
        return sys.constellation.spacecraft().stream().filter(s -> s.partner().equals(partner)).findFirst()
                .orElseThrow();
    }

    private static void awaitCop1Active(String cop1) {
        Poll.until(Duration.ofSeconds(60), "COP-1 active again", () -> sys.rest.get(cop1 + "/status").body()
                .contains("\"ACTIVE\"") ? Optional.of(true) : Optional.empty());
    }

    private static YamcsRest.Response sql(String user, String instance, String statement) {
        JsonObject body = new JsonObject();
        body.addProperty("statement", statement);
        return sys.as(user).post("/archive/" + instance + ":executeSql", body.toString());
    }

    private static long cmdhistCount(String instance) {
        return count(instance, "cmdhist");
    }

    private static long auditCount() {
        return count(GLOBAL, "najm_audit");
    }

    private static long count(String instance, String table) {
        var r = sql("admin", instance, "select count(*) from " + table);
        assertEquals(200, r.status(), r.body());
        var rows = r.json().getAsJsonArray("rows");
        var v = rows.get(0).getAsJsonObject().getAsJsonArray("values").get(0).getAsJsonObject();
        return v.has("sint64Value") ? v.get("sint64Value").getAsLong() : v.get("uint64Value").getAsLong();
    }

    private static long cltus() {
        return sys.constellation.stations().stream().mapToLong(st -> sys.simulator.station(st.id()).cltusReceived())
                .sum();
    }

    private static Tuple cmdhistTuple(String instance, String id) throws Exception {
        long gentime = Long.parseLong(id.substring(0, id.indexOf('-')));
        int seq = Integer.parseInt(id.substring(id.lastIndexOf('-') + 1));
        SqlBuilder sql = new SqlBuilder("cmdhist").select("*").whereColAfterOrEqual("gentime", gentime)
                .whereColBefore("gentime", gentime + 1).where("seqNum = ?", seq);
        var result = YarchDatabase.getInstance(instance).execute(sql.toString(), sql.getQueryArgumentsArray());
        try {
            assertTrue(result.hasNext(), "no command history of " + id);
            return result.next();
        } finally {
            result.close();
        }
    }

    private static JsonObject awaitAudit(String user, String kind, String commandPrefix) {
        return awaitAudit(user, kind, commandPrefix, r -> true);
    }

    private static JsonObject awaitAudit(String user, String kind, String commandPrefix,
            Predicate<JsonObject> also) {
        return Poll.until(DECIDED, "the audit record of " + user + " " + kind + " " + commandPrefix, () -> {
            var r = sys.as("admin").get("/najm/audit?user=" + user + "&limit=1000");
            assertEquals(200, r.status(), r.body());
            if (r.json().has("records")) {
                for (JsonElement e : r.json().getAsJsonArray("records")) {
                    JsonObject o = e.getAsJsonObject();
                    if (o.get("kind").getAsString().equals(kind)
                            && o.get("command").getAsString().startsWith(commandPrefix) && also.test(o)) {
                        return Optional.of(o);
                    }
                }
            }
            return Optional.empty();
        });
    }
}
