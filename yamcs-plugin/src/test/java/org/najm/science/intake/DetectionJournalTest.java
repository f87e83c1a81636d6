package org.najm.science.intake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.najm.science.TrackletKey;

class DetectionJournalTest {

    private static final Set<String> CONSTELLATION = Set.of("NAJM-1", "NAJM-2");
    private static final TrackletKey A = new TrackletKey("NAJM-1", 7);
    private static final TrackletKey B = new TrackletKey("NAJM-2", 7);

    @TempDir
    Path dir;

    @Test
    void aRestartReplaysEveryPacketOfTheIncompleteTrackletsInOrder() throws Exception {
        DetectionJournal journal = new DetectionJournal(dir.resolve("incomplete"));
        journal.record(B, new byte[] { 3 });
        journal.record(A, new byte[] { 1, (byte) 0xFF });
        journal.record(A, new byte[] { 2 });

        List<DetectionJournal.Entry> entries = new DetectionJournal(dir.resolve("incomplete")).entries(CONSTELLATION);
        assertEquals(List.of("NAJM-1", "NAJM-1", "NAJM-2"), entries.stream().map(DetectionJournal.Entry::spacecraft)
                .toList());
        assertArrayEquals(new byte[] { 1, (byte) 0xFF }, entries.get(0).packet());
        assertArrayEquals(new byte[] { 2 }, entries.get(1).packet());
        assertArrayEquals(new byte[] { 3 }, entries.get(2).packet());
    }

    @Test
    void aQueuedTrackletIsForgotten() throws Exception {
        DetectionJournal journal = new DetectionJournal(dir);
        journal.record(A, new byte[] { 1 });
        journal.record(B, new byte[] { 2 });
        journal.delete(A);
        journal.delete(new TrackletKey("NAJM-1", 8)); // never journalled
        List<DetectionJournal.Entry> entries = journal.entries(CONSTELLATION);
        assertEquals(1, entries.size());
        assertEquals("NAJM-2", entries.get(0).spacecraft());
    }

    @Test
    void otherSpacecraftAndOtherFilesAreLeftAlone() throws Exception {
        DetectionJournal journal = new DetectionJournal(dir);
        journal.record(new TrackletKey("NAJM-9", 1), new byte[] { 9 });
        Files.writeString(dir.resolve("NAJM-1_5.hex.tmp"), "zz\n");
        Files.writeString(dir.resolve("NAJM-1_6.hex"), "\n0a0b\n\n");
        List<DetectionJournal.Entry> entries = journal.entries(CONSTELLATION);
        assertEquals(1, entries.size());
        assertArrayEquals(new byte[] { 10, 11 }, entries.get(0).packet());
        assertTrue(Files.exists(dir.resolve("NAJM-9_1.hex")));
    }
}
