package org.najm.science.pipeline;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.najm.science.delivery.Outbox;

/**
 * The complete tracklets the MOC knows, with their NEO score and class and the submission that carried them: the
 * outbox's records (durable) and the tracklets still waiting in the batch. Also the ground latency of each lane,
 * from the tracklet's completion to the archive's acknowledgement.
 */
public final class TrackletIndex {

    /** One tracklet in one submission; {@code submission} null while it waits in the batch. */
    record Entry(TrackletRecord record, String submission, Outbox.State state, Instant acknowledged) {
    }

    /** Per spacecraft and lane: tracklets queued, acknowledged, and the latency percentiles of those acknowledged. */
    public record LaneFigures(long queued, long acknowledged, Duration p50, Duration p99) {
    }

    private TrackletIndex() {
    }

    /** Every tracklet of the outbox and the batch, by first observation time, then submission. */
    static List<Entry> entries(Outbox outbox, List<TrackletRecord> waiting) throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Outbox.TrackletRecords r : outbox.trackletRecords()) {
            for (String line : r.lines()) {
                out.add(new Entry(TrackletRecord.parse(line), r.id(), r.state(), r.acknowledged()));
            }
        }
        waiting.forEach(w -> out.add(new Entry(w, null, null, null)));
        out.sort(Comparator.comparing((Entry e) -> e.record().firstObs())
                .thenComparing(e -> e.submission() == null ? "~" : e.submission()));
        return out;
    }

    /** Figures of one lane per spacecraft (every spacecraft named is present). */
    static Map<String, LaneFigures> lane(List<Entry> entries, TrackletRecord.Lane lane, List<String> spacecraft) {
        Map<String, LaneFigures> out = new LinkedHashMap<>();
        for (String sc : spacecraft) {
            long queued = 0;
            List<Duration> latencies = new ArrayList<>();
            for (Entry e : entries) {
                if (e.submission() != null && e.record().lane() == lane && e.record().key().spacecraft().equals(sc)) {
                    queued++;
                    if (e.acknowledged() != null) {
                        latencies.add(Duration.between(e.record().completed(), e.acknowledged()));
                    }
                }
            }
            latencies.sort(null);
            out.put(sc, new LaneFigures(queued, latencies.size(), percentile(latencies, 0.50),
                    percentile(latencies, 0.99)));
        }
        return out;
    }

    /** Nearest-rank percentile, or null if there is nothing. */
    static Duration percentile(List<Duration> sorted, double p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
