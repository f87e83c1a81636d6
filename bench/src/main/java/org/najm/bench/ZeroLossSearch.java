package org.najm.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The search for one configuration's highest zero-loss rate, one probe at a time: doubling (or halving) from a
 * start rate until a passing and a failing rate bracket it, then bisection until the failing rate is within
 * {@code tolerance} (e.g. 0.05: 5 %) of the passing one. Probes are asked for with {@link #next()} and answered
 * with {@link #record(int, boolean)}, so that the benchmark can interleave the searches of several
 * configurations probe by probe (noise on the host then hits all of them).
 *
 * <p>The search assumes that a rate above a failing one fails too. On a noisy host that is not always so; the
 * search keeps the highest passing rate below the lowest failing one and reports every probe.
 */
final class ZeroLossSearch {

    private final double tolerance;
    private final int minRate;
    private final int maxRate;
    private final int maxProbes;
    private int passing;
    private int failing = Integer.MAX_VALUE;
    private int next;
    private final List<int[]> probes = new ArrayList<>();

    /**
     * @param startRate first rate to try, frames/s
     * @param minRate   below this a failure ends the search (the configuration does not work at all)
     * @param maxRate   a pass at this rate ends the search (the sender's limit)
     * @param tolerance bracket width at which to stop, relative to the passing rate
     * @param maxProbes an upper bound on the probes
     */
    ZeroLossSearch(int startRate, int minRate, int maxRate, double tolerance, int maxProbes) {
        if (startRate < minRate || startRate > maxRate || tolerance <= 0 || maxProbes < 1) {
            throw new IllegalArgumentException("bad search: start " + startRate + " in [" + minRate + ", " + maxRate
                    + "], tolerance " + tolerance + ", probes " + maxProbes);
        }
        this.tolerance = tolerance;
        this.minRate = minRate;
        this.maxRate = maxRate;
        this.maxProbes = maxProbes;
        this.next = startRate;
    }

    /** The next rate to probe; 0 when the search is over. */
    int next() {
        return done() ? 0 : next;
    }

    boolean done() {
        if (probes.size() >= maxProbes) {
            return true;
        }
        if (passing >= maxRate || (passing == 0 && failing <= minRate)) {
            return true;
        }
        return passing > 0 && failing != Integer.MAX_VALUE && failing <= passing * (1 + tolerance);
    }

    void record(int rate, boolean pass) {
        probes.add(new int[] { rate, pass ? 1 : 0 });
        if (pass && rate < failing) {
            passing = Math.max(passing, rate);
        } else if (!pass) {
            failing = Math.min(failing, rate);
            if (passing >= failing) { // noise: a pass above a failure; trust the failure
                passing = 0;
                for (int[] p : probes) {
                    if (p[1] == 1 && p[0] < failing) {
                        passing = Math.max(passing, p[0]);
                    }
                }
            }
        }
        if (failing == Integer.MAX_VALUE) {
            next = Math.min(maxRate, passing * 2);
        } else if (passing == 0) {
            next = Math.max(minRate, failing / 2);
        } else {
            next = (passing + failing) / 2;
        }
    }

    /** The highest rate that passed below the lowest that failed; 0 if none passed. */
    int zeroLossRate() {
        return passing;
    }

    /** The lowest rate that failed; {@link Integer#MAX_VALUE} if none. */
    int failingRate() {
        return failing;
    }

    int probeCount() {
        return probes.size();
    }
}
