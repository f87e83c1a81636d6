package org.najm.planning;

import java.time.Instant;
import java.util.Objects;

/** A window in which a station cannot take any contact (maintenance, outage, ...). */
public record Unavailability(String station, Instant start, Instant end, String reason) {

    public Unavailability {
        Objects.requireNonNull(station, "station");
        Objects.requireNonNull(reason, "reason");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException(
                    station + " unavailability: start " + start + " is not before end " + end);
        }
    }

    boolean overlaps(Instant from, Instant to) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
