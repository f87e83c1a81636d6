package org.najm.contacts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.najm.planning.Unavailability;

class UnavailabilityLogTest {

    @TempDir
    Path dir;

    @Test
    void windowsOutliveTheMocAndRemovalsToo() throws Exception {
        Path file = dir.resolve("najm").resolve("station-unavailability.txt");
        var log = new UnavailabilityLog(file);
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        var kept = log.add(new Unavailability("RABAT", t, t.plusSeconds(3600), "maintenance\twith a tab"), "delta-op");
        var removed = log.add(new Unavailability("SVALBARD", t, t.plusSeconds(60), "snow"), "alpha-lead");
        assertTrue(log.remove(removed.id(), "bravo-lead").isPresent());
        assertTrue(log.remove("no-such-id", "bravo-lead").isEmpty());

        var again = new UnavailabilityLog(file);
        assertEquals(1, again.windows().size());
        var w = again.windows().get(0);
        assertEquals(kept.id(), w.id());
        assertEquals("delta-op", w.by());
        assertEquals("maintenance with a tab", w.unavailability().reason());
        assertEquals(t.plusSeconds(3600), w.unavailability().end());
        assertEquals(3, Files.readAllLines(file).size(), "the file only grows");
    }
}
