package org.najm.planning;

import java.util.Objects;

import org.najm.passes.Pass;

/**
 * A pass that the plan does not use, with the rule that stopped it and a sentence for operators
 * that names the conflicting contact or window.
 */
public record Rejection(Pass pass, RejectionReason reason, String message) {

    public Rejection {
        Objects.requireNonNull(pass, "pass");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return pass.spacecraft() + " over " + pass.station() + " " + Texts.span(pass.aos(), pass.los()) + ": "
                + reason + " - " + message;
    }
}
