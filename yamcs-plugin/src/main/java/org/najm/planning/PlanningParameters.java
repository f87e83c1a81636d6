package org.najm.planning;

import java.time.Duration;

/**
 * Tunable planning rules. The antenna turnaround is not here: it is a property of the stations and
 * comes from the constellation.
 *
 * @param minimumContact  shortest contact worth planning (AWS-style minimum viable contact)
 * @param handoverAllowed whether a pass may be trimmed to continue, back to back, a contact of the same
 *                        spacecraft at another station; if false such an overlapping pass is rejected
 */
public record PlanningParameters(Duration minimumContact, boolean handoverAllowed) {

    public static final PlanningParameters DEFAULT = new PlanningParameters(Duration.ofMinutes(4), true);

    public PlanningParameters {
        if (minimumContact.isNegative() || minimumContact.isZero()) {
            throw new IllegalArgumentException("minimum contact must be positive, got " + minimumContact);
        }
    }

    public PlanningParameters withMinimumContact(Duration d) {
        return new PlanningParameters(d, handoverAllowed);
    }

    public PlanningParameters withHandoverAllowed(boolean allowed) {
        return new PlanningParameters(minimumContact, allowed);
    }
}
