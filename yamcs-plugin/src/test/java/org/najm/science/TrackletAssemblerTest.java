package org.najm.science;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.najm.science.Detections.det;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.najm.science.TrackletAssembler.Kind;
import org.najm.science.TrackletAssembler.Outcome;

class TrackletAssemblerTest {

    private static final Instant RX = Instant.parse("2026-11-20T03:00:00Z");

    private final Set<TrackletKey> done = new HashSet<>();
    private final TrackletAssembler assembler = new TrackletAssembler(done::contains);

    @Test
    void completesInOrder() {
        assertEquals(Kind.ACCEPTED, assembler.add(det("NAJM-1", 7, 0, 3), RX).kind());
        assertEquals(Kind.ACCEPTED, assembler.add(det("NAJM-1", 7, 1, 3), RX).kind());
        Outcome o = assembler.add(det("NAJM-1", 7, 2, 3), RX);
        assertEquals(Kind.COMPLETED, o.kind());
        assertEquals(new TrackletKey("NAJM-1", 7), o.tracklet().key());
        assertEquals(List.of(0, 1, 2), o.tracklet().detections().stream().map(Detection::detIndex).toList());
        assertTrue(o.tracklet().isComplete());
        assertTrue(assembler.held().isEmpty());
        assertEquals(1, assembler.completed());
    }

    @Test
    void completesOutOfOrderAndKeepsSpacecraftApart() {
        int[] order = {3, 1, 0};
        for (int i : order) {
            assertEquals(Kind.ACCEPTED, assembler.add(det("NAJM-1", 9, i, 4), RX).kind());
        }
        // same onboard id on another spacecraft: another tracklet
        assertEquals(Kind.ACCEPTED, assembler.add(det("NAJM-2", 9, 2, 4), RX).kind());
        Outcome o = assembler.add(det("NAJM-1", 9, 2, 4), RX);
        assertEquals(Kind.COMPLETED, o.kind());
        assertEquals(List.of(0, 1, 2, 3), o.tracklet().detections().stream().map(Detection::detIndex).toList());
        assertEquals(List.of(new TrackletKey("NAJM-2", 9)),
                assembler.held().stream().map(IncompleteTracklet::key).toList());
    }

    @Test
    void secondDumpOrSecondStationIsCountedOnce() {
        Detection first = det("NAJM-3", 5, 0, 3);
        assertEquals(Kind.ACCEPTED, assembler.add(first, RX).kind());
        // the same packet heard by another station: same measurement, other reception time
        Outcome again = assembler.add(first, RX.plusSeconds(40));
        assertEquals(Kind.DUPLICATE, again.kind());
        assembler.add(det("NAJM-3", 5, 1, 3), RX);
        assertEquals(Kind.COMPLETED, assembler.add(det("NAJM-3", 5, 2, 3), RX).kind());
        // a later playback of the whole store: the completed tracklet is not completed again
        for (int i = 0; i < 3; i++) {
            assertEquals(Kind.DUPLICATE, assembler.add(det("NAJM-3", 5, i, 3), RX.plusSeconds(3600)).kind());
        }
        assertEquals(1, assembler.completed());
        assertEquals(4, assembler.duplicates());
        assertEquals(7, assembler.received());
        assertTrue(assembler.held().isEmpty());
    }

    @Test
    void trackletCompletedInAnEarlierRunIsADuplicate() {
        done.add(new TrackletKey("NAJM-4", 42));
        Outcome o = assembler.add(det("NAJM-4", 42, 1, 3), RX);
        assertEquals(Kind.DUPLICATE, o.kind());
        assertNull(o.tracklet());
        assertTrue(assembler.held().isEmpty(), "nothing held for a done tracklet");
        assertEquals(1, assembler.duplicates());
    }

    @Test
    void trackletCompletedElsewhereWhileHeldIsDropped() {
        assembler.add(det("NAJM-4", 43, 0, 3), RX);
        done.add(new TrackletKey("NAJM-4", 43));
        assertEquals(Kind.DUPLICATE, assembler.add(det("NAJM-4", 43, 1, 3), RX).kind());
        assertTrue(assembler.held().isEmpty());
    }

    @Test
    void inconsistentDetectionsAreReportedNotMerged() {
        assembler.add(det("NAJM-1", 11, 0, 3, 100.0), RX);
        Outcome other = assembler.add(det("NAJM-1", 11, 0, 3, 100.5), RX);
        assertEquals(Kind.INCONSISTENT, other.kind());
        assertNotNull(other.reason());
        Outcome count = assembler.add(det("NAJM-1", 11, 1, 4), RX);
        assertEquals(Kind.INCONSISTENT, count.kind());
        assertTrue(count.reason().contains("det_count"), count.reason());
        assertEquals(2, assembler.inconsistent());
        IncompleteTracklet held = assembler.held().get(0);
        assertEquals(1, held.held().size());
        assertEquals(100.0, held.held().get(0).ra(), "the first version is kept");
        assertEquals(List.of(1, 2), held.missing());
    }

    @Test
    void overdueAfterHoldTimeStaysHeldAndCompletesLater() {
        Duration hold = Duration.ofHours(6);
        assembler.add(det("NAJM-2", 77, 0, 3), RX);
        assembler.add(det("NAJM-2", 77, 2, 3), RX.plusSeconds(600));
        assertTrue(assembler.overdue(RX.plus(hold).minusSeconds(1), hold).isEmpty());
        List<IncompleteTracklet> overdue = assembler.overdue(RX.plus(hold).plusSeconds(1), hold);
        assertEquals(1, overdue.size());
        IncompleteTracklet t = overdue.get(0);
        assertEquals(new TrackletKey("NAJM-2", 77), t.key());
        assertEquals(List.of(1), t.missing());
        assertEquals(RX, t.firstReceivedAt());
        assertEquals(RX.plusSeconds(600), t.lastReceivedAt());
        // still held: asking again lists it again, nothing was dropped or sent short
        assertEquals(1, assembler.overdue(RX.plus(hold).plusSeconds(2), hold).size());
        assertEquals(0, assembler.completed());
        // the next contact brings the missing detection
        Outcome o = assembler.add(det("NAJM-2", 77, 1, 3), RX.plus(Duration.ofHours(12)));
        assertEquals(Kind.COMPLETED, o.kind());
        assertEquals(3, o.tracklet().detections().size());
        assertTrue(assembler.overdue(RX.plus(Duration.ofHours(13)), hold).isEmpty());
    }
}
