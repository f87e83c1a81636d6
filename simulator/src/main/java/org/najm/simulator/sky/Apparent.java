package org.najm.simulator.sky;

import org.orekit.time.AbsoluteDate;

/**
 * Where an object is seen from an observer at one date: astrometric (light-time corrected, no aberration, as
 * ADES reports) topocentric RA/Dec in ICRF, and the geometry of its brightness.
 *
 * @param date               observation date (light arrives at the observer)
 * @param raDeg              right ascension, deg, [0, 360)
 * @param decDeg             declination, deg
 * @param distanceAu         observer-object distance Delta at the emission time, AU
 * @param sunDistanceAu      heliocentric distance r at the emission time, AU
 * @param phaseAngleDeg      Sun-object-observer angle, deg
 * @param vMag               apparent V magnitude (H-G)
 * @param lightTimeS         light time, s
 */
public record Apparent(AbsoluteDate date, double raDeg, double decDeg, double distanceAu, double sunDistanceAu,
        double phaseAngleDeg, double vMag, double lightTimeS) {
}
