package org.najm.science.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.najm.science.Detection;
import org.najm.science.Detections;
import org.najm.science.Tracklet;
import org.najm.science.TrackletKey;
import org.najm.science.ades.AdesWriter;
import org.najm.science.ades.ObservationContext;
import org.najm.science.delivery.ArchiveForwarder.Outcome;
import org.najm.science.delivery.MisbehavingArchive.Mode;
import org.najm.simulator.archive.ArchiveStandIn;

/**
 * The ADES side of the fuzzing campaign: the real outbox and forwarder post to an archive on a real socket
 * that answers garbage, 4xx, 5xx, never, or forever slowly, then recovers (the simulator's archive stand-in
 * behind it). Nothing may be lost or sent twice, each failure must be reported with what went wrong, and no
 * attempt may last longer than the timeout.
 */
class ArchiveMisbehaviourTest {

    /** While the archive misbehaves: short, so that the slow cases take little time. */
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /**
     * Once it may answer (refusals, recovery): the default, so that a loaded machine's stand-in is not cut off
     * after storing a submission (its answer lost, the retry a duplicate: the known limit, docs/science.md).
     */
    private static final Duration ANSWERING_TIMEOUT = Duration.ofSeconds(10);
    private static final ObservationContext CTX = new ObservationContext("NAJM Science Operations",
            "NAJM Consortium", List.of("NAJM Pipeline"), "reflector", 0.3, "CCD", "Gaia3", "NAJM {spacecraft}");
    private static final Map<String, String> CODES = Map.of("NAJM-1", "NJM1", "NAJM-2", "NJM2");

    @TempDir
    Path dir;
    private ArchiveStandIn standIn;
    private MisbehavingArchive archive;
    private Outbox outbox;
    private ArchiveForwarder forwarder;
    private final List<ArchiveForwarder.Delivery> deliveries = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> attemptMillis = Collections.synchronizedList(new ArrayList<>());
    private long tracklet;

    @BeforeEach
    void start() throws IOException {
        standIn = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", 0), dir.resolve("archive"));
        archive = new MisbehavingArchive(new InetSocketAddress("127.0.0.1", standIn.port()));
        outbox = new Outbox(dir.resolve("outbox"));
        forwarder = forwarder(TIMEOUT);
    }

    /** A forwarder of the outbox to the misbehaving archive, started. */
    private ArchiveForwarder forwarder(Duration timeout) {
        ArchiveClient client = new ArchiveClient(new ArchiveClient.Settings(
                URI.create("http://127.0.0.1:" + archive.port() + "/submit"), "NAJM", "moc@najm.example",
                "Unclassified", timeout));
        ArchiveForwarder f = new ArchiveForwarder(outbox, client, Duration.ofMillis(20), Duration.ofMillis(100),
                d -> {
                    deliveries.add(d);
                    attemptMillis.add(System.nanoTime() / 1_000_000);
                });
        f.start();
        return f;
    }

    @Test
    void everyMisbehaviourKeepsTheSubmissionReportsItAndEndsWithinTheTimeout() throws Exception {
        long heapBefore = usedHeapAfterGc();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(enqueue());
        }
        // Failures the archive may recover from: kept pending, retried, reported, nothing set aside.
        record Case(Runnable arm, String reported) {
        }
        List<Case> cases = List.of(
                new Case(() -> archive.behave(Mode.NOT_HTTP), "not an HTTP answer (ProtocolException"),
                new Case(() -> archive.behave(Mode.BAD_STATUS_LINE), "not an HTTP answer (ProtocolException"),
                new Case(() -> archive.behave(Mode.TRUNCATED), "content-length: 1000, bytes received: 10"),
                new Case(() -> archive.answer(500, "database locked"), "HTTP 500: database locked"),
                new Case(() -> archive.answer(503, "maintenance until 18:00"), "HTTP 503: maintenance until 18:00"),
                new Case(() -> archive.answer(403, "ac2 not registered"), "HTTP 403: ac2 not registered"),
                new Case(() -> archive.answer(429, "slow down"), "HTTP 429: slow down"),
                new Case(() -> archive.behave(Mode.SILENT), "no complete answer within 1000 ms"),
                new Case(() -> archive.behave(Mode.TRICKLE_HEADERS), "no complete answer within 1000 ms"),
                new Case(() -> archive.behave(Mode.TRICKLE_BODY), "no complete answer within 1000 ms"));
        for (Case c : cases) {
            int before = deliveries.size();
            c.arm().run();
            await("3 attempts reported as '" + c.reported() + "'", () -> since(before).stream()
                    .filter(d -> d.reason() != null && d.reason().contains(c.reported())).count() >= 3);
            System.out.println(c.reported() + ": " + since(before).get(since(before).size() - 1).reason());
            assertEquals(ids, pendingIds(), "every submission still pending after " + c.reported());
            assertEquals(0, outbox.countDelivered() + outbox.countRejected());
            assertTrue(forwarder.lastFailure().contains(c.reported()), forwarder.lastFailure());
            await("each abandoned attempt's connection closed by the client (at most the current one open)",
                    () -> archive.open() <= 1);
        }
        assertEquals(1, count(Outcome.FAILING), "one report when delivery starts failing, not one per retry");
        assertEquals(0, count(Outcome.SET_ASIDE) + count(Outcome.DELIVERED) + count(Outcome.RECOVERED));
        long slowest = slowestAttemptMillis();
        assertTrue(slowest < TIMEOUT.toMillis() + 1500, "an attempt took " + slowest + " ms (timeout "
                + TIMEOUT.toMillis() + " ms)");

        // From here on the archive answers: a forwarder with the default timeout (what it sent while stopped
        // cannot have reached the archive: none of the above lets anything through).
        forwarder.stop();
        await("the short-timeout forwarder stopped", () -> !forwarder.isAlive());
        int attemptsWhileMisbehaving = deliveries.size();

        // A refusal of the document: the first refused is set aside with the reason; when the next is refused
        // too, the archive refuses everything and the rest stays pending.
        archive.answer(400, "ADES validation failed: line 3:9: cvc-complex-type.2.4.a");
        forwarder = forwarder(ANSWERING_TIMEOUT);
        await("the second refusal held", () -> since(0).stream().filter(d -> d.reason() != null
                && d.reason().contains("refuses everything")).count() >= 2);
        assertEquals(List.of(ids.get(0)), rejectedIds());
        assertEquals("HTTP 400: ADES validation failed: line 3:9: cvc-complex-type.2.4.a",
                Files.readString(dir.resolve("outbox/rejected/" + ids.get(0) + ".reason")).strip());
        assertEquals(ids.subList(1, 6), pendingIds());
        assertEquals(1, count(Outcome.SET_ASIDE));

        // The archive recovers: everything pending goes, once.
        archive.behave(Mode.RELAY);
        await("the pending delivered", () -> deliveredIds().size() == 5);
        assertEquals(1, count(Outcome.RECOVERED));

        // Again after a success: a 413 sets one aside, the next waits, and goes when the archive takes it.
        // (armed first: a submission on its way through the relay when the connection is cut could reach the
        // archive and be refused on the retry, the known limit of an answer lost after the archive stored it)
        archive.answer(413, "Request Entity Too Large");
        ids.add(enqueue());
        ids.add(enqueue());
        await("the 413 set aside and the next held", () -> rejectedIds().size() == 2 && count(Outcome.FAILING) == 3);
        archive.behave(Mode.RELAY);
        await("the last delivered", () -> pendingIds().isEmpty());

        // Nothing lost, nothing twice: each submission delivered once or set aside with its reason, not both.
        assertEquals(List.of(ids.get(0), ids.get(6)), rejectedIds());
        assertTrue(Files.readString(dir.resolve("outbox/rejected/" + ids.get(6) + ".reason"))
                .startsWith("HTTP 413: Request Entity Too Large"));
        List<String> expected = new ArrayList<>(ids);
        expected.removeAll(rejectedIds());
        Map<String, Integer> received = receivedByOutboxId();
        assertEquals(expected.stream().collect(Collectors.toMap(id -> id, id -> 1, (a, b) -> a, TreeMap::new)),
                received, "each delivered submission reached the archive exactly once");
        assertEquals(expected, deliveredIds());
        System.out.printf("ADES fuzz: %d attempts (%d while misbehaving), %d connections, slowest attempt while"
                + " misbehaving %d ms, heap after GC %d -> %d MiB%n", deliveries.size(), attemptsWhileMisbehaving,
                archive.connections(), slowest, heapBefore >> 20, usedHeapAfterGc() >> 20);
    }

    private String enqueue() throws IOException {
        long id = ++tracklet;
        List<Detection> ds = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ds.add(Detections.det("NAJM-1", id, i, 3));
        }
        Tracklet t = new Tracklet(new TrackletKey("NAJM-1", id), ds);
        String xml = new AdesWriter().write(List.of(t), CTX, CODES);
        String sid = outbox.enqueue(xml, List.of(t.key().toString())).id();
        forwarder.wake();
        return sid;
    }

    private List<ArchiveForwarder.Delivery> since(int index) {
        synchronized (deliveries) {
            return List.copyOf(deliveries.subList(index, deliveries.size()));
        }
    }

    /** The longest time between two attempts' ends so far: an attempt plus a backoff (at most 100 ms). */
    private long slowestAttemptMillis() {
        long slowest = 0;
        synchronized (attemptMillis) {
            for (int i = 1; i < attemptMillis.size(); i++) {
                slowest = Math.max(slowest, attemptMillis.get(i) - attemptMillis.get(i - 1));
            }
        }
        return slowest;
    }

    private long count(Outcome o) {
        synchronized (deliveries) {
            return deliveries.stream().filter(d -> d.outcome() == o).count();
        }
    }

    private List<String> pendingIds() {
        return ids("pending");
    }

    private List<String> rejectedIds() {
        return ids("rejected");
    }

    private List<String> deliveredIds() {
        return ids("delivered");
    }

    private List<String> ids(String sub) {
        try (Stream<Path> files = Files.list(dir.resolve("outbox").resolve(sub))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the stand-in stored, by the outbox id the MOC put in the ack field; flagged duplicates fail. */
    private Map<String, Integer> receivedByOutboxId() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + standIn.port() + "/submissions")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Map<String, Integer> byId = new TreeMap<>();
        for (JsonElement e : JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("submissions")) {
            JsonObject m = e.getAsJsonObject();
            assertTrue(m.get("duplicateOf").isJsonNull(), "a duplicate reached the archive: " + m);
            byId.merge(m.get("ack").getAsString().replace("NAJM ", ""), 1, Integer::sum);
        }
        return byId;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @AfterEach
    void stop() throws IOException {
        forwarder.stop();
        archive.close();
        standIn.close();
    }
}
