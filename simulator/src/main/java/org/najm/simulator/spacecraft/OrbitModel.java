package org.najm.simulator.spacecraft;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.constellation.Spacecraft;
import org.najm.orekit.OrekitData;
import org.orekit.bodies.AnalyticalSolarPositionProvider;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.DataContext;
import org.orekit.frames.Frame;
import org.orekit.propagation.SpacecraftState;
import org.orekit.propagation.analytical.tle.TLE;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;
import org.orekit.utils.OccultationEngine;
import org.orekit.utils.PVCoordinates;

/** One spacecraft's orbit from its TLE (SGP4 via Orekit): GCRF and ITRF states, eclipse by the Earth. */
public final class OrbitModel {

    private static final DataContext CTX = OrekitData.context();
    public static final Frame GCRF = CTX.getFrames().getGCRF();
    public static final Frame ITRF = CTX.getFrames().getITRF(IERSConventions.IERS_2010, true);
    public static final OneAxisEllipsoid EARTH = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS,
            Constants.WGS84_EARTH_FLATTENING, ITRF);
    private static final AnalyticalSolarPositionProvider SUN = new AnalyticalSolarPositionProvider(CTX);

    private final TLEPropagator propagator;
    private final OccultationEngine occultation = new OccultationEngine(SUN, Constants.SUN_RADIUS, EARTH);

    public OrbitModel(Spacecraft sc) {
        this(sc.tleLine1(), sc.tleLine2());
    }

    public OrbitModel(String line1, String line2) {
        TLE tle = new TLE(line1, line2, CTX.getTimeScales().getUTC());
        propagator = TLEPropagator.selectExtrapolator(tle, CTX.getFrames().getTEME());
    }

    /** Not thread-safe (the propagator is not): one caller at a time. */
    public OrbitState at(AbsoluteDate date) {
        SpacecraftState s = propagator.propagate(date);
        PVCoordinates pv = s.getPVCoordinates(GCRF);
        Vector3D itrf = s.getPosition(ITRF);
        OccultationEngine.OccultationAngles a = occultation.angles(s);
        // eclipse when the Sun's centre is behind the Earth's limb (umbra/penumbra boundary midpoint)
        boolean eclipse = a.getSeparation() < a.getLimbRadius();
        Vector3D sunDir = SUN.getPosition(date, GCRF).subtract(pv.getPosition()).normalize();
        return new OrbitState(date, pv.getPosition(), pv.getVelocity(), itrf, eclipse, sunDir);
    }

    /** Only the GCRF position, m (no ITRF, no eclipse: the observer of the synthetic sky). Not thread-safe. */
    public Vector3D positionGcrf(AbsoluteDate date) {
        return propagator.propagate(date).getPosition(GCRF);
    }

    /** Unit vector from {@code positionGcrf} (m) to the Sun, GCRF. */
    public static Vector3D sunDirection(AbsoluteDate date, Vector3D positionGcrf) {
        return SUN.getPosition(date, GCRF).subtract(positionGcrf).normalize();
    }

    /**
     * @param positionGcrf m, @param velocityGcrf m/s, @param positionItrf m
     * @param sunDirection unit vector from the spacecraft to the Sun, GCRF
     */
    public record OrbitState(AbsoluteDate date, Vector3D positionGcrf, Vector3D velocityGcrf, Vector3D positionItrf,
            boolean inEclipse, Vector3D sunDirection) {

        public double[] positionKm() {
            return new double[] { positionGcrf.getX() / 1000, positionGcrf.getY() / 1000, positionGcrf.getZ() / 1000 };
        }
    }
}
