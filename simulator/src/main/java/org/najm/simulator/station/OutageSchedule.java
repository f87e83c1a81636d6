package org.najm.simulator.station;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A station's outage windows (they may overlap: the station is out while any one holds). Changed by the control
 * API, read on the simulation thread for every frame: the list is replaced, never changed in place.
 */
final class OutageSchedule {

    private volatile List<Outage> windows = List.of();

    synchronized Outage add(Instant start, Instant stop) {
        Outage o = new Outage(start, stop);
        List<Outage> next = new ArrayList<>(windows);
        next.add(o);
        next.sort((a, b) -> a.start().compareTo(b.start()));
        windows = List.copyOf(next);
        return o;
    }

    synchronized void clear() {
        windows = List.of();
    }

    /** Every window, past ones too, by start time. */
    List<Outage> windows() {
        return windows;
    }

    boolean active(Instant t) {
        if (t == null) {
            return false;
        }
        for (Outage o : windows) {
            if (o.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
