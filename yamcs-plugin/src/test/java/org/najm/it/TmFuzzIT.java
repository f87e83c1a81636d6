package org.najm.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.najm.context.NajmContext;
import org.najm.gateway.FrameDropReason;
import org.najm.gateway.StationGateway;
import org.najm.gateway.StationStats;
import org.najm.simulator.link.BadFrames;
import org.najm.simulator.link.BadFrames.Fate;
import org.najm.simulator.station.StationSim;
import org.najm.testing.FuzzMix;
import org.najm.testing.UdpPort;
import org.yamcs.YamcsServer;
import org.yamcs.tctm.Link;

/**
 * The CI version of the TM fuzzing campaign (docs/security.md, "Bad input"): 50,000 bad datagrams, paced, while
 * NAJM-1's real frames flow. Most go to a station that is not the contact's ({@link BadFrames#foreign()}: nothing
 * a spacecraft could be made of); a tenth go to the contact's station as NAJM-1 frames with a good FECF on virtual
 * channels it does not use, idle frames carrying data, replays and reordered frames. Every datagram must be
 * counted under the reason the gateway gives, every good frame of NAJM-1 routed, the heap flat, the gateway and
 * the TM link still running. The full million is {@code bench/run.sh TmFuzzBench}.
 */
class TmFuzzIT extends InContactTest {

    static final int INPUTS = 50_000;
    static final int RATE = 2_000;
    /**
     * The bound on the heap's growth. The 45,000 foreign inputs are about 1.1 KB on average (oversized ones up to
     * 64 KB), so a gateway that kept each would grow by about 50 MB; 32 MiB leaves room for what Yamcs itself
     * accumulates over the minute of the test at simulation rate 2 (measured: the heap after GC went from 58 to
     * 30 MiB; TmFuzzBench's million grew it by 10 MiB).
     */
    static final long HEAP_BOUND = 32L << 20;
    private static final FrameDropReason[] GATEWAY_DROPS = { FrameDropReason.BAD_LENGTH, FrameDropReason.BAD_FECF,
        FrameDropReason.UNKNOWN_SCID, FrameDropReason.QUEUE_FULL, FrameDropReason.LINK_DOWN };

    @Test
    void fiftyThousandBadDatagramsAreCountedAndNajm1KeepsFlowing() throws Exception {
        StationGateway gateway = NajmContext.running(StationGateway.class);
        int home = sys.station.id();
        int fuzzId = (home + 1) % 5;
        StationStats fuzzStats = gateway.stats(fuzzId);
        StationStats homeStats = gateway.stats(home);
        StationSim homeSim = sys.simulator.station(home);
        StationSim fuzzSim = sys.simulator.station(fuzzId);
        Link tm = YamcsServer.getServer().getInstance(sys.instance()).getLinkManager().getLink("TM");
        int scid = sys.subject.scid();
        Set<Integer> known = sys.constellation.spacecraft().stream().map(s -> s.scid()).collect(Collectors.toSet());
        BadFrames bad = new BadFrames(12, known);
        BadFrames.Stream foreign = bad.foreign();
        BadFrames.Stream own = bad.ownVcs(scid, () -> 0x01000000 | sys.simulator.spacecraft(scid).farmVr());

        long heapBefore = FuzzMix.heapAfterGc();
        Snapshot before = quiet(homeStats, homeSim, fuzzStats, fuzzSim);
        long invalidBefore = invalidFrames(tm);
        long kernelBefore = kernelDrops(fuzzId);
        FuzzMix mix = new FuzzMix(own, foreign);
        long start = System.nanoTime();
        try (UdpPort toFuzz = UdpPort.to(sys.tmPortBase + fuzzId);
                UdpPort toHome = UdpPort.to(sys.tmPortBase + home)) {
            for (int i = 0; i < INPUTS; i++) {
                mix.sendPaced(i, start, RATE, toHome, toFuzz);
            }
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        long sentHome = mix.ownSent();
        long sentFuzz = mix.foreignSent();
        long unusedVc = mix.onUnusedVcs();
        long ownDuplicates = bad.count(Fate.DUPLICATE);

        Snapshot after = Poll.until(Duration.ofSeconds(20), "every input and every NAJM-1 frame counted", () -> {
            Snapshot s = quiet(homeStats, homeSim, fuzzStats, fuzzSim);
            long kernel = kernelDrops(fuzzId) - kernelBefore;
            boolean fuzzDone = s.fuzzReceived - before.fuzzReceived + kernel == sentFuzz + s.fuzzFwd - before.fuzzFwd;
            boolean homeDone = s.homeRouted - before.homeRouted == s.homeFwd - before.homeFwd + sentHome
                    && homeStats.dropped(FrameDropReason.DUPLICATE) - before.homeDuplicates == ownDuplicates;
            return fuzzDone && homeDone ? Optional.of(s) : Optional.empty();
        }, () -> "fuzz station " + fuzzStats + ", home " + homeStats + ", kernel drops "
                + (kernelDrops(fuzzId) - kernelBefore) + ", expected " + bad.counts());
        long invalid = Poll.until(Duration.ofSeconds(20), "NAJM-1's link to reject the frames on unused VCs",
                () -> invalidFrames(tm) - invalidBefore >= unusedVc ? Optional.of(invalidFrames(tm) - invalidBefore)
                        : Optional.empty());
        long homeFwdNow = homeSim.framesForwarded();
        long heapAfter = FuzzMix.heapAfterGc();
        long kernel = kernelDrops(fuzzId) - kernelBefore;

        Map<FrameDropReason, Long> fuzzDropped = new EnumMap<>(FrameDropReason.class);
        long droppedSum = 0;
        for (FrameDropReason r : GATEWAY_DROPS) {
            long d = fuzzStats.dropped(r) - before.fuzzDropped.get(r);
            fuzzDropped.put(r, d);
            droppedSum += d;
        }
        long fuzzReceived = after.fuzzReceived - before.fuzzReceived;
        long fuzzRouted = after.fuzzRouted - before.fuzzRouted;
        System.out.printf("TmFuzzIT: %d inputs in %.1f s (%d to station %d, %d as NAJM-1 to station %d)%n", INPUTS,
                sendSeconds, sentFuzz, fuzzId, sentHome, home);
        System.out.println("TmFuzzIT: generated per kind and expected fate: " + bad.counts());
        System.out.printf("TmFuzzIT: station %d received %d, dropped %s, routed %d (its own spacecraft traffic);"
                + " dropped by the kernel before the gateway read them: %d%n", fuzzId, fuzzReceived, fuzzDropped,
                fuzzRouted, kernel);
        System.out.printf("TmFuzzIT: station %d routed %d = %d NAJM-1 frames forwarded + %d fuzz frames; duplicates"
                + " %d; NAJM-1 link rejected %d frames as invalid (fuzz frames on VC 3-7, which it does not"
                + " configure: %d)%n", home,
                after.homeRouted - before.homeRouted, after.homeFwd - before.homeFwd, sentHome, ownDuplicates,
                invalid, unusedVc);
        System.out.printf("TmFuzzIT: heap after GC %d MiB -> %d MiB (%+d KiB; bound %d MiB)%n", heapBefore >> 20,
                heapAfter >> 20, (heapAfter - heapBefore) >> 10, HEAP_BOUND >> 20);

        assertEquals(fuzzReceived, droppedSum + fuzzRouted, "every datagram at the fuzz station accounted for");
        assertEquals(after.fuzzFwd - before.fuzzFwd, fuzzRouted, "only the fuzz station's real frames routed");
        // per reason, as the generator worked out; a datagram the kernel dropped (counted in /proc/net/udp, seen
        // under CPU contention) is missing from one of them
        assertTrue(kernel <= INPUTS / 1000, kernel + " datagrams dropped by the kernel: pace slower");
        long shortfall = 0;
        for (var e : Map.of(Fate.BAD_LENGTH, FrameDropReason.BAD_LENGTH, Fate.BAD_FECF, FrameDropReason.BAD_FECF,
                Fate.UNKNOWN_SCID, FrameDropReason.UNKNOWN_SCID).entrySet()) {
            long missing = bad.count(e.getKey()) - fuzzDropped.get(e.getValue());
            assertTrue(missing >= 0 && missing <= kernel, e.getValue() + ": " + missing + " fewer than generated");
            shortfall += missing;
        }
        assertEquals(kernel, shortfall, "the kernel's drops are the only inputs not counted under their reason");
        assertEquals(0, fuzzDropped.get(FrameDropReason.QUEUE_FULL) + fuzzDropped.get(FrameDropReason.LINK_DOWN));
        // Yamcs rejects a frame of a VC it has not configured, the simulator's idle frames (VC 7) too
        assertTrue(invalid >= unusedVc && invalid <= unusedVc + homeFwdNow - before.homeFwd,
                invalid + " frames rejected by NAJM-1's link, " + unusedVc + " fuzz frames on VC 3-7");
        assertTrue(heapAfter - heapBefore < HEAP_BOUND, "heap grew by " + ((heapAfter - heapBefore) >> 20) + " MiB");
        assertTrue(gateway.isRunning(), "gateway running");
        assertTrue(!tm.isDisabled() && tm.getLinkStatus() == Link.Status.OK, "TM link " + tm.getLinkStatus());
        // and NAJM-1's telemetry still arrives after the campaign
        long routedNow = homeStats.routed();
        Poll.until(Duration.ofSeconds(20), "NAJM-1 frames after the campaign",
                () -> homeStats.routed() > routedNow ? Optional.of(true) : Optional.empty());
    }

    /** Counters of both stations, read when nothing moved for 30 ms (no frame in flight). */
    private static Snapshot quiet(StationStats home, StationSim homeSim, StationStats fuzz, StationSim fuzzSim) {
        return Poll.until(Duration.ofSeconds(20), "a moment without frames in flight", () -> {
            Snapshot a = Snapshot.of(home, homeSim, fuzz, fuzzSim);
            LockSupport.parkNanos(30_000_000L);
            Snapshot b = Snapshot.of(home, homeSim, fuzz, fuzzSim);
            return a.equals(b) ? Optional.of(b) : Optional.empty();
        });
    }

    record Snapshot(long homeRouted, long homeFwd, long homeDuplicates, long fuzzReceived, long fuzzRouted,
            long fuzzFwd, Map<FrameDropReason, Long> fuzzDropped) {

        static Snapshot of(StationStats home, StationSim homeSim, StationStats fuzz, StationSim fuzzSim) {
            Map<FrameDropReason, Long> d = new EnumMap<>(FrameDropReason.class);
            for (FrameDropReason r : FrameDropReason.values()) {
                d.put(r, fuzz.dropped(r));
            }
            // the gateway's counters before the simulator's: a frame forwarded in between shows as in flight
            return new Snapshot(home.routed(), homeSim.framesForwarded(), home.dropped(FrameDropReason.DUPLICATE),
                    fuzz.received(), fuzz.routed(), fuzzSim.framesForwarded(), d);
        }
    }

    private static long invalidFrames(Link tm) {
        return ((Number) tm.getExtraInfo().get("Invalid frames")).longValue();
    }

    /** Datagrams the kernel dropped on the station's TM socket. */
    private static long kernelDrops(int stationId) {
        return Math.max(0, UdpPort.kernelDrops(sys.tmPortBase + stationId));
    }
}
