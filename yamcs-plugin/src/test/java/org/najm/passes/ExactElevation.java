package org.najm.passes;

import java.time.Duration;
import java.time.Instant;

import org.hipparchus.util.FastMath;
import org.najm.constellation.Station;
import org.orekit.bodies.GeodeticPoint;
import org.orekit.bodies.OneAxisEllipsoid;
import org.orekit.data.DataContext;
import org.orekit.frames.Frame;
import org.orekit.frames.TopocentricFrame;
import org.orekit.propagation.analytical.tle.TLEPropagator;
import org.orekit.time.AbsoluteDate;
import org.orekit.time.TimeScales;
import org.orekit.utils.Constants;
import org.orekit.utils.IERSConventions;

/**
 * One spacecraft seen from one station through Orekit's full frame chain at every call (SGP4 in TEME, then
 * Orekit's TEME to topocentric transform): no grid, no interpolated rotation and none of PassPredictor's code.
 * The reference the fast predictor's times and angles are checked against. Not thread-safe (one propagator).
 */
final class ExactElevation {

    /** Bisection stops below this bracket, seconds: far below the product's 1e-4 s root accuracy. */
    static final double CROSSING_ACCURACY_S = 1.0e-7;

    /** Golden-section search stops below this bracket, seconds (the elevation is flat at its maximum). */
    static final double MAXIMUM_ACCURACY_S = 1.0e-4;

    /** Sampling step of the coarse scan that brackets the maximum, seconds: a tenth of a typical LEO pass. */
    static final double MAXIMUM_SCAN_S = 60.0;

    private final TLEPropagator prop;
    private final TopocentricFrame topo;
    private final Frame teme;
    private final TimeScales timeScales;
    private final double maskDeg;

    ExactElevation(SpacecraftTle sat, Station station, DataContext ctx) {
        this.teme = ctx.getFrames().getTEME();
        this.timeScales = ctx.getTimeScales();
        this.prop = TLEPropagator.selectExtrapolator(sat.tle(), teme);
        OneAxisEllipsoid earth = new OneAxisEllipsoid(Constants.WGS84_EARTH_EQUATORIAL_RADIUS,
                Constants.WGS84_EARTH_FLATTENING, ctx.getFrames().getITRF(IERSConventions.IERS_2010, true));
        this.topo = new TopocentricFrame(earth, new GeodeticPoint(FastMath.toRadians(station.latitude()),
                FastMath.toRadians(station.longitude()), station.altitude()), station.name());
        this.maskDeg = station.mask();
    }

    double maskDeg() {
        return maskDeg;
    }

    double elevationDeg(Instant t) {
        return elevationDeg(date(t));
    }

    /** Degrees from north, clockwise, in [0, 360). */
    double azimuthDeg(Instant t) {
        AbsoluteDate d = date(t);
        double az = FastMath.toDegrees(topo.getAzimuth(prop.getPVCoordinates(d).getPosition(), teme, d));
        return az < 0 ? az + 360 : az >= 360 ? az - 360 : az;
    }

    /**
     * The mask crossing in [from, to], bisected to {@value #CROSSING_ACCURACY_S} s; null when the elevation is on
     * the same side of the mask at both ends.
     */
    Instant crossing(Instant from, Instant to) {
        AbsoluteDate base = date(from);
        double lo = 0;
        double hi = Duration.between(from, to).toNanos() / 1e9;
        boolean loAbove = elevationDeg(base) > maskDeg;
        if (loAbove == elevationDeg(base.shiftedBy(hi)) > maskDeg) {
            return null;
        }
        while (hi - lo > CROSSING_ACCURACY_S) {
            double mid = 0.5 * (lo + hi);
            if ((elevationDeg(base.shiftedBy(mid)) > maskDeg) == loAbove) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return base.shiftedBy(0.5 * (lo + hi)).toInstant(timeScales);
    }

    /**
     * The time of the highest elevation in [from, to]: a {@value #MAXIMUM_SCAN_S} s scan finds the highest
     * sample, a golden-section search refines it within one sample either side (the elevation of a LEO pass
     * has one maximum, possibly at an end of a clipped pass).
     */
    Instant maximum(Instant from, Instant to) {
        AbsoluteDate base = date(from);
        double span = Duration.between(from, to).toNanos() / 1e9;
        int n = Math.max(2, (int) FastMath.ceil(span / MAXIMUM_SCAN_S));
        double best = 0;
        double bestEl = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= n; i++) {
            double x = span * i / n;
            double e = elevationDeg(base.shiftedBy(x));
            if (e > bestEl) {
                bestEl = e;
                best = x;
            }
        }
        double a = Math.max(0, best - span / n);
        double b = Math.min(span, best + span / n);
        double r = 0.5 * (FastMath.sqrt(5) - 1);
        double c = b - r * (b - a);
        double d = a + r * (b - a);
        double ec = elevationDeg(base.shiftedBy(c));
        double ed = elevationDeg(base.shiftedBy(d));
        while (b - a > MAXIMUM_ACCURACY_S) {
            if (ec > ed) {
                b = d;
                d = c;
                ed = ec;
                c = b - r * (b - a);
                ec = elevationDeg(base.shiftedBy(c));
            } else {
                a = c;
                c = d;
                ec = ed;
                d = a + r * (b - a);
                ed = elevationDeg(base.shiftedBy(d));
            }
        }
        double x = 0.5 * (a + b);
        for (double end : new double[] {0, span}) { // a clipped pass may peak at its end
            if (elevationDeg(base.shiftedBy(end)) > elevationDeg(base.shiftedBy(x))) {
                x = end;
            }
        }
        return base.shiftedBy(x).toInstant(timeScales);
    }

    private double elevationDeg(AbsoluteDate d) {
        return FastMath.toDegrees(topo.getElevation(prop.getPVCoordinates(d).getPosition(), teme, d));
    }

    private AbsoluteDate date(Instant t) {
        return new AbsoluteDate(t, timeScales.getUTC());
    }
}
