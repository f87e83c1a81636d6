package org.najm.science;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The detections of one tracklet, sorted by det_index. A tracklet made by
 * {@link TrackletAssembler} is complete: det_count detections with indexes 0..det_count-1.
 */
public record Tracklet(TrackletKey key, List<Detection> detections) {

    public Tracklet {
        Objects.requireNonNull(key, "key");
        if (detections.isEmpty()) {
            throw new IllegalArgumentException(key + ": a tracklet has at least one detection");
        }
        for (Detection d : detections) {
            if (!d.key().equals(key)) {
                throw new IllegalArgumentException(key + ": detection of " + d.key() + " does not belong here");
            }
        }
        detections = detections.stream().sorted(Comparator.comparingInt(Detection::detIndex)).toList();
    }

    public String spacecraft() {
        return key.spacecraft();
    }

    /** det_count, det_index 0..det_count-1 each present once. */
    public boolean isComplete() {
        int n = detections.get(0).detCount();
        if (detections.size() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (detections.get(i).detIndex() != i || detections.get(i).detCount() != n) {
                return false;
            }
        }
        return true;
    }
}
