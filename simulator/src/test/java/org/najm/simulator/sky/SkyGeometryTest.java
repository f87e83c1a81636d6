package org.najm.simulator.sky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Random;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.najm.simulator.packet.GpsTime;
import org.orekit.time.AbsoluteDate;

/** The synthetic sky's geometry and photometry against textbook values computed independently here. */
class SkyGeometryTest {

    static final AbsoluteDate DATE = GpsTime.date(Instant.parse("2026-11-20T00:00:00Z"));

    @Test
    void hgMagnitudeMatchesHandComputation() {
        // tan(5 deg) = 0.0874887; phi1 = exp(-3.33 * 0.0874887^0.63) = 0.48796; phi2 = exp(-1.87 * ^1.22) = 0.90873
        // V = 15 + 5 log10(2.5 * 1.5) - 2.5 log10(0.85 phi1 + 0.15 phi2) = 15 + 2.87016 + 0.64703
        assertEquals(18.5172, HgMagnitude.apparentV(15, 0.15, 2.5, 1.5, Math.toRadians(10)), 2e-4);
        // at zero phase only the distances count
        assertEquals(15 + 5 * Math.log10(3.75), HgMagnitude.apparentV(15, 0.15, 2.5, 1.5, 0), 1e-12);
        // a steeper G darkens less with phase
        assertTrue(HgMagnitude.apparentV(15, 0.5, 2.5, 1.5, 0.3) < HgMagnitude.apparentV(15, 0.15, 2.5, 1.5, 0.3));
    }

    @Test
    void eclipticRotationPutsTheEclipticPoleWhereItIs() {
        // the ecliptic pole is at RA 270 deg, Dec 90 - 23.439 deg
        Vector3D pole = SkyFrames.ICRF_TO_ECLIPTIC.applyInverseTo(Vector3D.PLUS_K);
        assertEquals(270, Math.toDegrees(pole.getAlpha()) + 360, 1e-9);
        assertEquals(90 - 23.4392911, Math.toDegrees(pole.getDelta()), 1e-6);
    }

    /** A circular orbit in the ecliptic through ecliptic longitude lambda (rad) at date. */
    static SkyObject circular(double rAu, double lambda, AbsoluteDate date) {
        return new SkyObject(OrbitClass.MBA, SkyObject.orbit(rAu, 0, 0, 0, 0, lambda, date), 15, 0.15);
    }

    static double earthLongitude(AbsoluteDate date) {
        return SkyFrames.ICRF_TO_ECLIPTIC.applyTo(SkyFrames.earthHeliocentric(date)).getAlpha();
    }

    @Test
    void anObjectAtOppositionMovesRetrogradeAtTheTextbookRate() {
        double r = 2.5;
        SkyObject o = circular(r, earthLongitude(DATE), DATE);
        double hours = 2;
        Apparent a = o.observe(DATE, Vector3D.ZERO);
        Apparent b = o.observe(DATE.shiftedBy(hours * 3600), Vector3D.ZERO);
        double moved = Vector3D.angle(new Vector3D(Math.toRadians(a.raDeg()), Math.toRadians(a.decDeg())),
                new Vector3D(Math.toRadians(b.raDeg()), Math.toRadians(b.decDeg())));
        double rate = Math.toDegrees(moved) / (hours / 24);
        // textbook: (v_earth,perpendicular - v_object) / Delta, v = sqrt(GM / r); the Earth's velocity from
        // Orekit's Sun by a central difference, its component along the prograde direction of the object
        Vector3D e0 = SkyFrames.earthHeliocentric(DATE.shiftedBy(-60));
        Vector3D e1 = SkyFrames.earthHeliocentric(DATE.shiftedBy(60));
        Vector3D vEarth = e1.subtract(e0).scalarMultiply(1 / 120.0);
        Vector3D radial = SkyFrames.earthHeliocentric(DATE).normalize();
        Vector3D eclipticPole = SkyFrames.ICRF_TO_ECLIPTIC.applyInverseTo(Vector3D.PLUS_K);
        Vector3D prograde = Vector3D.crossProduct(eclipticPole, radial).normalize();
        double vObject = Math.sqrt(SkyFrames.SUN_GM / (r * SkyFrames.AU_M));
        double delta = (r * SkyFrames.AU_M - SkyFrames.earthHeliocentric(DATE).getNorm());
        double expected = Math.toDegrees((vEarth.dotProduct(prograde) - vObject) / delta) * 86400;
        assertEquals(expected, rate, 0.01 * expected, "deg/day");
        assertEquals(0.25, rate, 0.02, "the classic ~0.25 deg/day of a main-belt object at opposition");
        // retrograde: its ecliptic longitude decreases
        double la = SkyFrames.ICRF_TO_ECLIPTIC.applyTo(new Vector3D(Math.toRadians(a.raDeg()),
                Math.toRadians(a.decDeg()))).getAlpha();
        double lb = SkyFrames.ICRF_TO_ECLIPTIC.applyTo(new Vector3D(Math.toRadians(b.raDeg()),
                Math.toRadians(b.decDeg()))).getAlpha();
        assertTrue(lb < la, "retrograde");
        assertEquals(delta / SkyFrames.AU_M, a.distanceAu(), 1e-4);
    }

    @Test
    void parallaxBetweenTwoObserversMatchesTheGeometry() {
        for (double deltaAu : new double[] { 0.05, 1.5 }) {
            double r = SkyFrames.earthHeliocentric(DATE).getNorm() / SkyFrames.AU_M + deltaAu;
            SkyObject o = circular(r, earthLongitude(DATE), DATE);
            Apparent geo = o.observe(DATE, Vector3D.ZERO);
            Vector3D line = new Vector3D(Math.toRadians(geo.raDeg()), Math.toRadians(geo.decDeg()));
            Vector3D offset = Vector3D.crossProduct(line, Vector3D.PLUS_K).normalize().scalarMultiply(7000e3);
            Apparent topo = o.observe(DATE, offset);
            double shift = Vector3D.angle(line,
                    new Vector3D(Math.toRadians(topo.raDeg()), Math.toRadians(topo.decDeg())));
            double expected = 7000e3 / (geo.distanceAu() * SkyFrames.AU_M);
            assertEquals(expected, shift, 0.002 * expected, "parallax at " + deltaAu + " AU");
        }
        // the figure: from 7000 km a main-belt object at 1.5 AU is displaced by ~6.4 arcsec
        assertEquals(6.4, Math.toDegrees(7000e3 / (1.5 * SkyFrames.AU_M)) * 3600, 0.05);
    }

    @Test
    void lightTimeIsTheDistanceOverC() {
        SkyObject o = circular(3, earthLongitude(DATE), DATE);
        Apparent a = o.observe(DATE, Vector3D.ZERO);
        assertEquals(a.distanceAu() * SkyFrames.AU_M / 299_792_458.0, a.lightTimeS(), 1e-6);
        // seen where it was tau earlier: ~1000 s at 2 AU, i.e. ~13 arcsec of its own motion in longitude
        assertEquals(2 * SkyFrames.AU_M / 299_792_458.0, a.lightTimeS(), 20);
    }

    @Test
    void sampledObjectsAreWhereTheyWereAskedToBeAndDetectable() {
        FieldSampler s = new FieldSampler(new Random(5));
        Vector3D observer = new Vector3D(-3000e3, 6000e3, 1500e3);
        Vector3D antiSun = SkyFrames.SUN.getPosition(DATE, SkyFrames.GCRF).negate().normalize();
        for (int k = 0; k < 200; k++) {
            Vector3D dir = new Vector3D(antiSun.getAlpha() + Math.toRadians(k % 7 - 3),
                    antiSun.getDelta() + Math.toRadians(k % 9 - 4) * 4);
            SkyObject o = s.draw(DATE, observer, dir);
            Apparent a = o.observe(DATE, observer);
            double off = Vector3D.angle(dir, new Vector3D(Math.toRadians(a.raDeg()), Math.toRadians(a.decDeg())));
            assertEquals(0, Math.toDegrees(off) * 3600, 1e-3, "arcsec off the line of sight asked");
            assertTrue(a.vMag() >= FieldSampler.SATURATION_V_MAG && a.vMag() <= FieldSampler.LIMITING_V_MAG,
                    "V " + a.vMag());
            if (o.orbitClass() == OrbitClass.MBA) {
                assertTrue(o.aAu() >= 2.1 && o.aAu() <= 3.3 && o.aAu() * (1 - o.e()) > 1.666, "" + o);
            }
            if (o.orbitClass() == OrbitClass.APOLLO) {
                assertTrue(o.aAu() > 1 && o.aAu() * (1 - o.e()) < 1.017, "" + o);
            }
            if (o.orbitClass() == OrbitClass.AMOR) {
                double q = o.aAu() * (1 - o.e());
                assertTrue(q > 1.017 && q < 1.3, "" + o);
            }
            if (o.orbitClass() == OrbitClass.ATEN) {
                assertTrue(o.aAu() < 1 && o.aAu() * (1 + o.e()) > 0.983, "" + o);
            }
        }
        assertEquals(0, s.fallbacks(), "near opposition every class fits");
    }
}
