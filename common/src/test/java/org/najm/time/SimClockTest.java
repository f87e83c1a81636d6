package org.najm.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SimClockTest {

    private static final Instant START = Instant.parse("2026-11-20T00:00:00Z");

    @Test
    void simulatedTimeRunsAtTheRateFromTheAnchor() {
        Clock wall = Clock.fixed(Instant.ofEpochMilli(1_000_000 + 10_000), ZoneOffset.UTC);
        SimClock c = new SimClock(START, 60, 1_000_000, wall);
        assertEquals(START.plusSeconds(600), c.now()); // 10 s of wall time at rate 60
        assertEquals(1_000_000 + 10_000, c.toWallMillis(START.plusSeconds(600).toEpochMilli()));
        assertEquals(1000, c.wallDuration(60_000));
    }

    @Test
    void twoProcessesWithTheSameEnvironmentAgree() {
        SimClock a = SimClock.startingNow(START, 20);
        SimClock b = SimClock.fromEnvironment(a.toEnvironment());
        assertEquals(a.start(), b.start());
        assertEquals(a.rate(), b.rate());
        assertEquals(a.anchorMillis(), b.anchorMillis());
        assertTrue(Math.abs(a.millis() - b.millis()) < 100);
    }

    @Test
    void badEnvironmentIsRefusedNamingTheVariable() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> SimClock.fromEnvironment(Map.of(SimClock.ENV_START, "yesterday")));
        assertTrue(e.getMessage().contains("NAJM_SIM_START"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimClock.fromEnvironment(Map.of(SimClock.ENV_RATE, "fast")));
        assertTrue(e.getMessage().contains("NAJM_SIM_RATE"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimClock.fromEnvironment(Map.of(SimClock.ENV_RATE, "-1")));
        assertTrue(e.getMessage().contains("NAJM_SIM_RATE"), e.getMessage());
    }

    @Test
    void defaultsAreNowAtRateOne() {
        SimClock c = SimClock.fromEnvironment(Map.of());
        assertEquals(1.0, c.rate());
        assertTrue(Math.abs(c.millis() - System.currentTimeMillis()) < 1000);
    }
}
