package org.najm.science.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/** What happened to one spacecraft's science, from reception to the archive. */
final class SpacecraftCounters {
    final AtomicLong detectionsReceived = new AtomicLong();
    final AtomicLong detectionsDuplicate = new AtomicLong();
    final AtomicLong detectionsInconsistent = new AtomicLong();
    final AtomicLong detectionsUndecodable = new AtomicLong();
    final AtomicLong trackletsComplete = new AtomicLong();
    final AtomicLong trackletsDuplicate = new AtomicLong();
    final AtomicLong trackletsFastLane = new AtomicLong();
    final AtomicLong submissionsQueued = new AtomicLong();
    final AtomicLong submissionsDelivered = new AtomicLong();
    final AtomicLong submissionsInvalid = new AtomicLong();
}
