package org.najm.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
    double mocCpuSeconds;
    double mocMaxRssMib;
    double mocEndRssMib;

    /** Made onboard, and neither in the archive, nor still onboard, nor held on ground awaiting delivery. */
    long lost() {
        return madeOnboard - archived - stillOnboard - awaitingOnGround;
    }

    /** Nothing lost, nothing twice, and everything made onboard reached the archive by the end of the drain. */
    boolean zeroLoss() {
        return lost() == 0 && duplicated == 0 && overflowDropped == 0 && awaitingOnGround == 0 && stillOnboard == 0;
    }

    double latency(double quantile) {
        if (latencySeconds.isEmpty()) {
            return Double.NaN;
        }
        List<Double> s = new ArrayList<>(latencySeconds);
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
        r.format("MOC: %.0f s CPU over %.0f s wall (%.0f %% of one core), resident max %.0f MiB, at the end %.0f"
                + " MiB", mocCpuSeconds, wallSeconds, 100 * mocCpuSeconds / wallSeconds, mocMaxRssMib,
                mocEndRssMib);
    }
}
