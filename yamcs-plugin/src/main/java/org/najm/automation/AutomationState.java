package org.najm.automation;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What the automation of one spacecraft must not forget across a restart: per store what the ground
 * confirmed and what it freed onboard (the ledger), whether an operator paused it, the last contact it
 * reported and the contacts it expects (to report those missed while the MOC was down).
 *
 * @param since     onboard GPS second the ledger was started: the span assumed for a store nothing was
 *                  confirmed of yet
 * @param pause     who paused it and when, or null while it runs
 * @param lastDone  planned AOS of the last contact reported, or null
 * @param executing planned AOS of the contact being executed and not yet reported, or null: after a restart,
 *                  the contact the MOC went down in
 */
record AutomationState(String spacecraft, long since, StoreLedger hk, StoreLedger science, Pause pause,
        Instant lastDone, List<ExpectedContact> expected, Instant executing) {

    /**
     * One store's ledger, in onboard GPS whole seconds (-1: nothing yet).
     *
     * @param confirmedUpTo the ground holds everything recorded up to this second (archive included)
     * @param deletedUpTo   DELETE_STORE freed up to this second; never beyond confirmedUpTo
     * @param nextSeq       SCI_DETECTION sequence count expected after confirmedUpTo (-1: unknown)
     */
    record StoreLedger(long confirmedUpTo, long deletedUpTo, int nextSeq) {

        static final StoreLedger NONE = new StoreLedger(-1, -1, -1);

        StoreLedger {
            if (deletedUpTo > confirmedUpTo) {
                throw new IllegalArgumentException("deleted up to " + deletedUpTo + " is beyond confirmed up to "
                        + confirmedUpTo);
            }
        }

        StoreLedger confirmed(long upTo, int seq) {
            return new StoreLedger(Math.max(confirmedUpTo, upTo), deletedUpTo, seq);
        }

        StoreLedger deleted(long upTo) {
            return new StoreLedger(confirmedUpTo, Math.max(deletedUpTo, upTo), nextSeq);
        }
    }

    /** Paused by an operator of the partner. */
    record Pause(String by, Instant since) {
    }

    /** A planned contact the automation expects to execute. */
    record ExpectedContact(String station, Instant start, Instant end) {
    }

    AutomationState {
        Objects.requireNonNull(hk, "hk");
        Objects.requireNonNull(science, "science");
        expected = List.copyOf(expected);
    }

    static AutomationState fresh(String spacecraft, long since) {
        return new AutomationState(spacecraft, since, StoreLedger.NONE, StoreLedger.NONE, null, null, List.of(), null);
    }

    /**
     * The expected contacts that ended by {@code t} and were never reported (after a restart: those that
     * ended while the MOC was not running), in order.
     */
    List<ExpectedContact> endedUnreported(Instant t) {
        return expected.stream().filter(e -> (lastDone == null || e.start().isAfter(lastDone)) && !e.end().isAfter(t))
                .sorted(Comparator.comparing(ExpectedContact::start)).toList();
    }

    StoreLedger ledger(Store s) {
        return s == Store.HK ? hk : science;
    }

    AutomationState with(Store s, StoreLedger l) {
        return s == Store.HK ? new AutomationState(spacecraft, since, l, science, pause, lastDone, expected, executing)
                : new AutomationState(spacecraft, since, hk, l, pause, lastDone, expected, executing);
    }

    AutomationState withPause(Pause p) {
        return new AutomationState(spacecraft, since, hk, science, p, lastDone, expected, executing);
    }

    /** The contact starting at {@code t} was reported: it is no longer the one being executed. */
    AutomationState withLastDone(Instant t) {
        return new AutomationState(spacecraft, since, hk, science, pause, t, expected,
                t.equals(executing) ? null : executing);
    }

    AutomationState withExecuting(Instant plannedAos) {
        return new AutomationState(spacecraft, since, hk, science, pause, lastDone, expected, plannedAos);
    }

    /** Whether the MOC was executing the contact of planned AOS {@code start} when it last stopped. */
    boolean wasExecuting(Instant start) {
        return start.equals(executing);
    }

    AutomationState withExpected(List<ExpectedContact> e) {
        return new AutomationState(spacecraft, since, hk, science, pause, lastDone, e, executing);
    }
}
