package org.najm.passes;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.najm.constellation.Station;
import org.orekit.data.DataContext;

/**
 * Every predicted pass against {@link ExactElevation} (Orekit's full frame chain at every evaluation, none of
 * PassPredictor's code): the exact mask crossing next to each AOS and LOS, the exact maximum between them and the
 * azimuths at the exact crossings. Fails at once when a reported AOS or LOS has no exact crossing within
 * {@value #WINDOW_S} s (a spurious pass or a grossly wrong time), or when a clipped end is not above the mask.
 *
 * @param passes          passes checked
 * @param clippedEnds     AOS at the window's start or LOS at its end (checked above the mask, not timed)
 * @param maxCrossingS    largest |predicted - exact| AOS or LOS, seconds
 * @param maxTcaS         largest |predicted - exact| TCA, seconds
 * @param maxElevationDeg largest |predicted - exact| maximum elevation, degrees
 * @param maxAzimuthDeg   largest |predicted - exact| azimuth at AOS or LOS, degrees
 */
record ExactPassCheck(int passes, int clippedEnds, double maxCrossingS, double maxTcaS, double maxElevationDeg,
        double maxAzimuthDeg) {

    /** How far from a reported AOS or LOS the exact crossing is looked for, seconds (at most half the pass). */
    static final double WINDOW_S = 0.5;

    static ExactPassCheck of(List<Pass> predicted, List<SpacecraftTle> sats, List<Station> stations, Instant start,
            Instant end, DataContext ctx) {
        Map<String, ExactElevation> exact = new HashMap<>();
        int clipped = 0;
        double crossing = 0;
        double tca = 0;
        double el = 0;
        double az = 0;
        for (Pass p : predicted) {
            ExactElevation e = exact.computeIfAbsent(p.spacecraft() + "|" + p.station(),
                    k -> new ExactElevation(spacecraft(sats, p.spacecraft()), station(stations, p.station()), ctx));
            clipped += (p.aos().equals(start) ? 1 : 0) + (p.los().equals(end) ? 1 : 0);
            Instant aos = exactEnd(e, p, true, start);
            Instant los = exactEnd(e, p, false, end);
            crossing = Math.max(crossing, Math.max(PassComparison.seconds(p.aos(), aos),
                    PassComparison.seconds(p.los(), los)));
            Instant exactTca = e.maximum(p.aos(), p.los());
            tca = Math.max(tca, PassComparison.seconds(p.tca(), exactTca));
            el = Math.max(el, Math.abs(p.maxElevationDeg() - e.elevationDeg(exactTca)));
            az = Math.max(az, PassComparison.angleDeg(p.aosAzimuthDeg(), e.azimuthDeg(aos)));
            az = Math.max(az, PassComparison.angleDeg(p.losAzimuthDeg(), e.azimuthDeg(los)));
        }
        return new ExactPassCheck(predicted.size(), clipped, crossing, tca, el, az);
    }

    /**
     * The exact AOS (or LOS) next to the reported one; a clipped end (at {@code clip}) is exact by definition
     * and only checked above the mask.
     */
    private static Instant exactEnd(ExactElevation e, Pass p, boolean aos, Instant clip) {
        Instant t = aos ? p.aos() : p.los();
        if (t.equals(clip)) {
            if (!(e.elevationDeg(t) > e.maskDeg())) {
                fail("clipped end not above the mask: " + p);
            }
            return t;
        }
        Duration outside = Duration.ofNanos((long) (WINDOW_S * 1e9));
        Duration inside = Duration.ofNanos(Math.min(outside.toNanos(), p.duration().toNanos() / 2));
        Instant exact = aos ? e.crossing(t.minus(outside), t.plus(inside))
                : e.crossing(t.minus(inside), t.plus(outside));
        if (exact == null) {
            fail("no exact mask crossing within " + WINDOW_S + " s of " + t + ": " + p);
        }
        return exact;
    }

    @Override
    public String toString() {
        return String.format("%d passes (%d clipped ends) against Orekit's full chain: max |dAOS/LOS| %.2e s, "
                + "|dTCA| %.2e s, |dMaxEl| %.2e deg, |dAz| %.2e deg", passes, clippedEnds, maxCrossingS, maxTcaS,
                maxElevationDeg, maxAzimuthDeg);
    }

    static SpacecraftTle spacecraft(List<SpacecraftTle> sats, String name) {
        return sats.stream().filter(s -> s.spacecraft().equals(name)).findFirst().orElseThrow();
    }

    static Station station(List<Station> stations, String name) {
        return stations.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
