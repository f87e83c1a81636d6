package org.najm.simulator.sky;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

import org.hipparchus.geometry.euclidean.threed.Vector3D;
import org.junit.jupiter.api.Test;
import org.najm.simulator.packet.GpsTime;
import org.orekit.time.AbsoluteDate;

/** The classes come out in their documented proportions, and the population respects the sky's structure. */
class PopulationTest {

    static final AbsoluteDate DATE = GpsTime.date(Instant.parse("2026-11-20T00:00:00Z"));

    static Map<OrbitClass, Integer> draw(AbsoluteDate date, Vector3D dir, int n, long seed) {
        FieldSampler s = new FieldSampler(new Random(seed));
        Map<OrbitClass, Integer> counts = new EnumMap<>(OrbitClass.class);
        for (int k = 0; k < n; k++) {
            counts.merge(s.draw(date, Vector3D.ZERO, dir).orbitClass(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void classesComeInTheirProportionsTowardOpposition() {
        // November 2026: the L5 swarm (Jupiter's mean longitude - 60 deg, ~70 deg) is near opposition (~58 deg)
        Vector3D antiSun = SkyFrames.SUN.getPosition(DATE, SkyFrames.GCRF).negate();
        int n = 3000;
        Map<OrbitClass, Integer> c = draw(DATE, antiSun, n, 1);
        for (OrbitClass k : OrbitClass.values()) {
            if (k == OrbitClass.ATEN) {
                continue; // atens reach opposition only near aphelion: fewer than their share (below)
            }
            double p = FieldSampler.DETECTED_FRACTIONS.get(k);
            double sigma = Math.sqrt(p * (1 - p) / n);
            double got = c.getOrDefault(k, 0) / (double) n;
            assertEquals(p, got, 4.5 * sigma + 0.005, k + ": " + c);
        }
        int neo = c.getOrDefault(OrbitClass.AMOR, 0) + c.getOrDefault(OrbitClass.APOLLO, 0)
                + c.getOrDefault(OrbitClass.ATEN, 0);
        assertTrue(neo > 0.03 * n && neo < 0.07 * n, "near-Earth objects: " + neo + " of " + n);
        assertTrue(c.getOrDefault(OrbitClass.ATEN, 0) <= 0.005 * n * 1.5 + 5, "atens " + c);
    }

    @Test
    void noTrojansAwayFromTheSwarms() {
        // 90 deg of longitude from both L4 and L5: Jupiter's own longitude + 180 deg, on the ecliptic
        double lj = SkyFrames.jupiterMeanLongitudeRad(DATE);
        Vector3D dir = SkyFrames.ICRF_TO_ECLIPTIC.applyInverseTo(new Vector3D(lj + Math.PI, 0));
        Map<OrbitClass, Integer> c = draw(DATE, dir, 300, 2);
        assertEquals(0, c.getOrDefault(OrbitClass.TROJAN, 0), "" + c);
    }

    @Test
    void absoluteMagnitudesFollowTheirPowerLaw() {
        Random rnd = new Random(3);
        int n = 20000;
        int bright = 0;
        for (int k = 0; k < n; k++) {
            double h = OrbitClass.MBA.drawH(rnd);
            assertTrue(h >= 12 && h <= 20);
            if (h < 19) {
                bright++;
            }
        }
        // dN/dH ~ 10^(0.35 H): N(H < 19) / N(H < 20) = (10^(0.35*7) - 1) / (10^(0.35*8) - 1)
        double expected = (Math.pow(10, 0.35 * 7) - 1) / (Math.pow(10, 0.35 * 8) - 1);
        assertEquals(expected, bright / (double) n, 4 * Math.sqrt(expected * (1 - expected) / n));
    }
}
