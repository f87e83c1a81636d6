package org.najm.simulator.sky;

import java.util.Locale;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.orekit.time.AbsoluteDate;

/**
 * The truth of one tracklet: the object's class, osculating heliocentric ecliptic J2000 elements at its epoch
 * (two-body about the Sun), H, and how it was seen on the tracklet's first and last exposures (noise-free).
 *
 * @param orbitClass         dynamical class
 * @param aAu                semi-major axis, AU
 * @param e                  eccentricity
 * @param iDeg               inclination to the ecliptic J2000, deg
 * @param hMag               absolute magnitude H (G = 0.15)
 * @param nodeDeg            longitude of the ascending node, deg
 * @param argPerihelionDeg   argument of perihelion, deg
 * @param meanAnomalyDeg     mean anomaly at {@code epoch}, deg
 * @param epoch              epoch of the elements
 * @param first              the object as seen at the first detection
 * @param last               the object as seen at the last detection
 * @param firstGeocentric    as seen from the Earth's centre at the first detection's time
 * @param lastGeocentric     as seen from the Earth's centre at the last detection's time
 * @param rateDegPerDay      noise-free great-circle rate between the first and last detections, deg/day
 * @param positionAngleDeg   direction of that motion, deg east of north (0 north, 90 east)
 * @param geocentricRateDegPerDay    the same seen from the Earth's centre: without the spacecraft's own orbital
 *                                   motion, which over a few minutes' arc changes a main-belt rate by a lot
 * @param geocentricPositionAngleDeg its direction
 */
public record TrackletTruth(OrbitClass orbitClass, double aAu, double e, double iDeg, double hMag, double nodeDeg,
        double argPerihelionDeg, double meanAnomalyDeg, AbsoluteDate epoch, Apparent first, Apparent last,
        Apparent firstGeocentric, Apparent lastGeocentric, double rateDegPerDay, double positionAngleDeg,
        double geocentricRateDegPerDay, double geocentricPositionAngleDeg) {

    /** The columns after spacecraft and tracklet_id, in the order of {@link TruthFile#HEADER}. */
    String csvColumns() {
        return String.format(Locale.ROOT,
                "%s,%.6f,%.6f,%.4f,%.2f,%.4f,%.4f,%.4f,%s,%s,%.6f,%.6f,%.3f,%.3f,%.5f,%.2f,%.5f,%.2f",
                orbitClass, aAu, e, iDeg, hMag, nodeDeg, argPerihelionDeg, meanAnomalyDeg, TruthFile.iso(epoch),
                TruthFile.iso(first.date()), first.sunDistanceAu(), first.distanceAu(), first.phaseAngleDeg(),
                first.vMag(), rateDegPerDay, positionAngleDeg, geocentricRateDegPerDay, geocentricPositionAngleDeg);
    }

    /** The truth of an object seen first as {@code first} and last as {@code last} (topocentric). */
    public static TrackletTruth of(SkyObject o, Apparent first, Apparent last) {
        Apparent geo0 = o.observe(first.date(), Vector3D.ZERO);
        Apparent geo1 = o.observe(last.date(), Vector3D.ZERO);
        double[] topo = motion(first, last);
        double[] geo = motion(geo0, geo1);
        double mean = Math.toDegrees(o.orbit().getMeanAnomaly());
        return new TrackletTruth(o.orbitClass(), o.aAu(), o.e(), o.iDeg(), o.hMag(),
                norm(Math.toDegrees(o.orbit().getRightAscensionOfAscendingNode())),
                norm(Math.toDegrees(o.orbit().getPerigeeArgument())), norm(mean), o.orbit().getDate(), first, last,
                geo0, geo1, topo[0], topo[1], geo[0], geo[1]);
    }

    /** Great-circle rate (deg/day) and position angle (deg east of north, [0, 360)) from a to b. */
    static double[] motion(Apparent a, Apparent b) {
        double days = b.date().durationFrom(a.date()) / 86400;
        double d1 = Math.toRadians(a.decDeg());
        double d2 = Math.toRadians(b.decDeg());
        double dra = Math.toRadians(b.raDeg() - a.raDeg());
        double y = Math.sin(dra) * Math.cos(d2);
        double x = Math.cos(d1) * Math.sin(d2) - Math.sin(d1) * Math.cos(d2) * Math.cos(dra);
        double sep = Vector3D.angle(new Vector3D(Math.toRadians(a.raDeg()), d1),
                new Vector3D(Math.toRadians(b.raDeg()), d2));
        return new double[] { days > 0 ? Math.toDegrees(sep) / days : 0, norm(Math.toDegrees(Math.atan2(y, x))) };
    }

    private static double norm(double deg) {
        double x = deg % 360;
        return x < 0 ? x + 360 : x;
    }
}
