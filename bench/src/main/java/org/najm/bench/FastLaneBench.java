package org.najm.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.najm.orekit.OrekitData;
import org.najm.science.Detection;
import org.najm.science.DetectionPackets;
import org.najm.science.neo.SkyTracklets;
import org.najm.simulator.archive.ArchiveStandIn;
import org.najm.testing.FreePorts;
import org.najm.time.SimClock;
import org.najm.time.SimClocks;
import org.yamcs.StandardTupleDefinitions;
import org.yamcs.utils.TimeEncoding;
import org.yamcs.yarch.Stream;
import org.yamcs.yarch.Tuple;
import org.yamcs.yarch.YarchDatabase;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The fast lane's latency in the real MOC (embedded Yamcs, the repository's configuration, the simulator's
 * archive stand-in over HTTP): NAJM-1's tracklets of the synthetic sky ({@link SkyTracklets}) played back on its
 * tm_dump stream at a steady rate, each scored by the ScienceService on completion; tracklets at or above the
 * threshold leave in their own submission, the others in batches (20 tracklets or 10 s). Reports, from
 * {@code GET /api/najm/science}, each lane's tracklets and latency from completion at the MOC to the archive's
 * acknowledgement (p50, p99), the batched lane being the baseline of the same run.
 *
 * <p>Properties: {@code fast.fields} (fields of the sky, default 300: some 600 tracklets), {@code fast.rate}
 * (tracklets per second, default 10), {@code fast.seed}.
 */
public final class FastLaneBench implements BenchMain.Benchmark {

    private EmbeddedYamcs yamcs;
    private ArchiveStandIn archive;

    public static void main(String[] args) {
        BenchMain.run("fast-lane", Report.Echo.AS_WRITTEN, new FastLaneBench());
    }

    @Override
    public void run(Report report) throws Exception {
        int fields = Integer.getInteger("fast.fields", 300);
        double rate = Double.parseDouble(System.getProperty("fast.rate", "10"));
        long seed = Long.getLong("fast.seed", 20261216L);
        Path repo = BenchSupport.repoRoot();
        BenchSupport.installLogging();
        OrekitData.context();
        SimClocks.install(SimClock.startingNow(Instant.now(), 1));
        archive = ArchiveStandIn.start(new InetSocketAddress("127.0.0.1", FreePorts.tcp()),
                Files.createTempDirectory("najm-bench-fastlane-archive"));
        System.setProperty("najm.archiveUrl", "http://127.0.0.1:" + archive.port() + "/submit");
        yamcs = EmbeddedYamcs.prepare("najm-bench-fastlane", EmbeddedYamcs.Ports.free());
        yamcs.start(repo.resolve("etc"));
        int httpPort = yamcs.ports().httpPort();
        String auth = BenchSupport.login(httpPort, "observer");

        List<SkyTracklets.Labelled> sky = SkyTracklets.sample(fields, seed, Instant.parse("2026-12-16T00:00:00Z"))
                .stream().filter(l -> l.tracklet().spacecraft().equals("NAJM-1")).toList();
        report.append(String.format(Locale.ROOT, "FastLaneBench: %d tracklets of NAJM-1 (synthetic sky, seed %d, %d"
                + " fields) played back on tm_dump at %.1f tracklets/s; batches of 20 tracklets or 10 s%n",
                sky.size(), seed, fields, rate));
        Stream tmDump = YarchDatabase.getInstance("najm-1").getStream("tm_dump");
        long periodNanos = (long) (1e9 / rate);
        long start = System.nanoTime();
        int seq = 0;
        for (int k = 0; k < sky.size(); k++) {
            long due = start + k * periodNanos;
            while (System.nanoTime() < due) {
                Thread.sleep(Math.max(0, (due - System.nanoTime()) / 1_000_000));
            }
            for (Detection d : sky.get(k).tracklet().detections()) {
                tmDump.emitTuple(new Tuple(StandardTupleDefinitions.TM, new Object[] {
                        TimeEncoding.fromUnixMillisec(d.obsTime().toEpochMilli()), seq++ & 0x3FFF,
                        TimeEncoding.getWallclockTime(), 0, DetectionPackets.of(d, d.trackletId(), 30).build(), null,
                        null, "FastLaneBench", null}));
            }
        }
        long neos = sky.stream().filter(l -> l.truth().isNeo()).count();
        report.append(String.format(Locale.ROOT, "played back in %.1f s (%d near-Earth objects by the truth)%n",
                (System.nanoTime() - start) / 1e9, neos));

        HttpClient http = HttpClient.newHttpClient();
        JsonObject sc = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/najm/science"))
                    .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
            sc = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("spacecraft").get(0)
                    .getAsJsonObject();
            long acked = acked(sc, "fastLane") + acked(sc, "batched");
            if (acked >= sky.size()) {
                break;
            }
            Thread.sleep(500);
        }
        report.append(String.format(Locale.ROOT, "%nlane       tracklets  acknowledged   p50 s    p99 s   (completion"
                + " at the MOC -> the archive's acknowledgement)%n"));
        for (String lane : List.of("fastLane", "batched")) {
            JsonObject f = sc.getAsJsonObject(lane);
            report.append(String.format(Locale.ROOT, "%-10s %9d %13d %8.3f %8.3f%n", lane, f.get("queued").getAsLong(),
                    acked(sc, lane), number(f, "latencyP50Seconds"), number(f, "latencyP99Seconds")));
        }
        JsonObject fast = sc.getAsJsonObject("fastLane");
        JsonObject batched = sc.getAsJsonObject("batched");
        report.append(String.format(Locale.ROOT, "ratio fast lane / batched: p50 %.3f, p99 %.3f%n",
                number(fast, "latencyP50Seconds") / number(batched, "latencyP50Seconds"),
                number(fast, "latencyP99Seconds") / number(batched, "latencyP99Seconds")));
        report.append(String.format(Locale.ROOT, "submissions queued %d, delivered %d, invalid %d%n",
                sc.get("submissionsQueued").getAsLong(), sc.get("submissionsDelivered").getAsLong(),
                sc.get("submissionsInvalid").getAsLong()));
    }

    private static long acked(JsonObject sc, String lane) {
        JsonObject f = sc.getAsJsonObject(lane);
        return f != null && f.has("acknowledged") ? f.get("acknowledged").getAsLong() : 0;
    }

    private static double number(JsonObject f, String name) {
        return f != null && f.has(name) ? f.get(name).getAsDouble() : Double.NaN;
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
