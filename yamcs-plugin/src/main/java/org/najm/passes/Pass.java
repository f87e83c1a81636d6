package org.najm.passes;

import java.time.Duration;
import java.time.Instant;

/**
 * One pass of a spacecraft over a station: the time it spends above the station's elevation mask.
 * Immutable, like Orekit's value types.
 *
 * @param spacecraft      spacecraft name, e.g. "NAJM-1"
 * @param station         station name, e.g. "SVALBARD"
 * @param aos             acquisition of signal: rises above the mask
 * @param los             loss of signal: sets below the mask
 * @param tca             time of maximum elevation
 * @param maxElevationDeg maximum elevation, degrees
 * @param aosAzimuthDeg   azimuth at AOS, degrees from north, clockwise
 * @param losAzimuthDeg   azimuth at LOS
 */
public record Pass(String spacecraft, String station, Instant aos, Instant los, Instant tca, double maxElevationDeg,
        double aosAzimuthDeg, double losAzimuthDeg) {

    public Duration duration() {
        return Duration.between(aos, los);
    }

    public boolean overlaps(Instant start, Instant end) {
        return aos.isBefore(end) && los.isAfter(start);
    }
}
