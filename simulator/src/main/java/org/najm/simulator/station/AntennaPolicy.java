package org.najm.simulator.station;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import org.najm.constellation.Station;

/** Chooses which spacecraft a station's single antenna tracks (a contact plan may drive it later). */
public interface AntennaPolicy {

    /** A spacecraft above the station's mask. */
    record Candidate(int scid, Instant rise, double elevationDeg) {
    }

    /**
     * @param current the spacecraft tracked now, if any (it is among the candidates only while visible)
     * @param visible the spacecraft above the mask, in SCID order
     * @return the spacecraft to track from now on, or empty
     */
    OptionalInt choose(Station station, OptionalInt current, List<Candidate> visible, Instant now);
}
