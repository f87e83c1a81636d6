package org.najm.gateway;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Which station currently hears which spacecraft, learned from the frames themselves: a station
 * is in contact with a spacecraft while its frames keep arriving. Commands go to that station.
 */
public final class ContactTracker {

    private final long timeoutNanos;
    private final LongSupplier nanoClock;
    /** scid -> (station -> wall-clock nanos of its last good frame of that spacecraft). */
    private final Map<Integer, Map<Integer, Long>> lastHeard = new ConcurrentHashMap<>();

    public ContactTracker(long timeoutMillis, LongSupplier nanoClock) {
        this.timeoutNanos = timeoutMillis * 1_000_000L;
        this.nanoClock = nanoClock;
    }

    void heard(int scid, int stationId) {
        lastHeard.computeIfAbsent(scid, k -> new ConcurrentHashMap<>()).put(stationId, nanoClock.getAsLong());
    }

    /** The station that heard the spacecraft most recently, if within the timeout. */
    public OptionalInt stationInContact(int scid) {
        Map<Integer, Long> byStation = lastHeard.get(scid);
        if (byStation == null) {
            return OptionalInt.empty();
        }
        long now = nanoClock.getAsLong();
        int best = -1;
        long bestTime = Long.MIN_VALUE;
        for (Map.Entry<Integer, Long> e : byStation.entrySet()) {
            long t = e.getValue();
            if (now - t <= timeoutNanos && t > bestTime) {
                best = e.getKey();
                bestTime = t;
            }
        }
        return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
    }
}
