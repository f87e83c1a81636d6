package org.najm.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What one lights-out soak run measured: contacts, detections at each step, losses, store fill, latency,
 * the MOC's CPU and memory. The rate holds when nothing is lost (every detection made onboard is in the
 * asteroid archive, still onboard or held on ground) and everything made reached the archive by the end of the
 * drain: none left onboard or on ground, none twice, no store overflowed.
 */
final class SoakFigures {

    double rate;
    double spanHours;
    double wallSeconds;
    boolean faults;
    final List<String> faultLog = new ArrayList<>();
    /** Planned contacts with AOS in the window, from the plans the MOC published. */
    int contactsPlanned;
    /** Reports of contacts with AOS in the window, by outcome. */
    final Map<String, Integer> outcomes = new TreeMap<>();
    /** Reports that are not COMPLETE, one line each. */
    final List<String> notComplete = new ArrayList<>();
    /** Simulator truth: detections made onboard, SCI_DETECTION packets still onboard, overflow drops. */
    long madeOnboard;
    long stillOnboard;
    long overflowDropped;
    /** The MOC's accountability, summed over the spacecraft. */
    long received;
    long inAdes;
    long acknowledged;
    long freed;
    long awaitingOnGround;
    /** The archive stand-in: distinct observations (trkSub, obsTime), and those received more than once. */
    long archived;
    long duplicated;
    int submissions;
    /** Largest fill of any spacecraft's store, as a fraction of its capacity. */
    double maxScienceFill;
    double maxHkFill;
    /** Detection (obsTime) to the archive's receipt, mission seconds, one per distinct observation. */
    final List<Double> latencySeconds = new ArrayList<>();
    /** The same, split by the lane of the tracklet (the MOC's /api/najm/science/tracklets): fast lane, the rest. */
    final List<Double> fastLaneLatencySeconds = new ArrayList<>();
    final List<Double> batchLatencySeconds = new ArrayList<>();
    double mocCpuSeconds;
    double mocMaxRssMib;
    double mocEndRssMib;
    /** The MOC's live heap and resident memory every {@code SoakRun.HEAP_SAMPLE} of mission time, and at the end. */
    final List<HeapSample> heap = new ArrayList<>();

    /** One sample: the MOC's life (0, then 1 after the SIGKILL fault), the contacts reported by then. */
    record HeapSample(Instant at, int life, int contactsReported, double rssMib, HeapHistogram histogram) {
    }

    /** Made onboard, and neither in the archive, nor still onboard, nor held on ground awaiting delivery. */
    long lost() {
        return madeOnboard - archived - stillOnboard - awaitingOnGround;
    }

    /** Nothing lost, nothing twice, and everything made onboard reached the archive by the end of the drain. */
    boolean zeroLoss() {
        return lost() == 0 && duplicated == 0 && overflowDropped == 0 && awaitingOnGround == 0 && stillOnboard == 0;
    }

    double latency(double quantile) {
        return quantile(latencySeconds, quantile);
    }

    static double quantile(List<Double> values, double quantile) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(quantile * s.size()) - 1));
    }

    void report(Report r) {
        r.format("rate %.0f, %.1f simulated hours, %.0f s wall, faults %s", rate, spanHours, wallSeconds,
                faults ? "on" : "off");
        faultLog.forEach(f -> r.line("  fault: " + f));
        int executed = outcomes.getOrDefault("COMPLETE", 0) + outcomes.getOrDefault("PARTIAL", 0)
                + outcomes.getOrDefault("FAILED", 0);
        r.format("contacts: planned %d, reported %d, executed %d (complete %d, partial %d, failed %d), missed %d,"
                + " skipped %d", contactsPlanned, outcomes.values().stream().mapToInt(Integer::intValue).sum(),
                executed, outcomes.getOrDefault("COMPLETE", 0), outcomes.getOrDefault("PARTIAL", 0),
                outcomes.getOrDefault("FAILED", 0), outcomes.getOrDefault("MISSED", 0),
                outcomes.getOrDefault("SKIPPED", 0));
        notComplete.forEach(c -> r.line("  " + c));
        r.format("detections: made onboard %d (simulator), received %d, in ADES %d, acknowledged %d, freed onboard"
                + " %d (MOC accountability); in the archive %d distinct, %d submissions (stand-in)", madeOnboard,
                received, inAdes, acknowledged, freed, archived, submissions);
        r.format("lost %d (made - archived - still onboard %d - held on ground awaiting delivery %d), duplicated"
                + " %d, overflow drops %d: %s", lost(), stillOnboard, awaitingOnGround, duplicated, overflowDropped,
                zeroLoss() ? "ZERO LOSS, the rate holds" : lost() == 0 && duplicated == 0 && overflowDropped == 0
                        ? "nothing lost, but not all in the archive by the end of the drain: the rate does not hold"
                        : "LOSS");
        r.format("largest store fill: science %.2f %%, HK %.2f %% of capacity", 100 * maxScienceFill,
                100 * maxHkFill);
        r.format("detection to archive (mission time): p50 %.0f s, p99 %.0f s, max %.0f s over %d observations",
                latency(0.5), latency(0.99), latency(1.0), latencySeconds.size());
        r.format("  fast lane (NEO score >= threshold): p50 %.0f s, p99 %.0f s over %d observations; the rest: p50 %.0f"
                + " s, p99 %.0f s over %d", quantile(fastLaneLatencySeconds, 0.5), quantile(fastLaneLatencySeconds,
                0.99), fastLaneLatencySeconds.size(), quantile(batchLatencySeconds, 0.5),
                quantile(batchLatencySeconds, 0.99), batchLatencySeconds.size());
        r.format("MOC: %.0f s CPU over %.0f s wall (%.0f %% of one core), resident max %.0f MiB, at the end %.0f"
                + " MiB", mocCpuSeconds, wallSeconds, 100 * mocCpuSeconds / wallSeconds, mocMaxRssMib,
                mocEndRssMib);
        reportHeap(r);
    }

    /**
     * Memory over the run: each sample's live heap (after a full GC) and resident memory, then, over the longest
     * life of the MOC, the least-squares growth per contact and the classes that grew most from its first sample
     * to its last.
     */
    private void reportHeap(Report r) {
        if (heap.isEmpty()) {
            r.line("memory: no heap sample");
            return;
        }
        r.line("memory (live heap after a full GC, jcmd GC.class_histogram; resident from /proc):");
        r.format("  %-22s %4s %8s %10s %9s", "mission time", "life", "contacts", "live MiB", "RSS MiB");
        for (HeapSample h : heap) {
            r.format("  %-22s %4d %8d %10.1f %9.0f", h.at(), h.life(), h.contactsReported(),
                    h.histogram().totalBytes() / 1048576.0, h.rssMib());
        }
        int longest = heap.stream().collect(Collectors.groupingBy(HeapSample::life,
                Collectors.counting())).entrySet().stream().max(Map.Entry.comparingByValue())
                .orElseThrow().getKey();
        List<HeapSample> life = heap.stream().filter(h -> h.life() == longest).toList();
        if (life.size() < 3) {
            r.line("  too few samples in one life for a trend");
            return;
        }
        HeapSample first = life.get(0);
        HeapSample last = life.get(life.size() - 1);
        r.format("  life %d, %d samples, contacts %d -> %d: live heap %+.1f KiB per contact, resident %+.2f MiB per"
                + " contact (least squares); first -> last: live %.1f -> %.1f MiB, RSS %.0f -> %.0f MiB", longest,
                life.size(), first.contactsReported(), last.contactsReported(),
                slope(life, h -> h.histogram().totalBytes() / 1024.0), slope(life, HeapSample::rssMib),
                first.histogram().totalBytes() / 1048576.0, last.histogram().totalBytes() / 1048576.0,
                first.rssMib(), last.rssMib());
        r.line("  classes that grew most, first -> last sample of that life (bytes):");
        for (var e : last.histogram().grownSince(first.histogram(), 10)) {
            r.format("    %+12d  %s", e.getValue(), e.getKey());
        }
    }

    private static double slope(List<HeapSample> samples, ToDoubleFunction<HeapSample> y) {
        double mx = samples.stream().mapToDouble(HeapSample::contactsReported).average().orElse(0);
        double my = samples.stream().mapToDouble(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        for (HeapSample h : samples) {
            sxy += (h.contactsReported() - mx) * (y.applyAsDouble(h) - my);
            sxx += (h.contactsReported() - mx) * (h.contactsReported() - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }
}
