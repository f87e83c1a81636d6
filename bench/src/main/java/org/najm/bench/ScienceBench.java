package org.najm.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.najm.science.Detection;
import org.najm.science.DetectionDecoder;
import org.najm.telemetry.TestMdb;
import org.najm.science.Tracklet;
import org.najm.science.TrackletAssembler;
import org.najm.science.TrackletKey;
import org.najm.science.ades.AdesValidator;
import org.najm.science.ades.AdesWriter;
import org.najm.science.ades.ObservationContext;
import org.najm.science.delivery.ArchiveClient;
import org.najm.science.delivery.ArchiveForwarder;
import org.najm.science.delivery.Outbox;
import org.najm.simulator.archive.ArchiveStandIn;
import org.yamcs.tctm.ccsds.error.CrcCciitCalculator;

/**
 * Science pipeline throughput and latency: SCI_DETECTION packets (APID 200) through
 * {@link DetectionDecoder} -> {@link TrackletAssembler} -> batch -> {@link AdesWriter} ->
 * {@link AdesValidator} (submit.xsd) -> {@link Outbox#enqueue} -> {@link ArchiveForwarder} with the
 * {@link ArchiveClient} -> the simulator's real {@link ArchiveStandIn} over HTTP (free port, temp dir).
 *
 * <p>The chaining mirrors {@code ScienceService}: one lock around decode/assemble/flush on the receiving
 * thread, the journal of detections of incomplete tracklets, a batch flushed at batchMaxTracklets or by a
 * 1 s housekeeping tick once its first tracklet is batchMaxAge old, {@code forwarder.wake()} after enqueue.
 * Latency is from the reception (nanoTime before decode) of each detection packet to the moment the
 * forwarder's listener sees the archive's acceptance of the submission that carries it. See bench/README.md.
 */
public final class ScienceBench implements BenchMain.Benchmark {

    /** SCI_DETECTION's APID and length, from the MDB (mdb/najm.xml, read from the repository root). */
    private static final DetectionDecoder LAYOUT = new DetectionDecoder(TestMdb.get());

    static final String[] SPACECRAFT = {"NAJM-1", "NAJM-2", "NAJM-3", "NAJM-4"};
    static final Map<String, String> CODES = Map.of("NAJM-1", "NJM1", "NAJM-2", "NJM2", "NAJM-3", "NJM3",
            "NAJM-4", "NJM4");
    /** etc/yamcs.yaml's observationContext. */
    static final ObservationContext CONTEXT = new ObservationContext("NAJM Mission Operations",
            "NAJM partner agencies", List.of("NAJM onboard detection pipeline"), "reflector", 0.3, "CCD", "Gaia3",
            "{spacecraft} space telescope");

    // ---- the pipeline, as ScienceService chains it (guarded by "this" lock of Pipeline)

    static final class SubInfo {
        long flushStart;
        long writeNs;
        long validateNs;
        long enqueueNs;
        long enqueued;
        boolean byAge;
        int tracklets;
        int detections;
        List<String> keys;
        volatile long ack;
    }

    final class Pipeline {
        final DetectionDecoder decoder = new DetectionDecoder(TestMdb.get());
        final AdesWriter writer = new AdesWriter();
        final AdesValidator validator = new AdesValidator();
        final Outbox outbox;
        final Path journalDir;
        final Set<String> sent = new HashSet<>();
        final Map<String, TrackletAssembler> assemblers = new HashMap<>();
        final List<Tracklet> batch = new ArrayList<>();
        long batchStarted = -1;
        int batchMaxTracklets;
        long batchMaxAgeNanos;
        final ArchiveForwarder forwarder;
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-science-housekeeping");
            t.setDaemon(true);
            return t;
        });
        final AtomicLong undecodable = new AtomicLong();
        final AtomicLong notAccepted = new AtomicLong();
        final AtomicLong invalid = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        Pipeline(Path dir, ArchiveClient client, long tickMillis) throws IOException {
            outbox = new Outbox(dir);
            journalDir = Files.createDirectories(dir.resolve("incomplete"));
            for (String sc : SPACECRAFT) {
                assemblers.put(sc, new TrackletAssembler(k -> sent.contains(k.toString())));
            }
            forwarder = new ArchiveForwarder(outbox, client, Duration.ofSeconds(1), Duration.ofSeconds(60),
                    this::delivered);
            forwarder.start();
            timer.scheduleWithFixedDelay(this::housekeeping, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        }

        /** The stream subscriber's work for one packet (ScienceService.received/accept). */
        synchronized void accept(String spacecraft, byte[] packet) {
            Detection d;
            try {
                d = decoder.decode(spacecraft, packet);
            } catch (IllegalArgumentException e) {
                undecodable.incrementAndGet();
                return;
            }
            var outcome = assemblers.get(spacecraft).add(d, Instant.now());
            switch (outcome.kind()) {
            case ACCEPTED -> journal(d, packet);
            case COMPLETED -> {
                completedAt.put(outcome.key().toString(), System.nanoTime());
                batch.add(outcome.tracklet());
                if (batchStarted < 0) {
                    batchStarted = System.nanoTime();
                }
                if (batch.size() >= batchMaxTracklets) {
                    flush(false);
                }
            }
            default -> notAccepted.incrementAndGet();
            }
        }

        synchronized void housekeeping() {
            if (batchStarted >= 0 && System.nanoTime() - batchStarted >= batchMaxAgeNanos) {
                flush(true);
            }
        }

        private void flush(boolean byAge) {
            if (batch.isEmpty()) {
                return;
            }
            SubInfo info = new SubInfo();
            info.flushStart = System.nanoTime();
            info.byAge = byAge;
            List<Tracklet> tracklets = List.copyOf(batch);
            batch.clear();
            batchStarted = -1;
            long t0 = System.nanoTime();
            String xml = writer.write(tracklets, CONTEXT, CODES);
            long t1 = System.nanoTime();
            List<String> keys = tracklets.stream().map(tr -> tr.key().toString()).toList();
            List<String> errors = validator.errors(xml);
            long t2 = System.nanoTime();
            if (!errors.isEmpty()) {
                invalid.incrementAndGet();
                System.err.println("INVALID ADES: " + errors.get(0));
                return;
            }
            try {
                var s = outbox.enqueue(xml, keys);
                sent.addAll(keys);
                for (Tracklet tr : tracklets) {
                    Files.deleteIfExists(journalFile(tr.key()));
                }
                long t3 = System.nanoTime();
                info.writeNs = t1 - t0;
                info.validateNs = t2 - t1;
                info.enqueueNs = t3 - t2;
                info.enqueued = t3;
                info.tracklets = tracklets.size();
                info.detections = tracklets.stream().mapToInt(tr -> tr.detections().size()).sum();
                info.keys = keys;
                submissions.put(s.id(), info);
                forwarder.wake();
            } catch (IOException e) {
                throw new IllegalStateException("outbox", e);
            }
        }

        private void journal(Detection d, byte[] packet) {
            try {
                Files.writeString(journalFile(d.key()), HexFormat.of().formatHex(packet) + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new IllegalStateException("journal", e);
            }
        }

        private Path journalFile(TrackletKey key) {
            return journalDir.resolve(key.spacecraft() + "_" + key.trackletId() + ".hex");
        }

        /** The forwarder's listener, wrapped: the acknowledgement time of each submission. */
        private void delivered(ArchiveForwarder.Delivery d) {
            long now = System.nanoTime();
            if (d.result() instanceof ArchiveClient.Result.Accepted) {
                SubInfo info = submissions.get(d.submission().id());
                if (info != null) {
                    info.ack = now;
                    ackedDetections.addAndGet(info.detections);
                }
            } else if (d.result() instanceof ArchiveClient.Result.Refused r) {
                refused.incrementAndGet();
                System.err.println("REFUSED " + d.submission().id() + ": " + r.reason());
            } else {
                failed.incrementAndGet();
            }
        }

        void stop() {
            timer.shutdownNow();
            forwarder.stop();
        }
    }

    // ---- per-step records

    final Map<String, long[]> receivedAt = new ConcurrentHashMap<>();
    final Map<String, Long> completedAt = new ConcurrentHashMap<>();
    final Map<String, SubInfo> submissions = new ConcurrentHashMap<>();
    final AtomicLong ackedDetections = new AtomicLong();

    // ---- packet generation

    private final CrcCciitCalculator crc = new CrcCciitCalculator();
    private final Random random = new Random(20261120);
    private long nextTrackletId = 1;
    private long obsSeconds = gpsSeconds(LocalDateTime.parse("2026-11-20T01:00:00"));

    record Packet(String spacecraft, String key, int index, byte[] bytes) {
    }

    static long gpsSeconds(LocalDateTime gpsTime) {
        return ChronoUnit.SECONDS.between(LocalDate.of(1980, 1, 6).atStartOfDay(), gpsTime);
    }

    /**
     * Whole tracklets, about {@code detections} detections: four spacecraft play back at once, so the
     * detections of four tracklets (one per spacecraft) are interleaved index by index.
     */
    List<Packet> generate(int detections) {
        List<Packet> out = new ArrayList<>(detections + 24);
        while (out.size() < detections) {
            List<List<Packet>> group = new ArrayList<>();
            for (String sc : SPACECRAFT) {
                group.add(tracklet(sc));
            }
            for (int i = 0; i < Detection.MAX_DET_COUNT; i++) {
                for (List<Packet> t : group) {
                    if (i < t.size()) {
                        out.add(t.get(i));
                    }
                }
            }
        }
        return out;
    }

    private List<Packet> tracklet(String sc) {
        long id = nextTrackletId++;
        int n = Detection.MIN_DET_COUNT + random.nextInt(Detection.MAX_DET_COUNT - Detection.MIN_DET_COUNT + 1);
        double ra = 1 + random.nextDouble() * 358; // stays inside 0..360 as it moves
        double dec = -60 + random.nextDouble() * 120;
        double dra = (random.nextDouble() - 0.5) * 0.01; // deg per detection: a main-belt-ish motion
        double ddec = (random.nextDouble() - 0.5) * 0.005;
        float mag = 17f + random.nextFloat() * 5f;
        int band = random.nextInt(4);
        // LEO observer, ~6900 km from the geocentre, moving ~7.5 km/s
        double lon = random.nextDouble() * 2 * Math.PI;
        double lat = (random.nextDouble() - 0.5) * Math.PI * 0.9;
        obsSeconds += 7;
        String key = new TrackletKey(sc, id).toString();
        List<Packet> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long obs = obsSeconds + 45L * i;
            double l = lon + i * 45 * 7.5 / 6900;
            ByteBuffer b = ByteBuffer.allocate(LAYOUT.length());
            b.putShort(0, (short) (0x0800 | LAYOUT.apid()));
            b.putShort(2, (short) (0xC000 | (int) ((id * 6 + i) & 0x3FFF)));
            b.putShort(4, (short) (LAYOUT.length() - 7));
            b.putInt(6, (int) (obs + 600)); // created after the tracklet was complete onboard
            b.putShort(10, (short) random.nextInt(65536));
            b.putInt(12, (int) id);
            b.put(16, (byte) i);
            b.put(17, (byte) n);
            b.putInt(18, (int) obs);
            b.putShort(22, (short) random.nextInt(65536));
            b.putDouble(24, ra + i * dra);
            b.putDouble(32, dec + i * ddec);
            b.putFloat(40, 0.1f + random.nextFloat() * 0.4f);
            b.putFloat(44, 0.1f + random.nextFloat() * 0.4f);
            b.putFloat(48, mag + (random.nextFloat() - 0.5f) * 0.2f);
            b.putFloat(52, 0.05f + random.nextFloat() * 0.15f);
            b.put(56, (byte) band);
            b.putFloat(57, 5f + random.nextFloat() * 95f);
            b.putFloat(61, 30f);
            b.putDouble(65, 6900 * Math.cos(lat) * Math.cos(l));
            b.putDouble(73, 6900 * Math.cos(lat) * Math.sin(l));
            b.putDouble(81, 6900 * Math.sin(lat));
            b.putShort(89, (short) crc.compute(b.array(), 0, 89));
            out.add(new Packet(sc, key, i, b.array()));
        }
        return out;
    }

    // ---- one step

    record StepResult(String config, String target, int detections, double sendSeconds, double offered,
            double deliveredRate, int subs, double subsPerSec, double trackletsPerSub, int byAge, int bySize,
            long[] latencies, double drainSeconds, long undelivered, long[] recvToComplete,
            long[] completeToFlush, long[] write, long[] validate, long[] enqueue, long[] enqueueToAck) {
    }

    StepResult step(Pipeline p, String config, int rate, double seconds, double drainTimeout) {
        receivedAt.clear();
        completedAt.clear();
        submissions.clear();
        ackedDetections.set(0);
        // unpaced: "seconds" is the number of detections to send as fast as possible
        List<Packet> packets = generate(rate > 0 ? (int) Math.round(rate * seconds) : (int) seconds);
        for (String sc : SPACECRAFT) {
            // nothing held between steps: each step sends whole tracklets
            if (!p.assemblers.get(sc).held().isEmpty()) {
                throw new IllegalStateException("incomplete tracklets left from the previous step");
            }
        }
        int sent = 0;
        long start = System.nanoTime();
        double periodNs = rate > 0 ? 1e9 / rate : 0;
        for (Packet pk : packets) {
            long now = System.nanoTime();
            if (rate > 0) {
                long due = start + (long) (sent * periodNs);
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(Math.min(due - now, 1_000_000));
                }
            }
            receivedAt.computeIfAbsent(pk.key(), k -> new long[Detection.MAX_DET_COUNT])[pk.index()] = now;
            p.accept(pk.spacecraft(), pk.bytes());
            sent++;
        }
        long end = System.nanoTime();
        double sendSeconds = (end - start) / 1e9;
        // drain: until every detection of the step is acknowledged
        long deadline = end + (long) (drainTimeout * 1e9);
        while (ackedDetections.get() < sent && System.nanoTime() < deadline) {
            BenchSupport.sleep(5);
        }
        long lastAck = submissions.values().stream().mapToLong(s -> s.ack).max().orElse(end);
        double drain = Math.max(0, (lastAck - end) / 1e9);
        List<Long> lat = new ArrayList<>();
        List<Long> r2c = new ArrayList<>();
        List<Long> c2f = new ArrayList<>();
        List<Long> w = new ArrayList<>();
        List<Long> v = new ArrayList<>();
        List<Long> e = new ArrayList<>();
        List<Long> e2a = new ArrayList<>();
        int byAge = 0;
        int tracklets = 0;
        int subs = 0;
        for (SubInfo s : submissions.values()) {
            if (s.ack == 0) {
                continue;
            }
            subs++;
            tracklets += s.tracklets;
            if (s.byAge) {
                byAge++;
            }
            w.add(s.writeNs);
            v.add(s.validateNs);
            e.add(s.enqueueNs);
            e2a.add(s.ack - s.enqueued);
            for (String k : s.keys) {
                long[] rx = receivedAt.get(k);
                long done = completedAt.get(k);
                c2f.add(s.flushStart - done);
                for (long t : rx) {
                    if (t != 0) {
                        lat.add(s.ack - t);
                        r2c.add(done - t);
                    }
                }
            }
        }
        double window = (lastAck - start) / 1e9;
        long ackedWhileSending = submissions.values().stream().filter(s -> s.ack != 0 && s.ack <= end)
                .mapToLong(s -> s.detections).sum();
        return new StepResult(config, rate > 0 ? Integer.toString(rate) : "max", sent, sendSeconds, sent / sendSeconds,
                ackedWhileSending / sendSeconds, subs, subs / window, subs == 0 ? 0 : (double) tracklets / subs, byAge,
                subs - byAge, sorted(lat), drain, sent - ackedDetections.get(), sorted(r2c), sorted(c2f), sorted(w),
                sorted(v), sorted(e), sorted(e2a));
    }

    static long[] sorted(List<Long> l) {
        long[] a = l.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    static double pct(long[] a, double q) {
        if (a.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * a.length) - 1;
        return a[Math.max(0, Math.min(a.length - 1, i))];
    }

    static String ms(double ns) {
        return Double.isNaN(ns) ? "-" : String.format(ns >= 1e9 ? "%.0f" : ns >= 1e8 ? "%.0f" : "%.1f", ns / 1e6);
    }

    static String sec(double ns) {
        return Double.isNaN(ns) ? "-" : String.format("%.2f", ns / 1e9);
    }

    // ---- main

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
        String[] ages = BenchSupport.listProp("bench.ages", "10,0.5");
        int maxTracklets = BenchSupport.intProp("bench.batchMaxTracklets", 20);
        long tick = BenchSupport.intProp("bench.tickMillis", 1000);
        boolean unpaced = BenchSupport.boolProp("bench.unpaced", true);
        int rttSamples = BenchSupport.intProp("bench.rttSamples", 40);

        Path tmp = Files.createTempDirectory("najm-science-bench");
        report.line("NAJM ScienceBench  " + LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS));
        report.line(BenchSupport.environment());
        report.format("batchMaxTracklets %d, housekeeping tick %d ms, %.0f s per paced step, unpaced: %d "
                + "detections, det_count 3..6 (mean 4.5), 4 spacecraft interleaved", maxTracklets, tick, seconds,
                maxDetections);
        try (ArchiveStandIn archive = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", 0),
                tmp.resolve("archive"))) {
            var settings = new ArchiveClient.Settings(URI.create("http://127.0.0.1:" + archive.port() + "/submit"),
                    "NAJM ground segment", "moc@najm.example", "Unclassified", Duration.ofSeconds(10));
            ArchiveClient client = new ArchiveClient(settings);
            Pipeline p = new Pipeline(tmp.resolve("science"), client, tick);
            p.batchMaxTracklets = maxTracklets;

            // JIT warm-up (not reported)
            System.err.println("warm-up ...");
            p.batchMaxAgeNanos = 500_000_000L;
            step(p, "warmup", 2000, 3, 30);
            step(p, "warmup", 0, 20000, 30);

            // isolated costs of one full submission (20 tracklets): write, validate, HTTP round trip
            report.append("\n" + isolated(p, client, maxTracklets, rttSamples));

            List<StepResult> results = new ArrayList<>();
            for (String ageText : ages) {
                double age = Double.parseDouble(ageText);
                p.batchMaxAgeNanos = (long) (age * 1e9);
                String config = "age " + ageText + " s";
                for (int rate : rates) {
                    System.err.printf("%s, %d det/s ...%n", config, rate);
                    StepResult r = step(p, config, rate, seconds, age + 30);
                    System.err.println(row(r));
                    results.add(r);
                }
                if (unpaced) {
                    System.err.printf("%s, unpaced ...%n", config);
                    StepResult r = step(p, config, 0, maxDetections, age + 60);
                    System.err.println(row(r));
                    results.add(r);
                }
            }
            report.append("\n" + throughputTable(results));
            report.append("\n" + breakdownTable(results));
            report.line("");
            report.format("undecodable %d, duplicate/inconsistent %d, invalid ADES %d, refused %d, "
                    + "failed HTTP attempts %d, log warnings %d, outbox delivered %d, pending %d",
                    p.undecodable.get(), p.notAccepted.get(), p.invalid.get(), p.refused.get(), p.failed.get(),
                    logs.warnings.get(), p.outbox.countDelivered(), p.outbox.pending().size());
            p.stop();
        } finally {
            BenchSupport.deleteTree(tmp);
        }
    }

    /** Write, validate and one HTTP submission of a full batch, outside the pipeline (no queueing). */
    String isolated(Pipeline p, ArchiveClient client, int tracklets, int n) {
        long[] w = new long[n];
        long[] v = new long[n];
        long[] h = new long[n];
        int bytes = 0;
        DetectionDecoder dec = new DetectionDecoder(TestMdb.get());
        for (int k = 0; k < n; k++) {
            TrackletAssembler a = new TrackletAssembler(key -> false);
            List<Tracklet> batch = new ArrayList<>();
            for (Packet pk : generate(tracklets * 9 / 2)) {
                var o = a.add(dec.decode(pk.spacecraft(), pk.bytes()), Instant.now());
                if (o.tracklet() != null && batch.size() < tracklets) {
                    batch.add(o.tracklet());
                }
            }
            long t0 = System.nanoTime();
            String xml = p.writer.write(batch, CONTEXT, CODES);
            long t1 = System.nanoTime();
            if (!p.validator.errors(xml).isEmpty()) {
                throw new IllegalStateException("invalid ADES");
            }
            long t2 = System.nanoTime();
            var r = client.submit("rtt" + k, xml);
            long t3 = System.nanoTime();
            if (!(r instanceof ArchiveClient.Result.Accepted)) {
                throw new IllegalStateException("archive: " + r);
            }
            w[k] = t1 - t0;
            v[k] = t2 - t1;
            h[k] = t3 - t2;
            bytes = xml.length();
        }
        Arrays.sort(w);
        Arrays.sort(v);
        Arrays.sort(h);
        return String.format("One submission of %d tracklets (~%d detections, %d kB of ADES), isolated, %d samples:%n"
                + "  ADES write      median %s ms  p90 %s ms%n"
                + "  submit.xsd      median %s ms  p90 %s ms%n"
                + "  HTTP round trip median %s ms  p90 %s ms  (multipart POST, stand-in validates + stores, "
                + "JSON answer)%n", tracklets, tracklets * 9 / 2, bytes / 1000, n, ms(pct(w, .5)), ms(pct(w, .9)),
                ms(pct(v, .5)), ms(pct(v, .9)), ms(pct(h, .5)), ms(pct(h, .9)));
    }

    static String row(StepResult r) {
        return String.format("%-10s %6s %7.0f %7.0f %6d %6.1f %5.1f %4d/%-4d %7s %7s %7s %7s %6.2f %5d",
                r.config(), r.target(), r.offered(), r.deliveredRate(), r.subs(), r.subsPerSec(), r.trackletsPerSub(),
                r.bySize(), r.byAge(), sec(pct(r.latencies(), .5)), sec(pct(r.latencies(), .9)),
                sec(pct(r.latencies(), .99)), sec(pct(r.latencies(), 1)), r.drainSeconds(), r.undelivered());
    }

    static String throughputTable(List<StepResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("Throughput and latency (reception of a detection packet -> archive acknowledgement), seconds\n");
        b.append(String.format("%-10s %6s %7s %7s %6s %6s %5s %9s %7s %7s %7s %7s %6s %5s%n", "config", "target",
                "offered", "deliv", "subs", "subs/s", "trk/sb", "size/age", "p50", "p90", "p99", "max", "drain",
                "lost"));
        for (StepResult r : results) {
            b.append(row(r)).append('\n');
        }
        b.append("offered/deliv: detections/s; deliv = detections acknowledged while sending / sending time; "
                + "subs/s over first reception .. last ack; trk/sb = tracklets per submission;\n"
                + "size/age = submissions flushed because full / because old; "
                + "drain = last ack - end of sending; lost = detections not acknowledged at the drain deadline\n");
        return b.toString();
    }

    static String breakdownTable(List<StepResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("Where the time goes (medians; p99 in brackets), ms\n");
        b.append(String.format("%-10s %6s %15s %17s %13s %13s %11s %15s%n", "config", "target", "rx->trk complete",
                "complete->flush", "ADES write", "xsd validate", "enqueue", "enqueue->ack"));
        for (StepResult r : results) {
            b.append(String.format("%-10s %6s %15s %17s %13s %13s %11s %15s%n", r.config(), r.target(),
                    pair(r.recvToComplete()), pair(r.completeToFlush()), pair(r.write()), pair(r.validate()),
                    pair(r.enqueue()), pair(r.enqueueToAck())));
        }
        b.append("rx->trk complete: per detection, until the last detection of its tracklet arrived; "
                + "complete->flush: per tracklet, waiting in the batch;\n"
                + "write/validate/enqueue: per submission, on the receiving thread "
                + "under the pipeline lock; enqueue->ack: outbox wait + forwarder read + HTTP round trip\n");
        return b.toString();
    }

    static String pair(long[] a) {
        return ms(pct(a, .5)) + " (" + ms(pct(a, .99)) + ")";
    }
}
