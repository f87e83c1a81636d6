package org.najm.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.context.NajmContext;
import org.najm.gateway.FrameDropReason;
import org.najm.gateway.StationGateway;
import org.najm.gateway.StationStats;
import org.najm.simulator.link.BadFrames;
import org.najm.simulator.link.BadFrames.Fate;
import org.najm.simulator.packet.GpsTime;
import org.najm.testing.FuzzMix;
import org.najm.testing.UdpPort;
import org.najm.time.SimClock;
import org.najm.time.SimClocks;
import org.yamcs.YamcsServer;
import org.yamcs.YamcsServerInstance;
import org.yamcs.protobuf.YamcsInstance.InstanceState;
import org.yamcs.tctm.Link;

/**
 * The TM fuzzing campaign in full (docs/security.md, "Bad input"; the CI version is TmFuzzIT): by default
 * 1,000,000 bad datagrams, paced, into two station ports of the real Yamcs server, while good BUS_HK frames of
 * NAJM-1 flow at station 0. Nine in ten go to station 1 and can pass for no spacecraft
 * ({@link BadFrames#foreign()}); one in ten go to station 0 as NAJM-1 frames with a good FECF on virtual channels
 * it does not use, idle frames carrying data, replays and reordered frames ({@link BadFrames#ownVcs}). Reports the
 * inputs per kind, the gateway's counters per reason, the kernel's drops, good packets lost, crashes (the
 * gateway, an instance or a TM link not running; errors logged) and the heap after GC before and after.
 *
 * <p>Options: {@code fuzz.inputs} (1000000), {@code fuzz.rate} (datagrams/s, 5000), {@code fuzz.goodEvery} (one
 * good frame of NAJM-1 per this many bad datagrams, 40), {@code fuzz.seed} (12).
 */
public final class TmFuzzBench implements BenchMain.Benchmark {

    private static final int HOME = 0;
    private static final int FOREIGN_STATION = 1;
    private static final FrameDropReason[] GATEWAY_DROPS = { FrameDropReason.BAD_LENGTH, FrameDropReason.BAD_FECF,
        FrameDropReason.UNKNOWN_SCID, FrameDropReason.QUEUE_FULL, FrameDropReason.LINK_DOWN };

    private EmbeddedYamcs yamcs;

    public static void main(String[] args) {
        BenchMain.run("tm-fuzz", Report.Echo.AS_WRITTEN, new TmFuzzBench());
    }

    @Override
    public void run(Report report) throws Exception {
        int inputs = BenchSupport.intProp("fuzz.inputs", 1_000_000);
        int rate = BenchSupport.intProp("fuzz.rate", 5_000);
        int goodEvery = BenchSupport.intProp("fuzz.goodEvery", 40);
        long seed = BenchSupport.intProp("fuzz.seed", 12);
        BenchSupport.LogCounter log = BenchSupport.installLogging();
        Path repo = BenchSupport.repoRoot();
        yamcs = EmbeddedYamcs.prepare("najm-bench-fuzz", EmbeddedYamcs.Ports.free());
        Path etc = yamcs.workDir().resolve("etc");
        BenchSupport.copyTree(repo.resolve("etc"), etc);
        SimClocks.install(SimClock.realTime());
        yamcs.start(etc);
        Constellation constellation = NajmContext.constellation();
        Spacecraft subject = constellation.spacecraft().get(0);
        awaitLinks(constellation);
        AtomicLong busHk = IngestBench.countBusHk(subject.instance());
        StationGateway gateway = NajmContext.running(StationGateway.class);
        StationStats home = gateway.stats(HOME);
        StationStats foreignStats = gateway.stats(FOREIGN_STATION);
        int tmPortBase = yamcs.ports().tmPortBase();

        Set<Integer> known = constellation.spacecraft().stream().map(Spacecraft::scid).collect(Collectors.toSet());
        BadFrames bad = new BadFrames(seed, known);
        BadFrames.Stream foreign = bad.foreign();
        BadFrames.Stream own = bad.ownVcs(subject.scid(), () -> 0x01000000);
        BusHkFrames good = new BusHkFrames(subject.scid(), GpsTime.seconds(Instant.now()));

        report.line("# TmFuzzBench: " + inputs + " bad datagrams at " + rate + "/s, one good NAJM-1 frame per "
                + goodEvery + ", seed " + seed);
        report.line("# " + BenchSupport.environment());
        long heapBefore = FuzzMix.heapAfterGc();
        long kernelBefore = UdpPort.kernelDrops(tmPortBase + HOME)
                + UdpPort.kernelDrops(tmPortBase + FOREIGN_STATION);
        long invalidBefore = invalidFrames(IngestBench.tmLink(subject.instance()));
        long routedHome0 = home.routed();
        long receivedForeign0 = foreignStats.received();
        long routedForeign0 = foreignStats.routed();
        long dupHome0 = home.dropped(FrameDropReason.DUPLICATE);
        Map<FrameDropReason, Long> dropped0 = drops(foreignStats);

        long goodFrames = 0;
        long goodPackets = 0;
        List<byte[]> pendingGood = List.of();
        int pendingAt = 0;
        FuzzMix mix = new FuzzMix(own, foreign);
        long start = System.nanoTime();
        long nextProgress = start + 10_000_000_000L;
        try (UdpPort toHome = UdpPort.to(tmPortBase + HOME);
                UdpPort toForeign = UdpPort.to(tmPortBase + FOREIGN_STATION)) {
            for (int i = 0; i < inputs; i++) {
                if (i % goodEvery == 0) {
                    if (pendingAt == pendingGood.size()) {
                        BusHkFrames.Batch b = good.generate(50);
                        pendingGood = b.frames();
                        pendingAt = 0;
                        goodPackets += b.packets();
                    }
                    toHome.send(pendingGood.get(pendingAt++));
                    goodFrames++;
                }
                mix.sendPaced(i, start, rate, toHome, toForeign);
                if (System.nanoTime() > nextProgress) {
                    System.err.printf("[fuzz] %d/%d sent; station 1: %s%n", i + 1, inputs, foreignStats);
                    nextProgress += 10_000_000_000L;
                }
            }
            while (pendingAt < pendingGood.size()) { // finish the batch: it ends on a packet boundary
                toHome.send(pendingGood.get(pendingAt++));
                goodFrames++;
            }
        }
        long ownSent = mix.ownSent();
        long onUnusedVcs = mix.onUnusedVcs();
        double seconds = (System.nanoTime() - start) / 1e9;
        long foreignSent = mix.foreignSent();
        long expectedHomeRouted = goodFrames + ownSent;
        long expectedPackets = goodPackets;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline && (busHk.get() < expectedPackets
                || home.routed() - routedHome0 < expectedHomeRouted
                || foreignStats.received() - receivedForeign0 < foreignSent)) {
            BenchSupport.sleep(100);
        }
        BenchSupport.sleep(1000); // anything late (there should be nothing) is counted too
        long kernelDrops = UdpPort.kernelDrops(tmPortBase + HOME)
                + UdpPort.kernelDrops(tmPortBase + FOREIGN_STATION) - kernelBefore;
        long heapAfter = FuzzMix.heapAfterGc();

        Map<FrameDropReason, Long> dropped = drops(foreignStats);
        long droppedSum = 0;
        for (FrameDropReason r : GATEWAY_DROPS) {
            dropped.put(r, dropped.get(r) - dropped0.get(r));
            droppedSum += dropped.get(r);
        }
        dropped.remove(FrameDropReason.DUPLICATE);
        long foreignReceived = foreignStats.received() - receivedForeign0;
        long foreignRouted = foreignStats.routed() - routedForeign0;
        long homeRouted = home.routed() - routedHome0;
        long duplicates = home.dropped(FrameDropReason.DUPLICATE) - dupHome0;
        long invalid = invalidFrames(IngestBench.tmLink(subject.instance())) - invalidBefore;
        long lost = expectedPackets - busHk.get();
        int notRunning = 0;
        for (Spacecraft sc : constellation.spacecraft()) {
            Link l = IngestBench.tmLink(sc.instance());
            YamcsServerInstance inst = YamcsServer.getServer().getInstance(sc.instance());
            if (l == null || l.isDisabled() || l.getLinkStatus() != Link.Status.OK || inst == null
                    || inst.state() != InstanceState.RUNNING) {
                notRunning++;
            }
        }
        boolean gatewayUp = gateway.isRunning();

        report.format("sent: %d bad datagrams in %.1f s (%.0f/s): %d to station %d, %d as %s to station %d; "
                + "%d good frames (%d BUS_HK packets) of %s to station %d", inputs, seconds, inputs / seconds,
                foreignSent, FOREIGN_STATION, ownSent, subject.name(), HOME, goodFrames, goodPackets,
                subject.name(), HOME);
        report.line("");
        report.line("inputs tried, per kind (expected fate: count)");
        bad.counts().forEach((k, v) -> report.format("  %-28s %s", k, v));
        report.line("");
        report.format("station %d: received %d, dropped %s, routed %d", FOREIGN_STATION, foreignReceived, dropped,
                foreignRouted);
        report.format("  expected: bad_length %d, bad_fecf %d, unknown_scid %d, routed 0", bad.count(Fate.BAD_LENGTH),
                bad.count(Fate.BAD_FECF), bad.count(Fate.UNKNOWN_SCID));
        report.format("  accounted for (received == dropped + routed): %s; received == sent: %s",
                foreignReceived == droppedSum + foreignRouted, foreignReceived == foreignSent);
        report.format("station %d: routed %d (expected %d good + %d fuzz), duplicates dropped %d (expected %d)", HOME,
                homeRouted, goodFrames, ownSent, duplicates, bad.count(Fate.DUPLICATE));
        report.format("  %s TM link: frames rejected as invalid %d (expected %d on VC 3-7, which it has not"
                + " configured)", subject.name(), invalid, onUnusedVcs);
        report.line("");
        report.format("kernel UDP drops on the two ports: %d", kernelDrops);
        report.format("good data lost: %d of %d BUS_HK packets (counted on tm_realtime: %d)", lost, expectedPackets,
                busHk.get());
        report.format("crashes: gateway %s, instances or TM links not running: %d, errors logged: %d "
                + "(warnings and errors: %d)", gatewayUp ? "running" : "NOT RUNNING", notRunning, log.errors.get(),
                log.warnings.get());
        report.format("heap after GC: before %d MiB, after %d MiB (%+d MiB)", heapBefore >> 20, heapAfter >> 20,
                (heapAfter - heapBefore) >> 20);
        boolean ok = lost == 0 && gatewayUp && notRunning == 0 && foreignReceived == droppedSum + foreignRouted
                && foreignRouted == 0 && dropped.get(FrameDropReason.BAD_LENGTH) == bad.count(Fate.BAD_LENGTH)
                && dropped.get(FrameDropReason.BAD_FECF) == bad.count(Fate.BAD_FECF)
                && dropped.get(FrameDropReason.UNKNOWN_SCID) == bad.count(Fate.UNKNOWN_SCID)
                && homeRouted == expectedHomeRouted && duplicates == bad.count(Fate.DUPLICATE)
                && invalid == onUnusedVcs;
        report.line("verdict: " + (ok ? "PASS" : "FAIL"));
    }

    private static Map<FrameDropReason, Long> drops(StationStats s) {
        Map<FrameDropReason, Long> m = new EnumMap<>(FrameDropReason.class);
        for (FrameDropReason r : FrameDropReason.values()) {
            m.put(r, s.dropped(r));
        }
        return m;
    }

    private static void awaitLinks(Constellation constellation) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Spacecraft sc : constellation.spacecraft()) {
            Link l;
            while ((l = IngestBench.tmLink(sc.instance())) == null || l.getLinkStatus() != Link.Status.OK) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the TM link of " + sc.instance() + " did not start");
                }
                BenchSupport.sleep(100);
            }
        }
    }

    private static long invalidFrames(Link tm) {
        return ((Number) tm.getExtraInfo().get("Invalid frames")).longValue();
    }

    @Override
    public void close() {
        if (yamcs != null) {
            yamcs.close();
        }
    }
}
