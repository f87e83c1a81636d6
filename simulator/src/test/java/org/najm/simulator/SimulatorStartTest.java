package org.najm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.simulator.packet.BusHk;
import org.najm.simulator.spacecraft.Mode;
import org.najm.simulator.spacecraft.SpacecraftSim;
import org.najm.simulator.spacecraft.SpacecraftSnapshot;
import org.najm.simulator.testutil.UdpPorts;
import org.najm.time.SimClock;

/** How the programmatic simulator starts its spacecraft: cold by default, routine operations on request. */
class SimulatorStartTest {

    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    static Constellation localConstellation() throws Exception {
        Constellation c = Constellation.load(Path.of("..", "etc", "constellation.yaml"));
        int n = c.stations().size();
        return c.withTransport(c.transport().withPortBases(UdpPorts.freeBase(n), UdpPorts.freeBase(n)));
    }

    /** Polls until every spacecraft has sent a BUS_HK (deadline 10 s); checks that BUS_HK's mode. */
    private static void assertAllInMode(Simulator sim, Mode expected) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        for (SpacecraftSim sc : sim.allSpacecraft()) {
            BusHk hk;
            while ((hk = sc.lastBusHk()) == null) {
                assertTrue(System.currentTimeMillis() < deadline, sc.name() + ": no BUS_HK before the deadline");
                Thread.sleep(20);
            }
            assertEquals(expected.code(), hk.mode(), sc.name());
            assertEquals(expected, sc.mode(), sc.name());
        }
    }

    @Test
    void programmaticSimulatorStartsColdByDefault() throws Exception {
        try (Simulator sim = Simulator.start(localConstellation(), SimClock.startingNow(START, 1))) {
            assertAllInMode(sim, Mode.STANDBY);
        }
    }

    /**
     * A simulated hour at 300 times the wall clock: the survey runs and its science piles up onboard. The hour
     * counts from the first tick seen (starting the simulator takes simulated minutes at this rate).
     */
    @Test
    void routineOperationsMakeDetectionsOverASimulatedHour() throws Exception {
        double rate = 300;
        try (Simulator sim = Simulator.start(localConstellation(), SimClock.startingNow(START, rate),
                new Simulator.Options().routineOps(true))) {
            long deadline = System.currentTimeMillis() + (long) (3600 / rate * 1000) + 30_000;
            Map<String, Long> last = new HashMap<>();
            Map<String, Long> atHalfHour = new HashMap<>();
            Instant begin = null;
            while (true) {
                assertTrue(System.currentTimeMillis() < deadline, "the simulated hour did not pass before the deadline"
                        + " (" + sim.ticks() + " ticks, " + sim.ticksSkipped() + " skipped)");
                List<SpacecraftSnapshot> now = new ArrayList<>();
                for (SpacecraftSim sc : sim.allSpacecraft()) {
                    now.add(sc.snapshot().get(5, TimeUnit.SECONDS));
                }
                if (begin == null) {
                    if (now.stream().anyMatch(s -> s.time() == null)) {
                        Thread.sleep(20);
                        continue;
                    }
                    begin = now.get(0).time();
                    for (SpacecraftSnapshot s : now) {
                        assertEquals(Mode.SURVEY, s.mode(), s.name());
                    }
                }
                boolean done = true;
                for (SpacecraftSnapshot s : now) {
                    long previous = last.getOrDefault(s.name(), 0L);
                    assertTrue(s.detectionsTotal() >= previous, s.name() + ": detections never go down");
                    last.put(s.name(), s.detectionsTotal());
                    if (!s.time().isBefore(begin.plusSeconds(1800))) {
                        atHalfHour.putIfAbsent(s.name(), s.detectionsTotal());
                    }
                    done &= !s.time().isBefore(begin.plusSeconds(3600));
                }
                if (done) {
                    break;
                }
                Thread.sleep(100);
            }
            for (SpacecraftSim sc : sim.allSpacecraft()) {
                SpacecraftSnapshot s = sc.snapshot().get(5, TimeUnit.SECONDS);
                String why = s + " (" + sim.ticksSkipped() + " ticks skipped)";
                assertEquals(Mode.SURVEY, s.mode(), why);
                assertTrue(atHalfHour.get(s.name()) > 0, "detections in the first half hour: " + why);
                assertTrue(s.detectionsTotal() > atHalfHour.get(s.name()), "more in the second: " + why);
                assertTrue(s.exposuresSinceBoot() >= 50, "about one exposure a minute: " + why);
                assertEquals(s.detectionsTotal(), s.science().packets(), "all detections held: " + why);
                assertEquals(s.detectionsTotal(), s.detectionsSinceBoot(), why);
            }
        }
    }

    @Test
    void routineOperationsOnRequest() throws Exception {
        try (Simulator sim = Simulator.start(localConstellation(), SimClock.startingNow(START, 1),
                new Simulator.Options().routineOps(true))) {
            assertAllInMode(sim, Mode.SURVEY);
            assertTrue(sim.allSpacecraft().stream().allMatch(SpacecraftSim::payloadOn));
        }
    }
}
