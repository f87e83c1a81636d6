package org.najm.science.neo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.najm.orekit.OrekitData;
import org.najm.science.Detection;
import org.najm.science.Tracklet;
import org.najm.science.TrackletKey;
import org.orekit.frames.Frame;
import org.orekit.orbits.KeplerianOrbit;
import org.orekit.orbits.PositionAngleType;
import org.orekit.time.AbsoluteDate;
import org.orekit.utils.Constants;

/**
 * An independent sky for the tests: the Earth on its mean J2000 Keplerian orbit (Standish's approximate planetary
 * elements, not the code's analytical Sun), a spacecraft on a circular sun-synchronous-like LEO, and an object on a
 * given heliocentric Keplerian orbit propagated by Orekit; detections are the geometric directions plus Gaussian
 * noise.
 */
final class SkyOracle {

    static final Instant T0 = Instant.parse("2026-12-01T03:00:00Z");
    private static final double AU_KM = Constants.IAU_2012_ASTRONOMICAL_UNIT / 1000;
    private static final double EPS = Math.toRadians(23.43928);
    private static final double MU_EARTH = 398600.4418;
    private static final Instant J2000 = Instant.parse("2000-01-01T11:58:55.816Z");

    private SkyOracle() {
    }

    /** Heliocentric ecliptic position of the Earth(-Moon barycentre), km. */
    static Vector3D earthEcliptic(Instant t) {
        double cy = (t.getEpochSecond() - J2000.getEpochSecond()) / (86400.0 * 36525);
        double a = 1.00000261 * AU_KM;
        double e = 0.01671123;
        double lon = Math.toRadians(100.46457166 + 35999.37244981 * cy);
        double peri = Math.toRadians(102.93768193 + 0.32327364 * cy);
        double m = lon - peri;
        double ea = m;
        for (int k = 0; k < 10; k++) {
            ea = m + e * Math.sin(ea);
        }
        double x = a * (Math.cos(ea) - e);
        double y = a * Math.sqrt(1 - e * e) * Math.sin(ea);
        return new Vector3D(x * Math.cos(peri) - y * Math.sin(peri), x * Math.sin(peri) + y * Math.cos(peri), 0);
    }

    /** Spacecraft geocentric ICRF position, km: circular orbit of radius 6878 km, inclination 97.4 deg. */
    static Vector3D spacecraft(Instant t) {
        double r = 6878;
        double n = Math.sqrt(MU_EARTH / (r * r * r));
        double th = n * (t.getEpochSecond() - T0.getEpochSecond() + t.getNano() / 1e9);
        double inc = Math.toRadians(97.4);
        return new Vector3D(r * Math.cos(th), r * Math.sin(th) * Math.cos(inc), r * Math.sin(th) * Math.sin(inc));
    }

    static Vector3D eclipticToIcrf(Vector3D v) {
        return new Vector3D(v.getX(), v.getY() * Math.cos(EPS) - v.getZ() * Math.sin(EPS),
                v.getY() * Math.sin(EPS) + v.getZ() * Math.cos(EPS));
    }

    /** An object's orbit at T0, heliocentric ecliptic; angles in degrees, a in au. */
    static KeplerianOrbit orbit(double aAu, double e, double iDeg, double argPeriDeg, double nodeDeg,
            double meanAnomalyDeg) {
        Frame frame = OrekitData.context().getFrames().getGCRF(); // stands for ecliptic axes: only shifted here
        return new KeplerianOrbit(aAu * AU_KM * 1000, e, Math.toRadians(iDeg), Math.toRadians(argPeriDeg),
                Math.toRadians(nodeDeg), Math.toRadians(meanAnomalyDeg), PositionAngleType.MEAN, frame,
                new AbsoluteDate(T0, OrekitData.context().getTimeScales().getUTC()),
                Constants.IAU_2015_NOMINAL_SUN_GM);
    }

    /** Geocentric (topocentric from the spacecraft) ICRF vector to the object at t, km. */
    static Vector3D lineOfSight(KeplerianOrbit o, Instant t) {
        double dt = (t.toEpochMilli() - T0.toEpochMilli()) / 1000.0;
        Vector3D helio = o.shiftedBy(dt).getPosition().scalarMultiply(1e-3);
        return eclipticToIcrf(helio.subtract(earthEcliptic(t))).subtract(spacecraft(t));
    }

    /** Solar elongation of the object at T0, deg. */
    static double elongationDeg(KeplerianOrbit o) {
        Vector3D toSun = eclipticToIcrf(earthEcliptic(T0).negate());
        return Math.toDegrees(Vector3D.angle(toSun, lineOfSight(o, T0)));
    }

    static double distanceAu(KeplerianOrbit o) {
        return lineOfSight(o, T0).getNorm() / AU_KM;
    }

    /**
     * A visible epoch on the orbit: the mean anomaly (scanned in steps of 1 deg over the node too) that puts the
     * object within [dMin, dMax] au of the observer at the largest solar elongation.
     */
    static KeplerianOrbit visible(double aAu, double e, double iDeg, double argPeriDeg, double dMin, double dMax) {
        KeplerianOrbit best = null;
        double bestElong = -1;
        for (int node = 0; node < 360; node += 15) {
            for (int m = 0; m < 360; m++) {
                KeplerianOrbit o = orbit(aAu, e, iDeg, argPeriDeg, node, m);
                double d = distanceAu(o);
                if (d >= dMin && d <= dMax) {
                    double el = elongationDeg(o);
                    if (el > bestElong) {
                        bestElong = el;
                        best = o;
                    }
                }
            }
        }
        if (best == null) {
            throw new IllegalStateException("no visible epoch for a=" + aAu + " e=" + e + " i=" + iDeg);
        }
        return best;
    }

    /** The epoch (node, mean anomaly scanned) of least angular rate at a solar elongation above minElongDeg. */
    static KeplerianOrbit slowest(double aAu, double e, double iDeg, double argPeriDeg, double minElongDeg) {
        KeplerianOrbit best = null;
        double bestRate = Double.MAX_VALUE;
        for (int node = 0; node < 360; node += 15) {
            for (int m = 0; m < 360; m++) {
                KeplerianOrbit o = orbit(aAu, e, iDeg, argPeriDeg, node, m);
                if (elongationDeg(o) > minElongDeg) {
                    double rate = Vector3D.angle(lineOfSight(o, T0), lineOfSight(o, T0.plusSeconds(3600)));
                    if (rate < bestRate) {
                        bestRate = rate;
                        best = o;
                    }
                }
            }
        }
        return best;
    }

    /** A tracklet of n detections cadence seconds apart from T0, noise rmsArcsec, apparent magnitude from hMag. */
    static Tracklet observe(KeplerianOrbit o, int n, double cadenceS, double rmsArcsec, double hMag, long seed) {
        Random rnd = new Random(seed);
        List<Detection> ds = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            Instant t = T0.plusMillis(Math.round(k * cadenceS * 1000));
            Vector3D los = lineOfSight(o, t);
            double dt = (t.toEpochMilli() - T0.toEpochMilli()) / 1000.0;
            double r = o.shiftedBy(dt).getPosition().getNorm() / 1000 / AU_KM;
            double mag = hMag + 5 * Math.log10(r * los.getNorm() / AU_KM);
            double sig = Math.toRadians(rmsArcsec / 3600);
            double dec = los.getDelta() + rnd.nextGaussian() * sig;
            double ra = los.getAlpha() + rnd.nextGaussian() * sig / Math.cos(dec);
            double raDeg = Math.toDegrees(ra);
            raDeg = (raDeg % 360 + 360) % 360;
            Vector3D sc = spacecraft(t);
            ds.add(new Detection("NAJM-1", seed & 0xFFFFFFL, k, n, t, raDeg, Math.toDegrees(dec), rmsArcsec,
                    rmsArcsec, mag, 0.1, "V", 20, 30, sc.getX(), sc.getY(), sc.getZ(), t));
        }
        return new Tracklet(new TrackletKey("NAJM-1", seed & 0xFFFFFFL), ds);
    }
}
