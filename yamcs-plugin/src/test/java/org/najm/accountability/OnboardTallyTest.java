package org.najm.accountability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnboardTallyTest {

    @TempDir
    Path dir;

    @Test
    void detectionsMadeAreEachBootsHighestCountSummed() throws Exception {
        OnboardTally t = OnboardTally.load(dir.resolve("NAJM-1.yaml"));
        assertTrue(t.detections(1, 10));
        assertTrue(t.detections(1, 25));
        assertFalse(t.detections(1, 20), "a lower count of the same boot (an older packet) changes nothing");
        assertTrue(t.detections(2, 4)); // the counter restarted with the boot
        assertEquals(29, t.made());
    }

    @Test
    void anEventSeenLiveAndInADumpCountsOnce() throws Exception {
        OnboardTally t = OnboardTally.load(dir.resolve("NAJM-1.yaml"));
        assertTrue(t.freed("1000 SCIENCE DELETED 12 PACKETS UP TO 5", 12));
        assertFalse(t.freed("1000 SCIENCE DELETED 12 PACKETS UP TO 5", 12));
        assertTrue(t.overflow("2000 SCIENCE STORE OVERFLOW"));
        assertFalse(t.overflow("2000 SCIENCE STORE OVERFLOW"));
        assertEquals(12, t.freed());
        assertEquals(1, t.overflows());
    }

    @Test
    void aSavedTallyIsReadBackWhole() throws Exception {
        Path file = dir.resolve("NAJM-2.yaml");
        OnboardTally t = OnboardTally.load(file);
        t.detections(3, 7);
        t.freed("k1", 5);
        t.overflow("k2");
        t.save();
        OnboardTally back = OnboardTally.load(file);
        assertEquals(7, back.made());
        assertEquals(5, back.freed());
        assertEquals(1, back.overflows());
        assertFalse(back.freed("k1", 5), "the events counted before the restart are remembered");
    }

    @Test
    void aCorruptTallySaysWhichFileAndChangesNothing() throws Exception {
        Path file = dir.resolve("NAJM-3.yaml");
        Files.writeString(file, "maxDetectionsByBoot: 12\n");
        var e = assertThrows(IOException.class, () -> OnboardTally.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("malformed"), e.getMessage());
        assertEquals("maxDetectionsByBoot: 12\n", Files.readString(file));
    }
}
