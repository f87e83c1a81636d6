package org.najm.simulator.station;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.constellation.Spacecraft;
import org.najm.constellation.Station;
import org.najm.simulator.spacecraft.SpacecraftSim;

class VisibilityTest {

    static final Instant START = Instant.parse("2026-11-20T00:00:00Z");
    static final Constellation C = load();

    static Constellation load() {
        try {
            return Constellation.load(Path.of("..", "etc", "constellation.yaml"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void svalbardSeesNajm1SeveralTimesADay() {
        Spacecraft sc = C.spacecraftByScid(0x1A1).orElseThrow();
        Station sv = C.stationByName("SVALBARD").orElseThrow();
        Instant t = START;
        int passes = 0;
        while (true) {
            var p = Visibility.nextPass(sc, sv, t, Duration.between(t, START.plus(Duration.ofDays(1))));
            if (p.isEmpty()) {
                break;
            }
            Visibility.Pass pass = p.get();
            assertTrue(pass.los().isAfter(pass.aos()));
            assertTrue(Duration.between(pass.aos(), pass.los()).toMinutes() < 20);
            assertTrue(pass.maxElevationDeg() >= sv.mask());
            passes++;
            t = pass.los();
        }
        assertTrue(passes >= 8, "a polar station sees a polar orbiter on most orbits: " + passes);
        assertEquals(Visibility.nextPass(sc, sv, START, Duration.ofDays(1)).get().aos(),
                Visibility.nextAos(sc, sv, START, Duration.ofDays(1)).get());
    }

    @Test
    void stationTracksOnlyAboveMaskAndLogsLos() {
        Spacecraft sc = C.spacecraftByScid(0x1A1).orElseThrow();
        Station sv = C.stationByName("SVALBARD").orElseThrow();
        Visibility.Pass pass = Visibility.nextPass(sc, sv, START, Duration.ofDays(1)).orElseThrow();
        SpacecraftSim sim = new SpacecraftSim(sc, f -> { }, 1, 1);
        StationSim st = new StationSim(sv, new FirstRisenPolicy(), 120);
        int tracked = 0;
        for (Instant t = pass.aos().minusSeconds(60); t.isBefore(pass.los().plusSeconds(60)); t = t.plusSeconds(5)) {
            sim.propagate(t);
            st.update(t, List.of(sim));
            if (st.trackedScid().isPresent()) {
                tracked++;
                assertTrue(st.elevation(0x1A1) >= sv.mask());
                assertTrue(st.visible(0x1A1));
            } else {
                assertTrue(st.elevation(0x1A1) < sv.mask() + 0.5);
            }
        }
        assertTrue(tracked * 5 >= Duration.between(pass.aos(), pass.los()).toSeconds() - 10);
        assertEquals(OptionalInt.empty(), st.trackedScid());
    }

    @Test
    void firstRisenWinsTiesByScid() {
        FirstRisenPolicy p = new FirstRisenPolicy();
        Station sv = C.stations().get(0);
        var a = new AntennaPolicy.Candidate(0x1A2, START, 10);
        var b = new AntennaPolicy.Candidate(0x1A1, START, 20);
        var c = new AntennaPolicy.Candidate(0x1A3, START.minusSeconds(1), 5);
        assertEquals(OptionalInt.of(0x1A1), p.choose(sv, OptionalInt.empty(), List.of(a, b), START));
        assertEquals(OptionalInt.of(0x1A3), p.choose(sv, OptionalInt.empty(), List.of(a, b, c), START));
        assertEquals(OptionalInt.of(0x1A2), p.choose(sv, OptionalInt.of(0x1A2), List.of(a, b, c), START));
    }
}
