package org.najm.passes;

import org.hipparchus.util.FastMath;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.utils.Constants;

/**
 * What the geometry of one orbit over one station allows, as bounds the search may skip work by. Spherical
 * Earth through the station (its geocentric radius), with margins for what that leaves out: the zenith's deflection
 * from the geocentric radius (exact, per station), SGP4's radius beyond the mean elements' perigee and apogee
 * ({@value #RADIUS_MARGIN_M} m) and its speed beyond the two-body one ({@value #RATE_MARGIN} times).
 *
 * <ul>
 * <li>{@link #nearMissMarginRad()}: how far below the mask a sampled elevation may be while the true elevation
 * reaches the mask within half a step of it. While the elevation is below the mask, the range is at least the
 * range at the mask from the lowest perigee, and the line of sight turns at most (perigee speed + the Earth's
 * rotation at apogee) / that range.</li>
 * <li>{@link #maxCentralAngleRad()}: the largest Earth central angle between the station and the spacecraft at
 * which the spacecraft can be within that margin of the mask, from the highest apogee.</li>
 * <li>{@link #centralAnglePerStepRad()}: the most that central angle changes in one step (the spacecraft's
 * direction turns at most at perigee speed / perigee radius, plus the Earth's rotation).</li>
 * </ul>
 *
 * <p>Angles in radians, lengths in metres. Immutable (its table never leaves it).
 */
final class VisibilityBounds {

    /** SGP4's radius beyond the mean elements' perigee and apogee (short-period terms are ~10 km), metres. */
    static final double RADIUS_MARGIN_M = 50_000.0;

    /** SGP4's angular rate beyond the two-body rate at perigee, as a factor. */
    static final double RATE_MARGIN = 1.1;

    /** Extra elevation margin for the rest of what a sphere leaves out, radians. */
    static final double ELEVATION_SLACK_RAD = 1.0e-3;

    private final double nearMissMarginRad;
    private final double maxCentralAngleRad;
    private final double centralAnglePerStepRad;
    private final double rangeAtMaskM;
    /** cos(maxCentralAngle + j * centralAnglePerStep), decreasing, up to the angle pi */
    private final double[] cosAfterSteps;

    private VisibilityBounds(double nearMissMarginRad, double maxCentralAngleRad, double centralAnglePerStepRad,
            double rangeAtMaskM) {
        this.nearMissMarginRad = nearMissMarginRad;
        this.maxCentralAngleRad = maxCentralAngleRad;
        this.centralAnglePerStepRad = centralAnglePerStepRad;
        this.rangeAtMaskM = rangeAtMaskM;
        int n = (int) ((Math.PI - maxCentralAngleRad) / centralAnglePerStepRad) + 1;
        this.cosAfterSteps = new double[n];
        for (int j = 0; j < n; j++) {
            cosAfterSteps[j] = FastMath.cos(maxCentralAngleRad + j * centralAnglePerStepRad);
        }
    }

    static VisibilityBounds of(TLE tle, StationGeometry station, double stepS) {
        OrbitExtent o = OrbitExtent.of(tle);
        double rp = o.perigeeRadiusM();
        double ra = o.apogeeRadiusM();
        double vp = o.perigeeSpeedMS();
        double stationRadius = station.geocentricRadiusM();
        // the line of sight turns at most at the speed relative to the rotating Earth over the range
        double speedOverEarth = vp * RATE_MARGIN + Constants.WGS84_EARTH_ANGULAR_VELOCITY * (ra + RADIUS_MARGIN_M);
        double lowest = Math.max(rp - RADIUS_MARGIN_M, stationRadius + 100_000.0);
        double rangeAtMask = range(lowest, stationRadius, station.mask + station.zenithDeflectionRad());
        double margin = speedOverEarth / rangeAtMask * stepS / 2;
        double lowestElevation = station.mask - margin - station.zenithDeflectionRad() - ELEVATION_SLACK_RAD;
        double maxAngle = lowestElevation <= -0.5 * Math.PI ? Math.PI
                : Math.min(Math.PI, FastMath.acos(stationRadius * FastMath.cos(lowestElevation)
                        / (ra + RADIUS_MARGIN_M)) - lowestElevation);
        double perStep = (vp / rp * RATE_MARGIN + Constants.WGS84_EARTH_ANGULAR_VELOCITY) * stepS;
        return new VisibilityBounds(margin, maxAngle, perStep, rangeAtMask);
    }

    /** Range from a station at geocentric radius {@code rs} to a point at radius {@code r} seen at elevation e. */
    private static double range(double r, double rs, double elevationRad) {
        double c = rs * FastMath.cos(elevationRad);
        return FastMath.sqrt(r * r - c * c) - rs * FastMath.sin(elevationRad);
    }

    /** Elevation below the mask that a short pass between two epochs can hide behind. */
    double nearMissMarginRad() {
        return nearMissMarginRad;
    }

    /** Beyond this central angle, the spacecraft is lower than mask - margin. */
    double maxCentralAngleRad() {
        return maxCentralAngleRad;
    }

    /** The most the central angle changes from one epoch to the next. */
    double centralAnglePerStepRad() {
        return centralAnglePerStepRad;
    }

    /** The shortest range at which the spacecraft is at or below the mask. */
    double rangeAtMaskM() {
        return rangeAtMaskM;
    }

    /**
     * How many epochs from now on certainly show the spacecraft lower than mask - margin, given the cosine of its
     * central angle now (no arc cosine: a binary search of the precomputed cosines): floor((angle - max angle) /
     * per step), 0 when it may be near the mask by the next epoch.
     */
    int epochsOutOfSight(double cosCentralAngle) {
        // the number of j with cos(angle) <= cos(max angle + j * per step), i.e. angle >= max angle + j * per step,
        // less one (j = 0 only says the spacecraft is beyond the max angle now)
        int lo = 0;
        int hi = cosAfterSteps.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cosCentralAngle <= cosAfterSteps[mid]) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Math.max(0, lo - 1);
    }
}
