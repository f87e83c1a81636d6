package org.najm.science.pipeline;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import org.najm.science.Tracklet;
import org.najm.science.TrackletKey;
import org.najm.science.ades.TrkSub;
import org.najm.science.neo.NeoAssessment;
import org.najm.science.neo.OrbitClass;

/**
 * What the MOC keeps of one complete tracklet beside its detections: its NEO score and class and the lane it
 * left by. Stored as one line of the outbox's {@code .tracklets} file of the submission that carries it, so it
 * survives a restart with the submission.
 *
 * @param score     NEO score 0-100, NaN if the motion could not be fitted
 * @param completed when the MOC had the tracklet complete (wall clock): the start of its ground latency
 */
record TrackletRecord(TrackletKey key, String trkSub, Instant firstObs, Instant lastObs, double score,
        OrbitClass orbitClass, Lane lane, Instant completed) {

    /** How a tracklet left for the archive. */
    enum Lane {
        /** In a batch of tracklets. */
        BATCH,
        /** Alone and at once: its NEO score reached the fast-lane threshold. */
        FAST,
        /** Again, by an operator's re-delivery. */
        REDELIVERY
    }

    TrackletRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(orbitClass, "orbitClass");
        Objects.requireNonNull(lane, "lane");
    }

    static TrackletRecord of(Tracklet t, NeoAssessment a, Lane lane, Instant completed) {
        return new TrackletRecord(t.key(), TrkSub.of(t.key()), t.detections().get(0).obsTime(),
                t.detections().get(t.detections().size() - 1).obsTime(), a == null ? Double.NaN : a.score(),
                a == null ? OrbitClass.UNKNOWN : a.orbitClass(), lane, completed);
    }

    TrackletRecord withLane(Lane l) {
        return new TrackletRecord(key, trkSub, firstObs, lastObs, score, orbitClass, l, completed);
    }

    boolean scored() {
        return !Double.isNaN(score);
    }

    /** One line, tab-separated: key, trkSub, first and last observation, score, class, lane, completed. */
    String line() {
        return String.join("\t", key.toString(), trkSub, firstObs.toString(), lastObs.toString(),
                scored() ? String.format(Locale.ROOT, "%.3f", score) : "-", orbitClass.name(), lane.name(),
                completed.toString());
    }

    /** @throws IllegalArgumentException if the line is not one {@link #line()} writes */
    static TrackletRecord parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 8) {
            throw new IllegalArgumentException("not a tracklet record (8 tab-separated fields): '" + line + "'");
        }
        try {
            return new TrackletRecord(TrackletKey.parse(f[0]), f[1], Instant.parse(f[2]), Instant.parse(f[3]),
                    f[4].equals("-") ? Double.NaN : Double.parseDouble(f[4]), OrbitClass.valueOf(f[5]),
                    Lane.valueOf(f[6]), Instant.parse(f[7]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a tracklet record: '" + line + "': " + e.getMessage(), e);
        }
    }
}
