package org.najm.planning;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.constellation.Transport;
import org.najm.passes.Pass;

/** Hand-made planning inputs: the ICD constellation, passes written as times of day, a synthetic day. */
final class Scenarios {

    static final Instant DAY = Instant.parse("2026-11-22T00:00:00Z");
    static final List<String> SPACECRAFT = List.of("NAJM-1", "NAJM-2", "NAJM-3", "NAJM-4");
    static final List<String> STATIONS = List.of("SVALBARD", "DUBAI", "ANKARA", "KUALA-LUMPUR", "RABAT");

    private Scenarios() {
    }

    /** ICD sections 1-2: partners alpha..delta, SVALBARD shared, 120 s turnaround. */
    static Constellation constellation() {
        String[] partners = { "alpha", "bravo", "charlie", "delta" };
        List<Spacecraft> sc = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sc.add(new Spacecraft("NAJM-" + (i + 1), "najm-" + (i + 1), 0x1A1 + i, partners[i], "NJM" + (i + 1),
                    99001 + i, List.of("1 9900" + (i + 1) + "U", "2 9900" + (i + 1))));
        }
        String[] owners = { Station.SHARED, "alpha", "bravo", "charlie", "delta" };
        List<Station> st = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            st.add(new Station(k, STATIONS.get(k), 0, 0, 0, k == 0 ? 5 : 10, owners[k]));
        }
        return new Constellation(List.of(), sc, st, 120, new Transport("127.0.0.1", "127.0.0.1", 10100, 10200));
    }

    static Instant at(String timeOfDay) {
        return DAY.plusSeconds(LocalTime.parse(timeOfDay).toSecondOfDay());
    }

    static Pass pass(String spacecraft, String station, String aos, String los) {
        return pass(spacecraft, station, at(aos), at(los));
    }

    static Pass pass(String spacecraft, String station, Instant aos, Instant los) {
        Instant tca = aos.plus(Duration.between(aos, los).dividedBy(2));
        return new Pass(spacecraft, station, aos, los, tca, 45, 10, 190);
    }

    /** A request planned from the start of the day, default rules. */
    static PlanningRequest request(List<Pass> passes) {
        return PlanningRequest.of(passes, constellation(), DAY);
    }

    static ContactPlan plan(PlanningRequest request) {
        ContactPlan plan = new ContactPlanner().plan(request);
        PlanChecks.assertConsistent(request, plan);
        return plan;
    }

    /**
     * Every orbit (14 a day) all four spacecraft cross SVALBARD within a minute of each other, each pass
     * 10 minutes minus the given shortening: a day of pure conflict at the shared station.
     */
    static List<Pass> crowdedSvalbardDay(Duration... shortening) {
        List<Pass> passes = new ArrayList<>();
        Duration period = Duration.ofSeconds(6033);
        for (int orbit = 0; orbit < 14; orbit++) {
            Instant base = DAY.plus(period.multipliedBy(orbit)).plusSeconds(600);
            for (int i = 0; i < 4; i++) {
                Instant aos = base.plusSeconds(15L * i);
                Duration len = Duration.ofMinutes(10).minus(i < shortening.length ? shortening[i] : Duration.ZERO);
                passes.add(pass(SPACECRAFT.get(i), "SVALBARD", aos, aos.plus(len)));
            }
        }
        return passes;
    }

    /**
     * A day shaped like the NAJM geometry (14.32 orbits a day, ~785 km): SVALBARD sees most orbits of every
     * spacecraft for 7-13 min, NAJM-1/2 share a plane 90 deg apart, NAJM-3/4 another 180 deg apart; each
     * lower-latitude station sees each spacecraft about four times for 3-12 min. Seeded, so always the same.
     */
    static List<Pass> realisticDay(long seed) {
        Random rnd = new Random(seed);
        double period = 86400 / 14.32016018;
        double[] meanAnomaly = { 0, 90, 45, 225 };
        List<Pass> passes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double offset = ((360 - meanAnomaly[i]) % 360) / 360 * period;
            for (int orbit = -1; orbit < 15; orbit++) {
                if (rnd.nextInt(7) == 0) {
                    continue; // a low pass under the mask now and then
                }
                double centre = offset + orbit * period + rnd.nextGaussian() * 30;
                add(passes, SPACECRAFT.get(i), "SVALBARD", centre, 420 + rnd.nextInt(360));
            }
            for (String station : STATIONS.subList(1, 5)) {
                double first = rnd.nextDouble() * 12 * 3600;
                for (int n = 0; n < 4; n++) {
                    double centre = first + (n % 2) * period + (n / 2) * 12 * 3600 + rnd.nextGaussian() * 600;
                    add(passes, SPACECRAFT.get(i), station, centre, 180 + rnd.nextInt(540));
                }
            }
        }
        return passes;
    }

    private static void add(List<Pass> passes, String sc, String station, double centreSeconds, int lengthSeconds) {
        Instant aos = DAY.plusMillis(Math.round((centreSeconds - lengthSeconds / 2.0) * 1000));
        Instant los = aos.plusSeconds(lengthSeconds);
        if (!los.isBefore(DAY) && aos.isBefore(DAY.plus(Duration.ofDays(1)))) {
            passes.add(new Pass(sc, station, aos, los, aos.plusSeconds(lengthSeconds / 2), 10 + lengthSeconds / 10.0,
                    0, 180));
        }
    }
}
