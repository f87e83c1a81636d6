package org.najm.simulator.packet;

import java.util.HashMap;
import java.util.Map;

/** Per-APID 14-bit packet sequence counters. */
public final class SequenceCounters {

    private final Map<Integer, Integer> next = new HashMap<>();

    public int next(int apid) {
        int n = next.getOrDefault(apid, 0);
        next.put(apid, (n + 1) & 0x3FFF);
        return n;
    }
}
