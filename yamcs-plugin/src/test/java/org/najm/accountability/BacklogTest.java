package org.najm.accountability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class BacklogTest {

    private static final Instant T0 = Instant.parse("2026-11-20T00:00:00Z");

    @Test
    void theOldestOutstandingItemIsTheFirstDownstreamHasNotReached() {
        Backlog b = new Backlog();
        b.update(10, 0, T0);
        b.update(15, 0, T0.plusSeconds(60));
        assertEquals(Duration.ofSeconds(120), b.oldest(T0.plusSeconds(120)));
        b.update(15, 10, T0.plusSeconds(130)); // the first ten are through: the next came at +60 s
        assertEquals(Duration.ofSeconds(70), b.oldest(T0.plusSeconds(130)));
        b.update(15, 15, T0.plusSeconds(140));
        assertEquals(Duration.ZERO, b.oldest(T0.plusSeconds(200)), "nothing outstanding");
    }

    @Test
    void nothingOutstandingHasNoAge() {
        Backlog b = new Backlog();
        b.update(0, 0, T0);
        assertEquals(Duration.ZERO, b.oldest(T0.plusSeconds(999)));
    }
}
