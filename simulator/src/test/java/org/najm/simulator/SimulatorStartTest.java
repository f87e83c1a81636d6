package org.najm.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.najm.constellation.Constellation;
import org.najm.simulator.packet.BusHk;
import org.najm.simulator.spacecraft.Mode;
import org.najm.simulator.spacecraft.SpacecraftSim;
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

    /** Polls until every spacecraft has sent a BUS_HK (deadline 10 s) and returns the first one's mode. */
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

    @Test
    void routineOperationsOnRequest() throws Exception {
        try (Simulator sim = Simulator.start(localConstellation(), SimClock.startingNow(START, 1),
                new Simulator.Options().routineOps(true))) {
            assertAllInMode(sim, Mode.SURVEY);
            assertTrue(sim.allSpacecraft().stream().allMatch(SpacecraftSim::payloadOn));
        }
    }
}
