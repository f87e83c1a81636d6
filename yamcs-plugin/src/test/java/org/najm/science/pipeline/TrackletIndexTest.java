package org.najm.science.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.najm.science.TrackletKey;
import org.najm.science.delivery.Outbox;
import org.najm.science.neo.OrbitClass;

/** Tracklet records kept with their submission in the outbox, across a reopening, and the lanes' figures. */
class TrackletIndexTest {

    private static final Instant T = Instant.parse("2026-12-01T03:00:00Z");

    private static TrackletRecord record(long id, double score, TrackletRecord.Lane lane, Instant completed) {
        return new TrackletRecord(new TrackletKey("NAJM-1", id), "1" + id, T.plusSeconds(id), T.plusSeconds(id + 240),
                score, score >= 65 ? OrbitClass.APOLLO : OrbitClass.MBA, lane, completed);
    }

    @Test
    void aRecordReadsBackAsWritten() {
        TrackletRecord r = record(7, 87.25, TrackletRecord.Lane.FAST, T.plusSeconds(600));
        assertEquals(r, TrackletRecord.parse(r.line()));
        TrackletRecord unscored = record(8, Double.NaN, TrackletRecord.Lane.BATCH, T);
        assertTrue(Double.isNaN(TrackletRecord.parse(unscored.line()).score()));
        var e = assertThrows(IllegalArgumentException.class, () -> TrackletRecord.parse("NAJM-1/7\t1\tnot a time"));
        assertTrue(e.getMessage().contains("not a tracklet record"), e.getMessage());
    }

    @Test
    void recordsMoveWithTheirSubmissionAndSurviveAReopening(@TempDir Path dir) throws Exception {
        Outbox outbox = new Outbox(dir);
        TrackletRecord fast = record(1, 99, TrackletRecord.Lane.FAST, Instant.now().minusSeconds(3));
        TrackletRecord slow = record(2, 1, TrackletRecord.Lane.BATCH, Instant.now().minusSeconds(20));
        var s1 = outbox.enqueue("<ades/>", List.of("NAJM-1/1"), List.of(fast.line()));
        outbox.enqueue("<ades/>", List.of("NAJM-1/2"), List.of(slow.line()));
        outbox.markDelivered(s1, "receipt-1");

        Outbox reopened = new Outbox(dir);
        TrackletRecord waiting = record(3, 10, TrackletRecord.Lane.BATCH, Instant.now());
        var entries = TrackletIndex.entries(reopened, List.of(waiting));
        assertEquals(3, entries.size());
        assertEquals(fast, entries.get(0).record());
        assertEquals(s1.id(), entries.get(0).submission());
        assertEquals(Outbox.State.DELIVERED, entries.get(0).state());
        assertEquals(Outbox.State.PENDING, entries.get(1).state());
        assertNull(entries.get(2).submission(), "still in the batch");

        var fastLane = TrackletIndex.lane(entries, TrackletRecord.Lane.FAST, List.of("NAJM-1", "NAJM-2")).get("NAJM-1");
        assertEquals(1, fastLane.queued());
        assertEquals(1, fastLane.acknowledged());
        assertTrue(fastLane.p50().compareTo(Duration.ofSeconds(2)) > 0
                && fastLane.p50().compareTo(Duration.ofSeconds(60)) < 0, fastLane.toString());
        var batched = TrackletIndex.lane(entries, TrackletRecord.Lane.BATCH, List.of("NAJM-1")).get("NAJM-1");
        assertEquals(1, batched.queued(), "the waiting one is not queued");
        assertEquals(0, batched.acknowledged());
        assertNull(batched.p50());
    }

    @Test
    void percentilesAreNearestRank() {
        List<Duration> d = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(100));
        assertEquals(Duration.ofSeconds(2), TrackletIndex.percentile(d, 0.5));
        assertEquals(Duration.ofSeconds(100), TrackletIndex.percentile(d, 0.99));
    }
}
