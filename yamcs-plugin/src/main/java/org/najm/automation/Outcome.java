package org.najm.automation;

import org.yamcs.protobuf.Event.EventSeverity;

/** How a contact went, as its report and its timeline item say. */
enum Outcome {
    /** Everything unconfirmed at AOS was played back, confirmed and freed onboard. */
    COMPLETE(EventSeverity.INFO),
    /** Some was done; the reason says what is left for the next contact, and why. */
    PARTIAL(EventSeverity.WARNING),
    /** The spacecraft was heard, but nothing could be confirmed. */
    FAILED(EventSeverity.ERROR),
    /** No frames through the planned station within the planned window. */
    MISSED(EventSeverity.WARNING),
    /** Deliberately not executed: paused, SAFE mode, or an operator in charge. */
    SKIPPED(EventSeverity.INFO);

    final EventSeverity severity;

    Outcome(EventSeverity severity) {
        this.severity = severity;
    }
}
