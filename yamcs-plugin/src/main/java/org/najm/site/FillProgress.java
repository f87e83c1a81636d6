package org.najm.site;

import java.time.Instant;

/**
 * How far an instance's history (events and command history) has been filled back from the MOC: one value per
 * pass of {@link MocHistoryFill}, immutable, so the API reads a consistent one.
 *
 * @param filledUntil mission time up to which this site holds the MOC's events and commands (null before the first
 *        pass)
 * @param events events copied from the MOC since this server started (those this site did not have)
 * @param commands commands of the MOC's command history copied since this server started (new ones)
 * @param lastPass wall-clock time of the last pass (null before the first)
 * @param lastError why the last pass failed, or null
 * @param filling true while a pass is copying (after each page of it, until it ends)
 */
record FillProgress(Instant filledUntil, long events, long commands, Instant lastPass, String lastError,
        boolean filling) {

    static final FillProgress NONE = new FillProgress(null, 0, 0, null, null, false);

    FillProgress passed(Instant until, long newEvents, long newCommands, Instant now) {
        return new FillProgress(until, events + newEvents, commands + newCommands, now, null, false);
    }

    FillProgress failed(String why, Instant now) {
        return new FillProgress(filledUntil, events, commands, now, why, false);
    }

    FillProgress underWay(long newEvents, long newCommands) {
        return new FillProgress(filledUntil, events + newEvents, commands + newCommands, lastPass, lastError, true);
    }
}
