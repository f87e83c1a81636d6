package org.najm.passes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.hipparchus.util.FastMath;
import org.najm.constellation.Station;
import org.orekit.bodies.GeodeticPoint;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.DataContext;
import org.orekit.frames.Frame;
import org.orekit.frames.StaticTransform;
import org.orekit.frames.TopocentricFrame;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;

/**
 * A brute-force reference: the elevation of every spacecraft over every station at every whole second, with
 * Orekit's exact TEME to ITRF transform of that second (no grid, no interpolation, no short-pass rule) and each
 * station's position and zenith from Orekit's own {@link TopocentricFrame}. It sees every pass that has a whole
 * second above the mask, and times it to 1 s.
 */
final class OneSecondScan {

    /**
     * Whole seconds above the mask, one pass as the scan sees it.
     *
     * @param first the first second above the mask
     * @param last  the last second above the mask
     */
    record Run(String spacecraft, String station, Instant first, Instant last) {

        /** Whole seconds from first to last. */
        long seconds() {
            return Duration.between(first, last).getSeconds();
        }

        /** The predicted pass that contains this run and starts and ends within 1 s of it (a sample's spacing). */
        boolean matches(Pass p) {
            return p.spacecraft().equals(spacecraft) && p.station().equals(station) && !p.aos().isAfter(first)
                    && !p.los().isBefore(last) && PassComparison.seconds(p.aos(), first) < 1
                    && PassComparison.seconds(p.los(), last) < 1;
        }
    }

    private OneSecondScan() {
    }

    /** Every run of every spacecraft over every station in [start, end], by spacecraft, station, then time. */
    static List<Run> runs(List<SpacecraftTle> sats, List<Station> stations, Instant start, Instant end,
            DataContext ctx) {
        Frame teme = ctx.getFrames().getTEME();
        Frame itrf = ctx.getFrames().getITRF(IERSConventions.IERS_2010, true);
        OneAxisEllipsoid earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS,
                Constants.WGS84_EARTH_FLATTENING, itrf);
        List<TopocentricFrame> topos = stations.stream().map(s -> new TopocentricFrame(earth, new GeodeticPoint(
                FastMath.toRadians(s.latitude()), FastMath.toRadians(s.longitude()), s.altitude()), s.name())).toList();
        List<Vector3D> positions = topos.stream().map(TopocentricFrame::getCartesianPoint).toList();
        List<Vector3D> zeniths = topos.stream().map(TopocentricFrame::getZenith).toList();
        List<TLEPropagator> props = sats.stream().map(s -> TLEPropagator.selectExtrapolator(s.tle(), teme)).toList();
        int seconds = (int) Duration.between(start, end).getSeconds();
        int ns = sats.size();
        int nst = stations.size();
        // above[sat * nst + station][second]
        boolean[][] above = new boolean[ns * nst][seconds + 1];
        AbsoluteDate t0 = new AbsoluteDate(start, ctx.getTimeScales().getUTC());
        for (int k = 0; k <= seconds; k++) {
            AbsoluteDate date = t0.shiftedBy((double) k);
            StaticTransform toItrf = teme.getStaticTransformTo(itrf, date);
            for (int s = 0; s < ns; s++) {
                Vector3D p = toItrf.transformPosition(props.get(s).getPVCoordinates(date).getPosition());
                for (int j = 0; j < nst; j++) {
                    Vector3D d = p.subtract(positions.get(j));
                    double elevationDeg = FastMath.toDegrees(FastMath.asin(Vector3D.dotProduct(d, zeniths.get(j))
                            / d.getNorm()));
                    above[s * nst + j][k] = elevationDeg > stations.get(j).mask();
                }
            }
        }
        List<Run> runs = new ArrayList<>();
        for (int s = 0; s < ns; s++) {
            for (int j = 0; j < nst; j++) {
                boolean[] a = above[s * nst + j];
                int first = -1;
                for (int k = 0; k <= seconds + 1; k++) {
                    boolean up = k <= seconds && a[k];
                    if (up && first < 0) {
                        first = k;
                    } else if (!up && first >= 0) {
                        runs.add(new Run(sats.get(s).spacecraft(), stations.get(j).name(), start.plusSeconds(first),
                                start.plusSeconds(k - 1)));
                        first = -1;
                    }
                }
            }
        }
        return runs;
    }
}
