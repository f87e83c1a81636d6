package org.najm.science;

import java.time.Instant;
import java.util.List;

/**
 * A tracklet still waiting for detections, as the assembler holds it.
 *
 * @param key             the tracklet
 * @param detCount        detections expected
 * @param held            the detections received so far, by det_index
 * @param missing         det_index values not yet received
 * @param firstReceivedAt when its first detection reached the ground
 * @param lastReceivedAt  when its latest new detection reached the ground
 */
public record IncompleteTracklet(TrackletKey key, int detCount, List<Detection> held, List<Integer> missing,
        Instant firstReceivedAt, Instant lastReceivedAt) {

    public IncompleteTracklet {
        held = List.copyOf(held);
        missing = List.copyOf(missing);
    }
}
