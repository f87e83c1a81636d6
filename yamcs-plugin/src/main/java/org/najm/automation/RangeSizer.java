package org.najm.automation;

import java.util.OptionalLong;

/**
 * How much of a store to play back so that it finishes inside the contact: the simulator (and a real
 * spacecraft's downlink budget) plays back at most {@code framesPerSecond} frames per wall-clock second,
 * so what fits is the remaining wall time times that rate times packets per frame, against the store's
 * content estimated from its fill spread evenly over the span it holds.
 */
final class RangeSizer {

    private RangeSizer() {
    }

    /**
     * The last onboard second of a range starting at {@code from} that fits, or empty when not even one
     * second does.
     *
     * @param from        first second not yet confirmed
     * @param target      last second to play back in this contact (the whole store: the last complete second)
     * @param spanStart   first second the store is believed to hold unconfirmed data from (at most {@code from}
     *                    when nothing before it is left; later when nothing is known, see the ledger's since)
     * @param fillOctets  the store's fill from the latest BUS_HK
     * @param wallSeconds wall-clock seconds left for this playback
     */
    static OptionalLong rangeEnd(Store store, long from, long target, long spanStart, long fillOctets,
            double wallSeconds, double framesPerSecond) {
        if (from > target || !(wallSeconds > 0)) {
            return OptionalLong.empty();
        }
        double budget = Math.floor(wallSeconds * framesPerSecond) * store.packetsPerFrame;
        if (budget < 1) {
            return OptionalLong.empty();
        }
        double content = Math.ceil(Math.max(0, fillOctets) / (double) store.packetOctets);
        if (content <= budget) {
            return OptionalLong.of(target);
        }
        long start = Math.max(from, Math.min(spanStart, target));
        double perSecond = content / (target - start + 1);
        long fit = (long) Math.floor(budget / perSecond);
        if (fit < 1) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.min(target, start + fit - 1));
    }
}
