package org.najm.accountability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The age of the oldest item between two cumulative counts, e.g. detections received on ground
 * but not yet in ADES: it remembers when the upstream count first reached each value, and the
 * oldest item still outstanding is the first one downstream has not reached. Exact to the times
 * it is fed at.
 */
final class Backlog {

    /** (upstream count reached, when): increasing counts. */
    private record Mark(long count, Instant at) {
    }

    private final Deque<Mark> marks = new ArrayDeque<>();
    private long lastUpstream;

    /** Feeds the two counts at {@code now}; downstream never exceeds upstream in a sane ledger. */
    synchronized void update(long upstream, long downstream, Instant now) {
        if (upstream > lastUpstream) {
            marks.addLast(new Mark(upstream, now));
            lastUpstream = upstream;
        }
        while (!marks.isEmpty() && marks.peekFirst().count() <= downstream) {
            marks.removeFirst();
        }
    }

    /** How long the oldest outstanding item has waited, or zero if nothing is outstanding. */
    synchronized Duration oldest(Instant now) {
        Mark first = marks.peekFirst();
        return first == null ? Duration.ZERO : Duration.between(first.at(), now);
    }
}
