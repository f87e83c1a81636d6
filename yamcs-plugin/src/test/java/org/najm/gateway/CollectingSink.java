package org.najm.gateway;

import java.util.ArrayList;
import java.util.List;

/** A spacecraft's TM link as the router sees it: takes frames, or refuses them with a reason. */
final class CollectingSink implements FrameSink {

    final List<ReceivedFrame> frames = new ArrayList<>();
    FrameDropReason refusal;

    @Override
    public FrameDropReason offer(ReceivedFrame frame) {
        if (refusal != null) {
            return refusal;
        }
        frames.add(frame);
        return null;
    }
}
