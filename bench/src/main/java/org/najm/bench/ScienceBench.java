package org.najm.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.najm.bench.PlaybackTracklets.Packet;
import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.najm.science.DetectionDecoder;
import org.najm.science.Tracklet;
import org.najm.science.TrackletAssembler;
import org.najm.science.ades.AdesValidator;
import org.najm.science.ades.AdesWriter;
import org.najm.science.ades.ObservationContext;
import org.najm.science.delivery.ArchiveClient;
import org.najm.simulator.archive.ArchiveStandIn;
import org.najm.telemetry.TestMdb;
import org.najm.time.SimClock;
import org.najm.time.SimClocks;
import org.yamcs.StandardTupleDefinitions;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;

/**
 * Science pipeline throughput and latency through the real {@code ScienceService}: one embedded Yamcs server
 * from the repository's configuration (the batch age set by {@code bench.age}), SCI_DETECTION packets of four
 * spacecraft emitted onto each instance's {@code tm_dump} stream exactly as the TM link emits played-back
 * packets (so the service's decoding, tracklets, journal, ADES writing and validation, outbox, events, counters
 * and forwarder all run as in the product, and the tm archive records the packets too), and the simulator's real
 * {@link ArchiveStandIn} over HTTP as the archive. Latency is from the emission of each detection packet to the
 * moment its submission's receipt appears in the outbox's {@code delivered/} directory (the service writes it
 * when the archive has accepted the submission), observed with a {@link WatchService}. See bench/README.md.
 */
public final class ScienceBench implements BenchMain.Benchmark {

    /** etc/yamcs.yaml's batchMaxTracklets: the size of a full submission. */
    private static final int TRACKLETS_PER_SUBMISSION = 20;
    /** etc/yamcs.yaml's observationContext. */
    static final ObservationContext CONTEXT = new ObservationContext("NAJM Mission Operations",
            "NAJM partner agencies", List.of("NAJM onboard detection pipeline"), "reflector", 0.3, "CCD", "Gaia3",
            "{spacecraft} space telescope");
    /** The spacecraft's ADES station codes (etc/constellation.yaml). */
    static final Map<String, String> CODES = Map.of("NAJM-1", "NJM1", "NAJM-2", "NJM2", "NAJM-3", "NJM3",
            "NAJM-4", "NJM4");

    private EmbeddedYamcs yamcs;
    private ArchiveStandIn archive;
    private final PlaybackTracklets generator = new PlaybackTracklets();
    private final Map<String, Stream> dumpBySpacecraft = new HashMap<>();
    private int seq;
    /** The ScienceService's outbox: {@code <dataDir>/najm/science}. */
    private Path outboxDir;

    /** Receipts seen: submission id -> nanoTime. */
    private final Map<String, Long> receipts = new ConcurrentHashMap<>();
    private final Map<String, Long> rejections = new ConcurrentHashMap<>();

    public static void main(String[] args) {
        BenchMain.run("science", Report.Echo.AT_END, new ScienceBench());
    }

    @Override
    public void run(Report report) throws Exception {
        BenchSupport.LogCounter logs = BenchSupport.installLogging();
        Logger.getLogger("org.najm.simulator.archive").setLevel(Level.WARNING);
        double seconds = BenchSupport.doubleProp("bench.seconds", 10);
        int maxDetections = BenchSupport.intProp("bench.maxDetections", 15000);
        int[] rates = BenchSupport.intListProp("bench.rates", "10,100,300,1000,3000");
        String age = BenchSupport.stringProp("bench.age", "10");
        boolean unpaced = BenchSupport.boolProp("bench.unpaced", true);

        Path repo = BenchSupport.repoRoot();
        yamcs = EmbeddedYamcs.prepare("najm-bench-science", EmbeddedYamcs.Ports.free());
        archive = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", 0), yamcs.workDir().resolve("archive"));
        System.setProperty("najm.archiveUrl", "http://127.0.0.1:" + archive.port() + "/submit");
        Path etc = yamcs.workDir().resolve("etc");
        BenchSupport.copyTree(repo.resolve("etc"), etc);
        String batchAge = withBatchAge(etc, age);
        SimClocks.install(SimClock.realTime());
        yamcs.start(etc);
        for (Spacecraft sc : NajmContext.constellation().spacecraft()) {
            dumpBySpacecraft.put(sc.name(), YarchDatabase.getInstance(sc.instance()).getStream("tm_dump"));
        }
        outboxDir = yamcs.workDir().resolve("data").resolve("najm").resolve("science");
        Thread watcher = watch(outboxDir);

        report.line("NAJM ScienceBench  " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        report.line(BenchSupport.environment());
        report.format("the real ScienceService in an embedded Yamcs (etc/yamcs.yaml, %s), %.0f s per paced step,"
                + " unpaced: %d detections; det_count 3..6 (mean 4.5), 4 spacecraft interleaved, emitted on each"
                + " instance's tm_dump; archive: ArchiveStandIn on 127.0.0.1:%d", batchAge, seconds, maxDetections,
                archive.port());
        try {
            System.err.println("warm-up ...");
            step("warm-up", 2000, 3, 60);
            report.append("\n" + isolated(BenchSupport.intProp("bench.rttSamples", 40)));
            List<StepResult> results = new ArrayList<>();
            for (int rate : rates) {
                System.err.printf("%d det/s ...%n", rate);
                StepResult r = step("age " + age + " s", rate, seconds, Double.parseDouble(age) + 60);
                System.err.println(row(r));
                results.add(r);
            }
            if (unpaced) {
                System.err.println("unpaced ...");
                StepResult r = step("age " + age + " s", 0, maxDetections, Double.parseDouble(age) + 120);
                System.err.println(row(r));
                results.add(r);
            }
            report.append("\n" + table(results));
            report.line("");
            report.format("submissions rejected by the archive: %d; log warnings %d, errors %d", rejections.size(),
                    logs.warnings.get(), logs.errors.get());
        } finally {
            watcher.interrupt();
        }
    }

    /** Sets the ScienceService's batchMaxAgeSeconds in the copy of etc/yamcs.yaml; returns what it says now. */
    private static String withBatchAge(Path etc, String age) throws IOException {
        Path yaml = etc.resolve("yamcs.yaml");
        String y = Files.readString(yaml, StandardCharsets.UTF_8);
        String key = "batchMaxAgeSeconds: ";
        int at = y.indexOf(key);
        if (at < 0) {
            throw new IllegalStateException("etc/yamcs.yaml has no " + key.trim() + ": update ScienceBench");
        }
        int end = y.indexOf('\n', at);
        y = y.substring(0, at) + key + Double.parseDouble(age) + y.substring(end);
        Files.writeString(yaml, y, StandardCharsets.UTF_8);
        int tracklets = y.indexOf("batchMaxTracklets: ");
        return key + age + ", " + y.substring(tracklets, y.indexOf('\n', tracklets)).trim();
    }

    /** Records the moment each submission's receipt (or rejection reason) appears in the outbox. */
    private Thread watch(Path outbox) throws IOException {
        WatchService ws = FileSystems.getDefault().newWatchService();
        Path delivered = Files.createDirectories(outbox.resolve("delivered"));
        Path rejected = Files.createDirectories(outbox.resolve("rejected"));
        delivered.register(ws, StandardWatchEventKinds.ENTRY_CREATE);
        rejected.register(ws, StandardWatchEventKinds.ENTRY_CREATE);
        Thread t = new Thread(() -> {
            try (ws) {
                while (true) {
                    WatchKey k = ws.take();
                    long now = System.nanoTime();
                    for (WatchEvent<?> e : k.pollEvents()) {
                        String name = String.valueOf(e.context());
                        if (name.endsWith(".receipt")) {
                            receipts.putIfAbsent(name.substring(0, name.length() - 8), now);
                        } else if (name.endsWith(".reason")) {
                            rejections.putIfAbsent(name.substring(0, name.length() - 7), now);
                        }
                    }
                    k.reset();
                }
            } catch (InterruptedException | ClosedWatchServiceException | IOException e) {
                // stopped
            }
        }, "bench-outbox-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    record StepResult(String config, String target, int detections, double offered, double deliveredRate,
            int subs, double trackletsPerSub, long[] latencies, double drainSeconds, long lost) {
    }

    /** One rate: whole tracklets emitted paced (rate 0: as fast as possible), then acknowledged. */
    private StepResult step(String config, int rate, double secondsOrCount, double drainTimeoutSeconds)
            throws IOException {
        List<Packet> packets = generator.generate(rate > 0 ? (int) Math.round(rate * secondsOrCount)
                : (int) secondsOrCount);
        Map<String, long[]> receivedAt = new HashMap<>();
        Map<String, String> ids = new HashMap<>(); // receipts before the step: not this step's
        receipts.keySet().forEach(id -> ids.put(id, id));
        long start = System.nanoTime();
        double periodNs = rate > 0 ? 1e9 / rate : 0;
        int sent = 0;
        for (Packet p : packets) {
            long now = System.nanoTime();
            if (rate > 0) {
                long due = start + (long) (sent * periodNs);
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(Math.min(due - now, 1_000_000));
                }
            }
            receivedAt.computeIfAbsent(p.key(), k -> new long[p.detCount()])[p.index()] = now;
            emit(p);
            sent++;
        }
        long end = System.nanoTime();
        double sendSeconds = (end - start) / 1e9;

        // until every tracklet of the step is in a delivered submission, or the deadline
        Map<String, Long> ackByTracklet = new HashMap<>();
        Map<String, Integer> trackletsBySub = new HashMap<>();
        long deadline = end + (long) (drainTimeoutSeconds * 1e9);
        while (true) {
            for (Map.Entry<String, Long> r : receipts.entrySet()) {
                if (ids.containsKey(r.getKey())) {
                    continue;
                }
                List<String> keys = keys(r.getKey());
                if (keys == null) {
                    continue; // the .keys file is moving: next round
                }
                ids.put(r.getKey(), r.getKey());
                int mine = 0;
                for (String k : keys) {
                    if (receivedAt.containsKey(k)) {
                        ackByTracklet.put(k, r.getValue());
                        mine++;
                    }
                }
                if (mine > 0) {
                    trackletsBySub.put(r.getKey(), mine);
                }
            }
            if (ackByTracklet.size() == receivedAt.size() || System.nanoTime() > deadline) {
                break;
            }
            BenchSupport.sleep(5);
        }
        List<Long> lat = new ArrayList<>();
        long acked = 0;
        long ackedWhileSending = 0;
        long lastAck = end;
        for (Map.Entry<String, long[]> e : receivedAt.entrySet()) {
            Long ack = ackByTracklet.get(e.getKey());
            if (ack == null) {
                continue;
            }
            lastAck = Math.max(lastAck, ack);
            for (long t : e.getValue()) {
                lat.add(ack - t);
                acked++;
                if (ack <= end) {
                    ackedWhileSending++;
                }
            }
        }
        long[] sorted = lat.stream().mapToLong(Long::longValue).sorted().toArray();
        int subs = trackletsBySub.size();
        return new StepResult(config, rate > 0 ? Integer.toString(rate) : "max", sent, sent / sendSeconds,
                ackedWhileSending / sendSeconds, subs, subs == 0 ? 0 : (double) ackByTracklet.size() / subs, sorted,
                Math.max(0, (lastAck - end) / 1e9), sent - acked);
    }

    /** The tracklet keys of a delivered submission, or null while its .keys file is still being moved. */
    private List<String> keys(String id) throws IOException {
        for (String dir : new String[] {"delivered", "pending"}) {
            try {
                return Files.readAllLines(outboxDir.resolve(dir).resolve(id + ".keys"), StandardCharsets.UTF_8)
                        .stream().filter(l -> !l.isBlank()).toList();
            } catch (NoSuchFileException e) {
                // try the other place
            }
        }
        return null;
    }

    /** One packet onto its spacecraft's tm_dump, as Yamcs' link manager emits a played-back packet. */
    private void emit(Packet p) {
        long now = TimeEncoding.getWallclockTime();
        long gentime = TimeEncoding.fromGpsMillisec(p.gpsCreation() * 1000 + p.index());
        dumpBySpacecraft.get(p.spacecraft()).emitTuple(new Tuple(StandardTupleDefinitions.TM,
                new Object[] {gentime, seq++ & 0x3FFF, now, 0, p.bytes(), null, null, "TM", null}));
    }

    /**
     * The costs of one full submission (20 tracklets) outside the pipeline, no queueing: the product's
     * {@link AdesWriter}, {@link AdesValidator} and {@link ArchiveClient} against the same stand-in.
     */
    private String isolated(int n) {
        ArchiveClient client = new ArchiveClient(new ArchiveClient.Settings(URI.create("http://127.0.0.1:"
                + archive.port() + "/submit"), "NAJM ground segment", "moc@najm.example", "Unclassified",
                Duration.ofSeconds(10)));
        AdesWriter writer = new AdesWriter();
        AdesValidator validator = new AdesValidator();
        DetectionDecoder decoder = new DetectionDecoder(TestMdb.get());
        long[] w = new long[n];
        long[] v = new long[n];
        long[] h = new long[n];
        for (int k = 0; k < n; k++) {
            TrackletAssembler assembler = new TrackletAssembler(key -> false);
            List<Tracklet> batch = new ArrayList<>();
            for (Packet p : generator.generate(TRACKLETS_PER_SUBMISSION * 9 / 2)) {
                var o = assembler.add(decoder.decode(p.spacecraft(), p.bytes()), Instant.now());
                if (o.tracklet() != null && batch.size() < TRACKLETS_PER_SUBMISSION) {
                    batch.add(o.tracklet());
                }
            }
            long t0 = System.nanoTime();
            String xml = writer.write(batch, CONTEXT, CODES);
            long t1 = System.nanoTime();
            if (!validator.errors(xml).isEmpty()) {
                throw new IllegalStateException("invalid ADES: " + validator.errors(xml));
            }
            long t2 = System.nanoTime();
            var r = client.submit("isolated-" + k, xml);
            long t3 = System.nanoTime();
            if (!(r instanceof ArchiveClient.Result.Accepted)) {
                throw new IllegalStateException("archive: " + r);
            }
            w[k] = t1 - t0;
            v[k] = t2 - t1;
            h[k] = t3 - t2;
        }
        Arrays.sort(w);
        Arrays.sort(v);
        Arrays.sort(h);
        return String.format("One submission of %d tracklets, isolated (no queueing), %d samples, ms:%n"
                + "  ADES write      median %.1f  p90 %.1f%n  submit.xsd      median %.1f  p90 %.1f%n"
                + "  HTTP round trip median %.1f  p90 %.1f  (multipart POST; the stand-in validates and stores)%n",
                TRACKLETS_PER_SUBMISSION, n, pct(w, .5) / 1e6, pct(w, .9) / 1e6, pct(v, .5) / 1e6, pct(v, .9) / 1e6,
                pct(h, .5) / 1e6, pct(h, .9) / 1e6);
    }

    static double pct(long[] a, double q) {
        if (a.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * a.length) - 1;
        return a[Math.max(0, Math.min(a.length - 1, i))];
    }

    static String sec(double ns) {
        return Double.isNaN(ns) ? "-" : String.format("%.2f", ns / 1e9);
    }

    static String row(StepResult r) {
        return String.format("%-10s %6s %7.0f %7.0f %6d %6.1f %7s %7s %7s %7s %6.2f %5d", r.config(), r.target(),
                r.offered(), r.deliveredRate(), r.subs(), r.trackletsPerSub(), sec(pct(r.latencies(), .5)),
                sec(pct(r.latencies(), .9)), sec(pct(r.latencies(), .99)), sec(pct(r.latencies(), 1)),
                r.drainSeconds(), r.lost());
    }

    static String table(List<StepResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("Throughput and latency (emission of a detection packet on tm_dump -> its submission's receipt in"
                + " the outbox), seconds\n");
        b.append(String.format("%-10s %6s %7s %7s %6s %6s %7s %7s %7s %7s %6s %5s%n", "config", "target", "offered",
                "deliv", "subs", "trk/sb", "p50", "p90", "p99", "max", "drain", "lost"));
        for (StepResult r : results) {
            b.append(row(r)).append('\n');
        }
        b.append("offered/deliv: detections/s; deliv = detections acknowledged while sending / sending time; "
                + "trk/sb = tracklets per submission; drain = last receipt - end of sending; lost = detections"
                + " not acknowledged at the drain deadline\n");
        return b.toString();
    }

    @Override
    public void close() {
        if (yamcs != null) {
            yamcs.close();
        }
        if (archive != null) {
            archive.close();
        }
    }
}
