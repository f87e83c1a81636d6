package org.najm.simulator.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class ArchiveStandInTest {

    /** Test resources live next to this class (run from the module directory, as surefire does). */
    private static final Path SAMPLES = Path.of("src/test/resources/org/najm/simulator/archive");

    @TempDir
    Path store;
    private ArchiveStandIn archive;
    private HttpClient http;
    private byte[] c53;
    private byte[] njm1;

    @BeforeEach
    void start() throws IOException {
        c53 = Files.readAllBytes(SAMPLES.resolve("ades_spacebased_C53.xml"));
        njm1 = Files.readAllBytes(SAMPLES.resolve("ades_najm_NJM1.xml"));
        archive = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", 0), store);
        http = newClient();
    }

    @AfterEach
    void stop() {
        archive.close();
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + archive.port() + path);
    }

    private static Multipart form(byte[] source) {
        return new Multipart().field("ack", "NAJM batch 42").field("ac2", "moc@najm.example")
                .field("obj_type", "Unclassified").file("source", "batch.xml", source);
    }

    private HttpResponse<String> submit(HttpClient client, Multipart form, Duration timeout)
            throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri("/submit")).timeout(timeout)
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> submit(Multipart form) throws IOException, InterruptedException {
        return submit(http, form, Duration.ofSeconds(5));
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonObject submissions() throws Exception {
        HttpResponse<String> r = send("GET", "/submissions", null);
        assertEquals(200, r.statusCode());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private static JsonObject json(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    private List<String> storedFiles() throws IOException {
        try (Stream<Path> s = Files.list(store)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void spaceBasedSubmissionIsAcceptedAndStoredByteForByte() throws Exception {
        HttpResponse<String> r = submit(form(c53));
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = json(r);
        assertEquals("NJMA-000001", answer.get("submissionId").getAsString());
        assertTrue(answer.has("duplicateOf") && answer.get("duplicateOf").isJsonNull());

        assertArrayEquals(c53, Files.readAllBytes(store.resolve("NJMA-000001.xml")));
        JsonObject meta = JsonParser.parseString(Files.readString(store.resolve("NJMA-000001.json")))
                .getAsJsonObject();
        assertEquals("NJMA-000001", meta.get("id").getAsString());
        assertEquals("NAJM batch 42", meta.get("ack").getAsString());
        assertEquals("moc@najm.example", meta.get("ac2").getAsString());
        assertEquals("Unclassified", meta.get("obj_type").getAsString());
        assertEquals(SubmissionStore.sha256(c53), meta.get("sha256").getAsString());
        assertEquals(1, meta.get("observations").getAsInt());
        assertEquals("[\"SAT0001\"]", meta.get("trkSubs").toString());
        assertTrue(meta.get("duplicateOf").isJsonNull());
        assertTrue(meta.get("received").getAsString().endsWith("Z"));

        HttpResponse<byte[]> xml = http.send(HttpRequest.newBuilder(uri("/submissions/NJMA-000001")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xml.statusCode());
        assertArrayEquals(c53, xml.body());
        assertEquals(404, send("GET", "/submissions/NJMA-000099", null).statusCode());
        assertEquals(404, send("GET", "/submissions/..%2Fetc", null).statusCode());
    }

    @Test
    void najmSubmissionAsPlainFormFieldIsAccepted() throws Exception {
        Multipart f = new Multipart().field("source", new String(njm1, StandardCharsets.UTF_8))
                .field("ack", "NJM1 night 2026-11-20").field("ac2", "moc@najm.example");
        HttpResponse<String> r = submit(f);
        assertEquals(200, r.statusCode(), r.body());
        assertArrayEquals(njm1, Files.readAllBytes(store.resolve("NJMA-000001.xml")));
        JsonObject meta = submissions().getAsJsonArray("submissions").get(0).getAsJsonObject();
        assertEquals(3, meta.get("observations").getAsInt());
        assertEquals("[\"N1000042\"]", meta.get("trkSubs").toString());
        assertTrue(meta.get("obj_type").isJsonNull()); // not sent
    }

    @Test
    void invalidXmlIsRejectedWithLineAndColumnAndNothingIsStored() throws Exception {
        // 9 characters: trkSub allows at most 8.
        byte[] bad = new String(njm1, StandardCharsets.UTF_8).replace("N1000042", "N10000420")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = submit(form(bad));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().startsWith("ADES validation failed:"), r.body());
        assertTrue(r.body().matches("(?s).*line \\d+:\\d+: .*N10000420.*"), r.body());

        HttpResponse<String> notXml = submit(
                form("<ades version=\"2022\"><obsBlock>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(400, notXml.statusCode());
        assertTrue(notXml.body().startsWith("ADES validation failed:\nline 1:"), notXml.body());

        assertEquals(List.of(), storedFiles());
        assertEquals(2, submissions().getAsJsonObject("counters").get("rejectedInvalid").getAsInt());
    }

    @Test
    void missingSourceIsABadRequest() throws Exception {
        HttpResponse<String> r = submit(new Multipart().field("ack", "x").field("ac2", "moc@najm.example"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("source"), r.body());
        assertEquals(List.of(), storedFiles());
    }

    @Test
    void exactDuplicateIsAcceptedButFlagged() throws Exception {
        assertEquals("NJMA-000001", json(submit(form(njm1))).get("submissionId").getAsString());
        assertEquals("NJMA-000002", json(submit(form(c53))).get("submissionId").getAsString());
        JsonObject dup = json(submit(form(njm1)));
        assertEquals("NJMA-000003", dup.get("submissionId").getAsString());
        assertEquals("NJMA-000001", dup.get("duplicateOf").getAsString());
        // A second duplicate still points at the original.
        assertEquals("NJMA-000001", json(submit(form(njm1))).get("duplicateOf").getAsString());
        assertArrayEquals(njm1, Files.readAllBytes(store.resolve("NJMA-000003.xml")));
    }

    @Test
    void listShowsMetadataInIdOrderAndCounters() throws Exception {
        submit(form(c53));
        submit(form(njm1));
        submit(form(c53));
        submit(form("not xml".getBytes(StandardCharsets.UTF_8)));
        submit(new Multipart().field("ack", "no source"));
        JsonObject list = submissions();
        JsonArray subs = list.getAsJsonArray("submissions");
        assertEquals(3, subs.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(String.format("NJMA-%06d", i + 1), subs.get(i).getAsJsonObject().get("id").getAsString());
        }
        assertEquals("NJMA-000001", subs.get(2).getAsJsonObject().get("duplicateOf").getAsString());
        assertEquals(SubmissionStore.sha256(njm1), subs.get(1).getAsJsonObject().get("sha256").getAsString());
        JsonObject c = list.getAsJsonObject("counters");
        assertEquals(3, c.get("accepted").getAsInt());
        assertEquals(1, c.get("duplicates").getAsInt());
        assertEquals(1, c.get("rejectedInvalid").getAsInt());
        assertEquals(1, c.get("badRequests").getAsInt());
        assertEquals(0, c.get("failedByInjection").getAsInt());
    }

    @Test
    void http500ForCountSubmissionsThenSuccess() throws Exception {
        HttpResponse<String> armed = send("POST", "/control/failure", "{\"mode\": \"HTTP_500\", \"count\": 1}");
        assertEquals(200, armed.statusCode());
        assertEquals("{\"mode\":\"HTTP_500\",\"remaining\":1}", armed.body().trim());

        HttpResponse<String> failed = submit(form(njm1));
        assertEquals(500, failed.statusCode());
        assertTrue(failed.body().contains("HTTP_500"));
        assertEquals(List.of(), storedFiles());
        assertEquals("NONE", json(send("GET", "/control/failure", null)).get("mode").getAsString());

        HttpResponse<String> ok = submit(form(njm1));
        assertEquals(200, ok.statusCode());
        assertTrue(json(ok).get("duplicateOf").isJsonNull()); // the failed one was not stored
        assertEquals(1, submissions().getAsJsonObject("counters").get("failedByInjection").getAsInt());
    }

    @Test
    void timeoutNeverAnswersButOtherConnectionsAreServed() throws Exception {
        send("POST", "/control/failure", "{\"mode\": \"TIMEOUT\"}");
        HttpClient hanging = newClient();
        assertThrows(HttpTimeoutException.class, () -> submit(hanging, form(njm1), Duration.ofMillis(500)));
        // Until cleared: a second one hangs too, while the control and query routes still answer.
        var pending = hanging.sendAsync(HttpRequest.newBuilder(uri("/submit"))
                .header("Content-Type", form(njm1).contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form(njm1).bytes())).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonObject state = json(send("GET", "/control/failure", null));
        assertEquals("TIMEOUT", state.get("mode").getAsString());
        assertTrue(state.get("remaining").isJsonNull());
        assertEquals(0, submissions().getAsJsonArray("submissions").size());
        assertFalse(pending.isDone());
        pending.cancel(true);

        assertEquals("NONE", json(send("DELETE", "/control/failure", null)).get("mode").getAsString());
        assertEquals(List.of(), storedFiles());
        assertEquals(200, submit(form(njm1)).statusCode());
    }

    @Test
    void dropClosesTheConnectionWithoutAResponse() throws Exception {
        send("POST", "/control/failure", "{\"mode\": \"DROP\", \"count\": 1}");
        IOException e = assertThrows(IOException.class, () -> submit(newClient(), form(njm1), Duration.ofSeconds(5)));
        assertFalse(e instanceof HttpTimeoutException, e.toString());
        assertEquals(List.of(), storedFiles());
        assertEquals(200, submit(form(njm1)).statusCode());
        assertEquals(1, submissions().getAsJsonObject("counters").get("failedByInjection").getAsInt());
    }

    @Test
    void badFailureRequestsAreRefused() throws Exception {
        assertEquals(400, send("POST", "/control/failure", "{\"mode\": \"SLOW\"}").statusCode());
        assertEquals(400, send("POST", "/control/failure", "{\"mode\": \"DROP\", \"count\": 0}").statusCode());
        assertEquals(400, send("POST", "/control/failure", "nonsense").statusCode());
        assertEquals("NONE", json(send("GET", "/control/failure", null)).get("mode").getAsString());
        assertEquals(405, send("GET", "/submit", null).statusCode());
        assertEquals(404, send("GET", "/nothing", null).statusCode());
    }

    @Test
    void restartKeepsIdsAndTheDuplicateIndex() throws Exception {
        submit(form(njm1));
        submit(form(c53));
        archive.close();
        archive = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", 0), store);

        JsonArray before = submissions().getAsJsonArray("submissions");
        assertEquals(2, before.size());
        assertEquals("NJMA-000002", before.get(1).getAsJsonObject().get("id").getAsString());
        JsonObject dup = json(submit(form(c53)));
        assertEquals("NJMA-000003", dup.get("submissionId").getAsString());
        assertEquals("NJMA-000002", dup.get("duplicateOf").getAsString());
        JsonObject fresh = json(submit(form(c53.length > 0 ? (new String(c53, StandardCharsets.UTF_8) + "\n")
                .getBytes(StandardCharsets.UTF_8) : c53)));
        assertEquals("NJMA-000004", fresh.get("submissionId").getAsString());
        assertTrue(fresh.get("duplicateOf").isJsonNull()); // one byte differs: not an exact duplicate
    }
}
