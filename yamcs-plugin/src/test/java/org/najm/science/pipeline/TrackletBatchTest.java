package org.najm.science.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.najm.science.Detections;
import org.najm.science.Tracklet;

class TrackletBatchTest {

    private static final Instant T = Instant.parse("2026-11-20T01:00:00Z");

    @Test
    void leavesWhenFullOrWhenItsFirstTrackletIsOldEnough() {
        TrackletBatch batch = new TrackletBatch(2, Duration.ofSeconds(10));
        assertFalse(batch.due(T));
        assertFalse(batch.add(tracklet(1), T));
        assertFalse(batch.due(T.plusSeconds(9)));
        assertTrue(batch.due(T.plusSeconds(10)));
        assertTrue(batch.add(tracklet(2), T.plusSeconds(5)));

        List<Tracklet> taken = batch.take();
        assertEquals(List.of(1L, 2L), taken.stream().map(tr -> tr.key().trackletId()).toList());
        assertTrue(batch.isEmpty());
        assertFalse(batch.due(T.plusSeconds(60)), "an empty batch is never due");
        batch.add(tracklet(3), T.plusSeconds(60));
        assertFalse(batch.due(T.plusSeconds(69)), "the age counts from the first tracklet of the new batch");
    }

    private static Tracklet tracklet(long id) {
        var detections = List.of(Detections.det("NAJM-1", id, 0, 3), Detections.det("NAJM-1", id, 1, 3),
                Detections.det("NAJM-1", id, 2, 3));
        return new Tracklet(detections.get(0).key(), detections);
    }
}
