package org.najm.planning;

/** Why a pass was not planned: the rule it would have broken. */
public enum RejectionReason {
    /** Spacecraft or station not in the constellation. */
    NOT_IN_CONSTELLATION,
    /** The pass ended before the planning time, or too little of it is left after it. */
    IN_THE_PAST,
    /** The whole pass is shorter than the minimum useful contact. */
    TOO_SHORT,
    /** The same spacecraft over the same station is already served by a locked contact. */
    ALREADY_LOCKED,
    /** The station is out of service for (enough of) the pass. */
    STATION_UNAVAILABLE,
    /** The antenna is busy with another contact, or in its turnaround, for (enough of) the pass. */
    ANTENNA_CONFLICT,
    /** The spacecraft is in contact with another station for (enough of) the pass. */
    SPACECRAFT_ALREADY_SERVED
}
