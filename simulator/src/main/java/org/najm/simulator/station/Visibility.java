package org.najm.simulator.station;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.simulator.packet.GpsTime;
import org.najm.simulator.spacecraft.OrbitModel;
import org.orekit.bodies.GeodeticPoint;
import org.orekit.frames.TopocentricFrame;
import org.orekit.time.AbsoluteDate;

/** Elevation and pass prediction with Orekit (SGP4, WGS84 topocentric frames, no refraction). */
public final class Visibility {

    private static final double STEP_S = 20;

    private Visibility() {
    }

    /** A pass above a station's mask. */
    public record Pass(Instant aos, Instant los, double maxElevationDeg) {
    }

    public static TopocentricFrame topocentric(Station st) {
        GeodeticPoint p = new GeodeticPoint(FastMath.toRadians(st.latitude()), FastMath.toRadians(st.longitude()),
                st.altitude());
        return new TopocentricFrame(OrbitModel.EARTH, p, st.name());
    }

    /** Elevation in degrees of an ITRF position (m) seen from a station. */
    public static double elevationDeg(TopocentricFrame topo, Vector3D positionItrf, AbsoluteDate date) {
        return FastMath.toDegrees(topo.getElevation(positionItrf, OrbitModel.ITRF, date));
    }

    /** The next time after {@code from} (within {@code horizon}) at which the spacecraft rises above the mask. */
    public static Optional<Instant> nextAos(Spacecraft sc, Station st, Instant from, Duration horizon) {
        return nextPass(sc, st, from, horizon).map(Pass::aos);
    }

    /**
     * The next pass that starts after {@code from} and within {@code horizon} (a pass in progress at
     * {@code from} is skipped). LOS may lie beyond the horizon; AOS/LOS are refined to about 1 ms.
     */
    public static Optional<Pass> nextPass(Spacecraft sc, Station st, Instant from, Duration horizon) {
        OrbitModel orbit = new OrbitModel(sc);
        TopocentricFrame topo = topocentric(st);
        AbsoluteDate start = GpsTime.date(from);
        double end = horizon.toMillis() / 1000.0;
        double prevT = 0;
        double prev = margin(orbit, topo, st, start);
        for (double t = STEP_S; t <= end + STEP_S; t += STEP_S) {
            double m = margin(orbit, topo, st, start.shiftedBy(t));
            if (prev < 0 && m >= 0) {
                double aos = refine(orbit, topo, st, start, prevT, t);
                if (aos > end) {
                    return Optional.empty();
                }
                double los = aos;
                double max = m;
                double s = t;
                double ms = m;
                double ps = prevT;
                while (ms >= 0) {
                    max = Math.max(max, ms);
                    ps = s;
                    s += STEP_S;
                    ms = margin(orbit, topo, st, start.shiftedBy(s));
                }
                los = refine(orbit, topo, st, start, ps, s);
                return Optional.of(new Pass(toInstant(start, aos), toInstant(start, los), max + st.mask()));
            }
            prev = m;
            prevT = t;
        }
        return Optional.empty();
    }

    private static Instant toInstant(AbsoluteDate start, double offset) {
        return GpsTime.toUtc(GpsTime.seconds(start) + offset);
    }

    private static double margin(OrbitModel orbit, TopocentricFrame topo, Station st, AbsoluteDate d) {
        return elevationDeg(topo, orbit.at(d).positionItrf(), d) - st.mask();
    }

    /** Bisection of the mask crossing between offsets a and b (the margin changes sign between them). */
    private static double refine(OrbitModel orbit, TopocentricFrame topo, Station st, AbsoluteDate start, double a,
            double b) {
        double ma = margin(orbit, topo, st, start.shiftedBy(a));
        while (b - a > 0.001) {
            double mid = (a + b) / 2;
            double mm = margin(orbit, topo, st, start.shiftedBy(mid));
            if ((mm >= 0) == (ma >= 0)) {
                a = mid;
                ma = mm;
            } else {
                b = mid;
            }
        }
        return b;
    }
}
