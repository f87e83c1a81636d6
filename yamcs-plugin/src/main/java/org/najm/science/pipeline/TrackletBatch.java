package org.najm.science.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.najm.science.Tracklet;

/**
 * Complete tracklets waiting to leave together in one submission: when there are {@code maxTracklets} of them,
 * or when the first is {@code maxAge} old. Not thread-safe: the pipeline's lock guards it.
 */
final class TrackletBatch {

    private final int maxTracklets;
    private final Duration maxAge;
    private final List<Tracklet> tracklets = new ArrayList<>();
    private Instant started;

    TrackletBatch(int maxTracklets, Duration maxAge) {
        this.maxTracklets = maxTracklets;
        this.maxAge = maxAge;
    }

    /** @return whether the batch is now full */
    boolean add(Tracklet tracklet, Instant now) {
        tracklets.add(tracklet);
        if (started == null) {
            started = now;
        }
        return tracklets.size() >= maxTracklets;
    }

    /** Whether the first tracklet has waited its maximum age. */
    boolean due(Instant now) {
        return started != null && Duration.between(started, now).compareTo(maxAge) >= 0;
    }

    boolean isEmpty() {
        return tracklets.isEmpty();
    }

    /** The tracklets, leaving the batch empty. */
    List<Tracklet> take() {
        List<Tracklet> out = List.copyOf(tracklets);
        tracklets.clear();
        started = null;
        return out;
    }
}
