package org.najm.science.neo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.science.Detection;
import org.najm.science.Tracklet;
import org.najm.science.TrackletKey;
import org.orekit.orbits.KeplerianOrbit;

/**
 * Statistical ranging against objects on known Orekit orbits, observed from a known spacecraft through the
 * test's own Earth ephemeris ({@link SkyOracle}): the class is recovered and the score follows it.
 */
class StatisticalRangingTest {

    private static final StatisticalRanging RANGING = new StatisticalRanging();

    private static NeoAssessment assess(KeplerianOrbit o, double h, long seed) {
        return RANGING.assess(SkyOracle.observe(o, 5, 60, 0.2, h, seed));
    }

    @Test
    void aMainBeltAsteroidAtOppositionIsMainBeltWithALowScore() {
        var o = SkyOracle.visible(2.6, 0.12, 7, 40, 1.0, 3.0);
        NeoAssessment a = assess(o, 16, 1);
        assertEquals(OrbitClass.MBA, a.orbitClass(), a.toString());
        assertTrue(a.score() < 10, a.toString());
    }

    @Test
    void anApolloCloseToTheEarthIsNearEarthWithAHighScore() {
        var o = SkyOracle.visible(1.6, 0.5, 20, 200, 0.05, 0.2);
        NeoAssessment a = assess(o, 22, 2);
        assertTrue(a.orbitClass().isNeo(), a.toString());
        assertTrue(a.score() >= 65, a.toString());
    }

    @Test
    void anAmorIsNearEarth() {
        var o = SkyOracle.visible(2.2, 0.5, 8, 100, 0.1, 0.3);
        NeoAssessment a = assess(o, 20, 3);
        assertTrue(a.orbitClass().isNeo(), a.toString());
        assertTrue(a.score() >= 65, a.toString());
    }

    @Test
    void aJupiterTrojanIsATrojan() {
        var o = SkyOracle.visible(5.2, 0.05, 10, 0, 4.0, 5.0);
        NeoAssessment a = RANGING.assess(SkyOracle.observe(o, 6, 60, 0.1, 12, 4));
        assertEquals(OrbitClass.TROJAN, a.orbitClass(), a.toString());
        assertTrue(a.score() < 5, a.toString());
    }

    @Test
    void aMainBeltAsteroidNearItsStationaryPointGetsALowScore() {
        var o = SkyOracle.slowest(2.8, 0.1, 10, 300, 90);
        NeoAssessment a = assess(o, 16.5, 5);
        assertTrue(a.motion().rateDegPerDay() < 0.2, a.toString());
        assertTrue(a.score() < 20, a.toString());
    }

    @Test
    void aFastMoverFarOffTheEclipticGetsAHighScore() {
        Tracklet t = straight(60, 65, 6, 4, 20); // 7 deg/day at dec 65: no main-belt orbit moves like that
        NeoAssessment a = RANGING.assess(t);
        assertTrue(a.score() >= 65, a.toString());
        assertTrue(a.orbitClass().isNeo(), a.toString());
    }

    @Test
    void theSameTrackletGetsTheSameAssessment() {
        var o = SkyOracle.visible(2.6, 0.12, 7, 40, 1.0, 3.0);
        Tracklet t = SkyOracle.observe(o, 4, 60, 0.3, 17, 7);
        assertEquals(RANGING.assess(t).score(), new StatisticalRanging().assess(t).score());
        assertEquals(RANGING.assess(t).probabilities(), RANGING.assess(t).probabilities());
    }

    @Test
    void theFitRecoversTheRatesOfAStraightMotion() {
        // 1.2 deg/day in RA*cos(dec) and -0.5 deg/day in Dec at dec -30: the fit's rates, at the mean epoch
        Tracklet t = straight(200, -30, 1.2, -0.5, 18);
        TrackletMotion m = TrackletMotion.fit(t);
        assertEquals(1.2, m.raRateDegPerDay(), 1e-4);
        assertEquals(-0.5, m.decRateDegPerDay(), 1e-4);
        assertEquals(-30 - 0.5 * 120 / 86400.0, m.decDeg(), 1e-6);
        assertEquals(240, m.arcSeconds(), 1e-9);
        // the spacecraft moves 7.5 km/s along y
        assertEquals(7.5, m.observerVelocityKmPerS().getY(), 1e-9);
        assertTrue(m.sigmaRaRateDegPerDay() > 0 && m.sigmaRaRateDegPerDay() < 0.02, m.toString());
    }

    /** Five detections 60 s apart on a great-circle-free straight line in (RA cos dec, Dec), no noise. */
    private static Tracklet straight(double ra0, double dec0, double raRate, double decRate, double mag) {
        List<Detection> ds = new ArrayList<>();
        Instant t0 = Instant.parse("2026-12-01T03:00:00Z");
        for (int k = 0; k < 5; k++) {
            double days = k * 60 / 86400.0;
            double dec = dec0 + decRate * days;
            double ra = ra0 + raRate * days / Math.cos(Math.toRadians(dec0));
            Instant t = t0.plusSeconds(60L * k);
            ds.add(new Detection("NAJM-2", 9, k, 5, t, ra, dec, 0.1, 0.1, mag, 0.1, "V", 20, 30, 7000,
                    7.5 * 60 * k, 0, t));
        }
        return new Tracklet(new TrackletKey("NAJM-2", 9), ds);
    }
}
