package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
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
 * the TC stream, replays), COP-1 directives, a held command confirmed after the lock, a command whose
 * audit entry cannot be written.
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
            assertTrue(r.body().contains("no one changes tc_realtime through SQL"), r.body());
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
        } finally {
            writers.forEach(in::addSubscriber);
        }
        // And once the archive stores again, commanding is back.
        String next = Commands.issueOk(sys, sys.instance(), "NOOP", "{}");
        assertEquals("OK", Commands.awaitCompletion(sys, sys.instance(), next, Duration.ofSeconds(60))
                .get("Authorized_Status"));
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

    private static long auditCount() {
        var r = sql("admin", GLOBAL, "select count(*) from najm_audit");
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
