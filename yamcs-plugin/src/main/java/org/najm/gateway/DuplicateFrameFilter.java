package org.najm.gateway;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Recognises a frame already received through another station during overlapping passes.
 *
 * <p>The key is the frame's counters (master and virtual channel frame counts, which wrap every
 * 256 frames) plus a hash of its whole content, remembered for the last {@code window} frames:
 * the same counters 256 frames later only collide if the 32-bit content hash collides too.
 * Not thread-safe: one filter per spacecraft, used by its link thread.
 */
final class DuplicateFrameFilter {

    private final int window;
    private final Set<Long> seen = new HashSet<>();
    private final ArrayDeque<Long> order = new ArrayDeque<>();

    DuplicateFrameFilter(int window) {
        this.window = window;
    }

    /** @return true if this frame is new (and remembers it), false if it is a duplicate */
    boolean firstTime(byte[] frame) {
        long counters = ((frame[1] & 0x0EL) << 16) | ((frame[2] & 0xFFL) << 8) | (frame[3] & 0xFFL);
        long key = (counters << 32) | (Arrays.hashCode(frame) & 0xFFFFFFFFL);
        if (!seen.add(key)) {
            return false;
        }
        order.addLast(key);
        if (order.size() > window) {
            seen.remove(order.removeFirst());
        }
        return true;
    }
}
