package org.najm.science;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Groups detections into complete tracklets. Detections arrive in any order, more than once
 * (several playbacks, several stations hearing the same dump) and over several contacts.
 *
 * <p>An incomplete tracklet is held, never dropped nor sent short: {@link #overdue} only reports
 * it, and it completes whenever its missing detections arrive.
 *
 * <p>Not thread-safe: one per pipeline.
 */
public final class TrackletAssembler {

    public enum Kind {
        /** Stored; the tracklet is still incomplete. */
        ACCEPTED,
        /** This detection completed the tracklet: {@link Outcome#tracklet()} holds it. */
        COMPLETED,
        /** Already held, or the tracklet was already completed: nothing to do. */
        DUPLICATE,
        /** Contradicts what is held (same index, other content; other det_count): not merged. */
        INCONSISTENT
    }

    /**
     * @param kind     what happened
     * @param key      the detection's tracklet
     * @param tracklet the complete tracklet, for COMPLETED only (else null)
     * @param reason   why, for INCONSISTENT and DUPLICATE (else null)
     */
    public record Outcome(Kind kind, TrackletKey key, Tracklet tracklet, String reason) {
    }

    /** Keys completed by this assembler and not yet visible through alreadyDone; bounded. */
    private static final int RECENTLY_COMPLETED = 100_000;

    private final Predicate<TrackletKey> alreadyDone;
    private final Map<TrackletKey, Pending> pending = new LinkedHashMap<>();
    private final Map<TrackletKey, Boolean> recentlyCompleted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<TrackletKey, Boolean> eldest) {
            return size() > RECENTLY_COMPLETED;
        }
    };
    private long received;
    private long duplicates;
    private long inconsistent;
    private long completed;

    /**
     * @param alreadyDone whether a tracklet was completed (and queued or sent) before, e.g. in
     *                    an earlier run: the caller backs it with its durable record
     */
    public TrackletAssembler(Predicate<TrackletKey> alreadyDone) {
        this.alreadyDone = Objects.requireNonNull(alreadyDone);
    }

    public Outcome add(Detection d, Instant receivedAt) {
        received++;
        TrackletKey key = d.key();
        if (recentlyCompleted.containsKey(key) || alreadyDone.test(key)) {
            pending.remove(key); // completed elsewhere meanwhile: what is held here is a copy
            duplicates++;
            return new Outcome(Kind.DUPLICATE, key, null, "tracklet already completed");
        }
        Pending p = pending.get(key);
        if (p == null) {
            p = new Pending(d.detCount(), receivedAt);
            pending.put(key, p);
        } else {
            if (p.detCount != d.detCount()) {
                inconsistent++;
                return new Outcome(Kind.INCONSISTENT, key, null, "det_count " + d.detCount()
                        + " differs from the " + p.detCount + " of the detections held");
            }
            Detection held = p.byIndex.get(d.detIndex());
            if (held != null) {
                if (held.sameMeasurement(d)) {
                    duplicates++;
                    return new Outcome(Kind.DUPLICATE, key, null, "det_index " + d.detIndex() + " already held");
                }
                inconsistent++;
                return new Outcome(Kind.INCONSISTENT, key, null,
                        "det_index " + d.detIndex() + " already held with different content");
            }
        }
        p.byIndex.put(d.detIndex(), d);
        p.lastReceivedAt = receivedAt;
        if (p.byIndex.size() < p.detCount) {
            return new Outcome(Kind.ACCEPTED, key, null, null);
        }
        // detCount distinct indexes, each < detCount: exactly 0..detCount-1
        pending.remove(key);
        recentlyCompleted.put(key, Boolean.TRUE);
        completed++;
        return new Outcome(Kind.COMPLETED, key, new Tracklet(key, List.copyOf(p.byIndex.values())), null);
    }

    /** Incomplete tracklets whose first detection was received before {@code now - holdTime}; still held. */
    public List<IncompleteTracklet> overdue(Instant now, Duration holdTime) {
        Instant limit = now.minus(holdTime);
        return pending.entrySet().stream().filter(e -> e.getValue().firstReceivedAt.isBefore(limit))
                .map(e -> e.getValue().view(e.getKey()))
                .sorted(Comparator.comparing(IncompleteTracklet::firstReceivedAt)).toList();
    }

    /** All incomplete tracklets, oldest first. */
    public List<IncompleteTracklet> held() {
        return pending.entrySet().stream().map(e -> e.getValue().view(e.getKey()))
                .sorted(Comparator.comparing(IncompleteTracklet::firstReceivedAt)).toList();
    }

    public long received() {
        return received;
    }

    public long duplicates() {
        return duplicates;
    }

    public long inconsistent() {
        return inconsistent;
    }

    public long completed() {
        return completed;
    }

    private static final class Pending {
        final int detCount;
        final Instant firstReceivedAt;
        Instant lastReceivedAt;
        final TreeMap<Integer, Detection> byIndex = new TreeMap<>();

        Pending(int detCount, Instant firstReceivedAt) {
            this.detCount = detCount;
            this.firstReceivedAt = firstReceivedAt;
            this.lastReceivedAt = firstReceivedAt;
        }

        IncompleteTracklet view(TrackletKey key) {
            List<Integer> missing = new ArrayList<>();
            for (int i = 0; i < detCount; i++) {
                if (!byIndex.containsKey(i)) {
                    missing.add(i);
                }
            }
            return new IncompleteTracklet(key, detCount, List.copyOf(byIndex.values()), missing, firstReceivedAt,
                    lastReceivedAt);
        }
    }
}
