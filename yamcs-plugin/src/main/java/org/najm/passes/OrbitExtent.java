package org.najm.passes;

import org.hipparchus.util.FastMath;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;

/**
 * How low, how high and how fast a TLE's mean orbit goes (two-body, SGP4's mu): what the search's bounds are made
 * of. Immutable.
 *
 * @param perigeeRadiusM perigee distance from the Earth's centre, metres
 * @param apogeeRadiusM  apogee distance from the Earth's centre, metres
 * @param perigeeSpeedMS speed at perigee, m/s
 */
record OrbitExtent(double perigeeRadiusM, double apogeeRadiusM, double perigeeSpeedMS) {

    static OrbitExtent of(TLE tle) {
        double a = tle.computeSemiMajorAxis();
        double rp = a * (1 - tle.getE());
        return new OrbitExtent(rp, a * (1 + tle.getE()), FastMath.sqrt(TLEPropagator.getMU() * (2 / rp - 1 / a)));
    }
}
