package org.najm.passes;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two predictions of the same passes, paired: same spacecraft and station, overlapping in time (the closest AOS
 * first). The largest differences of the pairs, and what either has that the other has not. Azimuths that
 * either side does not give (NaN, e.g. Skyfield's) are left out.
 *
 * @param matched   pairs
 * @param onlyFirst passes of the first list with no counterpart
 * @param onlySecond passes of the second list with no counterpart
 * @param maxAosS   largest |dAOS|, seconds
 * @param maxLosS   largest |dLOS|, seconds
 * @param maxTcaS   largest |dTCA|, seconds
 * @param maxElevationDeg largest |d max elevation|, degrees
 * @param maxAzimuthDeg   largest |d azimuth| at AOS or LOS, degrees
 */
record PassComparison(int matched, List<Pass> onlyFirst, List<Pass> onlySecond, double maxAosS, double maxLosS,
        double maxTcaS, double maxElevationDeg, double maxAzimuthDeg) {

    static PassComparison of(List<Pass> first, List<Pass> second) {
        Map<String, List<Pass>> byPair = new HashMap<>();
        for (Pass p : second) {
            byPair.computeIfAbsent(p.spacecraft() + "|" + p.station(), k -> new ArrayList<>()).add(p);
        }
        Map<Pass, Pass> used = new IdentityHashMap<>();
        List<Pass> onlyFirst = new ArrayList<>();
        double aos = 0;
        double los = 0;
        double tca = 0;
        double el = 0;
        double az = 0;
        for (Pass p : first) {
            Pass best = null;
            for (Pass q : byPair.getOrDefault(p.spacecraft() + "|" + p.station(), List.of())) {
                boolean overlap = !q.aos().isAfter(p.los()) && !q.los().isBefore(p.aos());
                if (!used.containsKey(q) && overlap
                        && (best == null || seconds(p.aos(), q.aos()) < seconds(p.aos(), best.aos()))) {
                    best = q;
                }
            }
            if (best == null) {
                onlyFirst.add(p);
                continue;
            }
            used.put(best, p);
            aos = Math.max(aos, seconds(p.aos(), best.aos()));
            los = Math.max(los, seconds(p.los(), best.los()));
            tca = Math.max(tca, seconds(p.tca(), best.tca()));
            el = Math.max(el, Math.abs(p.maxElevationDeg() - best.maxElevationDeg()));
            az = max(az, angleDeg(p.aosAzimuthDeg(), best.aosAzimuthDeg()));
            az = max(az, angleDeg(p.losAzimuthDeg(), best.losAzimuthDeg()));
        }
        List<Pass> onlySecond = second.stream().filter(q -> !used.containsKey(q)).toList();
        return new PassComparison(used.size(), List.copyOf(onlyFirst), onlySecond, aos, los, tca, el, az);
    }

    boolean samePasses() {
        return onlyFirst.isEmpty() && onlySecond.isEmpty();
    }

    @Override
    public String toString() {
        return String.format("%d matched, %d only in the first, %d only in the second; max |dAOS| %.2e s, "
                + "|dLOS| %.2e s, |dTCA| %.2e s, |dMaxEl| %.2e deg, |dAz| %.2e deg", matched, onlyFirst.size(),
                onlySecond.size(), maxAosS, maxLosS, maxTcaS, maxElevationDeg, maxAzimuthDeg);
    }

    static double seconds(Instant a, Instant b) {
        return Math.abs(Duration.between(a, b).toNanos()) / 1e9;
    }

    /** |a - b| on the circle, degrees. */
    static double angleDeg(double a, double b) {
        double d = Math.abs(a - b) % 360;
        return Math.min(d, 360 - d);
    }

    /** The larger, a NaN (an angle not given) left out. */
    private static double max(double a, double b) {
        return Double.isNaN(b) ? a : Math.max(a, b);
    }
}
