package org.najm.simulator.station;

import java.time.Instant;

/** One contact of the MOC's plan, as a station receives it: which spacecraft, from when to when. */
public record PlannedContact(String station, int scid, Instant start, Instant end) {

    boolean runningAt(String stationName, Instant t) {
        return station.equals(stationName) && !t.isBefore(start) && t.isBefore(end);
    }
}
