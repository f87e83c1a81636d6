package org.najm.simulator.station;

import java.time.Instant;
import java.util.Objects;

/** A window of mission time during which a station is out of service: from {@code start}, up to {@code stop}. */
public record Outage(Instant start, Instant stop) {

    public Outage {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(stop, "stop");
        if (!start.isBefore(stop)) {
            throw new IllegalArgumentException("an outage ends after it starts: " + start + " .. " + stop);
        }
    }

    /** True when {@code t} lies in [start, stop). */
    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(stop);
    }
}
